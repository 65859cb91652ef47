package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.StatusCallback;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorPaths;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** What a callback throws in the tests below; each must be logged and change nothing else. */
    enum Throws {
        RUNTIME_EXCEPTION(() -> new IllegalStateException("user bug")),
        ERROR(() -> new Error("user error")),
        CHECKED_EXCEPTION(() -> new java.io.IOException("checked, thrown sneakily")),
        STACK_OVERFLOW_ERROR(StackOverflowError::new),
        /** recursion until the JVM throws StackOverflowError itself */
        REAL_STACK_OVERFLOW(null);

        private final java.util.function.Supplier<Throwable> make;

        Throws(java.util.function.Supplier<Throwable> make) { this.make = make; }

        void now() {
            if (make == null) recurse(0);
            CallbackTest.<RuntimeException>sneaky(make.get());
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Synchronous mode: a callback that throws on every notification changes nothing: every call
     * returns its normal result on the caller's thread, and HANDLE_CLOSING comes last and once.
     */
    @ParameterizedTest
    @EnumSource(Throws.class)
    void synchronousCallbackThatThrowsChangesNothing(Throws kind) {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            seen.add(n.status());
            kind.now();
        }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        for (int n; (n = winHttp.readData(r, buf, 0, buf.length)) > 0; ) out.write(buf, 0, n);
        assertEquals(LocalHttpServer.HELLO_BODY, out.toString());
        winHttp.closeHandle(r);
        assertTrue(seen.contains(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED), "callbacks ran: " + seen);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, seen.get(seen.size() - 1));
        assertEquals(1, seen.stream().filter(x -> x == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING).count());
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * Asynchronous mode: a callback that drives the request and then throws, on every
     * notification, still sees the whole exchange and the handle's HANDLE_CLOSING (its queue
     * keeps running), and the session closes.
     */
    @ParameterizedTest
    @EnumSource(Throws.class)
    void asynchronousCallbackThatThrowsChangesNothing(Throws kind) throws Exception {
        CompletableFuture<String> body = new CompletableFuture<>();
        CompletableFuture<Void> requestClosed = new CompletableFuture<>();
        CompletableFuture<Void> sessionClosed = new CompletableFuture<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[5];
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, n -> {
            if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING && n.handle() == s) sessionClosed.complete(null);
            kind.now();
        }, WINHTTP_CALLBACK_FLAG_HANDLES);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(n.handle());
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> winHttp.queryDataAvailable(n.handle());
                case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                    if (((StatusInfo.ByteCount) n.info()).bytes() == 0) {
                        body.complete(out.toString());
                        winHttp.closeHandle(n.handle());
                    } else {
                        winHttp.readData(n.handle(), buf, 0, buf.length);
                    }
                }
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    StatusInfo.ReadComplete rc = (StatusInfo.ReadComplete) n.info();
                    out.write(rc.buffer(), rc.offset(), rc.bytesRead());
                    winHttp.queryDataAvailable(n.handle());
                }
                case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> requestClosed.complete(null);
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> body.completeExceptionally(new AssertionError(n.toString()));
                default -> { }
            }
            kind.now();
        }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(LocalHttpServer.HELLO_BODY, body.get(5, TimeUnit.SECONDS));
        requestClosed.get(5, TimeUnit.SECONDS);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
        sessionClosed.get(5, TimeUnit.SECONDS);
    }

    /**
     * An ActorSubscriber whose target throws from tell (a user's own ActorRef) is treated like a
     * throwing callback: the handle's actor goes on, in both modes.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anActorSubscriberWhoseTargetThrowsChangesNothing(boolean async) throws Exception {
        java.util.concurrent.BlockingQueue<Notification> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        StatusCallback subscriber = ActorSubscriber.of(new ThrowingRef(seen));
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, subscriber, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
        winHttp.sendRequest(r, null, null, 0, 0);
        if (async) assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, nextStatus(seen));
        winHttp.receiveResponse(r);
        if (async) assertEquals(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, nextStatus(seen));
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        winHttp.closeHandle(r);
        Notification last;
        do {
            last = seen.poll(5, TimeUnit.SECONDS);
            assertNotNull(last, "no HANDLE_CLOSING");
        } while (last.status() != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        assertSame(r, last.handle());
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    private static int nextStatus(java.util.concurrent.BlockingQueue<Notification> q) throws InterruptedException {
        Notification n = q.poll(5, TimeUnit.SECONDS);
        assertNotNull(n, "no notification within 5 s");
        return n.status();
    }

    /** A user's own ActorRef whose tell records the message and then fails. */
    private record ThrowingRef(java.util.Queue<Notification> seen) implements ActorRef<Notification> {
        @Override public void tell(Notification n) {
            seen.add(n);
            throw new Error("tell failed");
        }
        @SuppressWarnings("unchecked")
        @Override public <U extends Notification> ActorRef<U> narrow() { return (ActorRef<U>) (ActorRef<?>) this; }
        @SuppressWarnings("unchecked")
        @Override public <U> ActorRef<U> unsafeUpcast() { return (ActorRef<U>) (ActorRef<?>) this; }
        @Override public ActorPath path() { return ActorPaths.fromString("pekko://test/user/throwing"); }
        @Override public int compareTo(ActorRef<?> o) { return path().compareTo(o.path()); }
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
