package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Windows' tolerance of response heads, through the engine on the raw wire (CONFORMANCE 4.4,
 * issue 8): runs of spaces in the status line, no reason phrase, spaces before a colon; the
 * reason, names and values kept as sent, in the server's order, duplicates included, so
 * RAW_HEADERS_CRLF is the reconstructed block and CONTENT_TYPE the server's text. What is not a
 * response is INVALID_SERVER_RESPONSE (refused as soon as the first bytes show it), as are
 * Content-Length values that differ or are no number; after any of these the connection is closed,
 * never reused.
 */
class ResponseToleranceTest extends EngineTestBase {
    static RawServer raw;
    static HInternet connect;

    static final String BLOCK_SENT = "HTTP/1.1  200   OK\r\n"
            + "Name : value\r\n"
            + "Set-Cookie: a=1\r\n"
            + "Content-Type: Text/Plain ;Charset=\"latin-1\"\r\n"
            + "X-Other   :x\r\n"
            + "set-cookie: b=2\r\n"
            + "X-Latin: caf\u00e9 \u00ff\r\n"
            + "Content-Length: 2\r\n"
            + "\r\n";
    static final String BLOCK_REPORTED = "HTTP/1.1 200 OK\r\n"
            + "Name: value\r\n"
            + "Set-Cookie: a=1\r\n"
            + "Content-Type: Text/Plain ;Charset=\"latin-1\"\r\n"
            + "X-Other: x\r\n"
            + "set-cookie: b=2\r\n"
            + "X-Latin: caf\u00e9 \u00ff\r\n"
            + "Content-Length: 2\r\n"
            + "\r\n";

    @BeforeAll
    static void startRaw() {
        RawRoutes routes = new RawRoutes()
                .fixed("/block", BLOCK_SENT + "ok")
                .fixed("/spaces", "HTTP/1.1     201    Made   Here\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/noreason-spaces", "HTTP/1.1    204\r\n\r\n")
                .fixed("/noreason-trailing-space", "HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok")
                .fixed("/cl-same", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/cl-same-list", "HTTP/1.1 200 OK\r\nContent-Length: 2 , 2\r\n\r\nok")
                .fixed("/plain", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nplain");
        // every refused reply keeps the server's end open: were the connection pooled, the next request would get it
        String[][] refused = {
            {"/cl-differ", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"},
            {"/cl-differ-list", "HTTP/1.1 200 OK\r\nContent-Length: 2, 3\r\n\r\nok"},
            {"/cl-nan", "HTTP/1.1 200 OK\r\nContent-Length: 2x\r\n\r\nok"},
            {"/cl-negative", "HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nok"},
            {"/html", "<html><body>no status line</body></html>"}, // no line end: refused from its first bytes
            {"/status-4-digits", "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"},
            {"/status-2-digits", "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n"},
            {"/status-below-100", "HTTP/1.1 099 Low\r\nContent-Length: 0\r\n\r\n"},
            {"/http2", "HTTP/2 200\r\nContent-Length: 0\r\n\r\n"},
            {"/no-space-after-version", "HTTP/1.1200 OK\r\nContent-Length: 0\r\n\r\n"},
        };
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n";
        String[][] brokenBodies = {
            {"/chunk-size-not-hex", chunked + "zz\r\nabc\r\n0\r\n\r\n"},
            {"/chunk-without-crlf", chunked + "3\r\nabcX\r\n0\r\n\r\n"},
            {"/chunk-line-too-long", chunked + "3;" + "e".repeat(5000) + "\r\nabc\r\n0\r\n\r\n"},
            {"/trailers-too-big", chunked + "0\r\nX-T: " + "t".repeat(70_000) + "\r\n\r\n"},
        };
        for (String[] r : brokenBodies) {
            routes.handler(r[0], (c, head) -> {
                c.write(r[1]);
                return true;
            });
        }
        for (String[] r : refused) {
            routes.handler(r[0], (c, head) -> {
                c.write(r[1]);
                return true;
            });
        }
        raw = rawServer(routes);
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setTimeouts(s, 0, 5000, 5000, 10_000);
        connect = winHttp.connect(s, raw.host(), raw.port());
    }

    static HInternet received(String path) {
        HInternet r = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        return r;
    }

    /** The connection the latest request for path came on (several tests ask for /plain). */
    static long lastConnectionOf(String path) {
        java.util.List<Long> ids = ConnectionReuseTest.connectionsByPath(raw).get(path);
        return ids.get(ids.size() - 1);
    }

    static String query(HInternet r, int level) {
        return winHttp.queryHeaders(r, level, null, 0);
    }

    static String custom(HInternet r, String name, int index) {
        return winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, name, index);
    }

    @Test
    void theHeadIsKeptAsSentAndRawHeadersIsTheReconstructedBlock() {
        HInternet r = received("/block");
        assertEquals(BLOCK_REPORTED, query(r, WINHTTP_QUERY_RAW_HEADERS_CRLF));
        assertEquals(BLOCK_REPORTED.replace("\r\n", "\0"), query(r, WINHTTP_QUERY_RAW_HEADERS));
        assertEquals("OK", query(r, WINHTTP_QUERY_STATUS_TEXT));
        assertEquals("value", custom(r, "Name", 0));
        assertEquals("x", custom(r, "X-Other", 0));
        assertEquals("a=1", custom(r, "Set-Cookie", 0), "duplicates in the server's order");
        assertEquals("b=2", custom(r, "Set-Cookie", 1));
        assertEquals("b=2", winHttp.queryHeaders(r, WINHTTP_QUERY_SET_COOKIE, null, 1));
        assertError(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, () -> custom(r, "Set-Cookie", 2));
        assertEquals("Text/Plain ;Charset=\"latin-1\"", query(r, WINHTTP_QUERY_CONTENT_TYPE), "Content-Type as sent");
        assertEquals("caf\u00e9 \u00ff", custom(r, "X-Latin", 0), "ISO-8859-1 bytes kept");
        assertEquals("ok", readAll(r));
        winHttp.closeHandle(r);
    }

    @Test
    void anyRunOfSpacesBetweenTheStatusLinesParts() {
        HInternet r = received("/spaces");
        assertEquals(201, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("Made   Here", query(r, WINHTTP_QUERY_STATUS_TEXT), "the reason as sent");
        assertEquals("HTTP/1.1", query(r, WINHTTP_QUERY_VERSION));
        assertEquals("HTTP/1.1 201 Made   Here\r\nContent-Length: 2\r\n\r\n", query(r, WINHTTP_QUERY_RAW_HEADERS_CRLF));
        assertEquals("ok", readAll(r));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/noreason-spaces", "/noreason-trailing-space"})
    void noReasonPhraseIsAnEmptyStatusText(String path) {
        HInternet r = received(path);
        assertEquals("", query(r, WINHTTP_QUERY_STATUS_TEXT));
        String status = query(r, WINHTTP_QUERY_STATUS_CODE);
        assertTrue(query(r, WINHTTP_QUERY_RAW_HEADERS_CRLF).startsWith("HTTP/1.1 " + status + "\r\n"),
                query(r, WINHTTP_QUERY_RAW_HEADERS_CRLF));
        readAll(r);
        winHttp.closeHandle(r);
    }

    /** Content-Length given twice, or as a list, with the same value: one length, the body read, the connection reused. */
    @ParameterizedTest
    @ValueSource(strings = {"/cl-same", "/cl-same-list"})
    void contentLengthsThatAgreeAreOneLength(String path) {
        HInternet r = received(path);
        assertEquals("ok", readAll(r));
        winHttp.closeHandle(r);
        HInternet next = received("/plain");
        assertEquals("plain", readAll(next));
        winHttp.closeHandle(next);
        assertEquals(ConnectionReuseTest.connectionOf(raw, path), lastConnectionOf("/plain"), "reused");
    }

    /**
     * A body that breaks its framing: what came before the break is delivered, then the error
     * (each with its limit's error where a limit is passed), and the connection is not reused.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "/chunk-size-not-hex, ERROR_WINHTTP_INVALID_SERVER_RESPONSE, ok",
        "/chunk-without-crlf, ERROR_WINHTTP_INVALID_SERVER_RESPONSE, okabc",
        "/chunk-line-too-long, ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW, ok",
        "/trailers-too-big, ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, ok",
    })
    void aBodyThatBreaksItsFramingFailsAfterItsDataAndTheConnectionIsNotReused(String path, WinHttpError error, String before) {
        HInternet r = received(path);
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[64];
        io.winhttp4j.WinHttpException e = assertThrows(io.winhttp4j.WinHttpException.class, () -> {
            for (int n; (n = winHttp.readData(r, buf, 0, buf.length)) > 0; ) got.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        }, path + " read to a normal end");
        assertEquals(error, e.error(), e.getMessage());
        assertEquals(before, got.toString(), "the data before the break");
        winHttp.closeHandle(r);
        HInternet next = received("/plain");
        assertEquals("plain", readAll(next));
        winHttp.closeHandle(next);
        assertNotEquals(ConnectionReuseTest.connectionOf(raw, path), lastConnectionOf("/plain"), "not reused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cl-differ", "/cl-differ-list", "/cl-nan", "/cl-negative", "/html", "/status-4-digits",
        "/status-2-digits", "/status-below-100", "/http2", "/no-space-after-version"})
    void notAResponseIsInvalidServerResponseAndTheConnectionIsNotReused(String path) {
        HInternet r = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        long t0 = System.nanoTime();
        assertError(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, () -> winHttp.receiveResponse(r), path);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5000, path + " refused after " + ms + " ms: not waiting for more");
        winHttp.closeHandle(r);
        HInternet next = received("/plain");
        assertEquals("plain", readAll(next));
        winHttp.closeHandle(next);
        assertNotEquals(ConnectionReuseTest.connectionOf(raw, path), lastConnectionOf("/plain"),
                "the connection of the refused reply was not reused");
    }
}
