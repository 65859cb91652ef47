package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Answers WinHttpQueryHeaders for one message (request or response): the info level picks a
 * header, a status-line field, or a raw rendering. Modifier bits are the caller's business.
 */
public final class HeaderQuery {
    private HeaderQuery() {}

    /** What a query can read: the first line split in three, and the headers. */
    public record Message(String firstLine, String version, String statusCode, String statusText, HeaderList headers) {}

    public static String answer(Message m, int infoLevel, String name, int index) {
        int level = infoLevel & 0xFFFF;
        String value = switch (level) {
            case WINHTTP_QUERY_STATUS_CODE -> m.statusCode();
            case WINHTTP_QUERY_STATUS_TEXT -> m.statusText();
            case WINHTTP_QUERY_VERSION -> m.version();
            case WINHTTP_QUERY_RAW_HEADERS_CRLF -> m.headers().renderCrlf(m.firstLine());
            case WINHTTP_QUERY_RAW_HEADERS -> m.headers().renderNul(m.firstLine());
            case WINHTTP_QUERY_CUSTOM -> m.headers().get(name, index);
            default -> {
                String header = QueryLevels.headerName(level);
                yield header == null ? null : m.headers().get(header, index);
            }
        };
        if (value == null) {
            String what = level == WINHTTP_QUERY_CUSTOM ? name : "level " + level;
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, what + " (index " + index + ") is not present");
        }
        return value;
    }
}
