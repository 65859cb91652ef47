package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * WinHttpAddRequestHeaders (CONFORMANCE 4.1, 4.2), the headers WinHTTP adds itself (4.3), the
 * headers passed to sendRequest, and header injection: checked through request-header queries
 * and on the exact bytes a RawServer receives.
 */
class RequestHeadersTest extends EngineTestBase {
    static RawServer raw;
    static HInternet connect;

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final String AGENT = "winhttp4j-test/1.0";
    static final int REQ = WINHTTP_QUERY_FLAG_REQUEST_HEADERS;
    static final int CUSTOM_REQ = WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS;

    @BeforeAll
    static void startRaw() {
        raw = rawServer(Scripts.reply(OK));
        connect = connectTo(AGENT, raw.port());
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static HInternet request(String verb, String path) {
        return winHttp.openRequest(connect, verb, path, null, null, null, 0);
    }

    private static String reqHeader(HInternet r, String name, int index) {
        return winHttp.queryHeaders(r, CUSTOM_REQ, name, index);
    }

    private static void assertNoReqHeader(HInternet r, String name, int index) {
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> reqHeader(r, name, index)),
                name + " at index " + index + " should not exist");
    }

    /** Sends, receives and reads the whole response; returns the head the server read for it. */
    static WireHead exchange(RawServer server, HInternet r, String headers, byte[] optional, long total) {
        int before = server.receivedHeads().size();
        winHttp.sendRequest(r, headers, optional, total, 0);
        winHttp.receiveResponse(r);
        readAll(r);
        List<String> heads = server.receivedHeads();
        assertEquals(before + 1, heads.size(), "one request head arrived");
        return WireHead.of(heads.get(heads.size() - 1));
    }

    private static WireHead exchange(HInternet r) {
        return exchange(raw, r, null, null, 0);
    }

    // ---- 4.2 modifiers -------------------------------------------------------------------------------

    /** CONFORMANCE 4.2's "Warning" table, step by step. */
    @Test
    void warningModifierTable() {
        HInternet r = request("GET", "/warning");
        assertNoReqHeader(r, "Warning", 0);

        // 1, 2: ADD, duplicates allowed
        winHttp.addRequestHeaders(r, "Warning:test1", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("test1", reqHeader(r, "Warning", 0));
        assertNoReqHeader(r, "Warning", 1);
        winHttp.addRequestHeaders(r, "Warning:test2", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("test1", reqHeader(r, "Warning", 0));
        assertEquals("test2", reqHeader(r, "Warning", 1));

        // 3: REPLACE replaces the first occurrence (removed, new one appended)
        winHttp.addRequestHeaders(r, "Warning:test3", WINHTTP_ADDREQ_FLAG_REPLACE);
        assertEquals("test2", reqHeader(r, "Warning", 0));
        assertEquals("test3", reqHeader(r, "Warning", 1));
        assertNoReqHeader(r, "Warning", 2);

        // 4: ADD_IF_NEW fails, nothing changes
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_ALREADY_EXISTS,
                error(() -> winHttp.addRequestHeaders(r, "Warning:test4", WINHTTP_ADDREQ_FLAG_ADD_IF_NEW)));
        assertEquals("test2", reqHeader(r, "Warning", 0));
        assertEquals("test3", reqHeader(r, "Warning", 1));
        assertNoReqHeader(r, "Warning", 2);

        // 5: COALESCE appends ", test4" to the first
        winHttp.addRequestHeaders(r, "Warning:test4", WINHTTP_ADDREQ_FLAG_COALESCE);
        assertEquals("test2, test4", reqHeader(r, "Warning", 0));
        assertEquals("test3", reqHeader(r, "Warning", 1));

        // 6: COALESCE_WITH_COMMA
        winHttp.addRequestHeaders(r, "Warning:test5", WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA);
        assertEquals("test2, test4, test5", reqHeader(r, "Warning", 0));
        assertEquals("test3", reqHeader(r, "Warning", 1));

        // 7: COALESCE_WITH_SEMICOLON
        winHttp.addRequestHeaders(r, "Warning:test6", WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON);
        assertEquals("test2, test4, test5; test6", reqHeader(r, "Warning", 0));
        assertEquals("test3", reqHeader(r, "Warning", 1));

        // 8: ADD|REPLACE: first removed, replacement appended
        winHttp.addRequestHeaders(r, "Warning:test4", WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        assertEquals("test3", reqHeader(r, "Warning", 0));
        assertEquals("test4", reqHeader(r, "Warning", 1));

        // 9: only two exist
        assertNoReqHeader(r, "Warning", 2);

        // the WARNING info level reads the same list
        assertEquals("test3", winHttp.queryHeaders(r, WINHTTP_QUERY_WARNING | REQ, null, 0));
        assertEquals("test4", winHttp.queryHeaders(r, WINHTTP_QUERY_WARNING | REQ, null, 1));

        // and both go on the wire
        WireHead head = exchange(r);
        assertEquals(List.of("test3", "test4"), head.values("Warning"));
        winHttp.closeHandle(r);
    }

    @Test
    void replaceAddCoalesceAndModifierZeroRules() {
        HInternet r = request("GET", "/rules");
        // REPLACE without ADD of an absent header
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.addRequestHeaders(r, "X-Absent: 1", WINHTTP_ADDREQ_FLAG_REPLACE)));
        assertNoReqHeader(r, "X-Absent", 0);
        // ADD|REPLACE creates it
        winHttp.addRequestHeaders(r, "X-Absent: 1", WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        assertEquals("1", reqHeader(r, "X-Absent", 0));
        // REPLACE with an empty value removes it
        winHttp.addRequestHeaders(r, "X-Absent:", WINHTTP_ADDREQ_FLAG_REPLACE);
        assertNoReqHeader(r, "X-Absent", 0);
        // modifier 0 behaves like ADD (duplicates kept)
        winHttp.addRequestHeaders(r, "X-Zero: a", 0);
        winHttp.addRequestHeaders(r, "X-Zero: b", 0);
        assertEquals("a", reqHeader(r, "X-Zero", 0));
        assertEquals("b", reqHeader(r, "X-Zero", 1));
        // COALESCE on a header that does not exist yet adds it
        winHttp.addRequestHeaders(r, "X-Co: first", WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON);
        assertEquals("first", reqHeader(r, "X-Co", 0));
        // name matching is case-insensitive
        winHttp.addRequestHeaders(r, "x-co: second", WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA);
        assertEquals("first, second", reqHeader(r, "X-CO", 0));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_ALREADY_EXISTS,
                error(() -> winHttp.addRequestHeaders(r, "X-ZERO: c", WINHTTP_ADDREQ_FLAG_ADD_IF_NEW)));
        // ADD_IF_NEW of a new header adds it
        winHttp.addRequestHeaders(r, "X-New: n", WINHTTP_ADDREQ_FLAG_ADD_IF_NEW);
        assertEquals("n", reqHeader(r, "X-New", 0));

        WireHead head = exchange(r);
        assertNull(head.value("X-Absent"));
        assertEquals(List.of("a", "b"), head.values("X-Zero"));
        assertEquals("first, second", head.value("X-Co"));
        assertEquals("n", head.value("X-New"));
        winHttp.closeHandle(r);
    }

    // ---- 4.1 parsing -------------------------------------------------------------------------------

    @Test
    void emptyOrNullHeaderTextIsInvalidParameter() {
        HInternet r = request("GET", "/");
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.addRequestHeaders(r, "", WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.addRequestHeaders(r, null, WINHTTP_ADDREQ_FLAG_ADD)));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":b", "cd", " e :f", "g : value", "h\tx: v", "(i): v", "j/k: v"})
    void badHeaderNamesAreRejected(String line) {
        HInternet r = request("GET", "/");
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, error(() -> winHttp.addRequestHeaders(r, line, WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals("GET / HTTP/1.1\r\n\r\n", winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF | REQ, null, 0),
                "nothing was stored for \"" + line + "\"");
        winHttp.closeHandle(r);
    }

    @Test
    void emptyValueIsAccepted() {
        HInternet r = request("GET", "/");
        winHttp.addRequestHeaders(r, "a:", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("", reqHeader(r, "a", 0));
        winHttp.addRequestHeaders(r, "name: value", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("value", reqHeader(r, "name", 0));
        winHttp.addRequestHeaders(r, "spaced:    lead", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("lead", reqHeader(r, "spaced", 0), "leading blanks of a value are dropped");
        winHttp.closeHandle(r);
    }

    @Test
    void processingStopsAtTheFirstBadLineEarlierLinesStay() {
        HInternet r = request("GET", "/");
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "Good1: x\r\nGood2: y\r\nbad line\r\nGood3: z", WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals("x", reqHeader(r, "Good1", 0));
        assertEquals("y", reqHeader(r, "Good2", 0));
        assertNoReqHeader(r, "Good3", 0);
        WireHead head = exchange(r);
        assertEquals("x", head.value("Good1"));
        assertEquals("y", head.value("Good2"));
        assertFalse(head.has("Good3"));
        winHttp.closeHandle(r);
    }

    /** CONFORMANCE 4.1's six headers with LF-CR, LF, LF LF LF, CR CR CR and CRLF CRLF between them. */
    @Test
    void sixHeadersWithMixedSeparatorsAreStoredAndSent() {
        HInternet r = request("POST", "/six");
        String text = "Content-Type: text/html\n\rTest1: Value1\nTest2: Value2\n\n\nTest3: Value3\r\r\rTest4: Value4\r\n\r\nCookie: 111";
        winHttp.addRequestHeaders(r, text, WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        String[][] six = {{"Content-Type", "text/html"}, {"Test1", "Value1"}, {"Test2", "Value2"},
                {"Test3", "Value3"}, {"Test4", "Value4"}, {"Cookie", "111"}};
        for (String[] h : six) assertEquals(h[1], reqHeader(r, h[0], 0), h[0]);
        WireHead head = exchange(raw, r, null, "body".getBytes(StandardCharsets.US_ASCII), 4);
        head.assertNoBareCrOrLf();
        for (String[] h : six) assertEquals(List.of(h[1]), head.values(h[0]), h[0] + " on the wire: " + head);
        winHttp.closeHandle(r);
    }

    /** The same six on a GET: Content-Type must reach the wire although there is no body. */
    @Test
    void contentTypeOfABodilessGetIsSent() {
        HInternet r = request("GET", "/six");
        winHttp.addRequestHeaders(r, "Content-Type: text/html\n\rTest1: Value1\r\n", WINHTTP_ADDREQ_FLAG_ADD);
        WireHead head = exchange(r);
        assertEquals("Value1", head.value("Test1"));
        assertEquals("text/html", head.value("Content-Type"), "Content-Type on the wire: " + head);
        winHttp.closeHandle(r);
    }

    @Test
    void trailingCrlfIsIgnored() {
        HInternet r = request("GET", "/");
        winHttp.addRequestHeaders(r, "Range: bytes=0-773\r\n", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("bytes=0-773", reqHeader(r, "Range", 0));
        assertEquals("bytes=0-773", winHttp.queryHeaders(r, WINHTTP_QUERY_RANGE | REQ, null, 0));
        winHttp.closeHandle(r);
    }

    // ---- injection ------------------------------------------------------------------------------------

    @Test
    void headerInjectionIsImpossible() {
        HInternet r = request("GET", "/inject");
        // CR LF inside a value starts a new header: two headers, never one value with a line break
        winHttp.addRequestHeaders(r, "X-A: a\r\nInjected-A: b", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("a", reqHeader(r, "X-A", 0));
        assertEquals("b", reqHeader(r, "Injected-A", 0));
        // a bare CR makes the rest a line of its own, which is not a header
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "X-B: one\rtwo", WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals("one", reqHeader(r, "X-B", 0));
        // a name with CR or LF in it is rejected and nothing of it is stored
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "Bad\nName: v", WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "Bad\rName2: v", WINHTTP_ADDREQ_FLAG_ADD)));
        assertNoReqHeader(r, "Name", 0);
        assertNoReqHeader(r, "Name2", 0);
        // other control characters in a value are refused
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "X-C: a\u0000b", WINHTTP_ADDREQ_FLAG_ADD)));
        assertNoReqHeader(r, "X-C", 0);
        // sendRequest: a bad line refuses the whole call, and the request stays usable
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.sendRequest(r, "X-Q: a\rb", null, 0, 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.sendRequest(r, "X\nQ: a", null, 0, 0)));
        assertNoReqHeader(r, "X-Q", 0);

        WireHead head = exchange(raw, r, "X-S: s\r\nInjected-S: t\nInjected-T: u", null, 0);
        head.assertNoBareCrOrLf();
        assertEquals(List.of("a"), head.values("X-A"));
        assertEquals(List.of("b"), head.values("Injected-A"));
        assertEquals(List.of("one"), head.values("X-B"));
        assertEquals(List.of("s"), head.values("X-S"));
        assertEquals(List.of("t"), head.values("Injected-S"));
        assertEquals(List.of("u"), head.values("Injected-T"));
        for (String absent : new String[] {"two", "Bad", "Name", "Name2", "X-C", "X-Q", "b", "Q", "X"}) {
            assertFalse(head.has(absent), absent + " was injected: " + head);
        }
        List<String> expected = List.of("x-a", "injected-a", "x-b", "x-s", "injected-s", "injected-t",
                "host", "user-agent", "connection");
        for (String name : head.namesLowerCase()) {
            assertTrue(expected.contains(name), "unexpected header " + name + " in " + head);
        }
        winHttp.closeHandle(r);
    }

    // ---- 4.3 headers the engine adds --------------------------------------------------------------

    @Test
    void defaultHeadersOfAGet() {
        HInternet r = winHttp.openRequest(connect, "GET", "/defaults", null, null,
                new String[] {"text/html", "image/png"}, 0);
        assertEquals("text/html, image/png", winHttp.queryHeaders(r, WINHTTP_QUERY_ACCEPT | REQ, null, 0),
                "Accept is there from openRequest on");
        WireHead head = exchange(r);
        assertEquals("GET /defaults HTTP/1.1", head.requestLine);
        assertEquals(List.of("text/html, image/png"), head.values("Accept"));
        assertEquals(List.of(AGENT), head.values("User-Agent"));
        assertEquals(List.of("127.0.0.1:" + raw.port()), head.values("Host"));
        assertEquals(List.of("Keep-Alive"), head.values("Connection"), head.toString());
        assertFalse(head.has("Content-Length"), "a GET without a body has no Content-Length: " + head);
        assertFalse(head.has("Pragma"));
        assertFalse(head.has("Cache-Control"));
        // and the request headers report what was sent
        assertEquals(AGENT, winHttp.queryHeaders(r, WINHTTP_QUERY_USER_AGENT | REQ, null, 0));
        assertEquals("127.0.0.1:" + raw.port(), winHttp.queryHeaders(r, WINHTTP_QUERY_HOST | REQ, null, 0));
        assertEquals("Keep-Alive", winHttp.queryHeaders(r, WINHTTP_QUERY_CONNECTION | REQ, null, 0));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "POST"})
    void putAndPostWithoutBodySendContentLengthZero(String verb) {
        HInternet r = request(verb, "/nobody");
        WireHead head = exchange(r);
        assertEquals(verb + " /nobody HTTP/1.1", head.requestLine);
        assertEquals(List.of("0"), head.values("Content-Length"), head.toString());
        assertEquals("0", winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH | REQ, null, 0));
        winHttp.closeHandle(r);
    }

    @Test
    void noUserAgentWhenTheAgentIsNull() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, "GET", "/agentless", null, null, null, 0);
        WireHead head = exchange(r);
        assertFalse(head.has("User-Agent"), head.toString());
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_USER_AGENT | REQ, null, 0)));
        winHttp.closeHandle(s);
    }

    @Test
    void disableKeepAliveLeavesOutConnectionKeepAlive() {
        HInternet r = request("GET", "/nokeepalive");
        winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
        WireHead head = exchange(r);
        for (String v : head.values("Connection")) {
            assertFalse(v.toLowerCase().contains("keep-alive"), head.toString());
        }
        winHttp.closeHandle(r);
    }

    @Test
    void refreshAddsPragmaAndCacheControl() {
        HInternet r = winHttp.openRequest(connect, "GET", "/refresh", null, null, null, WINHTTP_FLAG_REFRESH);
        WireHead head = exchange(r);
        assertEquals(List.of("no-cache"), head.values("Pragma"), head.toString());
        assertEquals(List.of("no-cache"), head.values("Cache-Control"), head.toString());
        assertEquals("no-cache", winHttp.queryHeaders(r, WINHTTP_QUERY_PRAGMA | REQ, null, 0));
        assertEquals("no-cache", winHttp.queryHeaders(r, WINHTTP_QUERY_CACHE_CONTROL | REQ, null, 0));
        winHttp.closeHandle(r);
    }

    @Test
    void sendRequestHeadersOverrideTheDefaultsAndStayQueryable() {
        HInternet r = request("GET", "/override");
        WireHead head = exchange(raw, r, "User-Agent: other\r\nConnection: close\r\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT",
                null, 0);
        assertEquals(List.of("other"), head.values("User-Agent"), head.toString());
        assertEquals(List.of("close"), head.values("Connection"), head.toString());
        assertEquals(List.of("Sun, 06 Nov 1994 08:49:37 GMT"), head.values("If-Modified-Since"));
        assertEquals("other", winHttp.queryHeaders(r, WINHTTP_QUERY_USER_AGENT | REQ, null, 0));
        assertEquals("close", winHttp.queryHeaders(r, WINHTTP_QUERY_CONNECTION | REQ, null, 0));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_USER_AGENT | REQ, null, 1)), "replaced, not added");
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT",
                winHttp.queryHeaders(r, WINHTTP_QUERY_IF_MODIFIED_SINCE | REQ, null, 0));
        winHttp.closeHandle(r);
    }

    @Test
    void rawRequestHeadersStartWithTheRequestLine() {
        HInternet r = request("GET", "/path");
        winHttp.addRequestHeaders(r, "X-Raw: 1", WINHTTP_ADDREQ_FLAG_ADD);
        String before = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF | REQ, null, 0);
        assertTrue(before.startsWith("GET /path HTTP/1.1\r\n"), before);
        assertTrue(before.endsWith("\r\n\r\n"), before);
        assertTrue(before.contains("\r\nX-Raw: 1\r\n"), before);
        exchange(r);
        String after = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF | REQ, null, 0);
        assertTrue(after.startsWith("GET /path HTTP/1.1\r\n"), after);
        assertTrue(after.endsWith("\r\n\r\n"), after);
        assertFalse(after.endsWith("\r\n\r\n\r\n"), after);
        assertTrue(after.contains("\r\nX-Raw: 1\r\n"), after);
        assertTrue(after.contains("\r\nHost: 127.0.0.1:" + raw.port() + "\r\n"), "defaults are part of it after the send: " + after);
        String nul = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS | REQ, null, 0);
        assertTrue(nul.startsWith("GET /path HTTP/1.1\0"), nul);
        assertTrue(nul.endsWith("\0\0"), nul);
        assertFalse(nul.contains("\r\n"), nul);
        winHttp.closeHandle(r);
    }

    // ---- openRequest defaults -----------------------------------------------------------------------

    @Test
    void nullOrEmptyVerbObjectAndVersionSendGetSlashHttp11() {
        for (String v : new String[] {null, ""}) {
            HInternet r = winHttp.openRequest(connect, v, v, v, null, null, 0);
            assertEquals("GET", winHttp.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
            WireHead head = exchange(r);
            assertEquals("GET / HTTP/1.1", head.requestLine, "for " + (v == null ? "null" : "\"\""));
            winHttp.closeHandle(r);
        }
    }

    /** test_empty_headers: an empty header string passed to sendRequest means no headers. */
    @Test
    void emptyHeaderStringInSendRequestIsNoHeaders() {
        HInternet r = request("GET", "/empty");
        WireHead head = exchange(raw, r, "", null, 0);
        assertEquals("GET /empty HTTP/1.1", head.requestLine);
        assertEquals(3, head.headers.size(), head.toString());
        assertEquals(java.util.Set.of("host", "user-agent", "connection"), new java.util.HashSet<>(head.namesLowerCase()));
        winHttp.closeHandle(r);
    }

    @Test
    void objectWithoutLeadingSlashGetsOne() {
        HInternet r = request("GET", "no/slash?q=1");
        assertEquals("GET /no/slash?q=1 HTTP/1.1", exchange(r).requestLine);
        winHttp.closeHandle(r);
    }
}
