package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.ContentDecoder.Coding;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static io.winhttp4j.engine.http.ContentDecoderTest.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile compressed bodies: random bytes, and valid streams with bytes flipped, inserted or
 * cut, fed in random pieces and pulled in random sizes. Each gives a body or
 * ERROR_WINHTTP_INVALID_SERVER_RESPONSE, never another exception; no pull returns more than it
 * was asked for, and the decoder holds no more input than the piece it was last given (and the one byte a
 * two-byte decision may wait on). Each case
 * has its own seed (base + case number), printed in every failure.
 */
class ContentDecoderFuzzTest {
    private static final long BASE_SEED = 0xC0DE_0000L;
    private static final int CASES = 8000;
    /** Output beyond this is not pulled: a bomb is bounded by the pulls, and the test by this. */
    private static final long MAX_OUT = 8 << 20;

    static byte[] sample(Random r) {
        byte[] data = text(r.nextInt(5000));
        if (r.nextBoolean()) {
            byte[] noise = new byte[r.nextInt(2000)];
            r.nextBytes(noise);
            data = concat(data, noise);
        }
        return data;
    }

    static byte[] hostile(Random r, Coding coding) {
        if (r.nextInt(5) == 0) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            if (coding == Coding.GZIP && b.length > 3 && r.nextBoolean()) {
                b[0] = 0x1f;
                b[1] = (byte) 0x8b;
                b[2] = 8;
                b[3] &= 0x1f;
            }
            return b;
        }
        byte[] data = sample(r);
        byte[] b = switch (coding) {
            case GZIP -> r.nextInt(4) == 0 ? concat(gzip(data), gzip(sample(r))) : gzip(data);
            case DEFLATE -> r.nextBoolean() ? zlib(data) : raw(data);
        };
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits && b.length > 0; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                default -> {
                    int at = r.nextInt(b.length + 1);
                    byte[] junk = new byte[1 + r.nextInt(20)];
                    r.nextBytes(junk);
                    b = concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
                }
            }
        }
        return b;
    }

    @Test
    void hostileBodiesGiveABodyOrTheOneError() {
        int decoded = 0, refused = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Random r = new Random(seed);
            Coding coding = r.nextBoolean() ? Coding.GZIP : Coding.DEFLATE;
            byte[] body = hostile(r, coding);
            String msg = "seed " + seed + " (" + coding + ", " + body.length + " bytes)";
            try (ContentDecoder d = ContentDecoder.of(coding)) {
                int at = 0;
                long out = 0;
                boolean ended = false;
                while (out < MAX_OUT) {
                    int max = 1 + r.nextInt(r.nextBoolean() ? 16 : 100_000);
                    ByteString got = d.pull(max);
                    assertTrue(got.size() <= max, msg);
                    out += got.size();
                    if (!got.isEmpty()) continue;
                    if (d.isDone()) break;
                    assertTrue(d.needsInput(), msg);
                    assertFalse(ended, msg + ": ended, yet neither done nor failed");
                    if (at < body.length) {
                        int n = 1 + r.nextInt(Math.min(body.length - at, 1 + r.nextInt(600)));
                        d.push(ByteString.fromArray(body, at, n));
                        at += n;
                        assertTrue(d.buffered() <= n + 1, msg + ": holds " + d.buffered() + " after a piece of " + n);
                    } else {
                        d.endOfInput();
                        ended = true;
                    }
                }
                decoded++;
            } catch (WinHttpException e) {
                assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, e.error(), msg);
                refused++;
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(msg + ": " + e, e);
            }
        }
        assertTrue(decoded > CASES / 20 && refused > CASES / 4, decoded + " decoded, " + refused + " refused: the cases test both");
    }
}
