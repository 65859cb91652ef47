package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/** Closing handles: cancellation of work in flight, exactly one terminal notification, parents after children. */
class CloseTest extends EngineTestBase {



    private static Notification next(TestProbe<Notification> probe) {
        return probe.expectMessageClass(Notification.class, Duration.ofSeconds(5));
    }

    private static void assertCancelledThenClosing(TestProbe<Notification> probe, HInternet r, int api) {
        Notification error = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, error.status(), error.toString());
        assertEquals(new StatusInfo.AsyncResult(api, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED), error.info());
        Notification closing = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, closing.status());
        assertSame(r, closing.handle());
        probe.expectNoMessage(Duration.ofMillis(200)); // nothing after HANDLE_CLOSING, nothing twice
    }

    @Test
    void closingWhileWaitingForTheResponseCancelsReceiveResponse() {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
            winHttp.sendRequest(r, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());
            winHttp.receiveResponse(r);
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(r);
            assertCancelledThenClosing(probe, r, API_RECEIVE_RESPONSE);
            winHttp.closeHandle(s);
        }
    }

    @Test
    void closingWhileReadingCancelsTheRead() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
        try (RawServer raw = RawServer.start(conn -> {
            conn.readRequestHead();
            conn.write(head);
            conn.stall(Duration.ofSeconds(30));
        })) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
            winHttp.sendRequest(r, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());
            winHttp.receiveResponse(r);
            assertEquals(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, next(probe).status());
            byte[] buf = new byte[10];
            winHttp.readData(r, buf, 0, 10);
            Notification first = next(probe);
            assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, first.status());
            assertEquals(3, ((StatusInfo.ReadComplete) first.info()).bytesRead(), "data that arrived is delivered");
            winHttp.readData(r, buf, 0, 10); // the rest never comes
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(r);
            assertCancelledThenClosing(probe, r, API_READ_DATA);
            winHttp.closeHandle(s);
        }
    }

    @Test
    void closingWhileWaitingForAConnectionCancelsSendRequest() {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 1);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet holder = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(holder, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE);
            winHttp.sendRequest(holder, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());

            HInternet waiting = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(waiting, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES | WINHTTP_CALLBACK_FLAG_SEND_REQUEST);
            winHttp.sendRequest(waiting, null, null, 0, 0);
            probe.expectNoMessage(Duration.ofMillis(200)); // queued behind the limit, not failed
            winHttp.closeHandle(waiting);
            assertCancelledThenClosing(probe, waiting, API_SEND_REQUEST);
            winHttp.closeHandle(holder);
            winHttp.closeHandle(s);
        }
    }

    @Test
    void synchronousCallInFlightThrowsCancelledWhenAnotherThreadCloses() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            winHttp.sendRequest(r, null, null, 0, 0);
            CompletableFuture<WinHttpError> waiting = new CompletableFuture<>();
            new Thread(() -> { // the caller's own thread, as an application would have it
                try {
                    winHttp.receiveResponse(r);
                    waiting.complete(WinHttpError.ERROR_SUCCESS);
                } catch (WinHttpException e) {
                    waiting.complete(e.error());
                }
            }, "close-test-receiver").start();
            Notification n;
            do {
                n = next(probe);
            } while (n.status() != WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE);
            winHttp.closeHandle(r);
            assertEquals(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, waiting.get(5, TimeUnit.SECONDS));
            Notification closing = next(probe);
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, closing.status(), "no REQUEST_ERROR in synchronous mode");
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(s);
        }
    }

    @Test
    void closingParentsFirstLeavesChildrenUsableAndTheirClosingComesFirst() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, next(probe).status());
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, next(probe).status());

        winHttp.closeHandle(s);
        winHttp.closeHandle(c);
        probe.expectNoMessage(Duration.ofMillis(100)); // both wait for their children
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.queryOption(c, WINHTTP_OPTION_CONTEXT_VALUE));

        winHttp.sendRequest(r, null, null, 0, 0); // the request still works
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        winHttp.closeHandle(r);
        assertSame(r, next(probe).handle());
        Notification cc = next(probe);
        assertSame(c, cc.handle());
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, cc.status());
        Notification sc = next(probe);
        assertSame(s, sc.handle());
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, sc.status());
        probe.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void engineShutdownCancelsAndClosesEverything() {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            WinHttpEngine other = WinHttpEngine.embedded(kit.system());
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = other.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            other.setStatusCallback(s, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_HANDLES | WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
            HInternet c = other.connect(s, raw.host(), raw.port());
            HInternet r = other.openRequest(c, "GET", "/", null, null, null, 0);
            assertSame(c, next(probe).handle());
            assertSame(r, next(probe).handle());
            other.sendRequest(r, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());
            other.receiveResponse(r);
            other.close();
            assertCancelledThenClosingOf(probe, r);
            assertSame(c, next(probe).handle());
            assertSame(s, next(probe).handle());
            assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> other.queryOption(s, WINHTTP_OPTION_CONTEXT_VALUE));
            assertFalse(kit.system().getWhenTerminated().toCompletableFuture().isDone(), "an embedded engine leaves the system running");
        }
    }

    private static void assertCancelledThenClosingOf(TestProbe<Notification> probe, HInternet r) {
        Notification error = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, error.status(), error.toString());
        assertEquals(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, ((StatusInfo.AsyncResult) error.info()).error());
        Notification closing = next(probe);
        assertSame(r, closing.handle());
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, closing.status());
    }
}
