package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Reading responses (CONFORMANCE 5.2, 4.4): close-delimited bodies, bodiless responses, a body
 * cut short, status-line tolerance, 100-continue, and the response size limits.
 */
class ResponseBodyTest extends EngineTestBase {
    static RawServer raw;
    static HInternet connect;

    static final int CLOSE_DELIMITED = 0x2250; // 8784, as in the Windows test

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) ('a' + i % 26);
        return b;
    }

    @BeforeAll
    static void startRaw() {
        StringBuilder manyHeaders = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 300; i++) manyHeaders.append("X-H").append(i).append(": ").append(i).append("\r\n");
        manyHeaders.append("Content-Length: 0\r\n\r\n");
        raw = rawServer(new RawRoutes()
                .handler("/closedelimited", (c, head) -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n");
                    c.write(pattern(CLOSE_DELIMITED));
                    return false;
                })
                .fixed("/head100", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                .handler("/notmodified", (c, head) -> {
                    c.write("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
                    return true; // the connection stays open: a client waiting for a close would hang
                })
                .handler("/notmodifiedlength", (c, head) -> {
                    c.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n");
                    return true;
                })
                .handler("/nocontent", (c, head) -> {
                    c.write("HTTP/1.1 204 No Content\r\n\r\n");
                    return true;
                })
                .handler("/earlyfin", (c, head) -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
                    return false;
                })
                .handler("/earlyfinlater", (c, head) -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
                    c.stall(Duration.ofMillis(300));
                    return false;
                })
                .fixed("/doublespace", "HTTP/1.1  200  OK\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/bigheader", "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(2000) + "\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/manyheaders", manyHeaders.toString())
                .fixed("/chunkext", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=" + "e".repeat(2000)
                        + "\r\nabc\r\n0\r\n\r\n")
                .fixed("/chunkextsmall", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=small\r\nabc\r\n0\r\n\r\n"));
        connect = connectTo(null, raw.port());
    }

    private static HInternet received(String verb, String path) {
        HInternet r = winHttp.openRequest(connect, verb, path, null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        return r;
    }

    // ---- body framing ------------------------------------------------------------------------------

    /** No Content-Length, not chunked: the body ends when the server closes (5.2, 8784 bytes). */
    @Test
    void closeDelimitedBodyIsReadToTheClose() {
        HInternet r = received("GET", "/closedelimited");
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0)));
        byte[] body = new byte[CLOSE_DELIMITED + 100];
        int total = 0;
        int available;
        while ((available = winHttp.queryDataAvailable(r)) > 0) {
            assertTrue(total + available <= CLOSE_DELIMITED, "more than was sent: " + (total + available));
            byte[] buf = new byte[available];
            assertEquals(available, winHttp.readData(r, buf, 0, available), "readData(available) returns exactly available");
            System.arraycopy(buf, 0, body, total, available);
            total += available;
        }
        assertEquals(CLOSE_DELIMITED, total);
        assertArrayEquals(pattern(CLOSE_DELIMITED), java.util.Arrays.copyOf(body, total));
        assertEquals(0, winHttp.queryDataAvailable(r));
        assertEquals(0, winHttp.readData(r, new byte[10], 0, 10));
        winHttp.closeHandle(r);
    }

    @Test
    void headResponseAnnouncingALengthHasNoBody() {
        HInternet r = received("HEAD", "/head100");
        assertEquals(100, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
        assertEquals(0, winHttp.queryDataAvailable(r));
        assertEquals(0, winHttp.readData(r, new byte[100], 0, 100));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/notmodified", "/notmodifiedlength", "/nocontent"})
    void bodilessStatusesDoNotWaitForABody(String path) {
        long t0 = System.nanoTime();
        HInternet r = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
        winHttp.sendRequest(r, "If-None-Match: \"x\"", null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(0, winHttp.queryDataAvailable(r));
        assertEquals(0, winHttp.readData(r, new byte[64], 0, 64));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "took " + ms + " ms");
        int status = (int) winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0);
        assertEquals(path.equals("/nocontent") ? 204 : 304, status);
        winHttp.closeHandle(r);
    }

    /** Content-Length 10, 3 bytes, then FIN: the 3 bytes come first, then the read fails. */
    @ParameterizedTest
    @ValueSource(strings = {"/earlyfin", "/earlyfinlater"})
    void earlyFinDeliversWhatArrivedThenFails(String path) {
        HInternet r = received("GET", path);
        assertEquals(10, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
        byte[] buf = new byte[10];
        int got = 0;
        WinHttpException failure = null;
        try {
            int n;
            while ((n = winHttp.readData(r, buf, got, buf.length - got)) > 0) got += n;
        } catch (WinHttpException e) {
            failure = e;
        }
        assertEquals("abc", new String(buf, 0, got, StandardCharsets.US_ASCII), "the bytes that arrived are delivered");
        assertNotNull(failure, "the truncated body must end in an error, not in a normal end of data");
        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, failure.error());
        winHttp.closeHandle(r);
    }

    /** CONFORMANCE 4.4: "HTTP/1.1  200  OK" (double spaces) is accepted as 200. */
    @Test
    void statusLineWithDoubleSpaces() {
        HInternet r = winHttp.openRequest(connect, "GET", "/doublespace", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        byte[] buf = new byte[10];
        assertEquals(2, winHttp.readData(r, buf, 0, 10));
        winHttp.closeHandle(r);
    }

    @Test
    void expect100ContinueOnAPut() {
        HInternet c = connectTo(null, server.port());
        HInternet r = winHttp.openRequest(c, "PUT", "/upload", null, null, null, 0);
        byte[] part = pattern(50_000);
        winHttp.sendRequest(r, "Expect: 100-continue", null, 2L * part.length, 0);
        assertEquals(part.length, winHttp.writeData(r, part, 0, part.length));
        assertEquals(part.length, winHttp.writeData(r, part, 0, part.length));
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0), "the interim 100 is skipped");
        byte[] buf = new byte[64];
        int n = winHttp.readData(r, buf, 0, buf.length);
        assertEquals("100000", new String(buf, 0, n, StandardCharsets.US_ASCII).trim());
        LocalHttpServer.Recorded rec = server.requests().get(server.requests().size() - 1);
        assertEquals("100-continue", rec.header("Expect").orElse("(none)"));
        assertEquals(100_000, rec.bodyLength());
        winHttp.closeHandle(r);
        winHttp.closeHandle(c);
    }

    // ---- limits ------------------------------------------------------------------------------------

    @Test
    void responseHeadOverMaxResponseHeaderSize() {
        // with the default limit (64 KiB) the 2000-byte header is fine
        HInternet ok = received("GET", "/bigheader");
        assertEquals(2000, winHttp.queryHeaders(ok, WINHTTP_QUERY_CUSTOM, "X-Big", 0).length());
        winHttp.closeHandle(ok);

        HInternet r = winHttp.openRequest(connect, "GET", "/bigheader", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, 1000);
        assertEquals(1000, winHttp.queryOption(r, WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE));
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, error(() -> winHttp.receiveResponse(r)));
        winHttp.closeHandle(r);
    }

    @Test
    void threeHundredResponseHeaders() {
        HInternet r = winHttp.openRequest(connect, "GET", "/manyheaders", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.receiveResponse(r));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED, e.error(), e.getMessage());
        winHttp.closeHandle(r);
    }

    @Test
    void shortChunkExtensionsAreSkipped() {
        HInternet r = received("GET", "/chunkextsmall");
        byte[] buf = new byte[10];
        assertEquals(3, winHttp.readData(r, buf, 0, 10));
        assertEquals("abc", new String(buf, 0, 3, StandardCharsets.US_ASCII));
        assertEquals(0, winHttp.readData(r, buf, 0, 10));
        winHttp.closeHandle(r);
    }

    @Test
    void chunkHeaderLineOf2000Characters() {
        byte[] buf = new byte[10];
        HInternet r = winHttp.openRequest(connect, "GET", "/chunkext", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        WinHttpException e;
        try {
            winHttp.receiveResponse(r);
            e = assertThrows(WinHttpException.class, () -> {
                while (winHttp.readData(r, buf, 0, buf.length) > 0) {
                    // the failure comes with the chunk header
                }
            });
        } catch (WinHttpException x) {
            e = x;
        }
        assertEquals(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW, e.error(), e.getMessage());
        winHttp.closeHandle(r);
    }
}
