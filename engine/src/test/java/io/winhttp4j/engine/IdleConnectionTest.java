package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Pooling hygiene on the raw wire (issue 8): a connection goes back to the pool only when its
 * response was framed unambiguously and read to its end with nothing left over; bytes a server
 * sends after a complete response, at once or while the connection sits idle, are never read as
 * the next request's response; a server that closes an idle connection costs the next request
 * nothing. Connection ids are the raw server's.
 */
class IdleConnectionTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final String OWN = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nnext-ok";
    /** What a confused server sends after a response: it would pass for the next request's answer. */
    static final String STALE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale";

    /** A synchronous GET on a new session, read to its end, its handles closed; every notification goes to the probe. */
    static String get(RawServer raw, String path, TestProbe<Notification> probe) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        if (probe != null) winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.setTimeouts(s, 0, 5000, 5000, 5000);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
        try {
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            return readAll(r);
        } finally {
            winHttp.closeHandle(r);
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
    }

    static long connectionOf(RawServer raw, String path) {
        return ConnectionReuseTest.connectionOf(raw, path);
    }

    /** Every notification of the probe's sessions so far, up to the HANDLE_CLOSING of the last of `sessions`. */
    static List<Notification> drain(TestProbe<Notification> probe, int sessions) {
        List<Notification> all = new ArrayList<>();
        while (sessions > 0) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            all.add(n);
            if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING && n.handle().handleType() == WINHTTP_HANDLE_TYPE_SESSION) {
                sessions--;
            }
        }
        return all;
    }

    // ---- bytes after a complete response ---------------------------------------------------------------

    /** A complete response, then more bytes in the same write: the connection is closed, /next gets its own. */
    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
    })
    void bytesAfterTheResponseInTheSameWriteAreNeverTheNextResponse(String response) {
        try (RawServer raw = RawServer.start(new RawRoutes()
                .handler("/first", (c, head) -> {
                    c.write(response + STALE);
                    return true; // the server would go on: only the client can refuse the connection
                })
                .fixed("/next", OWN))) {
            assertEquals(response.endsWith("ok\r\n0\r\n\r\n") || response.endsWith("ok") ? "ok" : "", get(raw, "/first", null));
            assertEquals("next-ok", get(raw, "/next", null), "the next request reads its own response");
            assertNotEquals(connectionOf(raw, "/first"), connectionOf(raw, "/next"));
            assertEquals(1, raw.headsByConnection().get(connectionOf(raw, "/first")).size());
        }
    }

    /**
     * The idle watch: the server sends stray bytes once the connection is idle in the pool; the
     * pool closes it (the server sees the end), and the next request goes on a fresh connection.
     */
    @ParameterizedTest
    @ValueSource(strings = {STALE, "x"})
    void bytesWhileIdleSpoilThePooledConnection(String stray) throws Exception {
        CountDownLatch idle = new CountDownLatch(1);
        BlockingQueue<String> afterStray = new LinkedBlockingQueue<>();
        try (RawServer raw = RawServer.start(new RawRoutes()
                .handler("/first", (c, head) -> {
                    c.write(OK);
                    assertTrue(idle.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                    c.write(stray);
                    String next = c.readRequestHead();
                    afterStray.add(next == null ? "closed by the client" : "another request: " + next);
                    return false;
                })
                .fixed("/next", OWN))) {
            assertEquals("ok", get(raw, "/first", null));
            idle.countDown();
            assertEquals("closed by the client", afterStray.poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the pool closed the connection that received bytes while idle");
            TestProbe<Notification> probe = kit.createTestProbe();
            assertEquals("next-ok", get(raw, "/next", probe));
            assertNotEquals(connectionOf(raw, "/first"), connectionOf(raw, "/next"));
            List<Notification> seen = drain(probe, 1);
            assertTrue(ConnectionReuseTest.any(seen, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER), ConnectionReuseTest.names(seen));
        }
    }

    /**
     * A server that closes an idle keep-alive connection (FIN): the pool notices and drops it, the
     * next request connects afresh without an error, and nobody is told CLOSING_CONNECTION /
     * CONNECTION_CLOSED (CONFORMANCE 2.0 rule 10: only a request's own "Connection: close").
     */
    @Test
    void aServerClosingAnIdleConnectionCostsTheNextRequestNothing() throws Exception {
        CountDownLatch idle = new CountDownLatch(1);
        BlockingQueue<String> afterFin = new LinkedBlockingQueue<>();
        try (RawServer raw = RawServer.start(new RawRoutes()
                .handler("/first", (c, head) -> {
                    c.write(OK);
                    assertTrue(idle.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                    c.socket().shutdownOutput();
                    String next = c.readRequestHead();
                    afterFin.add(next == null ? "closed by the client" : "another request: " + next);
                    return false;
                })
                .fixed("/next", OWN))) {
            TestProbe<Notification> probe = kit.createTestProbe();
            assertEquals("ok", get(raw, "/first", probe));
            idle.countDown();
            assertEquals("closed by the client", afterFin.poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                    "the pool closed its end of the connection the server closed");
            assertEquals("next-ok", get(raw, "/next", probe));
            assertNotEquals(connectionOf(raw, "/first"), connectionOf(raw, "/next"));
            List<Notification> seen = drain(probe, 2);
            assertFalse(ConnectionReuseTest.any(seen, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION), ConnectionReuseTest.names(seen));
            assertFalse(ConnectionReuseTest.any(seen, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED), ConnectionReuseTest.names(seen));
        }
    }

    // ---- pooled only when framed unambiguously and read to its end -----------------------------------

    /** verb, response, its body, whether its connection may carry the next request. */
    static Stream<Arguments> framings() {
        return Stream.of(
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", "ok", true),
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\nok\r\n0\r\nT: 1\r\n\r\n", "ok", true),
                Arguments.of("GET", "HTTP/1.1 204 No Content\r\n\r\n", "", true),
                Arguments.of("GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n", "", true),
                Arguments.of("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "", true),
                // RFC 9112 6.1/6.3: chunked wins over Content-Length, and the connection is not trusted again
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", "ok", false),
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n2\r\nok\r\n0\r\n\r\n", "ok", false),
                Arguments.of("GET", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", "ok", false),
                Arguments.of("GET", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", "ok", false),
                // CONFORMANCE 4.4: a 101's Content-Length is reported, its bytes are not body
                Arguments.of("GET", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Content-Length: 4\r\n\r\nabcd", "", false));
    }

    @ParameterizedTest
    @MethodSource("framings")
    void pooledOnlyWhenFramedUnambiguouslyAndReadToTheEnd(String verb, String response, String body, boolean reused) {
        try (RawServer raw = RawServer.start(new RawRoutes()
                .handler("/case", (c, head) -> {
                    c.write(response);
                    return true; // the server keeps its end open: reuse is the client's choice alone
                })
                .fixed("/next", OWN))) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            winHttp.setTimeouts(s, 0, 5000, 5000, 5000);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, verb, "/case", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            if (response.contains(" 101 ")) {
                assertEquals(4, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
                assertEquals(0, winHttp.queryDataAvailable(r));
            }
            assertEquals(body, readAll(r), "the body, read without waiting for a length the framing overrides");
            winHttp.closeHandle(s);
            assertEquals("next-ok", get(raw, "/next", null));
            assertEquals(reused, connectionOf(raw, "/case") == connectionOf(raw, "/next"),
                    (reused ? "reused" : "not reused") + " after " + WireHead.shown(response) + ": " + raw.headsByConnection());
        }
    }

    // ---- a pooled connection found dead when reused -------------------------------------------------------

    /**
     * The server on the pooled connection reads the next request's head and closes without a
     * byte of response (it closed the idle connection just as the request went out). /next on a
     * fresh connection is answered.
     */
    static RawRoutes closesOnTheSecondRequest() {
        RawRoutes.Handler closeOnReuse = (c, head) -> {
            if (c.id() == 1) return false; // the first connection: the request read, closed without a byte
            c.write(OWN);
            return true;
        };
        return new RawRoutes().fixed("/first", OK).handler("/next", closeOnReuse);
    }

    static HInternet sendOnThePooledConnection(RawServer raw, String verb, String path, byte[] optional, long total) {
        assertEquals("ok", get(raw, "/first", null));
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setTimeouts(s, 0, 5000, 5000, 5000);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, verb, path, null, null, null, 0);
        winHttp.sendRequest(r, null, optional, total, 0);
        return r;
    }

    /**
     * Issue 8: a pooled connection the server closed as the request went out is not the
     * application's problem: an idempotent request whose body was only optional data goes once
     * more, on a fresh connection.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT"})
    void anIdempotentRequestOnAConnectionFoundDeadGoesOnceMoreOnAFreshOne(String verb) {
        try (RawServer raw = RawServer.start(closesOnTheSecondRequest())) {
            byte[] optional = verb.equals("PUT") ? "body".getBytes(StandardCharsets.US_ASCII) : null;
            HInternet r = sendOnThePooledConnection(raw, verb, "/next", optional, optional == null ? 0 : optional.length);
            winHttp.receiveResponse(r);
            assertEquals("next-ok", readAll(r));
            winHttp.closeHandle(r);
            assertEquals(Map.of(1L, 2, 2L, 1), Map.of(1L, raw.headsByConnection().get(1L).size(), 2L,
                    raw.headsByConnection().get(2L).size()), "sent on the dead connection, then once more: " + raw.headsByConnection());
        }
    }

    /** The rule's other half: a body streamed by writeData cannot be sent again, so the request fails. */
    @Test
    void aRequestWithAWriteDataBodyOnAConnectionFoundDeadIsAConnectionError() {
        try (RawServer raw = RawServer.start(closesOnTheSecondRequest())) {
            HInternet r = sendOnThePooledConnection(raw, "PUT", "/next", null, 4);
            winHttp.writeData(r, "body".getBytes(StandardCharsets.US_ASCII), 0, 4);
            assertError(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, () -> winHttp.receiveResponse(r));
            winHttp.closeHandle(r);
            assertEquals(List.of("/first", "/next"), raw.headsByConnection().values().stream().flatMap(List::stream)
                    .map(h -> WireHead.of(h).requestLine.split(" ")[1]).toList(), "not sent again");
        }
    }

    /** And a request that is not idempotent (POST), even with optional data only. */
    @Test
    void aPostOnAConnectionFoundDeadIsAConnectionError() {
        try (RawServer raw = RawServer.start(closesOnTheSecondRequest())) {
            HInternet r = sendOnThePooledConnection(raw, "POST", "/next", "body".getBytes(StandardCharsets.US_ASCII), 4);
            assertError(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, () -> winHttp.receiveResponse(r));
            winHttp.closeHandle(r);
            assertEquals(1, raw.connectionsAccepted(), "not sent again");
        }
    }
}
