package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * sendRequest's checks of the body framing it is given, a declared length over 4 GiB streamed
 * through writeData, and writeData outside the declared body (CONFORMANCE 5.1).
 */
class SendRequestRulesTest extends EngineTestBase {
    static HInternet connect;

    static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void openConnect() {
        connect = connectTo("rules-test", server.port());
    }

    private static LocalHttpServer.Recorded last() {
        List<LocalHttpServer.Recorded> all = server.requests();
        return all.get(all.size() - 1);
    }

    /** After the rejections, the same handle sends a correct request (and only that one goes out). */
    private static void stillUsable(HInternet r, int requestsBefore) {
        assertEquals(requestsBefore, server.requests().size(), "a rejected sendRequest sends nothing");
        winHttp.sendRequest(r, null, HELLO, HELLO.length, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("5", readAll(r).trim());
        assertEquals(requestsBefore + 1, server.requests().size());
        assertEquals(5, last().bodyLength());
        assertEquals("5", last().header("Content-Length").orElse("(none)"));
    }

    @Test
    void totalLengthDifferentFromContentLengthIsInvalidParameter() {
        HInternet r = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        int before = server.requests().size();
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.sendRequest(r, "Content-Length: 4", HELLO, HELLO.length, 0)));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.sendRequest(r, "Content-Length: 5", HELLO, 6, 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0)),
                "the rejected call's headers were not kept");
        // the same through a stored header
        HInternet r2 = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        winHttp.addRequestHeaders(r2, "Content-Length: 5", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.sendRequest(r2, null, null, 4, 0)));
        stillUsable(r, before);
        stillUsable(r2, before + 1);
        winHttp.closeHandle(r);
        winHttp.closeHandle(r2);
    }

    @Test
    void transferEncodingWithContentLengthIsInvalidParameter() {
        HInternet r = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        int before = server.requests().size();
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.sendRequest(r, "Transfer-Encoding: chunked\r\nContent-Length: 5", null, 0, 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_TRANSFER_ENCODING | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0)));
        stillUsable(r, before);
        winHttp.closeHandle(r);
    }

    @Test
    void transferEncodingWithOptionalDataIsInvalidParameter() {
        HInternet r = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        int before = server.requests().size();
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.sendRequest(r, "Transfer-Encoding: chunked", HELLO, HELLO.length, 0)));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.sendRequest(r, "Transfer-Encoding: chunked", HELLO, 0, 0)));
        stillUsable(r, before);
        winHttp.closeHandle(r);
    }

    /**
     * WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH with "Content-Length: 4400000000": a length no DWORD
     * holds, streamed in 1 MiB writeData calls; the server counts every byte.
     */
    @Test
    void contentLengthOver4GiBStreamsThroughWriteData() {
        long total = 4_400_000_000L;
        byte[] buf = new byte[1 << 20];
        for (int i = 0; i < buf.length; i++) buf[i] = (byte) (i * 31 + 7);
        HInternet r = winHttp.openRequest(connect, "PUT", "/upload", null, null, null, 0);
        long t0 = System.nanoTime();
        winHttp.sendRequest(r, "Content-Length: " + total, null, WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, 0);
        long written = 0;
        while (written < total) {
            int n = (int) Math.min(buf.length, total - written);
            assertEquals(n, winHttp.writeData(r, buf, 0, n));
            written += n;
        }
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(Long.toString(total), readAll(r).trim());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("SendRequestRulesTest: " + total + " bytes uploaded in " + ms + " ms");
        assertEquals(total, last().bodyLength());
        assertEquals(Long.toString(total), last().header("Content-Length").orElse("(none)"));
        assertEquals(Long.toString(total),
                winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
        winHttp.closeHandle(r);
    }

    /**
     * CONFORMANCE 5.1: six 1-byte writes after a 10-byte optional/total each succeed; the server
     * gets exactly the declared 10 bytes, and the connection is not used again.
     */
    @Test
    void writeDataPastTheDeclaredLength() {
        // control: a normal POST leaves its connection for the next request
        HInternet p = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        winHttp.sendRequest(p, null, "0123456789".getBytes(StandardCharsets.US_ASCII), 10, 0);
        winHttp.receiveResponse(p);
        assertEquals("10", readAll(p).trim());
        long controlConnection = last().connectionId();
        winHttp.closeHandle(p);
        HInternet g = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
        winHttp.sendRequest(g, null, null, 0, 0);
        winHttp.receiveResponse(g);
        readAll(g);
        assertEquals(controlConnection, last().connectionId(), "a normal exchange is followed by reuse");
        winHttp.closeHandle(g);

        HInternet r = winHttp.openRequest(connect, "POST", "/upload", null, null, null, 0);
        winHttp.sendRequest(r, null, "0123456789".getBytes(StandardCharsets.US_ASCII), 10, 0);
        byte[] extra = {'!'};
        for (int i = 0; i < 6; i++) assertEquals(1, winHttp.writeData(r, extra, 0, 1), "extra write " + i);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("10", readAll(r).trim(), "the server counted the declared body only");
        LocalHttpServer.Recorded post = last();
        assertEquals(10, post.bodyLength());
        winHttp.closeHandle(r);

        HInternet next = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
        winHttp.sendRequest(next, null, null, 0, 0);
        winHttp.receiveResponse(next);
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(next));
        LocalHttpServer.Recorded hello = last();
        assertEquals("GET", hello.method());
        assertNotEquals(post.connectionId(), hello.connectionId(), "the connection that got extra bytes is not reused");
        winHttp.closeHandle(next);
    }

    /** The same with writeData supplying the declared part first. */
    @Test
    void writeDataPastTheDeclaredLengthAfterWrites() {
        HInternet r = winHttp.openRequest(connect, "PUT", "/upload", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 4, 0);
        assertEquals(6, winHttp.writeData(r, "abcdef".getBytes(StandardCharsets.US_ASCII), 0, 6), "4 owed, 6 accepted");
        winHttp.receiveResponse(r);
        assertEquals("4", readAll(r).trim());
        assertEquals(4, last().bodyLength());
        winHttp.closeHandle(r);
    }

    @Test
    void writeDataBeforeSendAndAfterReceiveIsIncorrectHandleState() {
        HInternet r = winHttp.openRequest(connect, "PUT", "/upload", null, null, null, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, error(() -> winHttp.writeData(r, HELLO, 0, 5)));
        winHttp.sendRequest(r, null, null, 5, 0);
        assertEquals(5, winHttp.writeData(r, HELLO, 0, 5));
        winHttp.receiveResponse(r);
        assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, error(() -> winHttp.writeData(r, HELLO, 0, 5)));
        assertEquals("5", readAll(r).trim());
        assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, error(() -> winHttp.writeData(r, HELLO, 0, 5)),
                "also at the end of the body");
        winHttp.closeHandle(r);
    }
}
