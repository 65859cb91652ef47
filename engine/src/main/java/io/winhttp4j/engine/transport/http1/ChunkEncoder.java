package io.winhttp4j.engine.transport.http1;

import org.apache.pekko.util.ByteString;

import java.nio.charset.StandardCharsets;

/**
 * Frames the writes of a request body the engine chunks itself (WINHTTP_FLAG_AUTOMATIC_CHUNKING):
 * each write is one chunk, and a zero-length write is the last chunk, which ends the body (no
 * trailers). Chunks the application frames itself are passed through as written, after
 * {@code ChunkedFraming} checked them; they never come here.
 */
public final class ChunkEncoder {
    private ChunkEncoder() {}

    /** The zero-length chunk and the empty trailer section. */
    public static final ByteString LAST_CHUNK = ByteString.fromString("0\r\n\r\n", StandardCharsets.US_ASCII);

    private static final ByteString CRLF = ByteString.fromString("\r\n", StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * One write as one chunk, copied once into a single array (the caller may reuse its buffer as
     * soon as writeData returns); a zero-length write gives {@link #LAST_CHUNK}.
     */
    public static ByteString chunk(byte[] b, int off, int len) {
        if (len == 0) return LAST_CHUNK;
        int digits = hexDigits(len);
        byte[] out = new byte[digits + 2 + len + 2];
        int p = writeSizeLine(out, len, digits);
        System.arraycopy(b, off, out, p, len);
        out[p + len] = '\r';
        out[p + len + 1] = '\n';
        return ByteString.fromArrayUnsafe(out);
    }

    /** Bytes already owned as a ByteString: framed around them without copying the payload. */
    public static ByteString chunk(ByteString payload) {
        int len = payload.length();
        if (len == 0) return LAST_CHUNK;
        int digits = hexDigits(len);
        byte[] line = new byte[digits + 2];
        writeSizeLine(line, len, digits);
        return ByteString.fromArrayUnsafe(line).concat(payload).concat(CRLF);
    }

    private static int hexDigits(int len) {
        return Math.max(1, (32 - Integer.numberOfLeadingZeros(len) + 3) / 4);
    }

    /** "size CRLF" at the start of {@code out}; returns the position after it. */
    private static int writeSizeLine(byte[] out, int len, int digits) {
        for (int i = digits - 1, v = len; i >= 0; i--, v >>>= 4) out[i] = HEX[v & 0xf];
        out[digits] = '\r';
        out[digits + 1] = '\n';
        return digits + 2;
    }
}
