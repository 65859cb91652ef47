package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.http.ResponseHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** The status line, read with Windows' tolerance (CONFORMANCE 4.4). */
class StatusLineTest {

    private static ResponsePart.Head head(String statusLine) {
        return Decoding.ofAnySplit("GET", Limits.DEFAULT, false, statusLine + "\r\nContent-Length: 0\r\n\r\n").head();
    }

    @Test
    void versionStatusAndReasonAsSent() {
        ResponsePart.Head h = head("HTTP/1.1 200 OK");
        assertEquals(new ResponseHead("HTTP/1.1", 200, "OK", h.head().headers()), h.head());
        assertEquals("HTTP/1.1 200 OK", h.statusLine());
    }

    @Test
    void theServersReasonPhraseIsKept() {
        assertEquals("Fine Thanks", head("HTTP/1.1 200 Fine Thanks").head().reason());
        assertEquals("Not Found", head("HTTP/1.0 404 Not Found").head().reason());
        assertEquals("HTTP/1.0", head("HTTP/1.0 404 Not Found").head().version());
        assertEquals("Tab\there", head("HTTP/1.1 200 Tab\there").head().reason());
        assertEquals("OK ", head("HTTP/1.1 200 OK ").head().reason(), "as sent, trailing space included");
    }

    @Test
    void anyRunOfSpacesBetweenTheParts() {
        ResponsePart.Head h = head("HTTP/1.1  200  OK");
        assertEquals(200, h.head().status());
        assertEquals("OK", h.head().reason());
        assertEquals("HTTP/1.1  200  OK", h.statusLine(), "the status line as sent");
        assertEquals(200, head("HTTP/1.1     200").head().status());
    }

    @Test
    void noReasonPhraseIsTheEmptyString() {
        assertEquals("", head("HTTP/1.1 200").head().reason());
        assertEquals("", head("HTTP/1.1 200 ").head().reason());
        assertEquals("", head("HTTP/1.1 200   ").head().reason());
        assertEquals("HTTP/1.1 200", head("HTTP/1.1 200").statusLine());
    }

    @Test
    void obsTextInTheReasonIsKeptByteForByte() {
        assertEquals("\u00e9t\u00e9 \u00ff", head("HTTP/1.1 200 \u00e9t\u00e9 \u00ff").head().reason());
    }

    @Test
    void bareLineFeedsEndLines() {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi");
        assertEquals("OK", d.head().head().reason());
        assertEquals("hi", d.body());
        assertEquals(16 + 18 + 1, d.head().size(), "the head's bytes as received");
    }

    @Test
    void theHeadSizeIsTheBytesAsReceived() {
        String head = "HTTP/1.1 200 OK\r\nA: b\r\nContent-Length: 0\r\n\r\n";
        assertEquals(head.length(), Decoding.of(head).head().size());
        String spaced = "HTTP/1.1  200  OK\r\nSpaced   :   x\r\nContent-Length: 0\r\n\r\n";
        assertEquals(spaced.length(), Decoding.of(spaced).head().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "this is not http", "<html>hello</html>", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 abc OK",
            "HTTP/2 200 OK", "HTTP/2.0 200 OK", "HTTP/1.1200 OK", "http/1.1 200 OK", "HTTP/1.1", "HTTP/1.1 ",
            "HTTP/1.1 099 Low", " HTTP/1.1 200 OK", "HTTP/1.x 200 OK", "HTTP/1.1 200 O\u0000K", "HTTP/1.1 200 O\rK",
            "HTTP/1.1\t200 OK", ""})
    void aReplyThatDoesNotStartWithAStatusLineIsInvalid(String line) {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, line + "\r\nContent-Length: 0\r\n\r\n");
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
        d.assertStaysFailed();
    }

    @Test
    void anEmptyLineBeforeTheStatusLineIsInvalid() {
        Decoding.of("\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
    }

    /** A server answering with a body and no line end is refused at once, not when its line ends. */
    @Test
    void garbageIsRefusedBeforeItsLineEnds() {
        Decoding d = Decoding.of("<html");
        assertTrue(d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE).contains("status line"));
        Decoding.of("HTTP/1.1 2").parts.forEach(p -> fail("nothing yet: " + p));
        assertNull(Decoding.of("HTTP/").failure, "a status line may still follow");
    }
}
