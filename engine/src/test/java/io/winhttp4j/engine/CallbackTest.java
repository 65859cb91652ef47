package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Plain StatusCallbacks: which thread runs them, re-entrant calls, and a callback that throws. */
class CallbackTest extends EngineTestBase {



    /**
     * The whole asynchronous exchange driven from inside the callback (readData from
     * DATA_AVAILABLE, queryDataAvailable from READ_COMPLETE, close from the last one): nothing
     * deadlocks, callbacks never run on Pekko's threads, and each handle's notifications arrive
     * one at a time.
     */
    @Test
    void asynchronousCallbackDrivesTheRequestByCallingBack() throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> threads = new CopyOnWriteArrayList<>();
        byte[] buf = new byte[7];
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            if (inside.incrementAndGet() != 1) body.completeExceptionally(new AssertionError("two callbacks at once"));
            try {
                threads.add(Thread.currentThread().getName());
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(n.handle());
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                        assertEquals(200, winHttp.queryHeadersNumber(n.handle(), WINHTTP_QUERY_STATUS_CODE, null, 0));
                        assertEquals(WinHttp.PENDING, winHttp.queryDataAvailable(n.handle()));
                    }
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                        if (((StatusInfo.ByteCount) n.info()).bytes() == 0) {
                            winHttp.closeHandle(n.handle());
                            body.complete(out.toString());
                        } else {
                            winHttp.readData(n.handle(), buf, 0, buf.length);
                        }
                    }
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        StatusInfo.ReadComplete rc = (StatusInfo.ReadComplete) n.info();
                        out.write(rc.buffer(), rc.offset(), rc.bytesRead());
                        winHttp.queryDataAvailable(n.handle());
                    }
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> body.completeExceptionally(new AssertionError(n.toString()));
                    default -> { }
                }
            } catch (Throwable t) {
                body.completeExceptionally(t);
            } finally {
                inside.decrementAndGet();
            }
        }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(LocalHttpServer.HELLO_BODY, body.get(5, TimeUnit.SECONDS));
        String caller = Thread.currentThread().getName();
        for (String t : threads) {
            assertTrue(t.contains("winhttp4j.callback-dispatcher"), "callback ran on " + t);
            assertNotEquals(caller, t);
        }
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /** In synchronous mode callbacks run on the caller's thread, before the call returns, and may call back. */
    @Test
    void synchronousCallbacksRunOnTheCallingThreadAndMayCallSynchronously() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            assertSame(caller, Thread.currentThread());
            seen.add(statusName(n.status()));
            if (n.status() == WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED) {
                // a synchronous call from inside a synchronous callback
                seen.add("status=" + winHttp.queryHeaders(n.handle(), WINHTTP_QUERY_STATUS_CODE, null, 0));
            }
        }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertTrue(seen.contains("REQUEST_SENT"), "delivered before sendRequest returned: " + seen);
        winHttp.receiveResponse(r);
        assertEquals(List.of("RECEIVING_RESPONSE", "RESPONSE_RECEIVED", "status=200"),
                seen.subList(seen.indexOf("RECEIVING_RESPONSE"), seen.size()));
        winHttp.closeHandle(r);
        assertEquals("HANDLE_CLOSING", seen.get(seen.size() - 1));
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    @Test
    void aCallbackThatThrowsDoesNotBreakTheEngine() throws Exception {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            if (n.status() == WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) {
                winHttp.receiveResponse(n.handle());
                throw new IllegalStateException("user bug");
            }
            if (n.status() == WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE) {
                done.complete((int) winHttp.queryHeadersNumber(n.handle(), WINHTTP_QUERY_STATUS_CODE, null, 0));
            }
        }, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(200, done.get(5, TimeUnit.SECONDS));
        winHttp.closeHandle(s);
    }

    @Test
    void theMaskFiltersAtTheSource() throws Exception {
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, (Notification n) -> {
            statuses.add(n.status());
            if (n.status() == WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) winHttp.closeHandle(n.handle());
            if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) closed.complete(null);
        }, WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE | WINHTTP_CALLBACK_FLAG_HANDLES);
        winHttp.sendRequest(r, null, null, 0, 0);
        closed.get(5, TimeUnit.SECONDS);
        assertEquals(List.of(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), statuses);
        winHttp.closeHandle(s);
    }

    /** The handle is in the logging MDC while its callback runs, and gone afterwards. */
    @Test
    void theHandleIsInTheMdcWhileItsCallbackRuns() {
        List<String> seen = new CopyOnWriteArrayList<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> seen.add(org.slf4j.MDC.get("handle")), WINHTTP_CALLBACK_FLAG_SEND_REQUEST);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(List.of(r.toString(), r.toString()), seen);
        assertNull(org.slf4j.MDC.get("handle"), "restored on the caller's thread");
        winHttp.closeHandle(s);
    }

    /** An engine closed from inside one of its callbacks does not wait for that callback to end. */
    @Test
    void closingTheEngineFromACallbackDoesNotWaitForItself() throws Exception {
        WinHttpEngine other = WinHttpEngine.embedded(kit.system());
        CompletableFuture<Long> took = new CompletableFuture<>();
        HInternet s = other.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = other.connect(s, server.host(), server.port());
        HInternet r = other.openRequest(c, "GET", "/hello", null, null, null, 0);
        other.setStatusCallback(r, n -> {
            if (n.status() == WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) {
                long t0 = System.nanoTime();
                other.close();
                took.complete((System.nanoTime() - t0) / 1_000_000);
            }
        }, WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE);
        other.sendRequest(r, null, null, 0, 0);
        assertTrue(took.get(20, TimeUnit.SECONDS) < 5000, "close() from a callback took " + took.get() + " ms");
    }
}
