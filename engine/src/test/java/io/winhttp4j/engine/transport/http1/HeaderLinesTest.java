package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Response header lines: kept as sent, in order, with Windows' tolerance (CONFORMANCE 4.4). */
class HeaderLinesTest {

    private static List<Header> headers(String lines) {
        return Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 200 OK\r\n" + lines + "Content-Length: 0\r\n\r\n").headers();
    }

    @Test
    void spacesBeforeTheColonAreDropped() {
        assertEquals(new Header("SpaceAfterHdr", "bad"), headers("SpaceAfterHdr  :   bad\r\n").get(0));
        assertEquals(new Header("Tabbed", "x"), headers("Tabbed\t: x\r\n").get(0));
    }

    @Test
    void namesValuesAndOrderAsSentDuplicatesApart() {
        List<Header> h = headers("content-TYPE: Text/HTML; Charset=UTF-8\r\nWWW-Authenticate: Bearer\r\n"
                + "X-Other: 1\r\nWWW-Authenticate: Basic realm=\"x\"\r\nwww-authenticate: NTLM\r\n");
        assertEquals(List.of(new Header("content-TYPE", "Text/HTML; Charset=UTF-8"), new Header("WWW-Authenticate", "Bearer"),
                new Header("X-Other", "1"), new Header("WWW-Authenticate", "Basic realm=\"x\""),
                new Header("www-authenticate", "NTLM"), new Header("Content-Length", "0")), h);
    }

    @Test
    void whitespaceAroundTheValueIsNotPartOfIt() {
        assertEquals("v a l", headers("X:  \t v a l \t \r\n").get(0).value());
        assertEquals("", headers("X-Empty:\r\n").get(0).value());
        assertEquals("", headers("X-Blank:   \r\n").get(0).value());
    }

    @Test
    void valuesKeepColonsAndObsText() {
        assertEquals("http://a:80/x?y=z", headers("Location: http://a:80/x?y=z\r\n").get(0).value());
        assertEquals("caf\u00e9 \u00ff", headers("X-Latin: caf\u00e9 \u00ff\r\n").get(0).value());
    }

    /** RFC 9112 5.2: a user agent replaces obs-fold with a space. */
    @Test
    void foldedLinesContinueTheValue() {
        assertEquals(new Header("X-Folded", "a b c"), headers("X-Folded: a\r\n  b\r\n\tc\r\n").get(0));
        assertEquals(new Header("X-Folded", "b"), headers("X-Folded:\r\n b\r\n").get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {" Folded: before any header", "No colon at all", ": no name", "   : no name",
            "Bad Name: inner space", "Bad\"Name: quote", "X: nul\u0000inside", "X: bell\u0007", "X: del\u007f",
            "X: bare\rcr", "B\u00e9: latin name"})
    void aMalformedHeaderLineIsInvalid(String line) {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 200 OK\r\n" + line + "\r\nContent-Length: 0\r\n\r\n");
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
    }

    @Test
    void aHeadWithoutHeaders() {
        Decoding d = Decoding.closed("HTTP/1.1 200 OK\r\n\r\nbody");
        assertTrue(d.head().head().headers().isEmpty());
        assertEquals("body", d.body());
        assertTrue(d.ended());
    }
}
