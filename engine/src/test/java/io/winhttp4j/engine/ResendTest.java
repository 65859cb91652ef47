package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.Bounded;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Re-sending on one request handle (CONFORMANCE 5.3, the 401-then-re-send pattern): the previous
 * exchange's connection is given back (or reused) first, whatever was read of its response.
 */
class ResendTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final AtomicInteger CASES = new AtomicInteger();

    /** A request target of its own, so that the server's records of it belong to one test. */
    static String unique(String path) {
        return path + (path.contains("?") ? "&" : "?") + "case=" + CASES.incrementAndGet();
    }

    /** The ids of the server connections the requests for target came on, in arrival order. */
    static List<Long> connectionsOf(String target) {
        return server.requests().stream().filter(r -> r.uri().equals(target)).map(LocalHttpServer.Recorded::connectionId).toList();
    }

    /** Sends target, takes the response head and none of its body, sends again and reads that one; returns the second body. */
    static String sendTwice(String target, int maxConns) throws Exception {
        return Bounded.call(WAIT, target, () -> {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            try {
                if (maxConns > 0) winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, maxConns);
                HInternet c = winHttp.connect(s, server.host(), server.port());
                HInternet r = winHttp.openRequest(c, "GET", target, null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                return readAll(r);
            } finally {
                winHttp.closeHandle(s);
            }
        });
    }

    /** Responses whose body is wholly in hand with the head: empty (Content-Length: 0), none (204), short. */
    @ParameterizedTest
    @ValueSource(strings = {"/bytes?n=0", "/status/204", "/hello"})
    void aResendReusesTheConnectionWhenTheBodyIsAlreadyInHand(String path) throws Exception {
        String target = unique(path);
        sendTwice(target, 0);
        List<Long> ids = connectionsOf(target);
        assertEquals(2, ids.size(), "both sends arrived: " + ids);
        assertEquals(ids.get(0), ids.get(1), "the re-send went over the first send's connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bytes?n=0", "/status/204", "/hello"})
    void aResendCompletesWithOneConnectionPerServer(String path) throws Exception {
        String target = unique(path);
        String body = sendTwice(target, 1);
        if (path.equals("/hello")) assertEquals(LocalHttpServer.HELLO_BODY, body);
        List<Long> ids = connectionsOf(target);
        assertEquals(2, ids.size(), "both sends arrived: " + ids);
        assertEquals(ids.get(0), ids.get(1));
    }

    // ---- while the previous body drains ------------------------------------------------------------

    /** The next notification on probe with this status, skipping others; a REQUEST_ERROR fails the test. */
    static Notification next(TestProbe<Notification> probe, int status) {
        while (true) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR && status != n.status()) fail("request error: " + n);
            if (n.status() == status) return n;
        }
    }

    /** An asynchronous GET on session s, sent once; returns the request when its headers are available (body unread). */
    static HInternet firstExchange(HInternet s, RawServer raw, TestProbe<Notification> probe) {
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, "GET", "/drain", null, null, null, 0);
        winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        next(probe, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(r);
        next(probe, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        return r;
    }

    /**
     * setOption, a new context and setStatusCallback made while a re-send drains the previous body
     * apply to the re-send. The server holds back the rest of that body until they are made.
     */
    @Test
    void changesMadeWhileAResendDrainsTakeEffect() {
        CompletableFuture<Void> rest = new CompletableFuture<>();
        try (RawServer raw = RawServer.start(conn -> {
            conn.readRequestHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789");
            rest.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            conn.write("abcdefghij");
            while (conn.readRequestHead() != null) conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        })) {
            TestProbe<Notification> before = kit.createTestProbe();
            TestProbe<Notification> after = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            try {
                HInternet r = firstExchange(s, raw, before);
                winHttp.sendRequest(r, null, null, 0, 0); // drains: 10 bytes are still to come
                winHttp.setOption(r, WINHTTP_OPTION_SEND_TIMEOUT, 4321);
                winHttp.setOption(r, WINHTTP_OPTION_CONTEXT_VALUE, 77L);
                winHttp.setStatusCallback(r, ActorSubscriber.of(after.ref()), WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
                rest.complete(null);
                Notification sent = next(after, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                assertEquals(77L, sent.context(), "the context set while draining");
                winHttp.receiveResponse(r);
                next(after, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
                assertEquals(4321, winHttp.queryOption(r, WINHTTP_OPTION_SEND_TIMEOUT), "the option set while draining");
                assertEquals(1, raw.connectionsAccepted(), "the drained connection served the re-send");
            } finally {
                winHttp.closeHandle(s);
            }
        }
    }

    /** RECEIVE_TIMEOUT bounds each wait of the drain: a body that stalls fails the re-send with ERROR_WINHTTP_TIMEOUT. */
    @Test
    void aDrainThatStallsTimesOut() {
        AtomicInteger connections = new AtomicInteger();
        try (RawServer raw = RawServer.start(conn -> {
            if (connections.incrementAndGet() == 1) {
                conn.readRequestHead();
                conn.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n0123456789");
                conn.stall(Duration.ofSeconds(60));
            } else {
                while (conn.readRequestHead() != null) conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        })) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            try {
                HInternet r = firstExchange(s, raw, probe);
                winHttp.setOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT, 300);
                long t0 = System.nanoTime();
                winHttp.sendRequest(r, null, null, 0, 0);
                Notification n = next(probe, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                StatusInfo.AsyncResult a = (StatusInfo.AsyncResult) n.info();
                assertEquals(API_SEND_REQUEST, a.api());
                assertEquals(WinHttpError.ERROR_WINHTTP_TIMEOUT, a.error());
                assertTrue(ms >= 250, "timed out after " + ms + " ms, before RECEIVE_TIMEOUT");
                // the stalled connection is dropped; the handle can be sent again
                winHttp.sendRequest(r, null, null, 0, 0);
                next(probe, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                winHttp.receiveResponse(r);
                next(probe, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
                assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(2, raw.connectionsAccepted());
            } finally {
                winHttp.closeHandle(s);
            }
        }
    }
}
