package io.winhttp4j.engine;

import com.typesafe.config.ConfigFactory;
import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.handle.Handle;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Engine close() while other threads are opening sessions: close returns without waiting out its
 * timeout, every handle handed out before is closed and says HANDLE_CLOSING once, and open()
 * after close has begun throws ERROR_WINHTTP_SHUTDOWN.
 */
class OpenCloseRaceTest {
    private static final int ROUNDS = 40;
    private static final int OPENERS = 3;
    /** Opens per thread per round at most, so that a round is bounded even if close never came. */
    private static final int MAX_OPENS = 200;
    /** The shutdown timeout of the engines here (kept short so that a failing round fails fast). */
    private static final long SHUTDOWN_TIMEOUT_MS = 5000;

    private static ActorTestKit kit;
    private static LocalHttpServer server;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create(ConfigFactory.parseString("winhttp4j.shutdown-timeout = " + SHUTDOWN_TIMEOUT_MS + "ms")
                .withFallback(ConfigFactory.load("application-test")));
        server = LocalHttpServer.start(kit.system());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }

    @Test
    void closeWhileThreeThreadsOpenSessions() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
            List<HInternet> handedOut = new CopyOnWriteArrayList<>();
            List<HInternet> subscribed = new CopyOnWriteArrayList<>();
            Map<HInternet, AtomicInteger> closings = new ConcurrentHashMap<>();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            CountDownLatch opened = new CountDownLatch(OPENERS);
            AtomicInteger shutdownSeen = new AtomicInteger();
            Thread[] openers = new Thread[OPENERS];
            for (int t = 0; t < OPENERS; t++) {
                openers[t] = new Thread(() -> {
                    try {
                        for (int i = 0; i < MAX_OPENS; i++) {
                            HInternet s;
                            try {
                                s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
                            } catch (WinHttpException e) {
                                if (e.error() != WinHttpError.ERROR_WINHTTP_SHUTDOWN) unexpected.add(e);
                                shutdownSeen.incrementAndGet();
                                return;
                            } finally {
                                if (i == 1) opened.countDown();
                            }
                            handedOut.add(s);
                            try {
                                engine.setStatusCallback(s, n -> {
                                    if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) {
                                        closings.computeIfAbsent(n.handle(), h -> new AtomicInteger()).incrementAndGet();
                                    }
                                }, WINHTTP_CALLBACK_FLAG_HANDLES);
                                subscribed.add(s);
                                HInternet c = engine.connect(s, server.host(), server.port());
                                handedOut.add(c);
                                subscribed.add(c); // it inherited the session's callback
                            } catch (WinHttpException e) {
                                // close() got there first: the engine is shut down, or the handle is closed
                                if (e.error() != WinHttpError.ERROR_WINHTTP_SHUTDOWN
                                        && e.error() != WinHttpError.ERROR_INVALID_HANDLE) unexpected.add(e);
                            }
                        }
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }, "opener-" + t);
                openers[t].start();
            }
            assertTrue(opened.await(10, TimeUnit.SECONDS), "round " + round + ": the openers started");
            long t0 = System.nanoTime();
            engine.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            for (Thread t : openers) {
                t.join(10_000);
                assertFalse(t.isAlive(), "round " + round + ": an opener is stuck");
            }
            assertEquals(List.of(), unexpected, "round " + round);
            assertTrue(ms < SHUTDOWN_TIMEOUT_MS / 2, "round " + round + ": close() took " + ms + " ms");
            assertTrue(shutdownSeen.get() > 0 || handedOut.size() == 2 * OPENERS * MAX_OPENS,
                    "round " + round + ": open() after close() threw ERROR_WINHTTP_SHUTDOWN");
            for (HInternet h : handedOut) {
                assertTrue(((Handle) h).isTerminated(), "round " + round + ": " + h + " was left open by close()");
            }
            for (HInternet h : subscribed) {
                AtomicInteger n = closings.get(h);
                assertEquals(1, n == null ? 0 : n.get(), "round " + round + ": HANDLE_CLOSING of " + h);
            }
            WinHttpException after = assertThrows(WinHttpException.class,
                    () -> engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0));
            assertEquals(WinHttpError.ERROR_WINHTTP_SHUTDOWN, after.error());
        }
    }
}
