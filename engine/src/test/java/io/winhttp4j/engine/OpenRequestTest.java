package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.handle.Handle;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * openRequest without a round trip (the caller takes its connect's spare actor): a close of the
 * connect racing it, and what the request inherits from the state the connect published.
 */
class OpenRequestTest {
    private static final long WAIT_MS = 10_000;
    private static final int ROUNDS = 150;
    private static ActorTestKit kit;
    private static LocalHttpServer server;
    private static WinHttpEngine engine;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        server = LocalHttpServer.start(kit.system());
        engine = WinHttpEngine.embedded(kit.system());
    }

    @AfterAll
    static void stop() {
        if (engine != null) engine.close();
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }

    /**
     * openRequest on one thread, closeHandle of its connect on another, at once, over many rounds
     * in both modes (some rounds with the connect's spare just taken by an earlier request, so the
     * late path, asking the connect, races too): the opened request gets HANDLE_CREATED first and
     * HANDLE_CLOSING once, before its connect's; or openRequest fails with ERROR_INVALID_HANDLE.
     */
    @Test
    void openRequestRacingTheCloseOfItsConnect() throws Exception {
        long seed = 0x0be11e9L;
        int opened = 0, refused = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean async = round % 2 == 0;
            Random random = new Random(seed + round);
            String why = "round " + round + " (seed " + (seed + round) + ", " + (async ? "async" : "sync") + ")";
            HandleRecorder rec = new HandleRecorder(kit, WAIT_MS);
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            engine.setStatusCallback(s, rec.callback(), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, server.host(), server.port());
            HInternet earlier = random.nextBoolean() ? engine.openRequest(c, "GET", "/hello", null, null, null, 0) : null;
            CyclicBarrier go = new CyclicBarrier(2);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread opener = new Thread(() -> {
                try {
                    go.await(WAIT_MS, TimeUnit.MILLISECONDS);
                    outcome.set(engine.openRequest(c, "GET", "/hello", null, null, null, 0));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "opener");
            opener.start();
            go.await(WAIT_MS, TimeUnit.MILLISECONDS);
            if (random.nextBoolean()) Thread.onSpinWait();
            engine.closeHandle(c);
            opener.join(WAIT_MS);
            assertFalse(opener.isAlive(), why + ": openRequest is stuck");
            HInternet r = null;
            if (outcome.get() instanceof HInternet h) {
                r = h;
                opened++;
                engine.closeHandle(r);
            } else if (outcome.get() instanceof WinHttpException e && e.error() == WinHttpError.ERROR_INVALID_HANDLE) {
                refused++;
            } else {
                fail(why + ": openRequest gave " + outcome.get());
            }
            if (earlier != null) engine.closeHandle(earlier);
            rec.awaitClosing(c, why);
            engine.closeHandle(s);
            rec.awaitClosing(s, why);
            List<Notification> all = new ArrayList<>(rec.seen);
            int connectClosing = HandleRecorder.indexOfOnly(all, c, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, why);
            for (HInternet req : r == null ? (earlier == null ? List.<HInternet>of() : List.of(earlier))
                    : (earlier == null ? List.of(r) : List.of(earlier, r))) {
                List<Integer> mine = new ArrayList<>();
                for (Notification n : all) if (n.handle() == req) mine.add(n.status());
                assertFalse(mine.isEmpty(), why + ": no notification of " + req);
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, mine.get(0), why + ": first of " + req + ": " + mine);
                assertTrue(HandleRecorder.indexOfOnly(all, req, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, why) < connectClosing,
                        why + ": " + req + "'s HANDLE_CLOSING comes before its connect's: " + all);
                // it told its parent of its end just before its actor stopped: the parent may finish first
                assertTrue(((Handle) req).awaitTerminated(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS)),
                        why + ": " + req + " still runs");
            }
            kit.stop(rec.ref);
        }
        System.out.println("openRequest racing closeHandle(connect): " + opened + " opened, " + refused + " refused");
    }

    /**
     * The connect's spare is not a child a close waits for: a synchronous closeHandle of a connect
     * without open requests runs its HANDLE_CLOSING on the caller's thread before it returns (as
     * before spares), whether a request was opened and closed on it first or not.
     */
    @Test
    void aSynchronousCloseOfAConnectWithoutRequestsRunsItsHandleClosingBeforeItReturns() {
        for (boolean openOneFirst : new boolean[] {false, true}) {
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = engine.connect(s, server.host(), server.port());
            if (openOneFirst) engine.closeHandle(engine.openRequest(c, "GET", "/hello", null, null, null, 0));
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
            engine.setStatusCallback(c, n -> {
                if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) ranOn.add(Thread.currentThread());
            }, WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.closeHandle(c);
            assertEquals(List.of(caller), ranOn, "HANDLE_CLOSING of the connect, on the caller's thread (a request first: "
                    + openOneFirst + ")");
            engine.closeHandle(s);
        }
    }

    /**
     * Closing the last child and then its parent at once, synchronously (request then connect,
     * connect then session), runs each parent's HANDLE_CLOSING on the caller's thread before its
     * closeHandle returns: the child's end reaches its parent before the child's closeHandle
     * returns (Vacated, Commands.Ended), so the parent never waits for a child that is closed
     * already. Many rounds, no pause between the two closes. (Before that, the parent heard of
     * it only at the child actor's stop, just after the caller woke: this failed under load.)
     */
    @Test
    void closingTheLastChildThenItsParentRunsTheParentsHandleClosingOnTheCallersThread() {
        closeChildThenParent(Thread.currentThread());
    }

    private static void closeChildThenParent(Thread caller) {
        for (int round = 0; round < 300; round++) {
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            List<String> closings = new java.util.concurrent.CopyOnWriteArrayList<>();
            StatusCallback where = n -> {
                if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) {
                    closings.add(n.handle() + (Thread.currentThread() == caller ? " on the caller" : " on " + Thread.currentThread().getName()));
                }
            };
            engine.setStatusCallback(s, where, WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, server.host(), server.port());
            for (int i = 0; i < round % 3; i++) engine.closeHandle(engine.openRequest(c, "GET", "/hello", null, null, null, 0));
            HInternet last = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
            closings.clear(); // the earlier requests' are in already (run on this thread before their closeHandle returned)
            engine.closeHandle(last);
            engine.closeHandle(c);
            engine.closeHandle(s);
            // all three ran here, each before its closeHandle returned: nothing can come later from elsewhere
            assertEquals(List.of(last + " on the caller", c + " on the caller", s + " on the caller"), closings,
                    "round " + round + ": each HANDLE_CLOSING on the closing caller's thread, in order");
        }
    }

    /**
     * What the request inherits is the connect's state as the same thread set it just before
     * (callback, context value) and the session's options as they are then, in both modes, over
     * rounds that open right after each change (the connect's spare taken, or just taken).
     */
    @Test
    void aRequestInheritsWhatWasSetJustBeforeOnTheSameThread() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            HInternet c = engine.connect(s, server.host(), server.port());
            List<HInternet> requests = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String why = (async ? "async" : "sync") + " round " + i;
                HandleRecorder rec = new HandleRecorder(kit, WAIT_MS);
                engine.setStatusCallback(c, rec.callback(), WINHTTP_CALLBACK_FLAG_HANDLES);
                engine.setOption(c, WINHTTP_OPTION_CONTEXT_VALUE, 1000L + i);
                engine.setOption(s, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 1 + i);
                HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
                requests.add(r);
                assertEquals(1000L + i, engine.queryOption(r, WINHTTP_OPTION_CONTEXT_VALUE), why + ": context value");
                assertSame(rec.callback().getClass(), engine.queryOption(r, WINHTTP_OPTION_CALLBACK).getClass(), why);
                assertEquals(((ActorSubscriber) rec.callback()).target(),
                        ((ActorSubscriber) engine.queryOption(r, WINHTTP_OPTION_CALLBACK)).target(), why + ": callback");
                assertEquals(1 + i, engine.queryOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS), why + ": session option");
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
                while (rec.seen.stream().noneMatch(n -> n.handle() == r)) {
                    assertTrue(System.nanoTime() < deadline, why + ": no HANDLE_CREATED to the new callback");
                    Thread.sleep(1);
                }
                Notification created = rec.seen.stream().filter(n -> n.handle() == r).findFirst().orElseThrow();
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, created.status(), why);
                assertEquals(1000L + i, created.context(), why + ": HANDLE_CREATED's context");
            }
            for (HInternet r : requests) engine.closeHandle(r);
            engine.closeHandle(c);
            engine.closeHandle(s);
        }
    }
}
