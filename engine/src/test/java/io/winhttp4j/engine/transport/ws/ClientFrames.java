package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's view of what the client encoder wrote, parsed here independently of the main
 * code (a plain byte loop, no shared helper): each frame's bits, its masking key and its payload
 * unmasked. {@link #asServerFrames} re-encodes them unmasked, as a server would send them, so
 * the client decoder can read what the client encoder wrote.
 */
final class ClientFrames {
    record Frame(boolean fin, int rsv, int opcode, boolean masked, int key, int lengthBytes, byte[] payload) {}

    private ClientFrames() {}

    static List<Frame> parse(ByteString wire) {
        byte[] b = wire.toArray();
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int b0 = b[i] & 0xFF;
            int b1 = b[i + 1] & 0xFF;
            i += 2;
            long len = b1 & 0x7F;
            int lengthBytes = 0;
            if (len == 126) {
                lengthBytes = 2;
            } else if (len == 127) {
                lengthBytes = 8;
            }
            if (lengthBytes > 0) {
                len = 0;
                for (int k = 0; k < lengthBytes; k++) len = (len << 8) | (b[i++] & 0xFF);
            }
            boolean masked = (b1 & 0x80) != 0;
            int key = 0;
            byte[] keyBytes = new byte[4];
            if (masked) {
                for (int k = 0; k < 4; k++) {
                    keyBytes[k] = b[i++];
                    key = (key << 8) | (keyBytes[k] & 0xFF);
                }
            }
            byte[] payload = new byte[(int) len];
            for (int k = 0; k < len; k++) payload[k] = (byte) (b[i + k] ^ keyBytes[k % 4]);
            i += (int) len;
            frames.add(new Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0xF, masked, key, lengthBytes, payload));
        }
        return frames;
    }

    /** The same frames unmasked: what the client decoder accepts from a server. */
    static ByteString asServerFrames(ByteString clientWire) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : parse(clientWire)) {
            if (!f.masked()) throw new AssertionError("a client frame went out unmasked");
            out.writeBytes(ServerFrames.frame(f.fin(), f.opcode(), f.payload()).toArray());
        }
        return ByteString.fromArrayUnsafe(out.toByteArray());
    }
}
