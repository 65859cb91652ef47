package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * CLOSING_CONNECTION and CONNECTION_CLOSED (CONFORMANCE 2.0 rule 10), what ConnectionReuseTest
 * and SequenceTest leave out: a request carrying "Connection: close" gets both, once, in this
 * order, during the call that reaches the end of its body, in synchronous mode too and when the
 * response has no body at all; and the connection really ends then, as the server sees, without
 * anyone closing the pool.
 */
class ClosingConnectionTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(100);

    /** Answers one request with `response`, then reports how the connection went on (it should end). */
    static RawServer answerOnce(String response, BlockingQueue<String> after) {
        return RawServer.start(c -> {
            String head = c.readRequestHead();
            c.skipBody(head);
            c.write(response);
            String next = c.readRequestHead();
            after.add(next == null ? "ended" : "another request: " + next);
        });
    }

    static HInternet closeRequest(RawServer raw, TestProbe<Notification> probe, boolean async, String verb) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        winHttp.setTimeouts(s, 0, 5000, 5000, 5000);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, verb, "/", null, null, null, 0);
        winHttp.addRequestHeaders(r, "Connection: close", WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS
                & ~(WINHTTP_CALLBACK_FLAG_RESOLVE_NAME | WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER | WINHTTP_CALLBACK_FLAG_SEND_REQUEST
                | WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE));
        return r;
    }

    static void expect(TestProbe<Notification> probe, HInternet r, int... statuses) {
        for (int status : statuses) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            assertEquals(statusName(status), statusName(n.status()), n.toString());
            assertSame(r, n.handle());
        }
    }

    /** Synchronous: the notifications are sent during the readData that takes the body's last bytes, and only then. */
    @Test
    void synchronousReadThatEndsTheBodyClosesTheConnection() throws Exception {
        BlockingQueue<String> after = new LinkedBlockingQueue<>();
        try (RawServer raw = answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde", after)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet r = closeRequest(raw, probe, false, "GET");
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            byte[] buf = new byte[10];
            assertEquals(3, winHttp.readData(r, buf, 0, 3));
            probe.expectNoMessage(QUIET);
            assertEquals(2, winHttp.readData(r, buf, 3, 7), "the read that takes the end of the body");
            expect(probe, r, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED);
            assertEquals("ended", after.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the connection really ended");
            assertEquals(0, winHttp.readData(r, buf, 0, 10));
            assertEquals(0, winHttp.queryDataAvailable(r));
            winHttp.closeHandle(r);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            probe.expectNoMessage(QUIET);
        }
    }

    /** A bodiless response: the first call that finds the end (here QueryDataAvailable) carries them, once. */
    @Test
    void asynchronousBodilessResponseClosesOnTheFirstDataCall() throws Exception {
        BlockingQueue<String> after = new LinkedBlockingQueue<>();
        try (RawServer raw = answerOnce("HTTP/1.1 204 No Content\r\n\r\n", after)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet r = closeRequest(raw, probe, true, "GET");
            winHttp.sendRequest(r, null, null, 0, 0);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.receiveResponse(r);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            probe.expectNoMessage(QUIET);
            assertEquals(WinHttp.PENDING, winHttp.queryDataAvailable(r));
            expect(probe, r, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED);
            Notification available = probe.expectMessageClass(Notification.class, WAIT);
            assertEquals(WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, available.status(), available.toString());
            assertEquals(new StatusInfo.ByteCount(0), available.info());
            assertEquals("ended", after.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the connection really ended");
            byte[] buf = new byte[4];
            winHttp.readData(r, buf, 0, buf.length);
            Notification read = probe.expectMessageClass(Notification.class, WAIT);
            assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, read.status(), "no second CLOSING_CONNECTION: " + read);
            winHttp.closeHandle(r);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            probe.expectNoMessage(QUIET);
        }
    }

    /** HEAD announcing a length: no body, so the first readData (returning 0) carries them. */
    @Test
    void headResponseClosesOnTheFirstRead() throws Exception {
        BlockingQueue<String> after = new LinkedBlockingQueue<>();
        try (RawServer raw = answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", after)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet r = closeRequest(raw, probe, false, "HEAD");
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            probe.expectNoMessage(QUIET);
            assertEquals(0, winHttp.readData(r, new byte[10], 0, 10));
            expect(probe, r, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED);
            assertEquals("ended", after.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, winHttp.readData(r, new byte[10], 0, 10));
            probe.expectNoMessage(QUIET);
            winHttp.closeHandle(r);
        }
    }
}
