package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The decoder against random input: random well-formed responses (decoded as generated, in any
 * split), the same mutated and truncated, random chunk framing and plain noise. Every outcome is a
 * response or a WinHttpException, never another exception, a hang or memory beyond the limits; the
 * same bytes give the same outcome however they are split. Each case has its own seed, printed on
 * failure: {@code new Random(seed)} reproduces it.
 */
class ResponseDecoderFuzzTest {
    private static final long BASE_SEED = 0x9112_2022L;
    private static final Duration BUDGET = Duration.ofSeconds(30);

    /** 1 to 40 segments cut at random places. */
    private static List<ByteString> randomSplit(Random r, ByteString all) {
        int pieces = 1 + r.nextInt(Math.min(40, Math.max(1, all.length())));
        Set<Integer> cuts = new TreeSet<>();
        while (cuts.size() < pieces - 1) cuts.add(1 + r.nextInt(Math.max(1, all.length() - 1)));
        List<ByteString> out = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            if (cut <= at || cut >= all.length()) continue;
            out.add(all.slice(at, cut));
            at = cut;
        }
        out.add(all.drop(at));
        return out;
    }

    /** Decodes in one buffer and in several random splits; all must agree. Returns the one-buffer run. */
    private static Decoding decodeEverySplit(long seed, Random r, String verb, Limits limits, boolean eof, ByteString all) {
        return decodeEverySplit(seed, r, verb, limits, eof, all, 6);
    }

    private static Decoding decodeEverySplit(long seed, Random r, String verb, Limits limits, boolean eof, ByteString all, int splits) {
        Decoding one = run(seed, verb, limits, eof, List.of(all));
        for (int k = 0; k < splits; k++) {
            Decoding split = run(seed, verb, limits, eof, randomSplit(r, all));
            assertEquals(one.describe(), split.describe(), "seed " + seed + ": a split changed the outcome");
        }
        return one;
    }

    /** One run; anything but a WinHttpException escaping it fails the test with the seed. */
    private static Decoding run(long seed, String verb, Limits limits, boolean eof, List<ByteString> segments) {
        Decoding d;
        try {
            d = Decoding.run(verb, limits, eof, segments);
        } catch (RuntimeException | Error e) {
            throw new AssertionError("seed " + seed + ": " + e, e);
        }
        assertTrue(d.decoder.lineCapacity() <= Math.max(256, limits.maxHeaderBytes()),
                "seed " + seed + ": holds " + d.decoder.lineCapacity() + " bytes");
        return d;
    }

    @Test
    void wellFormedResponsesDecodeAsGeneratedInAnySplit() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int c = 0; c < 600; c++) {
                long seed = BASE_SEED + c;
                Random r = new Random(seed);
                RandomResponses.Sample s = RandomResponses.next(r);
                Decoding d = decodeEverySplit(seed, r, s.verb(), Limits.DEFAULT, s.needsEof(), s.bytes());
                String at = "seed " + seed + "\n" + s.wire() + "\n" + d.describe();
                assertNull(d.failure, at);
                List<Integer> interims = new ArrayList<>();
                for (ResponsePart p : d.parts) if (p instanceof ResponsePart.Interim i) interims.add(i.status());
                assertEquals(s.interims(), interims, at);
                ResponsePart.Head h = d.head();
                assertEquals(s.statusLine(), h.statusLine(), at);
                assertEquals(s.status(), h.head().status(), at);
                assertEquals(s.reason(), h.head().reason(), at);
                assertEquals(s.headers(), h.head().headers().all(), at);
                assertEquals(s.headEnd() - s.headStart(), h.size(), at);
                assertEquals(s.framing(), h.framing().kind(), at);
                assertEquals(s.body(), d.body(), at);
                assertEquals(s.wire().substring(s.end()), d.after.decodeString(StandardCharsets.ISO_8859_1), at);
                if (s.framing() == Framing.Kind.TUNNEL) {
                    assertInstanceOf(ResponsePart.Upgraded.class, d.parts.get(d.parts.size() - 1), at);
                } else {
                    ResponsePart.End end = (ResponsePart.End) d.parts.get(d.parts.size() - 1);
                    assertEquals(s.trailers(), end.trailers().all(), at);
                }
            }
        });
    }

    /** Every prefix of a response, then FIN: the right error for where it was cut, after the data that came. */
    @Test
    void truncatedResponsesFailByWhereTheyWereCut() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int c = 0; c < 150; c++) {
                long seed = BASE_SEED + 10_000 + c;
                Random r = new Random(seed);
                RandomResponses.Sample s = RandomResponses.next(r);
                ByteString all = Decoding.bytes(s.wire().substring(0, s.end()));
                int step = Math.max(1, all.length() / 20);
                for (int cut = 0; cut <= all.length(); cut += 1 + r.nextInt(step)) {
                    Decoding d = decodeEverySplit(seed, r, s.verb(), Limits.DEFAULT, true, all.take(cut), 2);
                    String at = "seed " + seed + " cut " + cut + "\n" + s.wire() + "\n" + d.describe();
                    assertTrue(s.body().startsWith(d.body()), "only body bytes, in order: " + at);
                    if (cut == 0) {
                        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, d.error(), at);
                    } else if (cut < s.headEnd()) {
                        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, d.error(), at);
                    } else if (cut < s.end() && s.framing() != Framing.Kind.UNTIL_CLOSE) {
                        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, d.error(), at);
                    } else {
                        assertNull(d.failure, at);
                        if (s.framing() == Framing.Kind.UNTIL_CLOSE) assertEquals(s.body().substring(0, cut - s.headEnd()), d.body(), at);
                        else assertEquals(s.body(), d.body(), at);
                    }
                }
            }
        });
    }

    /** Responses with a few bytes changed, inserted, deleted or cut, against random small limits. */
    @Test
    void mutatedResponsesGiveAResponseOrAWinHttpError() {
        byte[] special = "\r\n :;0fF\t\u0000-,".getBytes(StandardCharsets.ISO_8859_1);
        assertTimeoutPreemptively(BUDGET, () -> {
            int failures = 0;
            for (int c = 0; c < 1500; c++) {
                long seed = BASE_SEED + 20_000 + c;
                Random r = new Random(seed);
                RandomResponses.Sample s = RandomResponses.next(r);
                byte[] b = s.wire().getBytes(StandardCharsets.ISO_8859_1);
                for (int m = 1 + r.nextInt(4); m > 0 && b.length > 0; m--) {
                    int at = r.nextInt(b.length);
                    byte v = r.nextBoolean() ? special[r.nextInt(special.length)] : (byte) r.nextInt(256);
                    switch (r.nextInt(4)) {
                        case 0 -> b[at] = v;
                        case 1 -> b = splice(b, at, 1, new byte[0]);
                        case 2 -> b = splice(b, at, 0, new byte[] {v});
                        default -> b = java.util.Arrays.copyOf(b, at);
                    }
                }
                Limits limits = r.nextBoolean() ? Limits.DEFAULT
                        : new Limits(20 + r.nextInt(2000), r.nextInt(12), 3 + r.nextInt(60));
                Decoding d = decodeEverySplit(seed, r, s.verb(), limits, r.nextBoolean(), ByteString.fromArray(b));
                if (d.failure != null) failures++;
            }
            assertTrue(failures > 300, "the mutations must reach the error paths: " + failures);
        });
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** Random chunk framing: sizes, extensions, whitespace and line ends drawn at random, then noise in it. */
    @Test
    void randomChunkFraming() {
        assertTimeoutPreemptively(BUDGET, () -> {
            String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
            String alphabet = "0123456789abcdefABCDEF;= \t\r\n\"xz";
            int ok = 0;
            for (int c = 0; c < 1500; c++) {
                long seed = BASE_SEED + 30_000 + c;
                Random r = new Random(seed);
                StringBuilder body = new StringBuilder();
                for (int n = r.nextInt(30); n > 0; n--) body.append(alphabet.charAt(r.nextInt(alphabet.length())));
                Decoding d = decodeEverySplit(seed, r, "GET", Limits.DEFAULT, r.nextBoolean(), Decoding.bytes(head + body));
                if (d.failure == null) ok++;
                else assertTrue(Set.of(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR,
                        WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW).contains(d.error()), "seed " + seed + ": " + d.describe());
            }
            assertTrue(ok > 0, "some random framing is valid");
        });
    }

    /** Plain noise, alone or after a status line. */
    @Test
    void noise() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int c = 0; c < 2000; c++) {
                long seed = BASE_SEED + 40_000 + c;
                Random r = new Random(seed);
                String prefix = r.nextBoolean() ? "" : "HTTP/1.1 200 OK\r\n";
                String noise = RandomResponses.bytes(r, r.nextInt(400));
                Limits limits = r.nextBoolean() ? Limits.DEFAULT : new Limits(1 + r.nextInt(300), r.nextInt(5), 1 + r.nextInt(20));
                decodeEverySplit(seed, r, "GET", limits, r.nextBoolean(), Decoding.bytes(prefix + noise));
            }
        });
    }
}
