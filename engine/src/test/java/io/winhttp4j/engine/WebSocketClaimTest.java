package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.handle.Handle;
import io.winhttp4j.engine.handle.WebSocketCalls;
import io.winhttp4j.engine.handle.WebSocketClaims;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.ws.Handshake;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * WebSocket calls claimed from the set their state publishes (engine/README.md, "Calls without a
 * round trip"): two sends at once, exactly one taken; a send and a receive in flight together; a
 * callback's next call seeing the state its notification announced; close racing calls in flight
 * over seeded random schedules; asynchronous calls that never wait for the actor. Against a Pekko
 * HTTP echo endpoint, and a raw server that never reads (so a large send stays pending).
 */
class WebSocketClaimTest extends EngineTestBase {
    private static final long WAIT_S = 10;
    /** More than the socket buffers of both sides hold, to a server that reads nothing. */
    private static final byte[] TOO_BIG_TO_GO = new byte[32 * 1024 * 1024];
    private static final CountDownLatch SERVERS_DONE = new CountDownLatch(1);
    private static LocalHttpServer echo;
    private static RawServer stall;

    @BeforeAll
    static void startServers() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        Flow<Message, Message, ?> flow = Flow.<Message>create().mapAsync(1, m -> m.isText()
                ? m.asTextMessage().toStrict(5000, mat).<Message>thenApply(t -> t)
                : m.asBinaryMessage().toStrict(5000, mat).<Message>thenApply(b -> b));
        echo = LocalHttpServer.start(kit.system(), Map.of("/ws", request -> CompletableFuture.completedFuture(
                request.getAttribute(AttributeKeys.webSocketUpgrade).map(up -> up.handleMessagesWith(flow))
                        .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)))));
        stall = rawServer(WebSocketClaimTest::stallScript, 8192);
    }

    @AfterAll
    static void stopServers() {
        SERVERS_DONE.countDown();
        if (echo != null) echo.close();
    }

    /** The handshake, then nothing read at all until the class is done (bounded). */
    private static void stallScript(RawConnection conn) throws Exception {
        String head = conn.readRequestHead();
        String accept = Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key"));
        conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        SERVERS_DONE.await(60, TimeUnit.SECONDS);
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Every notification, per handle, in the order its handle's queue delivered them. */
    private static final class Seen implements StatusCallback {
        final Map<HInternet, List<Notification>> all = new ConcurrentHashMap<>();
        final Map<HInternet, BlockingQueue<Notification>> queues = new ConcurrentHashMap<>();

        @Override
        public void onStatus(Notification n) {
            all.computeIfAbsent(n.handle(), h -> new CopyOnWriteArrayList<>()).add(n);
            queue(n.handle()).add(n);
        }

        private BlockingQueue<Notification> queue(HInternet h) {
            return queues.computeIfAbsent(h, k -> new LinkedBlockingQueue<>());
        }

        /** The next notification of h with this status, skipping h's others. */
        Notification await(HInternet h, int status) throws InterruptedException {
            for (;;) {
                Notification n = queue(h).poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(n, "no notification 0x" + Integer.toHexString(status) + " for " + h + " within " + WAIT_S + " s");
                if (n.status() == status) return n;
            }
        }

        /** The next notifications of h with these statuses, in whichever order they come (h's others skipped). */
        Map<Integer, Notification> awaitEach(HInternet h, int... statuses) throws InterruptedException {
            Map<Integer, Notification> got = new java.util.HashMap<>();
            while (got.size() < statuses.length) {
                Notification n = queue(h).poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(n, "only " + got.keySet() + " of " + java.util.Arrays.toString(statuses) + " for " + h + " within " + WAIT_S + " s");
                for (int st : statuses) if (n.status() == st) assertNull(got.put(st, n), "twice: " + n);
            }
            return got;
        }

        List<Notification> of(HInternet h) { return all.getOrDefault(h, List.of()); }
    }

    private record Site(HInternet session, HInternet connect) {
        void close() {
            winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
        }
    }

    private static Site site(boolean async, Seen seen, int port) {
        HInternet s = winHttp.open("ws-claims", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        winHttp.setStatusCallback(s, seen, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        return new Site(s, winHttp.connect(s, LocalHttpServer.HOST, port));
    }

    /** A WebSocket of the site's mode on path; its request is closed. */
    private static HInternet webSocket(Site site, Seen seen, String path) throws InterruptedException {
        HInternet r = winHttp.openRequest(site.connect(), "GET", path, null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(r, null, null, 0, 0);
        boolean async = ((Handle) r).async();
        if (async) seen.await(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(r);
        if (async) seen.await(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
        winHttp.closeHandle(r);
        return w;
    }

    private static WebSocketClaims claims(HInternet w) { return ((Handle) w).webSocket(); }

    private static Object outcome(Runnable call) {
        try {
            call.run();
            return "taken";
        } catch (WinHttpException e) {
            return e.error();
        }
    }

    private static void bigSend(HInternet w) {
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, TOO_BIG_TO_GO, 0, TOO_BIG_TO_GO.length);
    }

    private static void send(HInternet w, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, b, 0, b.length);
    }

    private static long count(List<Notification> ns, int status) {
        return ns.stream().filter(n -> n.status() == status).count();
    }

    private static long errors(List<Notification> ns, int operation) {
        return ns.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR
                && ((StatusInfo.WebSocketAsyncResult) n.info()).operation() == operation).count();
    }

    /** HANDLE_CLOSING once, and nothing after it. */
    private static void closingLastAndOnce(List<Notification> ns, String where) {
        assertEquals(1, count(ns, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), where + ": HANDLE_CLOSING once: " + ns);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, ns.get(ns.size() - 1).status(), where + ": HANDLE_CLOSING last: " + ns);
    }

    // ---- two sends at once ---------------------------------------------------------------------

    @Test
    void twoAsynchronousSendsAtOnceExactlyOneIsTakenTheOtherIsInvalidOperation() throws Exception {
        Seen seen = new Seen();
        Site site = site(true, seen, stall.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                HInternet w = webSocket(site, seen, "/stall");
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Object>> calls = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    calls.add(two.submit(() -> {
                        together.await(WAIT_S, TimeUnit.SECONDS);
                        return outcome(() -> bigSend(w));
                    }));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> f : calls) outcomes.add(f.get(WAIT_S, TimeUnit.SECONDS));
                assertTrue(outcomes.contains("taken") && outcomes.contains(WinHttpError.ERROR_INVALID_OPERATION),
                        "round " + round + ": one taken, one INVALID_OPERATION: " + outcomes);
                winHttp.closeHandle(w); // the taken send never went: the close cancels it, then HANDLE_CLOSING
                Notification cancelled = seen.await(w, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
                assertEquals(new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                        WINHTTP_WEB_SOCKET_SEND_OPERATION), cancelled.info());
                seen.await(w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                List<Notification> ns = seen.of(w);
                closingLastAndOnce(ns, "round " + round);
                assertEquals(0, count(ns, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE), "round " + round + ": " + ns);
                assertEquals(1, count(ns, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), "round " + round + ": one error, the cancelled send's: " + ns);
            }
        } finally {
            two.shutdownNow();
            site.close();
        }
    }

    @Test
    void twoSynchronousSendsAtOnceOneWaitsTheOtherIsInvalidOperationAndTheCloseCancelsTheOne() throws Exception {
        Seen seen = new Seen();
        Site site = site(false, seen, stall.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                HInternet w = webSocket(site, seen, "/stall");
                CyclicBarrier together = new CyclicBarrier(2);
                BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
                for (int k = 0; k < 2; k++) {
                    two.submit(() -> {
                        together.await(WAIT_S, TimeUnit.SECONDS);
                        outcomes.add(outcome(() -> bigSend(w)));
                        return null;
                    });
                }
                // the one refused returns at once; the one taken waits for a write that cannot finish
                assertEquals(WinHttpError.ERROR_INVALID_OPERATION, outcomes.poll(WAIT_S, TimeUnit.SECONDS), "round " + round);
                winHttp.closeHandle(w);
                assertEquals(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, outcomes.poll(WAIT_S, TimeUnit.SECONDS), "round " + round);
                closingLastAndOnce(seen.of(w), "round " + round);
                assertEquals(0, count(seen.of(w), WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), "synchronous calls throw instead");
            }
        } finally {
            two.shutdownNow();
            site.close();
        }
    }

    @Test
    void closingTheHandleWithASendAndAReceiveInFlightCancelsEachOnceThenHandleClosing() throws Exception {
        Seen seen = new Seen();
        Site site = site(true, seen, stall.port());
        try {
            for (int round = 0; round < 4; round++) {
                HInternet w = webSocket(site, seen, "/stall");
                assertNull(winHttp.webSocketReceive(w, new byte[16], 0, 16)); // nothing ever comes
                bigSend(w); // never goes: the server reads nothing
                winHttp.closeHandle(w);
                seen.await(w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                List<Notification> ns = seen.of(w);
                closingLastAndOnce(ns, "round " + round);
                List<StatusInfo> errors = ns.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR)
                        .map(Notification::info).toList();
                assertEquals(List.<StatusInfo>of(
                        new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, WINHTTP_WEB_SOCKET_RECEIVE_OPERATION),
                        new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, WINHTTP_WEB_SOCKET_SEND_OPERATION)),
                        errors, "round " + round + ": the receive, then the send, each once: " + ns);
                assertEquals(0, count(ns, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE) + count(ns, WINHTTP_CALLBACK_STATUS_READ_COMPLETE), ns.toString());
            }
        } finally {
            site.close();
        }
    }

    // ---- a send and a receive at once ----------------------------------------------------------

    @Test
    void anAsynchronousSendAndReceiveInFlightTogetherBothComplete() throws Exception {
        Seen seen = new Seen();
        Site site = site(true, seen, echo.port());
        try {
            HInternet w = webSocket(site, seen, "/ws");
            byte[] buf = new byte[64];
            for (int i = 0; i < 50; i++) {
                assertNull(winHttp.webSocketReceive(w, buf, 0, buf.length)); // pending: nothing was sent yet
                int round = i;
                assertEquals(WinHttpError.ERROR_INVALID_OPERATION,
                        outcome(() -> winHttp.webSocketReceive(w, new byte[8], 0, 8)), "a second receive while one is pending");
                send(w, "both " + i); // the send slot is free while the receive is pending
                // the echo may be read before the write is reported: either order
                Map<Integer, Notification> both = seen.awaitEach(w, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE, WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
                assertEquals(new StatusInfo.WebSocketStatus(("both " + i).length(), WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE),
                        both.get(WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE).info(), "round " + round);
                Notification read = both.get(WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
                int n = ((StatusInfo.WebSocketStatus) read.info()).bytesTransferred();
                assertEquals("both " + i, new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            winHttp.closeHandle(w);
            seen.await(w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            closingLastAndOnce(seen.of(w), "echo");
            assertEquals(0, count(seen.of(w), WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), seen.of(w).toString());
        } finally {
            site.close();
        }
    }

    @Test
    void aSynchronousReceiveWaitingOnOneThreadAndASendOnAnotherBothComplete() throws Exception {
        Seen seen = new Seen();
        Site site = site(false, seen, echo.port());
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            HInternet w = webSocket(site, seen, "/ws");
            for (int i = 0; i < 20; i++) {
                byte[] buf = new byte[64];
                Future<WebSocketReceiveResult> receive = one.submit(() -> winHttp.webSocketReceive(w, buf, 0, buf.length));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                // the receive is in flight once its claim shows: the receive slot is taken
                while (claims(w).calls().takes(WebSocketCalls.RECEIVE)) {
                    assertTrue(System.nanoTime() < deadline, "the receive was never claimed");
                    Thread.onSpinWait();
                }
                send(w, "sync " + i); // returns once written, while the receive still waits
                WebSocketReceiveResult got = receive.get(WAIT_S, TimeUnit.SECONDS);
                assertEquals("sync " + i, new String(buf, 0, got.bytesRead(), StandardCharsets.UTF_8));
            }
            winHttp.closeHandle(w);
            closingLastAndOnce(seen.of(w), "sync echo");
        } finally {
            one.shutdownNow();
            site.close();
        }
    }

    // ---- a callback's next call ----------------------------------------------------------------

    @Test
    void aCallbacksNextCallSeesTheStateItsNotificationAnnounced() throws Exception {
        Seen seen = new Seen();
        Site site = site(true, seen, echo.port());
        int messages = 300;
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        byte[] buf = new byte[64];
        try {
            HInternet w = webSocket(site, seen, "/ws");
            // from WRITE_COMPLETE the next send, from READ_COMPLETE the next receive: both slots free again
            winHttp.setStatusCallback(w, n -> {
                try {
                    if (n.status() == WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE && sent.get() < messages) {
                        send(w, "m" + sent.getAndIncrement());
                    } else if (n.status() == WINHTTP_CALLBACK_STATUS_READ_COMPLETE) {
                        int got = ((StatusInfo.WebSocketStatus) n.info()).bytesTransferred();
                        received.add(new String(buf, 0, got, StandardCharsets.UTF_8));
                        if (received.size() < messages) winHttp.webSocketReceive(w, buf, 0, buf.length);
                        else done.countDown();
                    } else if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) {
                        refused.add(new AssertionError("REQUEST_ERROR " + n.info()));
                        done.countDown();
                    }
                } catch (Throwable t) {
                    refused.add(t);
                    done.countDown();
                }
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            winHttp.webSocketReceive(w, buf, 0, buf.length);
            send(w, "m" + sent.getAndIncrement());
            assertTrue(done.await(WAIT_S, TimeUnit.SECONDS), "received " + received.size() + " of " + messages);
            assertEquals(List.of(), refused, "every call from a callback was taken");
            for (int i = 0; i < messages; i++) assertEquals("m" + i, received.get(i));
            winHttp.closeHandle(w);
        } finally {
            site.close();
        }
    }

    @Test
    void fromTheReadCompleteOfTheServersCloseTheCloseStatusIsThereAndWebSocketCloseIsTaken() throws Exception {
        Seen seen = new Seen();
        Site site = site(true, seen, echo.port());
        List<Object> fromCallback = new CopyOnWriteArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        try {
            HInternet w = webSocket(site, seen, "/ws");
            winHttp.setStatusCallback(w, n -> {
                try {
                    if (n.status() == WINHTTP_CALLBACK_STATUS_READ_COMPLETE
                            && ((StatusInfo.WebSocketStatus) n.info()).bufferType() == WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE) {
                        fromCallback.add(winHttp.webSocketQueryCloseStatus(w).status());
                        winHttp.webSocketClose(w, 1000, null); // closed takes it: our Close is owed
                    } else if (n.status() == WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE) {
                        fromCallback.add("CLOSE_COMPLETE");
                        closed.countDown();
                    } else if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) {
                        fromCallback.add(n.info());
                        closed.countDown();
                    }
                } catch (Throwable t) {
                    fromCallback.add(t);
                    closed.countDown();
                }
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            assertEquals(WinHttpError.ERROR_INVALID_OPERATION, outcome(() -> winHttp.webSocketQueryCloseStatus(w)), "no Close yet");
            winHttp.webSocketShutdown(w, 1000, null); // the echo server answers our Close with its own
            winHttp.webSocketReceive(w, new byte[16], 0, 16);
            assertTrue(closed.await(WAIT_S, TimeUnit.SECONDS), fromCallback.toString());
            assertEquals(List.of(1000, "CLOSE_COMPLETE"), fromCallback);
            winHttp.closeHandle(w);
        } finally {
            site.close();
        }
    }

    // ---- asynchronous calls never wait ---------------------------------------------------------

    @Test
    void asynchronousWebSocketCallsReturnWithoutWaitingForTheActorAndSynchronousOnesWait() throws Exception {
        Seen seen = new Seen();
        Site async = site(true, seen, echo.port());
        Site sync = site(false, seen, echo.port());
        try {
            HInternet w = webSocket(async, seen, "/ws");
            byte[] buf = new byte[64];
            for (int i = 0; i < 100; i++) {
                winHttp.webSocketReceive(w, buf, 0, buf.length);
                send(w, "at once " + i);
                seen.awaitEach(w, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE, WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
            }
            winHttp.webSocketShutdown(w, 1000, null);
            seen.await(w, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE);
            winHttp.webSocketClose(w, 1000, null);
            seen.await(w, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE);
            assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
            assertEquals(0, claims(w).waits(), "202 asynchronous calls, none waited for the WebSocket's actor");

            HInternet v = webSocket(sync, seen, "/ws");
            for (int i = 0; i < 10; i++) {
                send(v, "waits " + i);
                assertEquals(("waits " + i).length(), winHttp.webSocketReceive(v, buf, 0, buf.length).bytesRead());
            }
            winHttp.webSocketClose(v, 1000, null);
            assertEquals(1000, winHttp.webSocketQueryCloseStatus(v).status()); // from the snapshot: no wait
            assertEquals(21, claims(v).waits(), "each synchronous call but the query waited for its result");
            winHttp.closeHandle(w);
            winHttp.closeHandle(v);
        } finally {
            async.close();
            sync.close();
        }
    }

    // ---- close racing calls in flight ----------------------------------------------------------

    /**
     * Over seeded random schedules: one thread makes random WebSocket calls (send, receive, now and
     * then shutdown or close) while another closes the handle after a random spin. Every accepted
     * asynchronous call ends exactly once (its completion or REQUEST_ERROR), a synchronous one
     * returns or throws, and HANDLE_CLOSING comes last and once.
     */
    @Test
    void closeRacingCallsInFlightEndsEachOnceAndHandleClosingLast() throws Exception {
        long base = 0x5EED_0A11L;
        int cases = 100;
        Seen seen = new Seen();
        Site async = site(true, seen, echo.port());
        Site sync = site(false, seen, echo.port());
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<HInternet> all = new ArrayList<>();
        try {
            for (int c = 0; c < cases; c++) {
                long seed = base + c;
                Random rnd = new Random(seed);
                String where = "seed " + seed;
                boolean isAsync = rnd.nextInt(4) != 0;
                HInternet w = webSocket(isAsync ? async : sync, seen, "/ws");
                all.add(w);
                int ops = 1 + rnd.nextInt(12);
                int[] kinds = new int[ops];
                for (int i = 0; i < ops; i++) {
                    int k = rnd.nextInt(20);
                    kinds[i] = k < 11 ? WINHTTP_WEB_SOCKET_SEND_OPERATION : k < 18 ? WINHTTP_WEB_SOCKET_RECEIVE_OPERATION
                            : k == 18 ? WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION : WINHTTP_WEB_SOCKET_CLOSE_OPERATION;
                }
                int closeAfter = rnd.nextInt(ops + 1); // the close comes once the caller has begun this many calls
                int spin = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(20_000);
                AtomicInteger begun = new AtomicInteger();
                AtomicReference<Thread> callerThread = new AtomicReference<>();
                CyclicBarrier together = new CyclicBarrier(2);
                Future<int[]> caller = two.submit(() -> {
                    int[] accepted = new int[4];
                    byte[] buf = new byte[32];
                    callerThread.set(Thread.currentThread());
                    together.await(WAIT_S, TimeUnit.SECONDS);
                    try {
                        for (int kind : kinds) {
                            begun.incrementAndGet(); // begun (a synchronous receive may wait for the close)
                            try {
                                switch (kind) {
                                    case WINHTTP_WEB_SOCKET_SEND_OPERATION -> send(w, "x");
                                    case WINHTTP_WEB_SOCKET_RECEIVE_OPERATION -> winHttp.webSocketReceive(w, buf, 0, buf.length);
                                    case WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION -> winHttp.webSocketShutdown(w, 1000, null);
                                    default -> winHttp.webSocketClose(w, 1000, null);
                                }
                                accepted[kind]++;
                            } catch (WinHttpException e) {
                                WinHttpError err = e.error();
                                if (err == WinHttpError.ERROR_INVALID_HANDLE) break; // closed: nothing more is taken
                                boolean expected = err == WinHttpError.ERROR_INVALID_OPERATION
                                        || (!isAsync && err == WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED);
                                if (!expected) throw new AssertionError(where + ": " + e, e);
                                if (err == WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED) break;
                            }
                        }
                    } finally {
                        begun.set(Integer.MAX_VALUE); // done: the closer need not wait for more
                    }
                    return accepted;
                });
                Future<?> closer = two.submit(() -> {
                    together.await(WAIT_S, TimeUnit.SECONDS);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                    // a synchronous receive may wait for the close itself: then the close comes now
                    while (begun.get() < closeAfter && System.nanoTime() < deadline
                            && (isAsync || callerThread.get().getState() != Thread.State.WAITING)) {
                        Thread.onSpinWait();
                    }
                    for (int i = 0; i < spin; i++) Thread.onSpinWait();
                    winHttp.closeHandle(w);
                    return null;
                });
                int[] accepted = caller.get(WAIT_S, TimeUnit.SECONDS);
                closer.get(WAIT_S, TimeUnit.SECONDS);
                if (isAsync) seen.await(w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                List<Notification> ns = seen.of(w);
                closingLastAndOnce(ns, where);
                if (isAsync) {
                    assertEquals(accepted[WINHTTP_WEB_SOCKET_SEND_OPERATION],
                            count(ns, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE) + errors(ns, WINHTTP_WEB_SOCKET_SEND_OPERATION), where + " sends: " + ns);
                    assertEquals(accepted[WINHTTP_WEB_SOCKET_RECEIVE_OPERATION],
                            count(ns, WINHTTP_CALLBACK_STATUS_READ_COMPLETE) + errors(ns, WINHTTP_WEB_SOCKET_RECEIVE_OPERATION), where + " receives: " + ns);
                    assertEquals(accepted[WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION],
                            count(ns, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE) + errors(ns, WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION), where + " shutdowns: " + ns);
                    assertEquals(accepted[WINHTTP_WEB_SOCKET_CLOSE_OPERATION],
                            count(ns, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE) + errors(ns, WINHTTP_WEB_SOCKET_CLOSE_OPERATION), where + " closes: " + ns);
                } else {
                    assertEquals(0, count(ns, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), where + ": synchronous calls throw instead: " + ns);
                }
            }
            // later cases took their time: still nothing came after any handle's HANDLE_CLOSING
            for (HInternet w : all) closingLastAndOnce(seen.of(w), "at the end, " + w);
        } finally {
            two.shutdownNow();
            async.close();
            sync.close();
        }
    }
}
