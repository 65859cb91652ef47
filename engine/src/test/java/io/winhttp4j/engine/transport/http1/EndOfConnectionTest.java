package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The connection ending (FIN) at every phase: what arrived is delivered, then the error that
 * phase calls for; a body without a length ends there.
 */
class EndOfConnectionTest {

    private static Decoding closedAfter(String response) {
        return Decoding.ofAnySplit("GET", Limits.DEFAULT, true, response);
    }

    /** The one case a dead pooled connection may be retried on: nothing of a response came. */
    @Test
    void beforeAnyByteIsConnectionError() {
        Decoding d = closedAfter("");
        assertTrue(d.failedWith(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR).contains("before sending a response"));
        assertEquals(0, d.decoder.bytesReceived());
        d.assertStaysFailed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"H", "HTTP/1.1", "HTTP/1.1 200 O", "HTTP/1.1 200 OK\r", "HTTP/1.1 200 OK\r\n",
            "HTTP/1.1 200 OK\r\nContent-Le", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r",
            "HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 2"})
    void insideTheHeadIsInvalidServerResponse(String sent) {
        Decoding d = closedAfter(sent);
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
        assertEquals(sent.length(), d.decoder.bytesReceived());
        assertNull(d.decoder.head(), "no final head was reported");
    }

    @Test
    void insideALengthBodyTheBytesComeThenConnectionError() {
        Decoding d = closedAfter("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assertEquals("abc", d.body(), "the bytes before the FIN are delivered");
        assertTrue(d.failedWith(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR).contains("3 of the 10"));
        assertFalse(d.ended());
        d.assertStaysFailed();
        assertThrows(io.winhttp4j.WinHttpException.class, () -> d.decoder.end(p -> { }), "the end again repeats the failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5;ext", "5\r", "5\r\n", "5\r\nhel", "5\r\nhello", "5\r\nhello\r", "5\r\nhello\r\n",
            "5\r\nhello\r\n0", "5\r\nhello\r\n0\r\n", "5\r\nhello\r\n0\r\nTrailer: x\r\n", "5\r\nhello\r\n0\r\n\r"})
    void insideAChunkedBodyTheBytesComeThenConnectionError(String body) {
        Decoding d = closedAfter("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
        String expected = body.startsWith("5\r\n") ? "hello".substring(0, Math.min(5, body.length() - 3)) : "";
        assertEquals(expected, d.body(), "the data before the FIN is delivered");
        d.failedWith(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR);
    }

    @Test
    void aBodyWithoutLengthEndsThere() {
        Decoding d = closedAfter("HTTP/1.1 200 OK\r\n\r\nthe whole body");
        assertEquals("the whole body", d.body());
        assertTrue(d.ended());
        assertTrue(d.decoder.complete());
        assertFalse(d.decoder.poolable(), "the connection is gone");
        Decoding empty = closedAfter("HTTP/1.0 200 OK\r\n\r\n");
        assertTrue(empty.ended());
        assertEquals("", empty.body());
    }

    @Test
    void afterACompleteResponseTheEndChangesNothing() {
        Decoding d = closedAfter("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        assertNull(d.failure);
        assertTrue(d.ended());
        assertEquals(3, d.parts.size(), "Head, Data, End once: " + d.describe());
    }
}
