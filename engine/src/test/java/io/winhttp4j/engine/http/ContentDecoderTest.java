package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.ContentDecoder.Coding;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ContentDecoder} against streams made by java.util.zip: round trips at every split of
 * the input, RFC 1952 header variants built by hand, several members, corrupt and truncated
 * streams, and a 1 GiB body decoded in 64 KiB pulls with bounded memory.
 */
class ContentDecoderTest {
    private static final byte[] TEXT = text(3000);

    // ---- encoders (the JDK's) ----------------------------------------------------------------

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** zlib-wrapped (RFC 1950) when wrapped, else raw deflate (RFC 1951). */
    static byte[] deflate(byte[] data, int level, int strategy, boolean wrapped) {
        Deflater d = new Deflater(level, !wrapped);
        d.setStrategy(strategy);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) { return deflate(data, 6, Deflater.DEFAULT_STRATEGY, true); }

    static byte[] raw(byte[] data) { return deflate(data, 6, Deflater.DEFAULT_STRATEGY, false); }

    static byte[] text(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < n; i++) b.append("line ").append(i).append(" of a body that compresses well\n");
        return b.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    // ---- driving the decoder as the request actor would ----------------------------------------

    /** Pushes the pieces one at a time, only when the decoder asks, and pulls maxOut at a time. */
    static byte[] decode(Coding coding, List<byte[]> pieces, int maxOut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ContentDecoder d = ContentDecoder.of(coding)) {
            int next = 0;
            boolean ended = false;
            while (true) {
                ByteString got = d.pull(maxOut);
                assertTrue(got.size() <= maxOut && got.size() <= ContentDecoder.MAX_PIECE, "pull returned " + got.size());
                if (!got.isEmpty()) {
                    out.writeBytes(got.toArray());
                    continue;
                }
                if (d.isDone()) break;
                assertTrue(d.needsInput(), "an empty pull of an unfinished stream means it needs input");
                if (next < pieces.size()) {
                    d.push(ByteString.fromArray(pieces.get(next++)));
                } else {
                    assertFalse(ended, "the input has ended, yet the decoder is neither done nor failed");
                    d.endOfInput();
                    ended = true;
                }
            }
            assertTrue(d.pull(maxOut).isEmpty(), "nothing after the end");
        }
        return out.toByteArray();
    }

    static byte[] decode(Coding coding, byte[] body, int maxOut) {
        return decode(coding, List.of(body), maxOut);
    }

    static List<byte[]> split(byte[] b, int... at) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int a : at) {
            pieces.add(Arrays.copyOfRange(b, from, a));
            from = a;
        }
        pieces.add(Arrays.copyOfRange(b, from, b.length));
        return pieces;
    }

    static List<byte[]> bytewise(byte[] b) {
        List<byte[]> pieces = new ArrayList<>();
        for (byte x : b) pieces.add(new byte[] {x});
        return pieces;
    }

    static WinHttpException corrupt(Coding coding, byte[] body) {
        WinHttpException e = assertThrows(WinHttpException.class, () -> decode(coding, body, 4096));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, e.error(), e.getMessage());
        return e;
    }

    // ---- round trips --------------------------------------------------------------------------

    @Test
    void everySplitOfTheInputDecodesTheSame() {
        record Form(String name, Coding coding, byte[] body) {}
        List<Form> forms = List.of(new Form("gzip", Coding.GZIP, gzip(TEXT)), new Form("zlib", Coding.DEFLATE, zlib(TEXT)),
                new Form("raw deflate", Coding.DEFLATE, raw(TEXT)));
        for (Form f : forms) {
            for (int i = 0; i <= f.body().length; i++) {
                assertArrayEquals(TEXT, decode(f.coding(), split(f.body(), i), 700), f.name() + " split at " + i);
            }
            for (int i = 0; i + 3 <= f.body().length; i += 7) {
                assertArrayEquals(TEXT, decode(f.coding(), split(f.body(), i, i + 1, i + 3), 1 + i % 100), f.name() + " split at " + i);
            }
        }
    }

    @Test
    void oneByteAtATimeInAndOut() {
        assertArrayEquals(TEXT, decode(Coding.GZIP, bytewise(gzip(TEXT)), 1));
        assertArrayEquals(TEXT, decode(Coding.DEFLATE, bytewise(zlib(TEXT)), 1));
        assertArrayEquals(TEXT, decode(Coding.DEFLATE, bytewise(raw(TEXT)), 1));
    }

    @Test
    void everyLevelAndStrategyOfTheJdksDeflater() {
        Random r = new Random(11);
        byte[] noise = new byte[70_000];
        r.nextBytes(noise);
        byte[] data = concat(text(200_000), noise, text(5000));
        for (int level : new int[] {0, 1, 6, 9}) {
            for (int strategy : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY}) {
                for (boolean wrapped : new boolean[] {true, false}) {
                    byte[] body = deflate(data, level, strategy, wrapped);
                    String what = "level " + level + " strategy " + strategy + (wrapped ? " zlib" : " raw");
                    assertArrayEquals(data, decode(Coding.DEFLATE, split(body, body.length / 3, body.length / 2), 65_536), what);
                }
            }
        }
        assertArrayEquals(data, decode(Coding.GZIP, split(gzip(data), 5, 10_000), 100_000), "a pull asks for more than a piece");
    }

    @Test
    void emptyBodies() {
        assertArrayEquals(new byte[0], decode(Coding.GZIP, new byte[0], 10), "no bytes at all");
        assertArrayEquals(new byte[0], decode(Coding.DEFLATE, new byte[0], 10), "no bytes at all");
        assertArrayEquals(new byte[0], decode(Coding.GZIP, gzip(new byte[0]), 10), "an empty member");
        assertArrayEquals(new byte[0], decode(Coding.DEFLATE, zlib(new byte[0]), 10));
        assertArrayEquals(new byte[0], decode(Coding.DEFLATE, raw(new byte[0]), 10));
        assertArrayEquals(new byte[0], decode(Coding.GZIP, List.of(new byte[0], new byte[0]), 10), "empty pieces");
    }

    // ---- gzip members and headers (RFC 1952) --------------------------------------------------

    @Test
    void severalMembersAreOneBody() {
        byte[] a = text(1000), b = "second".getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(gzip(a), gzip(new byte[0]), gzip(b), gzip(a));
        byte[] expected = concat(a, b, a);
        for (int i = 0; i <= body.length; i += 3) assertArrayEquals(expected, decode(Coding.GZIP, split(body, i), 333), "split at " + i);
        assertArrayEquals(expected, decode(Coding.GZIP, bytewise(body), 5));
    }

    /** A member with the header fields the flags ask for, around raw deflate data. */
    static byte[] member(int flags, byte[] extra, String fname, String comment, boolean goodHcrc, byte[] data) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, (byte) 255});
        if ((flags & 4) != 0) {
            h.write(extra.length & 0xff);
            h.write(extra.length >> 8);
            h.writeBytes(extra);
        }
        if ((flags & 8) != 0) {
            h.writeBytes(fname.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 16) != 0) {
            h.writeBytes(comment.getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 2) != 0) {
            CRC32 c = new CRC32();
            c.update(h.toByteArray());
            int v = (int) c.getValue() ^ (goodHcrc ? 0 : 1);
            h.write(v & 0xff);
            h.write((v >> 8) & 0xff);
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        return concat(h.toByteArray(), raw(data), le32(crc.getValue()), le32(data.length));
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    @Test
    void everyCombinationOfTheOptionalHeaderFields() {
        byte[] extra = new byte[300];
        new Random(3).nextBytes(extra);
        for (int flags = 0; flags < 32; flags++) {
            for (byte[] x : List.of(new byte[0], extra)) {
                byte[] body = member(flags, x, "name.txt", "a comment \u00e9", true, TEXT);
                assertArrayEquals(TEXT, decode(Coding.GZIP, body, 4096), "flags " + flags);
            }
        }
        byte[] all = member(2 | 4 | 8 | 16, extra, "n", "c", true, TEXT);
        for (int i = 0; i < 340; i++) assertArrayEquals(TEXT, decode(Coding.GZIP, split(all, i), 4096), "split at " + i);
        assertArrayEquals(TEXT, decode(Coding.GZIP, bytewise(all), 100));
    }

    @Test
    void aLongFileNameIsNotBuffered() {
        byte[] name = new byte[1 << 20];
        Arrays.fill(name, (byte) 'n');
        byte[] body = member(8, null, new String(name, StandardCharsets.ISO_8859_1), null, true, TEXT);
        try (ContentDecoder d = ContentDecoder.of(Coding.GZIP)) {
            d.push(ByteString.fromArray(body, 0, (1 << 20) - 5));
            assertTrue(d.pull(10).isEmpty());
            assertEquals(0, d.buffered(), "the name's bytes are consumed as they come, not kept");
            d.push(ByteString.fromArray(body, (1 << 20) - 5, body.length - (1 << 20) + 5));
            d.endOfInput();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteString p = d.pull(8192); !p.isEmpty(); p = d.pull(8192)) out.writeBytes(p.toArray());
            assertTrue(d.isDone());
            assertArrayEquals(TEXT, out.toByteArray());
        }
    }

    @Test
    void badHeadersAreRefused() {
        byte[] good = gzip(TEXT);
        assertTrue(corrupt(Coding.GZIP, member(2, null, null, null, false, TEXT)).getMessage().contains("header CRC"));
        byte[] magic = good.clone();
        magic[1] = (byte) 0x8c;
        assertTrue(corrupt(Coding.GZIP, magic).getMessage().contains("not gzip"));
        byte[] method = good.clone();
        method[2] = 7;
        corrupt(Coding.GZIP, method);
        for (int bit : new int[] {0x20, 0x40, 0x80}) {
            byte[] reserved = good.clone();
            reserved[3] |= (byte) bit;
            assertTrue(corrupt(Coding.GZIP, reserved).getMessage().contains("reserved"), "flag bit " + bit);
        }
        corrupt(Coding.GZIP, TEXT);
        corrupt(Coding.GZIP, zlib(TEXT));
    }

    @Test
    void theTrailerIsChecked() {
        byte[] crc = gzip(TEXT);
        crc[crc.length - 8] ^= 1;
        assertTrue(corrupt(Coding.GZIP, crc).getMessage().contains("CRC32"));
        byte[] size = gzip(TEXT);
        size[size.length - 1] ^= 1;
        assertTrue(corrupt(Coding.GZIP, size).getMessage().contains("size"));
    }

    // ---- truncated and corrupt ----------------------------------------------------------------

    @Test
    void everyTruncationIsAnError() {
        record Form(String name, Coding coding, byte[] body) {}
        for (Form f : List.of(new Form("gzip", Coding.GZIP, gzip(TEXT)), new Form("zlib", Coding.DEFLATE, zlib(TEXT)),
                new Form("raw", Coding.DEFLATE, raw(TEXT)), new Form("two members", Coding.GZIP, concat(gzip(TEXT), gzip(TEXT))))) {
            int whole = f.name().equals("two members") ? f.body().length / 2 : -1;
            for (int n = 1; n < f.body().length; n++) {
                if (n == whole || n == whole + 1) continue; // the first member alone is a whole body, a lone 0x1f after it is ignored
                byte[] cut = Arrays.copyOf(f.body(), n);
                WinHttpException e = assertThrows(WinHttpException.class, () -> decode(f.coding(), cut, 512), f.name() + " cut at " + n);
                assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, e.error());
            }
        }
    }

    @Test
    void corruptDeflateDataIsAnError() {
        corrupt(Coding.DEFLATE, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}); // block type 3 is invalid
        byte[] zlib = zlib(TEXT);
        zlib[zlib.length - 1] ^= 1;
        assertTrue(corrupt(Coding.DEFLATE, zlib).getMessage().contains("corrupt"), "Adler-32");
        byte[] dict = {0x78, (byte) 0xbb, 0, 0, 0, 1, 3, 0};
        assertTrue(corrupt(Coding.DEFLATE, dict).getMessage().contains("dictionary"));
        corrupt(Coding.DEFLATE, new byte[] {0x78});
    }

    @Test
    void aFailureStays() {
        byte[] crc = gzip(TEXT);
        crc[crc.length - 6] ^= 1;
        try (ContentDecoder d = ContentDecoder.of(Coding.GZIP)) {
            d.push(ByteString.fromArray(crc));
            d.endOfInput();
            WinHttpException first = assertThrows(WinHttpException.class, () -> {
                while (!d.pull(1 << 16).isEmpty()) { /* read to the trailer */ }
            });
            WinHttpException again = assertThrows(WinHttpException.class, () -> d.pull(10));
            assertEquals(first.error(), again.error());
            assertFalse(d.isDone());
        }
    }

    @Test
    void aPullAfterCloseIsTheCallersMistake() {
        ContentDecoder d = ContentDecoder.of(Coding.DEFLATE);
        d.push(ByteString.fromArray(zlib(TEXT)));
        assertFalse(d.pull(10).isEmpty());
        d.close();
        assertThrows(IllegalStateException.class, () -> d.pull(10));
        assertThrows(IllegalArgumentException.class, () -> ContentDecoder.of(Coding.GZIP).pull(0));
    }

    @Test
    void bytesAfterTheEndAreIgnored() {
        assertArrayEquals(TEXT, decode(Coding.GZIP, concat(gzip(TEXT), new byte[] {0, 0, '\n'}), 1000));
        assertArrayEquals(TEXT, decode(Coding.GZIP, concat(gzip(TEXT), new byte[] {0x1f}), 1000), "a lone 0x1f at the end");
        byte[] waits = concat(gzip(TEXT), new byte[] {0x1f, 0x00, 1, 2});
        assertArrayEquals(TEXT, decode(Coding.GZIP, split(waits, 1, waits.length - 3), 1000), "0x1f at a piece's end waits for the next byte");
        assertArrayEquals(TEXT, decode(Coding.DEFLATE, concat(zlib(TEXT), "junk".getBytes(StandardCharsets.US_ASCII)), 1000));
        assertArrayEquals(TEXT, decode(Coding.DEFLATE, concat(raw(TEXT), new byte[] {1, 2, 3}), 1000));
        corrupt(Coding.GZIP, concat(gzip(TEXT), new byte[] {0x1f, (byte) 0x8b, 8}));
    }

    // ---- memory ---------------------------------------------------------------------------------

    /**
     * 1 GiB of zeros in about 1 MiB of gzip (deflate cannot pack tighter than ~1032:1): one
     * 1 MiB segment compressed with a full flush, so copies of it can follow one another, then
     * the final block and the trailer. Pulled in 64 KiB pieces, the decoder never holds more than
     * the one piece pushed, and the heap after a collection does not grow.
     */
    @Test
    void aGibibyteBombIsPulledWithConstantMemory() {
        int segment = 1 << 20, copies = 1024;
        Deflater d = new Deflater(9, true);
        d.setInput(new byte[segment]);
        byte[] buf = new byte[1 << 16];
        int len = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        byte[] flushed = Arrays.copyOf(buf, len);
        d.finish();
        byte[] last = Arrays.copyOf(buf, d.deflate(buf));
        d.end();
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[segment];
        for (int i = 0; i < copies; i++) crc.update(zeros);
        byte[] head = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255};
        byte[] tail = concat(last, le32(crc.getValue()), le32((long) segment * copies));
        ByteString piece = ByteString.fromArray(flushed);
        assertTrue(flushed.length < 2048, "the segment is small: " + flushed.length);

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        long total = 0, checkpoint = 1L << 28;
        int pushed = 0;
        try (ContentDecoder dec = ContentDecoder.of(Coding.GZIP)) {
            dec.push(ByteString.fromArray(head));
            while (true) {
                ByteString out = dec.pull(64 * 1024);
                if (!out.isEmpty()) {
                    assertTrue(out.size() <= 64 * 1024);
                    if (out.apply(out.size() - 1) != 0) fail("a non-zero byte near " + total);
                    total += out.size();
                    if (total >= checkpoint) {
                        checkpoint += 1L << 28;
                        System.gc();
                        long used = rt.totalMemory() - rt.freeMemory();
                        assertTrue(used - baseline < 32L << 20, "heap grew by " + ((used - baseline) >> 20) + " MiB after " + (total >> 20) + " MiB");
                    }
                    continue;
                }
                if (dec.isDone()) break;
                assertTrue(dec.buffered() <= Math.max(tail.length, flushed.length), "held " + dec.buffered());
                if (pushed < copies) {
                    dec.push(piece);
                    pushed++;
                } else if (pushed == copies) {
                    dec.push(ByteString.fromArray(tail));
                    pushed++;
                } else {
                    dec.endOfInput();
                }
            }
        }
        assertEquals((long) segment * copies, total);
    }
}
