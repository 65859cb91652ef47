package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import static io.winhttp4j.WinHttpConstants.WINHTTP_QUERY_FLAG_REQUEST_HEADERS;
import static io.winhttp4j.WinHttpConstants.WINHTTP_QUERY_RAW_HEADERS_CRLF;
import static io.winhttp4j.WinHttpConstants.WINHTTP_QUERY_STATUS_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallSetTest {

    /**
     * The closed set the actor publishes can be read by a caller that passed its handle check a
     * moment before: its queryHeaders is ERROR_INVALID_HANDLE on either side (before: a
     * NullPointerException for the request side, INCORRECT_HANDLE_STATE for the response).
     */
    @Test
    void queryHeadersOnTheClosedSetIsAnInvalidHandle() {
        WinHttpException request = assertThrows(WinHttpException.class, () -> CallSet.CLOSED.queryHeaders(
                WINHTTP_QUERY_RAW_HEADERS_CRLF | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0, true));
        assertEquals(WinHttpError.ERROR_INVALID_HANDLE, request.error());
        WinHttpException response = assertThrows(WinHttpException.class,
                () -> CallSet.CLOSED.queryHeaders(WINHTTP_QUERY_STATUS_CODE, null, 0, false));
        assertEquals(WinHttpError.ERROR_INVALID_HANDLE, response.error());
    }
}
