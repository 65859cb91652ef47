package io.winhttp4j.engine.transport.ws;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The UTF-8 rules text messages and close reasons are held to: table 3-7 of the Unicode
 * standard, checked in one run and split at every byte position, and against the JDK's strict
 * decoder on random input.
 */
class Utf8ValidatorTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    /** -1 valid and complete, -2 valid but ends inside a code point, else the first bad index. */
    private static int check(byte[] b, int... cuts) {
        Utf8Validator v = new Utf8Validator();
        ByteBuffer in = ByteBuffer.wrap(b);
        int from = 0;
        for (int cut : cuts) {
            int bad = v.scan(in, from, cut);
            if (bad >= 0) return bad;
            from = cut;
        }
        int bad = v.scan(in, from, b.length);
        if (bad >= 0) return bad;
        return v.complete() ? -1 : -2;
    }

    /** The same outcome in one run and split into two runs at every position. */
    private static int checkEverySplit(byte[] b) {
        int whole = check(b);
        for (int cut = 0; cut <= b.length; cut++) {
            assertEquals(whole, check(b, cut), HexFormat.of().formatHex(b) + " cut at " + cut);
        }
        for (int cut = 1; cut < b.length; cut++) {
            assertEquals(whole, check(b, cut - 1, cut), HexFormat.of().formatHex(b) + " one byte alone at " + (cut - 1));
        }
        return whole;
    }

    @Test
    void everyBoundaryCodePointIsValid() {
        int[] points = {0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xCFFF, 0xD000, 0xD7FF, 0xE000,
                0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};
        for (int cp : points) {
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, checkEverySplit(b), "U+" + Integer.toHexString(cp));
        }
        assertEquals(-1, check(new byte[0]));
        assertEquals(-1, checkEverySplit("κόσμε, 𝄞 and ASCII past eight bytes".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void overlongFormsAreRefusedAtTheirFirstImpossibleByte() {
        assertEquals(0, checkEverySplit(hex("C0 80")), "C0 is always overlong");
        assertEquals(0, checkEverySplit(hex("C1 BF")), "C1 is always overlong");
        assertEquals(1, checkEverySplit(hex("E0 80 80")), "U+0000 in three bytes");
        assertEquals(1, checkEverySplit(hex("E0 9F BF")), "U+07FF in three bytes");
        assertEquals(1, checkEverySplit(hex("F0 80 80 80")), "U+0000 in four bytes");
        assertEquals(1, checkEverySplit(hex("F0 8F BF BF")), "U+FFFF in four bytes");
        assertEquals(-1, checkEverySplit(hex("E0 A0 80")), "U+0800, the first three-byte code point");
        assertEquals(-1, checkEverySplit(hex("F0 90 80 80")), "U+10000, the first four-byte code point");
    }

    @Test
    void encodedSurrogatesAreRefused() {
        assertEquals(1, checkEverySplit(hex("ED A0 80")), "U+D800");
        assertEquals(1, checkEverySplit(hex("ED AD BF")), "U+DB7F");
        assertEquals(1, checkEverySplit(hex("ED B0 80")), "U+DC00");
        assertEquals(1, checkEverySplit(hex("ED BF BF")), "U+DFFF");
        assertEquals(1, checkEverySplit(hex("ED A0 80 ED B0 80")), "a surrogate pair, CESU-8 style");
        assertEquals(-1, checkEverySplit(hex("ED 9F BF")), "U+D7FF, just below");
        assertEquals(-1, checkEverySplit(hex("EE 80 80")), "U+E000, just above");
    }

    @Test
    void codePointsPastU10FFFFAreRefused() {
        assertEquals(1, checkEverySplit(hex("F4 90 80 80")), "U+110000");
        assertEquals(-1, checkEverySplit(hex("F4 8F BF BF")), "U+10FFFF");
        for (int lead = 0xF5; lead <= 0xFF; lead++) {
            assertEquals(0, checkEverySplit(new byte[] {(byte) lead, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
                    "lead byte " + Integer.toHexString(lead));
        }
    }

    @Test
    void strayContinuationsAndMissingOnesAreRefused() {
        assertEquals(0, checkEverySplit(hex("80")));
        assertEquals(3, checkEverySplit(hex("41 42 43 BF")));
        assertEquals(1, checkEverySplit(hex("C3 41")), "a lead byte followed by ASCII");
        assertEquals(2, checkEverySplit(hex("E2 82 E2 82 AC")), "a new lead before the old code point ended");
        assertEquals(-1, checkEverySplit(hex("E2 82 AC")), "the euro sign");
    }

    @Test
    void truncatedCodePointsAreValidSoFarButIncomplete() {
        assertEquals(-2, checkEverySplit(hex("C3")));
        assertEquals(-2, checkEverySplit(hex("E2 82")));
        assertEquals(-2, checkEverySplit(hex("F0 9D 84")));
        assertEquals(-2, checkEverySplit(hex("41 42 43 44 45 46 47 48 F0")), "after an ASCII run");
    }

    @Test
    void resetForgetsAPartialCodePoint() {
        Utf8Validator v = new Utf8Validator();
        assertEquals(-1, v.scan(ByteBuffer.wrap(hex("E2 82")), 0, 2));
        assertFalse(v.complete());
        v.reset();
        assertTrue(v.complete());
        assertEquals(-1, v.scan(ByteBuffer.wrap(hex("41")), 0, 1));
        assertTrue(v.complete());
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        long base = 0x07F8_0001L;
        for (int c = 0; c < 20_000; c++) {
            long seed = base + c;
            Random r = new Random(seed);
            byte[] b = randomNearlyUtf8(r);
            boolean jdk = jdkAccepts(b);
            int ours = check(b);
            assertEquals(jdk, ours == -1, "seed " + seed + ": " + HexFormat.of().formatHex(b));
            if (b.length > 1) {
                int cut = r.nextInt(b.length);
                int split = check(b, cut);
                assertEquals(ours, split, "seed " + seed + " cut at " + cut);
            }
        }
    }

    /** Encoded code points from every range, sometimes with a byte changed, dropped or added. */
    private static byte[] randomNearlyUtf8(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int cp = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(0x80);
                case 1 -> 0x80 + r.nextInt(0x800 - 0x80);
                case 2 -> {
                    int v = 0x800 + r.nextInt(0x10000 - 0x800);
                    yield v >= 0xD800 && v <= 0xDFFF ? 0xFFFD : v;
                }
                default -> 0x10000 + r.nextInt(0x110000 - 0x10000);
            };
            sb.appendCodePoint(cp);
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        int mutations = r.nextInt(3);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) (0x80 + r.nextInt(0x80));
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            CharBuffer ignored = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
