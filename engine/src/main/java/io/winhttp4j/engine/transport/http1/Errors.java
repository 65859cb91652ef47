package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/** The errors the codec reports, each with the WinHttpError Windows gives for it. */
final class Errors {
    private Errors() {}

    static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, detail);
    }

    static WinHttpException headerTooLarge(int limit) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW,
                "the response head exceeds MAX_RESPONSE_HEADER_SIZE (" + limit + " bytes)");
    }

    static WinHttpException tooManyHeaders(int limit) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED,
                "the response has more than " + limit + " headers");
    }

    static WinHttpException chunkLineTooLarge(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW, detail);
    }

    static WinHttpException closed(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, detail);
    }

    /** A line for an error message: Latin-1, control bytes escaped, at most 80 characters. */
    static String quote(byte[] b, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, 80) + 2).append('"');
        for (int i = 0; i < len && sb.length() < 81; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
            else sb.append((char) c);
        }
        if (len > 80) sb.append("...");
        return sb.append('"').toString();
    }
}
