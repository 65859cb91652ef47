package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * SENDREQUEST_COMPLETE comes only once the socket took the head and the optional data (issue 8):
 * against a server that reads 64 KiB of a 32 MiB optional body and stops (a small fixed receive
 * buffer, so the client's socket fills up after a few MiB), sendRequest stays in flight; closing
 * the request then cancels it, in both modes; SEND_TIMEOUT bounds the wait; and when the server
 * reads on, the completion comes, counting every byte.
 */
class SendInFlightTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final int BODY = 32 * 1024 * 1024;
    static final int RECEIVE_BUFFER = 64 * 1024;
    /** What the server reads of the body before it stops. */
    static final int READ_FIRST = 64 * 1024;
    static final byte[] OPTIONAL = new byte[BODY];

    /**
     * Reads the head and READ_FIRST bytes of the body, reports the head (stopped), then reads
     * nothing until the test says so (resume); then reads the rest of the announced body and
     * reports how that went (rest): "complete", or how the client ended the connection first.
     */
    static final class Stopper implements RawServer.Script {
        final BlockingQueue<String> stopped = new LinkedBlockingQueue<>();
        final CountDownLatch resume = new CountDownLatch(1);
        final BlockingQueue<String> rest = new LinkedBlockingQueue<>();

        @Override
        public void run(RawConnection c) throws Exception {
            String head = c.readRequestHead();
            if (head == null) return;
            c.readBytes(READ_FIRST);
            stopped.add(head);
            if (!resume.await(WAIT.toSeconds(), TimeUnit.SECONDS)) return;
            try {
                long n = Long.parseLong(RawConnection.headerValue(head, "Content-Length")) - READ_FIRST;
                c.readBytes((int) n);
                rest.add("complete");
            } catch (IOException ended) {
                rest.add("ended: " + ended);
                return;
            }
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            c.readRequestHead();
        }

        String awaitStopped() throws InterruptedException {
            String head = stopped.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(head, "the server read the head and " + READ_FIRST + " bytes");
            return head;
        }

        String resumeAndAwaitRest() throws InterruptedException {
            resume.countDown();
            String how = rest.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(how, "the server read on to the end of the body or of the connection");
            return how;
        }
    }

    /** The server, reading on, found the connection ended before the body did: the send was aborted. */
    static void assertEnded(String rest, String what) {
        assertTrue(rest.startsWith("ended"), what + ": " + rest);
    }

    static HInternet request(HInternet session, RawServer raw, TestProbe<Notification> probe) {
        winHttp.setStatusCallback(session, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = winHttp.connect(session, raw.host(), raw.port());
        return winHttp.openRequest(c, "POST", "/upload", null, null, null, 0);
    }

    static List<Notification> upTo(TestProbe<Notification> probe, HInternet r, int status) {
        return ConnectionReuseTest.until(probe, r, status, new ArrayList<>());
    }

    /** The next notification is the one asked for, about r. */
    static Notification expect(TestProbe<Notification> probe, HInternet r, int status) {
        Notification n = probe.expectMessageClass(Notification.class, WAIT);
        assertEquals(statusName(status), statusName(n.status()), n.toString());
        assertSame(r, n.handle(), n.toString());
        return n;
    }

    @Test
    void asyncSendStaysInFlightWhileTheServerDoesNotReadAndCloseCancelsIt() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet r = request(s, raw, probe);
            winHttp.sendRequest(r, null, OPTIONAL, BODY, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST);
            stopper.awaitStopped();
            probe.expectNoMessage(Duration.ofMillis(300)); // neither REQUEST_SENT nor SENDREQUEST_COMPLETE

            winHttp.closeHandle(r);
            Notification error = expect(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
            assertEquals(new StatusInfo.AsyncResult(API_SEND_REQUEST, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED), error.info());
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertEnded(stopper.resumeAndAwaitRest(), "the connection was closed under the send");
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(s);
        }
    }

    /** The control: the same send completes when the server reads on, and REQUEST_SENT counts every byte. */
    @Test
    void asyncSendCompletesOnceTheServerTakesTheWholeBody() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet r = request(s, raw, probe);
            winHttp.sendRequest(r, null, OPTIONAL, BODY, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST);
            String head = stopper.awaitStopped();
            probe.expectNoMessage(Duration.ofMillis(300));

            assertEquals("complete", stopper.resumeAndAwaitRest());
            Notification sent = expect(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
            assertEquals(new StatusInfo.ByteCount(head.length() + (long) BODY), sent.info());
            expect(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.receiveResponse(r);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            winHttp.closeHandle(r);
            winHttp.closeHandle(s);
        }
    }

    @Test
    void syncSendOnAnotherThreadIsCancelledWhenTheHandleCloses() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet r = request(s, raw, probe);
            CompletableFuture<WinHttpError> outcome = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    winHttp.sendRequest(r, null, OPTIONAL, BODY, 0);
                    outcome.complete(WinHttpError.ERROR_SUCCESS);
                } catch (WinHttpException e) {
                    outcome.complete(e.error());
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            }, "send-in-flight");
            sender.setDaemon(true);
            sender.start();
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST);
            stopper.awaitStopped();
            assertThrows(TimeoutException.class, () -> outcome.get(300, TimeUnit.MILLISECONDS), "sendRequest is still in flight");

            winHttp.closeHandle(r);
            assertEquals(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING); // no REQUEST_SENT, no REQUEST_ERROR in sync mode
            assertEnded(stopper.resumeAndAwaitRest(), "the connection was closed under the send");
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(s);
        }
    }

    /** The same for writeData: a write the server does not take is cancelled by close, and goes no further. */
    @Test
    void asyncWriteDataInFlightIsCancelledAndDroppedWhenTheHandleCloses() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet r = request(s, raw, probe);
            winHttp.sendRequest(r, null, null, BODY, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.writeData(r, OPTIONAL, 0, BODY);
            stopper.awaitStopped();
            probe.expectNoMessage(Duration.ofMillis(300)); // no WRITE_COMPLETE

            winHttp.closeHandle(r);
            Notification error = expect(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
            assertEquals(new StatusInfo.AsyncResult(API_WRITE_DATA, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED), error.info());
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertEnded(stopper.resumeAndAwaitRest(), "the connection was closed under the write");
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(s);
        }
    }

    /**
     * Back-pressure end to end: 1 MiB writeData calls against a server that has stopped reading
     * complete only while the socket takes them, so they stall after what the kernel buffers hold
     * (a few MiB), far short of the 64 MiB body; when the server reads on, the rest streams out
     * and the server counts every byte. Memory per upload is one write, whatever the body's size.
     */
    @Test
    void writeDataCompletesOnlyAsTheSocketTakesIt() throws Exception {
        int write = 1 << 20;
        int writes = 64;
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet r = request(s, raw, probe);
            winHttp.sendRequest(r, null, null, (long) write * writes, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            int completed = 0;
            boolean stalled = false;
            Notification writeComplete = new Notification(r, 0, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE, new StatusInfo.ByteCount(write));
            while (!stalled) {
                assertTrue(completed < 16, completed + " MiB taken by a connection whose server stopped reading");
                winHttp.writeData(r, OPTIONAL, 0, write);
                try {
                    probe.expectMessage(Duration.ofMillis(500), writeComplete);
                    completed++;
                } catch (AssertionError noCompletion) {
                    stalled = true; // this write stays in flight
                }
            }
            stopper.awaitStopped();
            stopper.resume.countDown();
            expect(probe, r, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE);
            for (int i = completed + 1; i < writes; i++) {
                winHttp.writeData(r, OPTIONAL, 0, write);
                expect(probe, r, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE);
            }
            assertEquals("complete", stopper.rest.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            winHttp.receiveResponse(r);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            winHttp.closeHandle(r);
            winHttp.closeHandle(s);
        }
    }

    @Test
    void sendTimeoutBoundsTheWaitForTheSocketToTakeTheOptionalData() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet r = request(s, raw, probe);
            winHttp.setTimeouts(r, 0, 5000, 400, 5000);
            long t0 = System.nanoTime();
            WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.sendRequest(r, null, OPTIONAL, BODY, 0));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(WinHttpError.ERROR_WINHTTP_TIMEOUT, e.error(), e.getMessage());
            assertTrue(ms >= 350 && ms < 5000, "timed out after " + ms + " ms");
            stopper.awaitStopped();
            assertEnded(stopper.resumeAndAwaitRest(), "the connection was closed after the timeout");
            winHttp.closeHandle(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertFalse(ConnectionReuseTest.any(seen, WINHTTP_CALLBACK_STATUS_REQUEST_SENT), ConnectionReuseTest.names(seen));
            winHttp.closeHandle(s);
        }
    }

    @Test
    void asyncSendTimeoutIsARequestError() throws Exception {
        Stopper stopper = new Stopper();
        try (RawServer raw = RawServer.start(stopper, RECEIVE_BUFFER)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet r = request(s, raw, probe);
            winHttp.setTimeouts(r, 0, 5000, 400, 5000);
            winHttp.sendRequest(r, null, OPTIONAL, BODY, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST);
            Notification error = expect(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
            assertEquals(new StatusInfo.AsyncResult(API_SEND_REQUEST, WinHttpError.ERROR_WINHTTP_TIMEOUT), error.info());
            stopper.awaitStopped();
            assertEnded(stopper.resumeAndAwaitRest(), "the connection was closed after the timeout");
            winHttp.closeHandle(r);
            expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            probe.expectNoMessage(Duration.ofMillis(100));
            winHttp.closeHandle(s);
        }
    }
}
