package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Which request goes over which connection (CONFORMANCE 2.0 rules 10-11, 2.6, 5.3, 5.8): the
 * persistent-connection cases, the reasons a connection is not reused, a "Connection: close"
 * request, re-sending on one handle, and MAX_CONNS_PER_SERVER.
 */
class ConnectionReuseTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);

    // ---- helpers -------------------------------------------------------------------------------------

    /** Collects notifications until one of `status` arrives for `handle`; a REQUEST_ERROR fails the test. */
    static List<Notification> until(TestProbe<Notification> probe, HInternet handle, int status, List<Notification> log) {
        List<Notification> seen = new ArrayList<>();
        while (true) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            seen.add(n);
            log.add(n);
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) fail("request error: " + n);
            if (n.status() == status && n.handle() == handle) return seen;
        }
    }

    static String names(List<Notification> ns) {
        StringBuilder sb = new StringBuilder();
        for (Notification n : ns) sb.append(statusName(n.status())).append(' ');
        return sb.toString();
    }

    static boolean any(List<Notification> ns, int status) {
        return ns.stream().anyMatch(n -> n.status() == status);
    }

    /** A synchronous GET on a new session, read to the end; returns the body. */
    static String syncGet(RawServer raw, String path, String headers) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        try {
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
            winHttp.sendRequest(r, headers, null, 0, 0);
            winHttp.receiveResponse(r);
            return readAll(r);
        } finally {
            winHttp.closeHandle(s);
        }
    }

    /** The connection id each request path arrived on, in arrival order ("/a" -> [1]). */
    static Map<String, List<Long>> connectionsByPath(RawServer raw) {
        Map<String, List<Long>> out = new HashMap<>();
        raw.headsByConnection().forEach((id, heads) -> {
            for (String head : heads) {
                String path = WireHead.of(head).requestLine.split(" ")[1];
                out.computeIfAbsent(path, p -> new ArrayList<>()).add(id);
            }
        });
        return out;
    }

    static long connectionOf(RawServer raw, String path) {
        List<Long> ids = connectionsByPath(raw).get(path);
        assertNotNull(ids, path + " never arrived: " + raw.headsByConnection());
        assertEquals(1, ids.size(), path + " arrived more than once");
        return ids.get(0);
    }

    // ---- CONFORMANCE 2.6 ---------------------------------------------------------------------------

    /**
     * One sub-case of test_persistent_connection: a new async session, GET, ReadData(1024) once,
     * close R, C, S. Returns every notification; checks the data, the absence of
     * CLOSING_CONNECTION / CONNECTION_CLOSED, and resolve/connect only when `fresh`.
     */
    static List<Notification> persistentCase(RawServer raw, String path, String expected, boolean fresh) {
        TestProbe<Notification> probe = kit.createTestProbe();
        List<Notification> log = new ArrayList<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        List<Notification> open = until(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, log);
        assertEquals(fresh, any(open, WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER), path + ": " + names(open));
        assertEquals(fresh, any(open, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER), path + ": " + names(open));
        if (!fresh) assertFalse(any(open, WINHTTP_CALLBACK_STATUS_RESOLVING_NAME), path + ": " + names(open));
        winHttp.receiveResponse(r);
        until(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, log);
        byte[] buf = new byte[1024];
        assertEquals(WinHttp.PENDING, winHttp.readData(r, buf, 0, buf.length));
        List<Notification> read = until(probe, r, WINHTTP_CALLBACK_STATUS_READ_COMPLETE, log);
        StatusInfo.ReadComplete rc = (StatusInfo.ReadComplete) read.get(read.size() - 1).info();
        assertEquals(expected, new String(buf, 0, rc.bytesRead(), StandardCharsets.US_ASCII), path);
        winHttp.closeHandle(r);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
        List<Notification> closing = new ArrayList<>();
        for (int i = 0; i < 3; i++) closing.add(probe.expectMessageClass(Notification.class, WAIT));
        log.addAll(closing);
        for (Notification n : closing) assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, n.status(), names(closing));
        probe.expectNoMessage(Duration.ofMillis(100));
        assertFalse(any(log, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION), path + ": " + names(log));
        assertFalse(any(log, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED), path + ": " + names(log));
        return log;
    }

    static RawRoutes persistentRoutes() {
        return new RawRoutes()
                .fixed("/case1", "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nX")
                .fixed("/case2", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n"
                        + "9\r\n123456789\r\n0\r\n\r\n")
                .fixed("/case3", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nxx")
                .fixed("/case4", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nyy")
                .fixed("/test", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

    /** Cases 1, 3 and 4 of 2.6 (Content-Length bodies), then a request that needs a new connection. */
    @Test
    void persistentConnectionCasesWithContentLength() {
        try (RawServer raw = RawServer.start(persistentRoutes())) {
            persistentCase(raw, "/case1", "X", true);
            persistentCase(raw, "/case3", "xx", false);
            persistentCase(raw, "/case4", "yy", false);
            persistentCase(raw, "/test", "", true);
            long first = connectionOf(raw, "/case1");
            assertEquals(first, connectionOf(raw, "/case3"), "HTTP/1.1 without a Connection header is persistent");
            assertEquals(first, connectionOf(raw, "/case4"));
            assertNotEquals(first, connectionOf(raw, "/test"), "not reused after the response's Connection: close");
            assertEquals(2, raw.connectionsAccepted());
        }
    }

    /** Case 2: a chunked body read with one ReadData(1024); the connection serves the next request. */
    @Test
    void persistentConnectionChunkedCase() {
        try (RawServer raw = RawServer.start(persistentRoutes())) {
            persistentCase(raw, "/case1", "X", true);
            persistentCase(raw, "/case2", "123456789", false);
            persistentCase(raw, "/case3", "xx", false);
            long first = connectionOf(raw, "/case1");
            assertEquals(first, connectionOf(raw, "/case2"));
            assertEquals(first, connectionOf(raw, "/case3"), "the chunked exchange left the connection reusable");
            assertEquals(1, raw.connectionsAccepted());
        }
    }

    /** Control for the case above: read to the end (a 0-byte read), a chunked exchange leaves the connection pooled. */
    @Test
    void chunkedBodyReadToItsEndLeavesTheConnectionReusable() {
        try (RawServer raw = RawServer.start(persistentRoutes())) {
            assertEquals("123456789", syncGet(raw, "/case2", null));
            assertEquals("xx", syncGet(raw, "/case3", null));
            assertEquals(connectionOf(raw, "/case2"), connectionOf(raw, "/case3"));
            assertEquals(1, raw.connectionsAccepted());
        }
    }

    // ---- not reused (5.8) ----------------------------------------------------------------------------

    static RawRoutes reuseRoutes() {
        return new RawRoutes()
                .fixed("/a", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .fixed("/b", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .handler("/http10", (c, head) -> {
                    c.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    return true; // the server would take another request: the client must not try
                })
                .fixed("/http10keepalive", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok")
                .handler("/big", (c, head) -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
                    c.write(new byte[100_000]);
                    return true;
                });
    }

    @Test
    void reusedAfterACompleteResponse() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            assertEquals("ok", syncGet(raw, "/a", null));
            assertEquals("ok", syncGet(raw, "/b", null));
            assertEquals(connectionOf(raw, "/a"), connectionOf(raw, "/b"));
            assertEquals(1, raw.connectionsAccepted());
        }
    }

    @Test
    void notReusedAfterHttp10WithoutKeepAlive() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            assertEquals("ok", syncGet(raw, "/http10", null));
            assertEquals("ok", syncGet(raw, "/b", null));
            assertNotEquals(connectionOf(raw, "/http10"), connectionOf(raw, "/b"));
        }
    }

    @Test
    void reusedAfterHttp10WithKeepAlive() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            assertEquals("ok", syncGet(raw, "/http10keepalive", null));
            assertEquals("ok", syncGet(raw, "/b", null));
            assertEquals(connectionOf(raw, "/http10keepalive"), connectionOf(raw, "/b"));
        }
    }

    @Test
    void notReusedAfterDisableKeepAlive() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/a", null, null, null, 0);
            winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(s);
            assertEquals("ok", syncGet(raw, "/b", null));
            assertNotEquals(connectionOf(raw, "/a"), connectionOf(raw, "/b"));
        }
    }

    @Test
    void notReusedAfterAHandleClosedWithItsBodyUnread() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/big", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertTrue(winHttp.readData(r, new byte[100], 0, 100) > 0, "some of the body is read, not all");
            winHttp.closeHandle(r);
            winHttp.closeHandle(s);
            assertEquals("ok", syncGet(raw, "/b", null));
            assertNotEquals(connectionOf(raw, "/big"), connectionOf(raw, "/b"));
        }
    }

    /**
     * 5.8 / 2.0 rule 10: a request with "Connection: close" may go over a pooled connection; the
     * connection closes during the read that ends its body (CLOSING_CONNECTION, CONNECTION_CLOSED,
     * then READ_COMPLETE), and the next request needs a new one.
     */
    @Test
    void connectionCloseRequestOverAPooledConnection() {
        try (RawServer raw = RawServer.start(reuseRoutes())) {
            assertEquals("ok", syncGet(raw, "/a", null));

            TestProbe<Notification> probe = kit.createTestProbe();
            List<Notification> log = new ArrayList<>();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/big", null, null, null, 0);
            winHttp.addRequestHeaders(r, "Connection: close", WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
            winHttp.sendRequest(r, null, null, 0, 0);
            List<Notification> open = until(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, log);
            assertFalse(any(open, WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER), "sent over the pooled connection: " + names(open));
            winHttp.receiveResponse(r);
            until(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, log);
            byte[] buf = new byte[16384];
            long total = 0;
            List<Notification> lastRead;
            while (true) {
                winHttp.readData(r, buf, 0, buf.length);
                lastRead = until(probe, r, WINHTTP_CALLBACK_STATUS_READ_COMPLETE, log);
                int n = ((StatusInfo.ReadComplete) lastRead.get(lastRead.size() - 1).info()).bytesRead();
                total += n;
                if (total >= 100_000 || n == 0) break;
                assertFalse(any(lastRead, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION), "closed before the body ended");
            }
            assertEquals(100_000, total);
            List<Integer> statuses = lastRead.stream().map(Notification::status).toList();
            assertEquals(List.of(WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED,
                    WINHTTP_CALLBACK_STATUS_READ_COMPLETE), statuses, "the read that ends the body: " + names(lastRead));
            winHttp.closeHandle(r);
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);

            assertEquals(connectionOf(raw, "/a"), connectionOf(raw, "/big"), "the close request used the idle connection");
            assertEquals("close", WireHead.of(raw.headsByConnection().get(connectionOf(raw, "/big")).get(1)).value("Connection"));
            assertEquals("ok", syncGet(raw, "/b", null));
            assertNotEquals(connectionOf(raw, "/big"), connectionOf(raw, "/b"), "a third request needs a new connection");
        }
    }

    // ---- re-sending on one handle (5.3) -----------------------------------------------------------

    static RawRoutes resendRoutes(int firstBody) {
        AtomicInteger count = new AtomicInteger();
        return new RawRoutes().handler("/resend", (c, head) -> {
            if (count.incrementAndGet() == 1) {
                c.write("HTTP/1.1 200 OK\r\nX-First: 1\r\nContent-Length: " + firstBody + "\r\n\r\n");
                c.write(new byte[firstBody]);
            } else {
                c.write("HTTP/1.1 200 OK\r\nX-Second: 2\r\nContent-Length: 2\r\n\r\nok");
            }
            return true;
        });
    }

    @Test
    void resendDrainsTheUnreadBodyAndReusesTheConnection() {
        try (RawServer raw = RawServer.start(resendRoutes(100_000))) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/resend", null, null, null, 0);
            winHttp.addRequestHeaders(r, "X-Keep: yes", WINHTTP_ADDREQ_FLAG_ADD);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals("1", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-First", 0));
            assertEquals(10, winHttp.readData(r, new byte[10], 0, 10), "a little of the body is read, most is not");

            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals("2", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-Second", 0));
            assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                    error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-First", 0)), "the first response's headers are gone");
            assertEquals("yes", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Keep", 0));
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(s);

            assertEquals(1, raw.connectionsAccepted());
            List<String> heads = raw.headsByConnection().get(1L);
            assertEquals(2, heads.size(), "both requests on connection 1: " + raw.headsByConnection());
            for (String head : heads) assertEquals("yes", WireHead.of(head).value("X-Keep"), "request headers are kept");
        }
    }

    @Test
    void resendWithAnUnreadBodyOverMaxResponseDrainSizeFails() {
        try (RawServer raw = RawServer.start(resendRoutes(100_000))) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/resend", null, null, null, 0);
            winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, 1000);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertError(WinHttpError.ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW, () -> winHttp.sendRequest(r, null, null, 0, 0));
            assertEquals(1, raw.receivedHeads().size(), "the re-send did not go out");
            // the handle can still be sent again; the overflowed connection is gone, so a new one is used
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(s);
            assertEquals(2, raw.connectionsAccepted());
        }
    }

    // ---- MAX_CONNS_PER_SERVER ----------------------------------------------------------------------

    @Test
    void maxConnsPerServerQueuesInsteadOfFailing() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 2);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        long acceptedBefore = server.connectionsAccepted();
        Map<HInternet, byte[]> buffers = new HashMap<>();
        Map<HInternet, StringBuilder> bodies = new HashMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/delay?ms=300", null, null, null, 0);
            buffers.put(r, new byte[1024]);
            bodies.put(r, new StringBuilder());
            winHttp.sendRequest(r, null, null, 0, 0);
        }
        int done = 0;
        List<Notification> errors = new ArrayList<>();
        while (done < 5) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            HInternet r = n.handle();
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(r);
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                    assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
                    winHttp.readData(r, buffers.get(r), 0, 1024);
                }
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    int bytes = ((StatusInfo.ReadComplete) n.info()).bytesRead();
                    if (bytes == 0) {
                        done++;
                    } else {
                        bodies.get(r).append(new String(buffers.get(r), 0, bytes, StandardCharsets.US_ASCII));
                        winHttp.readData(r, buffers.get(r), 0, 1024);
                    }
                }
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                    errors.add(n);
                    done++;
                }
                default -> { }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of(), errors, "no request failed");
        for (StringBuilder b : bodies.values()) assertEquals("late", b.toString());
        long opened = server.connectionsAccepted() - acceptedBefore;
        assertTrue(opened >= 1 && opened <= 2, opened + " connections were opened");
        // five 300 ms requests over at most two connections take at least three rounds
        assertTrue(ms >= 850, "all five done in " + ms + " ms: more than two ran at once");
        for (HInternet r : bodies.keySet()) winHttp.closeHandle(r);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }
}
