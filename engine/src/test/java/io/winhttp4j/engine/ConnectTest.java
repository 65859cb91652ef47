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
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * connect without a round trip (the caller takes its session's spare connect actor): many
 * callers at once, a close of the session racing it, what the connect inherits from the state the
 * session published, and a close of a session whose spare nobody took.
 */
class ConnectTest {
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
     * Eight threads connect on one session at once, three times each, in both modes (one takes
     * the offered spare, the others ask the session): every connect handle is distinct, gets
     * HANDLE_CREATED first and once, works (a request on it gets its answer), and closes once,
     * before its session.
     */
    @Test
    void connectsFromManyThreadsAtOnceAreDistinctHandlesEachCreatedOnce() throws Exception {
        int threads = 8, each = 3;
        for (boolean async : new boolean[] {false, true}) {
            String mode = async ? "async" : "sync";
            HandleRecorder rec = new HandleRecorder(kit, WAIT_MS);
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            engine.setStatusCallback(s, rec.callback(), WINHTTP_CALLBACK_FLAG_HANDLES);
            List<HInternet> made = new CopyOnWriteArrayList<>();
            List<Throwable> failed = new CopyOnWriteArrayList<>();
            CyclicBarrier go = new CyclicBarrier(threads);
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            go.await(WAIT_MS, TimeUnit.MILLISECONDS);
                            made.add(engine.connect(s, server.host(), server.port()));
                        }
                    } catch (Throwable e) {
                        failed.add(e);
                    }
                }, "connector-" + t);
                th.start();
                all.add(th);
            }
            for (Thread th : all) {
                th.join(WAIT_MS);
                assertFalse(th.isAlive(), mode + ": a connect is stuck");
            }
            assertEquals(List.of(), failed, mode);
            assertEquals(threads * each, made.size(), mode);
            Set<HInternet> distinct = new HashSet<>(made);
            assertEquals(made.size(), distinct.size(), mode + ": two connects returned one handle: " + made);
            HInternet probe = made.get(made.size() - 1);
            if (!async) {
                HInternet r = engine.openRequest(probe, "GET", "/hello", null, null, null, 0);
                engine.sendRequest(r, null, null, 0, 0);
                engine.receiveResponse(r);
                assertEquals("200", engine.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0), mode);
                engine.closeHandle(r);
            }
            for (HInternet c : made) engine.closeHandle(c);
            engine.closeHandle(s);
            rec.awaitClosing(s, mode);
            List<Notification> seen = new ArrayList<>(rec.seen);
            int sessionClosing = HandleRecorder.indexOfOnly(seen, s, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, mode);
            for (HInternet c : made) {
                List<Integer> mine = HandleRecorder.statuses(seen, c);
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, mine.get(0), mode + ": first of " + c + ": " + mine);
                HandleRecorder.indexOfOnly(seen, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, mode);
                assertTrue(HandleRecorder.indexOfOnly(seen, c, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, mode) < sessionClosing,
                        mode + ": " + c + "'s HANDLE_CLOSING comes before its session's: " + seen);
                // it told its parent of its end just before its actor stopped: the parent may finish first
                assertTrue(((Handle) c).awaitTerminated(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS)),
                        mode + ": " + c + " still runs");
            }
            kit.stop(rec.ref);
        }
    }

    /**
     * connect on one thread, closeHandle of its session on another, at once, over many rounds in
     * both modes (some rounds with the session's spare just taken by an earlier connect, so the
     * late path, asking the session, races too): the connect made gets HANDLE_CREATED first and
     * HANDLE_CLOSING once, before its session's, and still takes a request; or connect fails with
     * ERROR_INVALID_HANDLE. The session closes once either way.
     */
    @Test
    void connectRacingTheCloseOfItsSession() throws Exception {
        long seed = 0xc0ec7L;
        int made = 0, refused = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean async = round % 2 == 0;
            Random random = new Random(seed + round);
            String why = "round " + round + " (seed " + (seed + round) + ", " + (async ? "async" : "sync") + ")";
            HandleRecorder rec = new HandleRecorder(kit, WAIT_MS);
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            engine.setStatusCallback(s, rec.callback(), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet earlier = random.nextBoolean() ? engine.connect(s, server.host(), server.port()) : null;
            CyclicBarrier go = new CyclicBarrier(2);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread connector = new Thread(() -> {
                try {
                    go.await(WAIT_MS, TimeUnit.MILLISECONDS);
                    outcome.set(engine.connect(s, server.host(), server.port()));
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "connector");
            connector.start();
            go.await(WAIT_MS, TimeUnit.MILLISECONDS);
            if (random.nextBoolean()) Thread.onSpinWait();
            engine.closeHandle(s);
            connector.join(WAIT_MS);
            assertFalse(connector.isAlive(), why + ": connect is stuck");
            List<HInternet> connects = new ArrayList<>();
            if (earlier != null) connects.add(earlier);
            if (outcome.get() instanceof HInternet c) {
                connects.add(c);
                made++;
                // a child made before the close stays usable while its session is closing
                engine.closeHandle(engine.openRequest(c, "GET", "/hello", null, null, null, 0));
            } else if (outcome.get() instanceof WinHttpException e && e.error() == WinHttpError.ERROR_INVALID_HANDLE) {
                refused++;
            } else {
                fail(why + ": connect gave " + outcome.get());
            }
            for (HInternet c : connects) engine.closeHandle(c);
            rec.awaitClosing(s, why);
            List<Notification> all = new ArrayList<>(rec.seen);
            int sessionClosing = HandleRecorder.indexOfOnly(all, s, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, why);
            for (HInternet c : connects) {
                List<Integer> mine = HandleRecorder.statuses(all, c);
                assertFalse(mine.isEmpty(), why + ": no notification of " + c);
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, mine.get(0), why + ": first of " + c + ": " + mine);
                assertTrue(HandleRecorder.indexOfOnly(all, c, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, why) < sessionClosing,
                        why + ": " + c + "'s HANDLE_CLOSING comes before its session's: " + all);
                // it told its parent of its end just before its actor stopped: the parent may finish first
                assertTrue(((Handle) c).awaitTerminated(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS)),
                        why + ": " + c + " still runs");
            }
            assertTrue(((Handle) s).awaitTerminated(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS)),
                    why + ": the session's actor still runs");
            kit.stop(rec.ref);
        }
        System.out.println("connect racing closeHandle(session): " + made + " made, " + refused + " refused");
    }

    /**
     * The session's spare is not a child a close waits for, nor is a connect closed just before
     * (it tells its session before its closeHandle returns, Commands.Ended): a synchronous
     * closeHandle of a session without open connects runs its HANDLE_CLOSING on the caller's thread
     * before it returns, whether a connect was made and closed on it first or not.
     */
    @Test
    void aSynchronousCloseOfASessionWithoutConnectsRunsItsHandleClosingBeforeItReturns() {
        for (int round = 0; round < 200; round++) {
            boolean connectFirst = round % 2 == 1;
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            if (connectFirst) engine.closeHandle(engine.connect(s, server.host(), server.port()));
            Thread caller = Thread.currentThread();
            List<Thread> ranOn = new CopyOnWriteArrayList<>();
            engine.setStatusCallback(s, n -> {
                if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) ranOn.add(Thread.currentThread());
            }, WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.closeHandle(s);
            assertEquals(List.of(caller), ranOn, "HANDLE_CLOSING of the session, on the caller's thread (round " + round
                    + ", a connect first: " + connectFirst + ")");
        }
    }

    /**
     * What the connect inherits is the session's state as the same thread set it just before
     * (callback, context value, REDIRECT_POLICY), in both modes, over rounds that connect right
     * after each change (the session's spare taken, or just taken).
     */
    @Test
    void aConnectInheritsWhatWasSetJustBeforeOnTheSameThread() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            List<HInternet> connects = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String why = (async ? "async" : "sync") + " round " + i;
                HandleRecorder rec = new HandleRecorder(kit, WAIT_MS);
                engine.setStatusCallback(s, rec.callback(), WINHTTP_CALLBACK_FLAG_HANDLES);
                engine.setOption(s, WINHTTP_OPTION_CONTEXT_VALUE, 2000L + i);
                int policy = i % 3; // NEVER, DISALLOW_HTTPS_TO_HTTP, ALWAYS
                engine.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, policy);
                HInternet c = engine.connect(s, server.host(), server.port());
                connects.add(c);
                assertEquals(2000L + i, engine.queryOption(c, WINHTTP_OPTION_CONTEXT_VALUE), why + ": context value");
                assertEquals(((ActorSubscriber) rec.callback()).target(),
                        ((ActorSubscriber) engine.queryOption(c, WINHTTP_OPTION_CALLBACK)).target(), why + ": callback");
                HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
                assertEquals(policy, engine.queryOption(r, WINHTTP_OPTION_REDIRECT_POLICY), why + ": the connect's copy, as its request reads it");
                engine.closeHandle(r);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
                while (rec.seen.stream().noneMatch(n -> n.handle() == c)) {
                    assertTrue(System.nanoTime() < deadline, why + ": no HANDLE_CREATED to the new callback");
                    Thread.sleep(1);
                }
                Notification created = rec.seen.stream().filter(n -> n.handle() == c).findFirst().orElseThrow();
                assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, created.status(), why);
                assertEquals(2000L + i, created.context(), why + ": HANDLE_CREATED's context");
            }
            for (HInternet c : connects) engine.closeHandle(c);
            engine.closeHandle(s);
        }
    }
}
