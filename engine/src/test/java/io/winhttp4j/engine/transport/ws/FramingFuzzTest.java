package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The framing against random input. Well-formed streams give exactly their messages whatever the
 * split and the owner's buffer size; what the client encoder writes, read back by the decoder,
 * is what was sent; mutated streams and plain noise give events or one failure with a close
 * status, never another exception, the same whatever the split, in memory bounded by one read
 * plus a control body ({@link Received} checks the bound on every event). Each case has its own
 * seed, printed on failure: {@code new Random(seed)} reproduces it.
 */
class FramingFuzzTest {
    private static final long BASE_SEED = 0x6455_2011L;
    private static final Duration BUDGET = Duration.ofSeconds(20);

    /** One decode; anything but an assertion escaping it fails the test with the seed. */
    private static Received decode(long seed, long limit, int max, List<ByteString> segments) {
        try {
            return Received.of(new MessageDecoder(limit), max, segments);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e, e);
        }
    }

    @Test
    void wellFormedStreamsGiveTheirMessagesInAnySplitAndBufferSize() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int c = 0; c < 500; c++) {
                long seed = BASE_SEED + c;
                Random r = new Random(seed);
                RandomStreams.Sample s = RandomStreams.next(r);
                String at = "seed " + seed + ": " + s.described();
                Received one = decode(seed, Long.MAX_VALUE, Integer.MAX_VALUE, List.of(s.wire()));
                assertEquals(s.expected(), one.summary, at);
                assertNull(one.failure, at);
                for (int k = 0; k < 4; k++) {
                    int max = RandomStreams.randomMax(r);
                    Received split = decode(seed, Long.MAX_VALUE, max, RandomStreams.randomSplit(r, s.wire()));
                    assertEquals(s.expected(), split.summary, at + ", max " + max);
                }
            }
        });
    }

    @Test
    void whatTheEncoderWritesTheDecoderReadsBack() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int c = 0; c < 300; c++) {
                long seed = BASE_SEED + 10_000 + c;
                Random r = new Random(seed);
                FrameEncoder encoder = new FrameEncoder();
                ByteString wire = ByteString.emptyByteString();
                List<String> expected = new ArrayList<>();
                int frames = 0;
                SendState state = SendState.IDLE;
                int messages = r.nextInt(6);
                for (int m = 0; m < messages; m++) {
                    RandomStreams.Message msg = RandomStreams.message(r);
                    int from = 0;
                    int[] cuts = Arrays.copyOf(msg.cuts(), msg.cuts().length + 1);
                    cuts[cuts.length - 1] = msg.payload().length;
                    for (int k = 0; k < cuts.length; k++) {
                        boolean last = k == cuts.length - 1;
                        SendState.Step step = state.send(RandomStreams.messageType(msg.text(), last));
                        wire = wire.concat(encoder.data(step, msg.payload(), from, cuts[k] - from));
                        frames++;
                        state = step.next();
                        from = cuts[k];
                        if (!last && r.nextInt(5) == 0) {
                            byte[] p = RandomStreams.bytes(r, r.nextInt(126));
                            wire = wire.concat(encoder.pong(ByteString.fromArrayUnsafe(p)));
                            frames++;
                            expected.add("pong " + Received.hex(p));
                        }
                    }
                    assertEquals(SendState.IDLE, state, "seed " + seed);
                    expected.add((msg.text() ? "text " : "binary ") + Received.hex(msg.payload()));
                }
                if (r.nextBoolean()) {
                    int status = RandomStreams.validStatus(r);
                    byte[] reason = RandomStreams.utf8Text(r, r.nextInt(60), 123);
                    wire = wire.concat(encoder.close(status, reason));
                    frames++;
                    expected.add("close " + status + " " + Received.hex(reason));
                }
                wire = wire.compact();
                List<ClientFrames.Frame> sent = ClientFrames.parse(wire);
                assertEquals(frames, sent.size(), "seed " + seed);
                for (ClientFrames.Frame f : sent) {
                    assertTrue(f.masked(), "seed " + seed + ": an unmasked client frame");
                    assertEquals(0, f.rsv(), "seed " + seed);
                    if (Opcode.isControl(f.opcode())) assertTrue(f.fin() && f.payload().length <= 125, "seed " + seed);
                }
                ByteString serverView = ClientFrames.asServerFrames(wire);
                for (int k = 0; k < 3; k++) {
                    int max = RandomStreams.randomMax(r);
                    Received got = decode(seed, Long.MAX_VALUE, max, RandomStreams.randomSplit(r, serverView));
                    assertEquals(expected, got.summary, "seed " + seed + ", max " + max);
                }
            }
        });
    }

    @Test
    void mutatedStreamsGiveEventsOrAFailureTheSameInAnySplit() {
        assertTimeoutPreemptively(BUDGET, () -> {
            int failures = 0;
            for (int c = 0; c < 1500; c++) {
                long seed = BASE_SEED + 20_000 + c;
                Random r = new Random(seed);
                byte[] b = RandomStreams.next(r).wire().toArray();
                if (b.length == 0) continue;
                int mutations = 1 + r.nextInt(3);
                for (int m = 0; m < mutations && b.length > 0; m++) b = mutate(r, b);
                failures += sameOutcomeEverySplit(seed, r, ByteString.fromArrayUnsafe(b));
            }
            assertTrue(failures > 300, "the mutations reach the failure paths: " + failures + " failed");
        });
    }

    @Test
    void noiseGivesEventsOrAFailureTheSameInAnySplit() {
        assertTimeoutPreemptively(BUDGET, () -> {
            int[] byStatus = new int[1010 - 1000 + 1];
            for (int c = 0; c < 3000; c++) {
                long seed = BASE_SEED + 40_000 + c;
                Random r = new Random(seed);
                byte[] b = RandomStreams.bytes(r, 1 + r.nextInt(300));
                // mostly plausible first bytes, so that the noise gets past the first header
                if (r.nextBoolean()) b[0] = (byte) (new int[] {0x81, 0x82, 0x01, 0x02, 0x88, 0x89, 0x8A, 0x00, 0x80}[r.nextInt(9)]);
                if (b.length > 1 && r.nextBoolean()) b[1] = (byte) (b[1] & 0x7F);
                Received one = outcome(seed, r, ByteString.fromArrayUnsafe(b));
                if (one.failure != null) byStatus[one.failure.closeStatus() - 1000]++;
            }
            assertTrue(byStatus[2] > 0 && byStatus[7] > 0 && byStatus[9] > 0,
                    "1002, 1007 and 1009 all reached: " + Arrays.toString(byStatus));
        });
    }

    /** Decodes in one buffer and in random splits with random buffers; 1 if it failed. */
    private static int sameOutcomeEverySplit(long seed, Random r, ByteString wire) {
        return outcome(seed, r, wire).failure == null ? 0 : 1;
    }

    private static Received outcome(long seed, Random r, ByteString wire) {
        long limit = r.nextInt(3) == 0 ? r.nextInt(500) : Long.MAX_VALUE;
        Received one = decode(seed, limit, Integer.MAX_VALUE, List.of(wire));
        for (int k = 0; k < 3; k++) {
            int max = RandomStreams.randomMax(r);
            Received split = decode(seed, limit, max, RandomStreams.randomSplit(r, wire));
            assertEquals(one.summary, split.summary, "seed " + seed + ", limit " + limit + ", max " + max + ": a split changed the outcome");
        }
        return one;
    }

    private static byte[] mutate(Random r, byte[] b) {
        int at = r.nextInt(b.length);
        switch (r.nextInt(5)) {
            case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> b[at] = (byte) r.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, at);
            case 3 -> {
                byte[] shorter = new byte[b.length - 1];
                System.arraycopy(b, 0, shorter, 0, at);
                System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                b = shorter;
            }
            default -> {
                byte[] longer = new byte[b.length + 1];
                System.arraycopy(b, 0, longer, 0, at);
                longer[at] = (byte) r.nextInt(256);
                System.arraycopy(b, at, longer, at + 1, b.length - at);
                b = longer;
            }
        }
        return b;
    }
}
