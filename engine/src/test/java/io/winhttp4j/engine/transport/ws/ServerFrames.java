package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds what a server sends, well-formed or not, for the decoder's tests. */
final class ServerFrames {
    private ServerFrames() {}

    static ByteString hex(String h) {
        return ByteString.fromArrayUnsafe(HexFormat.of().parseHex(h.replace(" ", "")));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An unmasked frame with the shortest length form. */
    static ByteString frame(boolean fin, int opcode, byte[] payload) {
        return frame((fin ? 0x80 : 0) | opcode, payload);
    }

    /** An unmasked frame with the first byte as given (FIN, RSV and opcode bits). */
    static ByteString frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0, payload.length);
        out.writeBytes(payload);
        return ByteString.fromArrayUnsafe(out.toByteArray());
    }

    static ByteString text(String s) {
        return frame(true, Opcode.TEXT, utf8(s));
    }

    static ByteString binary(byte[] b) {
        return frame(true, Opcode.BINARY, b);
    }

    static ByteString ping(byte[] b) {
        return frame(true, Opcode.PING, b);
    }

    static ByteString pong(byte[] b) {
        return frame(true, Opcode.PONG, b);
    }

    static ByteString close(int status, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (status >>> 8);
        body[1] = (byte) status;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return frame(true, Opcode.CLOSE, body);
    }

    /** Only the header of a frame whose payload length is {@code length}: for long payloads. */
    static ByteString header(int firstByte, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0, length);
        return ByteString.fromArrayUnsafe(out.toByteArray());
    }

    /** A masked frame, which a server must not send (RFC 6455 5.1). */
    static ByteString masked(int firstByte, byte[] payload, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0x80, payload.length);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) out.write(payload[i] ^ key[i % 4]);
        return ByteString.fromArrayUnsafe(out.toByteArray());
    }

    private static void writeLength(ByteArrayOutputStream out, int maskBit, long length) {
        if (length < 126) {
            out.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int s = 56; s >= 0; s -= 8) out.write((int) (length >>> s));
        }
    }

    static ByteString concat(ByteString... parts) {
        ByteString all = ByteString.emptyByteString();
        for (ByteString p : parts) all = all.concat(p);
        return all.compact();
    }
}
