package io.winhttp4j.engine.transport.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XORs a payload with its 4-byte masking key (RFC 6455 5.3) while copying it into the frame:
 * the one copy the payload goes through, eight bytes at a time.
 */
final class Masker {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masker() {}

    /**
     * {@code dst[dstOff + i] = src[srcOff + i] ^ key byte (i % 4)} for i in [0, len), the key's
     * bytes being {@code key}'s, most significant first (the order they go on the wire).
     */
    static void mask(byte[] src, int srcOff, byte[] dst, int dstOff, int len, int key) {
        // i stays a multiple of 8 in the bulk loop, so each long meets the key at its byte 0
        long key8 = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            LONGS.set(dst, dstOff + i, (long) LONGS.get(src, srcOff + i) ^ key8);
        }
        for (; i < len; i++) {
            dst[dstOff + i] = (byte) (src[srcOff + i] ^ (key >>> (24 - 8 * (i & 3))));
        }
    }
}
