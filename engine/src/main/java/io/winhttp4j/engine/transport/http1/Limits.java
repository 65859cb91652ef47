package io.winhttp4j.engine.transport.http1;

/**
 * What one response may cost before the decoder gives up, and so the most memory it holds for
 * one response whatever the server sends.
 *
 * @param maxHeaderBytes    bytes of all heads of the exchange as received (interim heads, the
 *                          final head and chunked trailers, line ends included):
 *                          WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE; beyond it
 *                          ERROR_WINHTTP_HEADER_SIZE_OVERFLOW
 * @param maxHeaderCount    header lines of the final head plus trailers; beyond it
 *                          ERROR_WINHTTP_HEADER_COUNT_EXCEEDED
 * @param maxChunkLineBytes bytes of one chunk-size line (size, extensions, line end); beyond it
 *                          ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW
 */
public record Limits(int maxHeaderBytes, int maxHeaderCount, int maxChunkLineBytes) {
    /** WinHTTP's MAX_RESPONSE_HEADER_SIZE default. */
    public static final int DEFAULT_HEADER_BYTES = 64 * 1024;
    /**
     * Neither Windows' documentation nor CONFORMANCE gives a number; this is the count the engine
     * enforced before it had its own codec, so behaviour does not change.
     */
    public static final int DEFAULT_HEADER_COUNT = 256;
    /** Also the bound the engine puts on a chunk line an application writes (ChunkedFraming). */
    public static final int DEFAULT_CHUNK_LINE_BYTES = 1024;

    public static final Limits DEFAULT = new Limits(DEFAULT_HEADER_BYTES, DEFAULT_HEADER_COUNT, DEFAULT_CHUNK_LINE_BYTES);

    public Limits {
        if (maxHeaderBytes <= 0 || maxHeaderCount < 0 || maxChunkLineBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxHeaderBytes + ", "
                    + maxHeaderCount + ", " + maxChunkLineBytes);
        }
    }

    /**
     * The default limits with MAX_RESPONSE_HEADER_SIZE as the option holds it: an unsigned DWORD,
     * clamped to what one Java array can hold (no head that large fits in memory anyway).
     */
    public static Limits withMaxResponseHeaderSize(int dword) {
        long unsigned = Integer.toUnsignedLong(dword);
        int bytes = (int) Math.max(1, Math.min(unsigned, Integer.MAX_VALUE - 16));
        return new Limits(bytes, DEFAULT_HEADER_COUNT, DEFAULT_CHUNK_LINE_BYTES);
    }
}
