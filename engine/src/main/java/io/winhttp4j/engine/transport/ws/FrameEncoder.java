package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpConstants;
import org.apache.pekko.util.ByteString;

import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Encodes the client's frames (RFC 6455 5.2): every frame masked with a fresh key, the payload
 * length in the shortest of its three forms, header and masked payload in one array that the
 * returned ByteString wraps without a further copy.
 *
 * <p>Control frames are at most 125 bytes and never fragmented; asking for anything else is the
 * caller's mistake and refused with an IllegalArgumentException (a pong echoes a ping the decoder
 * has already held to 125 bytes, and a close's reason is checked by {@link CloseCodes}).
 *
 * <p>Not thread-safe: one connection's owner encodes its frames in order.
 */
public final class FrameEncoder {
    private static final int LONGEST_HEADER = 2 + 8 + 4;

    private final IntSupplier keys;

    /** An encoder whose keys come from a stream of its own, seeded from SecureRandom. */
    public FrameEncoder() {
        this(new MaskKeys());
    }

    /** With a given key source: for tests that need known keys. */
    FrameEncoder(IntSupplier keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The frame for one webSocketSend.
     *
     * @param step what {@link SendState#send(int)} said the send becomes
     * @param src  the bytes to send; may be null when {@code len} is 0
     */
    public ByteString data(SendState.Step step, byte[] src, int off, int len) {
        return frame(step.fin(), step.opcode(), src, off, len);
    }

    /** A Ping carrying {@code payload} (at most 125 bytes): a keep-alive. */
    public ByteString ping(ByteString payload) {
        return control(Opcode.PING, payload);
    }

    /** The Pong answering a Ping: the same payload (RFC 6455 5.5.3). */
    public ByteString pong(ByteString payload) {
        return control(Opcode.PONG, payload);
    }

    /**
     * A Close frame: the status as two bytes and the reason, or no body at all for
     * EMPTY_CLOSE_STATUS (1005), the status that means "none" and may not itself be sent.
     *
     * @param reason the reason's bytes, null or empty for none
     * @throws io.winhttp4j.WinHttpException ERROR_INVALID_PARAMETER as {@link CloseCodes#checkSendable} says
     */
    public ByteString close(int status, byte[] reason) {
        int reasonLength = reason == null ? 0 : reason.length;
        CloseCodes.checkSendable(status, reasonLength);
        if (status == WinHttpConstants.WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS) {
            return frame(true, Opcode.CLOSE, null, 0, 0);
        }
        byte[] body = new byte[2 + reasonLength];
        body[0] = (byte) (status >>> 8);
        body[1] = (byte) status;
        if (reasonLength > 0) System.arraycopy(reason, 0, body, 2, reasonLength);
        return frame(true, Opcode.CLOSE, body, 0, body.length);
    }

    private ByteString control(int opcode, ByteString payload) {
        if (payload.length() > Opcode.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a control frame carries at most 125 bytes, not " + payload.length());
        }
        byte[] body = payload.toArray();
        return frame(true, opcode, body, 0, body.length);
    }

    /** One masked frame; the one place frames are built. */
    ByteString frame(boolean fin, int opcode, byte[] src, int off, int len) {
        if (opcode < 0 || opcode > 0xF || !Opcode.isKnown(opcode)) {
            throw new IllegalArgumentException("not an opcode: " + opcode);
        }
        if (Opcode.isControl(opcode) && (!fin || len > Opcode.MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("a control frame is one frame of at most 125 bytes, not "
                    + (fin ? len + " bytes" : "a fragment"));
        }
        if (src == null) {
            if (off != 0 || len != 0) throw new IllegalArgumentException("no buffer but " + len + " bytes at " + off);
        } else {
            Objects.checkFromIndexSize(off, len, src.length);
        }
        if (len > Integer.MAX_VALUE - LONGEST_HEADER) {
            throw new IllegalArgumentException("a frame of " + len + " bytes does not fit in one array");
        }
        int lengthBytes = len < 126 ? 0 : len <= 0xFFFF ? 2 : 8;
        int headerLength = 2 + lengthBytes + 4;
        byte[] out = new byte[headerLength + len];
        out[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (lengthBytes == 0) {
            out[1] = (byte) (0x80 | len);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (0x80 | 126);
            out[2] = (byte) (len >>> 8);
            out[3] = (byte) len;
        } else {
            out[1] = (byte) (0x80 | 127);
            // bytes 2-5 stay zero: a Java array is shorter than 2^31
            out[6] = (byte) (len >>> 24);
            out[7] = (byte) (len >>> 16);
            out[8] = (byte) (len >>> 8);
            out[9] = (byte) len;
        }
        int key = keys.getAsInt();
        int k = headerLength - 4;
        out[k] = (byte) (key >>> 24);
        out[k + 1] = (byte) (key >>> 16);
        out[k + 2] = (byte) (key >>> 8);
        out[k + 3] = (byte) key;
        if (len > 0) Masker.mask(src, off, out, headerLength, len, key);
        return ByteString.fromArrayUnsafe(out);
    }
}
