package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/** WinHttpQueryHeaders on responses (and a few request-side levels): CONFORMANCE 1.6, 3.5, 4.4. */
class QueryHeadersTest extends EngineTestBase {
    static RawServer raw;
    static HInternet connect;

    static final String GMT = "Sun, 06 Nov 1994 08:49:37 GMT";
    static final ZonedDateTime WHEN = ZonedDateTime.of(1994, 11, 6, 8, 49, 37, 0, ZoneOffset.UTC);

    /** Every info level that names a header (but Transfer-Encoding, below), with a value to send. */
    static final Map<Integer, String[]> LEVELS = new LinkedHashMap<>();

    static {
        String[][] byLevel = {
            {"0", "Mime-Version", "1.0"}, {"1", "Content-Type", "text/plain"},
            {"2", "Content-Transfer-Encoding", "binary"}, {"3", "Content-ID", "<id1@example.com>"},
            {"4", "Content-Description", "a description"}, {"5", "Content-Length", "0"},
            {"6", "Content-Language", "en"}, {"7", "Allow", "GET"}, {"8", "Public", "OPTIONS"},
            {"9", "Date", GMT}, {"10", "Expires", GMT}, {"11", "Last-Modified", GMT},
            {"12", "Message-ID", "<m1@example.com>"}, {"13", "URI", "/uri"}, {"14", "Derived-From", "derived"},
            {"15", "Cost", "1"}, {"16", "Link", "<http://example.com/a>"}, {"17", "Pragma", "no-cache"},
            {"23", "Connection", "keep-alive"}, {"24", "Accept", "text/html"}, {"25", "Accept-Charset", "UTF-8"},
            {"26", "Accept-Encoding", "gzip"}, {"27", "Accept-Language", "en"},
            {"28", "Authorization", "Basic YTpi"}, {"29", "Content-Encoding", "gzip"},
            {"30", "Forwarded", "for=192.0.2.1"}, {"31", "From", "a@example.com"},
            {"32", "If-Modified-Since", GMT}, {"33", "Location", "/location"}, {"34", "Orig-Uri", "/orig"},
            {"35", "Referer", "http://example.com/"}, {"36", "Retry-After", "120"}, {"37", "Server", "test-server"},
            {"38", "Title", "a title"}, {"39", "User-Agent", "ua/1.0"},
            {"40", "WWW-Authenticate", "Basic realm=\"r\""}, {"41", "Proxy-Authenticate", "Basic realm=\"p\""},
            {"42", "Accept-Ranges", "bytes"}, {"43", "Set-Cookie", "a=b"}, {"44", "Cookie", "c=d"},
            {"46", "Refresh", "5"}, {"47", "Content-Disposition", "attachment"}, {"48", "Age", "5"},
            {"49", "Cache-Control", "no-cache"}, {"50", "Content-Base", "http://example.com/"},
            {"51", "Content-Location", "/content-location"}, {"52", "Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ=="},
            {"53", "Content-Range", "bytes 0-1/2"}, {"54", "ETag", "\"e1\""}, {"55", "Host", "example.com"},
            {"56", "If-Match", "\"e1\""}, {"57", "If-None-Match", "\"e2\""}, {"58", "If-Range", "\"e3\""},
            {"59", "If-Unmodified-Since", GMT}, {"60", "Max-Forwards", "3"},
            {"61", "Proxy-Authorization", "Basic YTpi"}, {"62", "Range", "bytes=0-1"},
            {"64", "Upgrade", "websocket"}, {"65", "Vary", "Accept"}, {"66", "Via", "1.1 proxy"},
            {"67", "Warning", "199 - \"w\""}, {"68", "Expect", "100-continue"},
            {"69", "Proxy-Connection", "keep-alive"}, {"70", "Unless-Modified-Since", GMT},
            {"75", "Proxy-Support", "Session-Based-Authentication"}, {"76", "Authentication-Info", "nextnonce=\"n\""},
            {"77", "PassportURLs", "passport-urls"}, {"78", "PassportConfig", "passport-config"},
        };
        for (String[] x : byLevel) LEVELS.put(Integer.parseInt(x[0]), new String[] {x[1], x[2]});
    }

    static String everyHeaderResponse() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (String[] h : LEVELS.values()) sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        return sb.append("\r\n").toString();
    }

    @BeforeAll
    static void startRaw() {
        raw = rawServer(new RawRoutes()
                .fixed("/every", everyHeaderResponse())
                .fixed("/verbatim", verbatimResponse())
                .fixed("/chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
                .fixed("/auth", "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n"
                        + "WWW-Authenticate: Basic realm=\"x\"\r\nWWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n")
                .fixed("/numbers", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Big: 5000000000\r\nX-Text: abc\r\n"
                        + "X-Small: 42\r\n\r\n0123456789")
                .fixed("/huge", "HTTP/1.1 200 OK\r\nContent-Length: 5000000000\r\n\r\n")
                .fixed("/date1123", "HTTP/1.1 200 OK\r\nDate: " + GMT + "\r\nX-Date: " + GMT + "\r\nContent-Length: 0\r\n\r\n")
                .fixed("/date850", "HTTP/1.1 200 OK\r\nDate: Sunday, 06-Nov-94 08:49:37 GMT\r\n"
                        + "X-Date: Sunday, 06-Nov-94 08:49:37 GMT\r\nContent-Length: 0\r\n\r\n")
                .fixed("/dateasc", "HTTP/1.1 200 OK\r\nDate: Sun Nov  6 08:49:37 1994\r\n"
                        + "X-Date: Sun Nov  6 08:49:37 1994\r\nContent-Length: 0\r\n\r\n")
                .fixed("/notadate", "HTTP/1.1 200 OK\r\nX-Date: yesterday\r\nContent-Length: 0\r\n\r\n")
                .fixed("/raw", "HTTP/1.1 200 OK\r\nX-A: 1\r\nX-B: two words\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/noreason", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")
                .fixed("/reason", "HTTP/1.1 200 Fine Thanks\r\nContent-Length: 0\r\n\r\n")
                .fixed("/http10", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")
                .fixed("/spacebeforecolon", "HTTP/1.1 200 OK\r\nSpaceAfterHdr  :   bad\r\nContent-Length: 0\r\n\r\n"));
        connect = connectTo(null, raw.port());
    }

    private static HInternet get(String path) {
        return received("GET", path);
    }

    private static HInternet received(String verb, String path) {
        HInternet r = winHttp.openRequest(connect, verb, path, null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        return r;
    }

    // ---- levels ----------------------------------------------------------------------------------------

    @Test
    void everyHeaderLevelReturnsItsHeader() {
        HInternet r = get("/every");
        StringBuilder wrong = new StringBuilder();
        for (int level = 0; level <= WINHTTP_QUERY_MAX; level++) {
            boolean special = level == WINHTTP_QUERY_VERSION || level == WINHTTP_QUERY_STATUS_CODE
                    || level == WINHTTP_QUERY_STATUS_TEXT || level == WINHTTP_QUERY_RAW_HEADERS
                    || level == WINHTTP_QUERY_RAW_HEADERS_CRLF || level == WINHTTP_QUERY_REQUEST_METHOD
                    || (level >= 71 && level <= 74) || level == WINHTTP_QUERY_TRANSFER_ENCODING;
            if (special) continue;
            String[] h = LEVELS.get(level);
            assertNotNull(h, "the test sends no header for level " + level);
            String got;
            try {
                got = winHttp.queryHeaders(r, level, null, 0);
            } catch (WinHttpException e) {
                got = e.error().name();
            }
            if (!h[1].equals(got)) wrong.append("\n  level ").append(level).append(' ').append(h[0])
                    .append(": sent \"").append(h[1]).append("\", got \"").append(got).append('"');
            // the same header by name
            assertEquals(got, safeCustom(r, h[0]), h[0] + " by CUSTOM name");
        }
        assertEquals("", wrong.toString(), "levels that did not return the header as sent");
        winHttp.closeHandle(r);
    }

    private static String safeCustom(HInternet r, String name) {
        try {
            return winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, name, 0);
        } catch (WinHttpException e) {
            return e.error().name();
        }
    }

    @Test
    void transferEncodingLevel() {
        HInternet r = get("/chunked");
        assertEquals("chunked", winHttp.queryHeaders(r, WINHTTP_QUERY_TRANSFER_ENCODING, null, 0));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0)));
        winHttp.closeHandle(r);
    }

    /**
     * Windows hands back header values as the server sent them. The engine turns off Pekko's
     * modeled header parsing, so values are not re-rendered (Expires: 0 stays 0, Age: 05 stays 05).
     */
    @Test
    void responseHeaderValuesComeBackAsSent() {
        HInternet r = get("/verbatim");
        for (String[] h : VERBATIM) {
            if (h[0].equals("Content-Type")) continue; // see the test below
            assertEquals(h[1], safeCustom(r, h[0]), h[0]);
        }
        winHttp.closeHandle(r);
    }

    /**
     * Content-Type and Content-Length live on Pekko's entity, not in its header list: Pekko
     * renders Content-Type itself ("text/html; charset=UTF-8") and the raw block lists both after
     * the other headers. Windows keeps both as sent and in place.
     */
    @Test
    void contentTypeAndTheRawBlockComeBackAsSent() {
        HInternet r = get("/verbatim");
        assertEquals("text/html;charset=utf-8", safeCustom(r, "Content-Type"));
        assertEquals(verbatimResponse(), winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
        winHttp.closeHandle(r);
    }

    static final String[][] VERBATIM = {
        {"Content-Type", "text/html;charset=utf-8"}, {"Accept-Charset", "utf-8"}, {"Cache-Control", "no-cache,no-store"},
        {"Date", "Sunday, 06-Nov-94 08:49:37 GMT"}, {"Last-Modified", "Sun Nov  6 08:49:37 1994"},
        {"WWW-Authenticate", "Basic realm=r"}, {"Set-Cookie", "a=b; path=/; httponly"},
        {"Location", "http://EXAMPLE.com/a"}, {"Age", "05"}, {"Expires", "0"}, {"Content-Length", "0"},
    };

    static String verbatimResponse() {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (String[] h : VERBATIM) sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        return sb.append("\r\n").toString();
    }

    @Test
    void unusedLevelsAndAbsentHeadersAreNotFound() {
        HInternet r = get("/raw");
        for (int level = 71; level <= 74; level++) {
            final int l = level;
            assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, l, null, 0)), "level " + l);
        }
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_SERVER, null, 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-None", 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-A", 1)));
        assertEquals("1", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "x-a", 0), "names match case-insensitively");
        winHttp.closeHandle(r);
    }

    @Test
    void customWithIndexWalksDuplicates() {
        HInternet r = get("/auth");
        assertEquals(401, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("Bearer", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "WWW-Authenticate", 0));
        assertEquals("Basic realm=\"x\"", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "WWW-Authenticate", 1));
        assertEquals("NTLM", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "WWW-Authenticate", 2));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "WWW-Authenticate", 3)));
        assertEquals("NTLM", winHttp.queryHeaders(r, WINHTTP_QUERY_WWW_AUTHENTICATE, null, 2), "the level walks them too");
        winHttp.closeHandle(r);
    }

    // ---- numbers and dates --------------------------------------------------------------------------

    @Test
    void numbers() {
        HInternet r = get("/numbers");
        assertEquals("10", winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH | WINHTTP_QUERY_FLAG_NUMBER, null, 0));
        assertEquals(10, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(42, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CUSTOM, "X-Small", 0));
        assertEquals(5_000_000_000L, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_NUMBER64, "X-Big", 0));
        assertEquals("5000000000", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_NUMBER64, "X-Big", 0));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_QUERY_REQUEST,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_NUMBER, "X-Text", 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_QUERY_REQUEST,
                error(() -> winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CUSTOM, "X-Text", 0)));
        assertEquals("abc", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-Text", 0), "as text it is fine");
        winHttp.closeHandle(r);
    }

    /** A HEAD response announcing more than 4 GiB: the length is reported in 64 bits, and there is no body. */
    @Test
    void number64ForAContentLengthOver4GiB() {
        HInternet r = received("HEAD", "/huge");
        assertEquals(5_000_000_000L,
                winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH | WINHTTP_QUERY_FLAG_NUMBER64, null, 0));
        assertEquals(0, winHttp.queryDataAvailable(r));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/date1123", "/date850", "/dateasc"})
    void dateHeaderInEveryHttpDateForm(String path) {
        HInternet r = get(path);
        assertEquals(WHEN, winHttp.queryHeadersTime(r, WINHTTP_QUERY_DATE, null, 0));
        assertEquals(WHEN, winHttp.queryHeadersTime(r, WINHTTP_QUERY_DATE | WINHTTP_QUERY_FLAG_SYSTEMTIME, null, 0));
        winHttp.closeHandle(r);
    }

    /** The same forms in a header Pekko does not model, so the engine parses the text itself. */
    @ParameterizedTest
    @ValueSource(strings = {"/date1123", "/dateasc"})
    void customHeaderInHttpDateForms(String path) {
        HInternet r = get(path);
        assertEquals(WHEN, winHttp.queryHeadersTime(r, WINHTTP_QUERY_CUSTOM, "X-Date", 0));
        winHttp.closeHandle(r);
    }

    @Test
    void customHeaderInRfc850Form() {
        HInternet r = get("/date850");
        assertEquals(WHEN, winHttp.queryHeadersTime(r, WINHTTP_QUERY_CUSTOM, "X-Date", 0));
        winHttp.closeHandle(r);
    }

    @Test
    void notADateIsInvalidQueryRequest() {
        HInternet r = get("/notadate");
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_QUERY_REQUEST,
                error(() -> winHttp.queryHeadersTime(r, WINHTTP_QUERY_CUSTOM, "X-Date", 0)));
        winHttp.closeHandle(r);
    }

    // ---- raw levels ----------------------------------------------------------------------------------

    @Test
    void rawHeadersCrlfAndNul() {
        HInternet r = get("/raw");
        String crlf = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0);
        assertTrue(crlf.startsWith("HTTP/1.1 200 OK\r\n"), crlf);
        assertTrue(crlf.endsWith("\r\n\r\n"), crlf);
        assertFalse(crlf.endsWith("\r\n\r\n\r\n"), crlf);
        assertTrue(crlf.contains("\r\nX-A: 1\r\n"), crlf);
        assertTrue(crlf.contains("\r\nX-B: two words\r\n"), crlf);
        assertTrue(crlf.contains("\r\nContent-Length: 2\r\n"), crlf);
        assertEquals(crlf, winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, "ignored", 0), "the name is ignored");

        String nul = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS, null, 0);
        assertTrue(nul.startsWith("HTTP/1.1 200 OK\0"), nul);
        assertTrue(nul.endsWith("\0\0"), nul);
        assertNotEquals('\0', nul.charAt(nul.length() - 3), "only one empty entry ends the list");
        assertTrue(nul.contains("\0X-A: 1\0"), nul);
        assertTrue(nul.contains("\0X-B: two words\0"), nul);
        assertFalse(nul.contains("\r") || nul.contains("\n"), nul);
        assertEquals(crlf.replace("\r\n", "\0"), nul, "the same lines, NUL-separated");
        assertEquals(nul, winHttp.queryHeaders(r, WINHTTP_QUERY_EX_ALL_HEADERS, null, 0));
        winHttp.closeHandle(r);
    }

    // ---- status line -------------------------------------------------------------------------------

    @Test
    void requestMethodWorksBeforeSending() {
        HInternet r = winHttp.openRequest(connect, "POST", "/raw", null, null, null, 0);
        assertEquals("POST", winHttp.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
        assertEquals("POST", winHttp.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
        winHttp.closeHandle(r);
    }

    @Test
    void versionStatusCodeAndText() {
        HInternet r = get("/raw");
        assertEquals("HTTP/1.1", winHttp.queryHeaders(r, WINHTTP_QUERY_VERSION, null, 0));
        assertEquals("200", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("OK", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_TEXT, null, 0));
        assertEquals("GET", winHttp.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
        winHttp.closeHandle(r);
        HInternet r10 = get("/http10");
        assertEquals("HTTP/1.0", winHttp.queryHeaders(r10, WINHTTP_QUERY_VERSION, null, 0));
        assertTrue(winHttp.queryHeaders(r10, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0).startsWith("HTTP/1.0 200 OK\r\n"));
        winHttp.closeHandle(r10);
    }

    /** CONFORMANCE 4.4: "HTTP/1.1 200" without a reason phrase is accepted, STATUS_TEXT is "". */
    @Test
    void statusLineWithoutReason() {
        HInternet r = get("/noreason");
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_TEXT, null, 0));
        winHttp.closeHandle(r);
    }

    @Test
    void statusTextIsTheReasonPhraseSent() {
        HInternet r = get("/reason");
        assertEquals("Fine Thanks", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_TEXT, null, 0));
        assertTrue(winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0).startsWith("HTTP/1.1 200 Fine Thanks\r\n"));
        winHttp.closeHandle(r);
    }

    /** CONFORMANCE 4.4: spaces before the colon are accepted and the name normalised. */
    @Test
    void responseHeaderNameWithSpacesBeforeTheColon() {
        HInternet r = get("/spacebeforecolon");
        assertEquals("bad", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "SpaceAfterHdr", 0));
        assertTrue(winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0).contains("\r\nSpaceAfterHdr: bad\r\n"));
        winHttp.closeHandle(r);
    }

    @Test
    void responseLevelsBeforeTheResponseAreIncorrectHandleState() {
        HInternet r = winHttp.openRequest(connect, "GET", "/raw", null, null, null, 0);
        int[] levels = {WINHTTP_QUERY_STATUS_CODE, WINHTTP_QUERY_STATUS_TEXT, WINHTTP_QUERY_VERSION,
                WINHTTP_QUERY_RAW_HEADERS_CRLF, WINHTTP_QUERY_CONTENT_LENGTH, WINHTTP_QUERY_CUSTOM};
        for (int level : levels) {
            assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                    error(() -> winHttp.queryHeaders(r, level, "X-A", 0)), "before send, level " + level);
        }
        winHttp.sendRequest(r, null, null, 0, 0);
        for (int level : levels) {
            assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                    error(() -> winHttp.queryHeaders(r, level, "X-A", 0)), "before receiveResponse, level " + level);
        }
        // request-side levels work all along
        assertEquals("GET", winHttp.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
        assertTrue(winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0)
                .startsWith("GET /raw HTTP/1.1\r\n"));
        winHttp.receiveResponse(r);
        assertEquals("1", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-A", 0));
        winHttp.closeHandle(r);
    }
}
