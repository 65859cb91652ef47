package io.winhttp4j.engine.transport.ws;

import java.nio.ByteBuffer;

/**
 * Reads one frame header (RFC 6455 5.2) byte by byte, in whatever splits it arrives, and applies
 * the rules one header shows on its own as soon as the byte that breaks them is in: no RSV bit
 * (no extension is ever negotiated), no reserved opcode, no mask from a server, control frames
 * unfragmented and at most 125 bytes, no 64-bit length with its high bit set. Whether the frame
 * fits the message in progress is the {@link MessageDecoder}'s rule.
 *
 * <p>It holds no bytes, only the fields read so far; a length in a longer form than needed is
 * accepted (the shortest form is a MUST on the sender that receivers need not police).
 */
final class FrameHeaderReader {
    private int read;
    private int size = 1;
    private boolean fin;
    private int opcode;
    private long length;

    /** Ready for the next frame. */
    void reset() {
        read = 0;
        size = 1;
        length = 0;
    }

    /**
     * Reads header bytes from {@code in[pos, end)} until the header is complete or the input ends.
     *
     * @return the index after the last byte read
     */
    int take(ByteBuffer in, int pos, int end) throws ProtocolError {
        while (pos < end && read < size) {
            int b = in.get(pos++) & 0xFF;
            if (read == 0) {
                first(b);
                size = 2;
            } else if (read == 1) {
                second(b);
            } else {
                if (read == 2 && size == 10 && (b & 0x80) != 0) {
                    throw ProtocolError.protocol("a 64-bit payload length with its most significant bit set");
                }
                length = (length << 8) | b;
            }
            read++;
        }
        return pos;
    }

    boolean complete() {
        return read >= 2 && read == size;
    }

    boolean fin() { return fin; }

    int opcode() { return opcode; }

    long length() { return length; }

    private void first(int b) throws ProtocolError {
        if ((b & 0x70) != 0) {
            throw ProtocolError.protocol("RSV bits 0x" + Integer.toHexString(b & 0x70) + " set, and no extension was negotiated");
        }
        fin = (b & 0x80) != 0;
        opcode = b & 0x0F;
        if (!Opcode.isKnown(opcode)) throw ProtocolError.protocol("reserved opcode " + opcode);
        if (Opcode.isControl(opcode) && !fin) throw ProtocolError.protocol("a fragmented control frame (opcode " + opcode + ")");
    }

    private void second(int b) throws ProtocolError {
        if ((b & 0x80) != 0) throw ProtocolError.protocol("a masked frame from the server");
        int len7 = b & 0x7F;
        if (Opcode.isControl(opcode) && len7 > Opcode.MAX_CONTROL_PAYLOAD) {
            throw ProtocolError.protocol("a control frame longer than 125 bytes (opcode " + opcode + ")");
        }
        if (len7 == 126) {
            size = 4;
        } else if (len7 == 127) {
            size = 10;
        } else {
            length = len7;
        }
    }
}
