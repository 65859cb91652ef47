package io.winhttp4j.engine.transport.ws;

import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Masking keys for one connection's frames, each fresh and unpredictable.
 *
 * <p>RFC 6455 10.3 wants a key that cannot be predicted from the frames before it, which rules
 * out a plain seeded PRNG (SplittableRandom's state can be recovered from a few outputs, and on
 * ws:// every key is visible on the wire). Calling SecureRandom per frame would meet the rule but
 * costs a lock and often a system call per frame, shared by every connection. So each connection
 * keys its own ChaCha20 stream from SecureRandom once (44 bytes) and takes keys from its
 * keystream, 256 keys per refill of about a microsecond: a CSPRNG seeded from SecureRandom, with
 * nothing shared between connections. The stream is re-keyed from SecureRandom long before the
 * cipher's 32-bit block counter could run out.
 *
 * <p>Not thread-safe: it belongs to the connection's encoder.
 */
final class MaskKeys implements IntSupplier {
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int BLOCK = 1024;
    /** 2^24 refills of 16 ChaCha20 blocks each: 2^28 blocks, a sixteenth of the counter's range. */
    private static final long REFILLS_PER_KEY = 1L << 24;

    private final byte[] stream = new byte[BLOCK];
    private final long refillsPerKey;
    private Cipher cipher;
    private long refills;
    private int next = BLOCK;
    private int rekeys;

    MaskKeys() {
        this(REFILLS_PER_KEY);
    }

    /** With a shorter key life, so that a test can see a re-key. */
    MaskKeys(long refillsPerKey) {
        this.refillsPerKey = refillsPerKey;
        rekey();
    }

    @Override
    public int getAsInt() {
        if (next == BLOCK) refill();
        int key = (int) INTS.get(stream, next);
        next += 4;
        return key;
    }

    /** How many times the stream was keyed after the first: for the test of the re-key. */
    int rekeys() {
        return rekeys;
    }

    private void refill() {
        if (refills == refillsPerKey) {
            rekey();
            rekeys++;
        }
        refills++;
        // the keystream is the cipher applied to zeros; in place, which Cipher allows
        Arrays.fill(stream, (byte) 0);
        try {
            cipher.update(stream, 0, BLOCK, stream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 failed on a buffer of the right size", e);
        }
        next = 0;
    }

    private void rekey() {
        byte[] seed = new byte[32 + 12];
        SEEDS.nextBytes(seed);
        try {
            Cipher c = Cipher.getInstance("ChaCha20");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, 0, 32, "ChaCha20"),
                    new ChaCha20ParameterSpec(Arrays.copyOfRange(seed, 32, 44), 1));
            cipher = c;
        } catch (GeneralSecurityException e) {
            // every Java 17 runtime has ChaCha20 (SunJCE); without it no frame can be masked safely
            throw new IllegalStateException("ChaCha20 is not available to mask WebSocket frames", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
        refills = 0;
    }
}
