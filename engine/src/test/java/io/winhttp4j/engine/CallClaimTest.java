package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The published call set and its claim (engine/README.md, "Calls without a round trip"): two
 * calls at once, exactly one taken; a callback's next call sees the state its notification
 * announced; close racing a claimed call ends it once.
 */
class CallClaimTest extends EngineTestBase {
    private static final long WAIT_S = 10;
    private static final int COMPLETIONS = WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES;

    /** Notifications, collected from the callback dispatcher; next() skips other handles' and HANDLE_CREATED. */
    private static final class Collected implements StatusCallback {
        final BlockingQueue<Notification> all = new LinkedBlockingQueue<>();

        @Override public void onStatus(Notification n) { all.add(n); }

        Notification next(HInternet h) throws InterruptedException {
            for (;;) {
                Notification n = all.poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(n, "no notification for " + h + " within " + WAIT_S + " s");
                if (n.handle() == h && n.status() != WINHTTP_CALLBACK_STATUS_HANDLE_CREATED) return n;
            }
        }

        void expect(HInternet h, int status) throws InterruptedException {
            Notification n = next(h);
            assertEquals(status, n.status(), "expected 0x" + Integer.toHexString(status) + ", got " + n);
        }
    }

    /** receiveResponse on r from both threads of two, released together; their outcomes. */
    private static List<Object> twoReceiveResponsesAtOnce(ExecutorService two, HInternet r) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Object>> calls = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            calls.add(two.submit(() -> {
                together.await(WAIT_S, TimeUnit.SECONDS);
                return receiveResponse(r);
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : calls) outcomes.add(f.get(WAIT_S, TimeUnit.SECONDS));
        return outcomes;
    }

    private static Object receiveResponse(HInternet r) {
        try {
            winHttp.receiveResponse(r);
            return "taken";
        } catch (WinHttpException e) {
            return e.error();
        }
    }

    @Test
    void twoAsynchronousReceiveResponsesAtOnceExactlyOneIsTaken() throws Exception {
        Collected seen = new Collected();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, seen, COMPLETIONS);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 150; i++) {
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                seen.expect(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                List<Object> outcomes = twoReceiveResponsesAtOnce(two, r);
                assertTrue(outcomes.contains("taken") && outcomes.contains(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE),
                        "round " + i + ": one taken, one INCORRECT_HANDLE_STATE: " + outcomes);
                seen.expect(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE); // once, and no REQUEST_ERROR before it
                assertEquals("200", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
                winHttp.closeHandle(r);
                seen.expect(r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            }
        } finally {
            two.shutdownNow();
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
        assertTrue(seen.all.stream().noneMatch(n -> n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), seen.all.toString());
    }

    @Test
    void twoSynchronousReceiveResponsesAtOnceExactlyOneIsTaken() throws Exception {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 100; i++) {
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                List<Object> outcomes = twoReceiveResponsesAtOnce(two, r);
                assertTrue(outcomes.contains("taken") && outcomes.contains(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE),
                        "round " + i + ": one taken, one INCORRECT_HANDLE_STATE: " + outcomes);
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(r));
                winHttp.closeHandle(r);
            }
        } finally {
            two.shutdownNow();
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
    }

    /**
     * Every completion's callback makes the next call at once: receiveResponse from
     * SENDREQUEST_COMPLETE, queryDataAvailable from HEADERS_AVAILABLE, readData from DATA_AVAILABLE
     * and from READ_COMPLETE (alternating with queryDataAvailable), through a 64 KiB body read 100
     * bytes at a time. Each is taken: the state the notification announces is published first.
     */
    @Test
    void aCallbackCallsOnFromEachCompletionAndIsTaken() throws Exception {
        int size = 64 * 1024;
        CountDownLatch done = new CountDownLatch(1);
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        AtomicLong got = new AtomicLong();
        AtomicLong mismatch = new AtomicLong(-1);
        AtomicLong reads = new AtomicLong();
        byte[] buf = new byte[100];
        StatusCallback next = n -> {
            HInternet r = n.handle();
            try {
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(r);
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> winHttp.queryDataAvailable(r);
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> winHttp.readData(r, buf, 0, buf.length);
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        int k = ((StatusInfo.ReadComplete) n.info()).bytesRead();
                        if (k == 0) {
                            done.countDown();
                            return;
                        }
                        long at = got.getAndAdd(k);
                        long bad = LocalHttpServer.firstPatternMismatch(buf, 0, k, at);
                        if (bad >= 0 && mismatch.get() < 0) mismatch.set(bad);
                        if (reads.incrementAndGet() % 2 == 0) winHttp.queryDataAvailable(r);
                        else winHttp.readData(r, buf, 0, buf.length);
                    }
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                        refused.add(new AssertionError("REQUEST_ERROR " + n.info()));
                        done.countDown();
                    }
                    default -> { }
                }
            } catch (Throwable t) {
                refused.add(t);
                done.countDown();
            }
        };
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/chunked?n=" + size + "&chunk=1000", null, null, null, 0);
        winHttp.setStatusCallback(r, next, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertTrue(done.await(WAIT_S * 3, TimeUnit.SECONDS), "the body was not read to its end");
        assertEquals(List.of(), refused, "every call made from a callback was taken");
        assertEquals(size, got.get());
        assertEquals(-1, mismatch.get(), "the body's bytes in order");
        winHttp.closeHandle(r);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * closeHandle racing an asynchronous readData from another thread: the read either is refused
     * (INVALID_HANDLE: the close came first) or was taken, and then ends exactly once (READ_COMPLETE
     * or REQUEST_ERROR with OPERATION_CANCELLED) before the one HANDLE_CLOSING, nothing after.
     */
    @Test
    void closeRacingAClaimedReadEndsItOnce() throws Exception {
        Collected seen = new Collected();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, seen, COMPLETIONS);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        int taken = 0;
        try {
            for (int i = 0; i < 200; i++) {
                // a slow body: the read waits for data, so a close mostly finds it claimed or in flight
                HInternet r = winHttp.openRequest(c, "GET", i % 2 == 0 ? "/delay?ms=0" : "/hello", null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                seen.expect(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                winHttp.receiveResponse(r);
                seen.expect(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Object> read = two.submit(() -> {
                    together.await(WAIT_S, TimeUnit.SECONDS);
                    try {
                        return winHttp.readData(r, new byte[1], 0, 1);
                    } catch (WinHttpException e) {
                        return e.error();
                    }
                });
                Future<?> close = two.submit(() -> {
                    together.await(WAIT_S, TimeUnit.SECONDS);
                    winHttp.closeHandle(r);
                    return null;
                });
                close.get(WAIT_S, TimeUnit.SECONDS);
                Object outcome = read.get(WAIT_S, TimeUnit.SECONDS);
                Notification n = seen.next(r);
                if (outcome.equals(WinHttp.PENDING)) {
                    taken++;
                    boolean completed = n.status() == WINHTTP_CALLBACK_STATUS_READ_COMPLETE;
                    boolean cancelled = n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR
                            && ((StatusInfo.AsyncResult) n.info()).error() == WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED
                            && ((StatusInfo.AsyncResult) n.info()).api() == API_READ_DATA;
                    assertTrue(completed || cancelled, "round " + i + ": the taken read ends first: " + n);
                    n = seen.next(r);
                } else {
                    assertEquals(WinHttpError.ERROR_INVALID_HANDLE, outcome, "round " + i);
                }
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, n.status(), "round " + i + ": " + n);
            }
        } finally {
            two.shutdownNow();
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
        Notification stray = seen.all.poll(200, TimeUnit.MILLISECONDS);
        assertTrue(stray == null || stray.handle() == c || stray.handle() == s, "nothing after HANDLE_CLOSING: " + stray);
        assertTrue(taken > 0, "some reads were taken");
    }

    /**
     * A refused webSocketCompleteUpgrade leaves the request as it was, and the caller's next call
     * sees that (the set it left is published again before the refusal is answered): the body of
     * the 200 is read at once, in every round.
     */
    @Test
    void aRefusedUpgradeIsAnsweredAfterItsStateIsBack() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        try {
            for (int i = 0; i < 40; i++) {
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.webSocketCompleteUpgrade(r, 0));
                assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, e.error(), "round " + i);
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(r), "round " + i + ": the body is still there");
                winHttp.closeHandle(r);
            }
        } finally {
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
    }

    /**
     * The response head is queryable from the RESPONSE_RECEIVED callback on, in synchronous mode
     * where that callback runs on the calling thread while the actor goes on, in every round.
     */
    @Test
    void theHeadIsQueryableFromResponseReceivedOn() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        List<String> statuses = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.setStatusCallback(r, n -> {
                    if (n.status() != WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED) return;
                    try {
                        statuses.add(winHttp.queryHeaders(n.handle(), WINHTTP_QUERY_STATUS_CODE, null, 0));
                    } catch (WinHttpException e) {
                        statuses.add(e.error().name());
                    }
                }, WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE);
                statuses.clear();
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                assertEquals(List.of("200"), statuses, "round " + i + ": RESPONSE_RECEIVED's query");
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(r));
                winHttp.closeHandle(r);
            }
        } finally {
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
    }

    /**
     * The headers a send goes out with are queryable from its SENDING_REQUEST callback, also when
     * the connection is a pooled one (taken at once, without a state in between).
     */
    @Test
    void theSentHeadersAreQueryableFromSendingRequestOn() {
        HInternet s = winHttp.open("claim-test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        List<String> agents = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
                winHttp.setStatusCallback(r, n -> {
                    try {
                        agents.add(winHttp.queryHeaders(n.handle(), WINHTTP_QUERY_USER_AGENT | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
                    } catch (WinHttpException e) {
                        agents.add(e.error().name());
                    }
                }, WINHTTP_CALLBACK_FLAG_SEND_REQUEST);
                agents.clear();
                winHttp.sendRequest(r, null, null, 0, 0);
                assertEquals(List.of("claim-test", "claim-test"), agents, "round " + i + ": SENDING_REQUEST and REQUEST_SENT's query");
                winHttp.receiveResponse(r);
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(r)); // the connection goes back to the pool
                winHttp.closeHandle(r);
            }
        } finally {
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
        }
    }
}
