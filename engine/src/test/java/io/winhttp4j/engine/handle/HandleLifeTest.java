package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.ActorSubscriber;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.Kill;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The life of a handle's actor: what happens to callers, subscribers and parents when it stops
 * in a way nobody asked for. The actors are stopped with Pekko's own means (a Kill, or a
 * message of a type the actor cannot take), not with a hook of the engine.
 */
class HandleLifeTest extends EngineTestBase {

    /** Stops a handle's actor as a failure would: Pekko's Kill makes the actor fail and stop. */
    private static void kill(HInternet h) {
        Adapter.toClassic(((Handle) h).actor()).tell(Kill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Makes a handle's actor fail as a bug would: a message of a type no behaviour takes. */
    private static void crash(HInternet h) {
        ((Handle) h).<Object>actor().unsafeUpcast().tell("a message no state takes");
    }

    private static Notification next(TestProbe<Notification> probe) {
        return probe.expectMessageClass(Notification.class, WAIT);
    }

    private static void assertClosing(TestProbe<Notification> probe, HInternet h) {
        Notification n = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, n.status(), n.toString());
        assertSame(h, n.handle());
    }

    /** Closes the engine and checks it did not wait out its shutdown timeout (10 s). */
    private static void closeQuickly(WinHttpEngine engine) {
        long t0 = System.nanoTime();
        engine.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "engine close took " + ms + " ms");
    }

    /**
     * Asynchronous mode: the request's actor fails while receiveResponse is in flight. The
     * operation ends with REQUEST_ERROR (INTERNAL_ERROR), HANDLE_CLOSING follows once, the handle
     * is closed, and its connect and session close normally after it.
     */
    @Test
    void aRequestWhoseActorFailsEndsItsOperationAndClosesOnceAsynchronously() {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, raw.host(), raw.port());
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, next(probe).status());
            HInternet r = engine.openRequest(c, "GET", "/", null, null, null, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, next(probe).status());
            engine.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.sendRequest(r, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());
            engine.receiveResponse(r);
            probe.expectNoMessage(Duration.ofMillis(100)); // the server stalls: receiveResponse is in flight

            crash(r);
            Notification error = next(probe);
            assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, error.status(), error.toString());
            assertEquals(new StatusInfo.AsyncResult(API_RECEIVE_RESPONSE, WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR), error.info());
            assertClosing(probe, r);
            probe.expectNoMessage(Duration.ofMillis(200)); // nothing twice
            WinHttpException gone = assertThrows(WinHttpException.class, () -> engine.queryOption(r, WINHTTP_OPTION_URL));
            assertEquals(WinHttpError.ERROR_INVALID_HANDLE, gone.error());

            engine.closeHandle(c);
            assertClosing(probe, c);
            engine.closeHandle(s);
            assertClosing(probe, s);
            probe.expectNoMessage(Duration.ofMillis(100));
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * Synchronous mode: a caller waiting in receiveResponse when the actor fails is released with
     * ERROR_WINHTTP_INTERNAL_ERROR; HANDLE_CLOSING comes once; closing the connect and the session
     * completes with their HANDLE_CLOSINGs; the engine closes at once.
     */
    @Test
    void aRequestWhoseActorFailsReleasesItsSynchronousCallerAndClosesOnce() throws Exception {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = engine.connect(s, raw.host(), raw.port());
            HInternet r = engine.openRequest(c, "GET", "/", null, null, null, 0);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.setStatusCallback(c, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_HANDLES | WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE);
            engine.sendRequest(r, null, null, 0, 0);
            CompletableFuture<WinHttpError> waiting = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    engine.receiveResponse(r);
                    waiting.complete(WinHttpError.ERROR_SUCCESS);
                } catch (WinHttpException e) {
                    waiting.complete(e.error());
                }
            }, "waiting-caller");
            caller.start();
            assertEquals(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, next(probe).status());

            crash(r);
            assertEquals(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, waiting.get(5, TimeUnit.SECONDS));
            assertClosing(probe, r);
            probe.expectNoMessage(Duration.ofMillis(200));

            engine.closeHandle(c);
            assertClosing(probe, c);
            engine.closeHandle(s);
            assertClosing(probe, s);
            probe.expectNoMessage(Duration.ofMillis(100));
            caller.join(5000);
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * An actor that stops without closing (Pekko's Kill: nothing of the handle's own code runs)
     * still ends its handle with HANDLE_CLOSING, sent once to its newest subscriber, with the
     * newest context; the parents count it as gone.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRequestWhoseActorIsKilledStillSaysHandleClosingOnce(boolean async) {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try {
            TestProbe<Notification> first = kit.createTestProbe();
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            HInternet c = engine.connect(s, server.host(), server.port());
            HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
            engine.setStatusCallback(r, ActorSubscriber.of(first.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.setStatusCallback(r, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.setOption(r, WINHTTP_OPTION_CONTEXT_VALUE, 42L);
            engine.setStatusCallback(c, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);

            kill(r);
            Notification closing = next(probe);
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, closing.status());
            assertSame(r, closing.handle());
            assertEquals(42L, closing.context());
            probe.expectNoMessage(Duration.ofMillis(200));
            first.expectNoMessage(Duration.ZERO);

            engine.closeHandle(c);
            assertClosing(probe, c);
            engine.closeHandle(s);
            assertClosing(probe, s);
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * A connect whose actor is killed takes its request down with it (Pekko stops an actor's
     * children): both say HANDLE_CLOSING, the request first, and the session closes.
     */
    @Test
    void aKilledConnectClosesItsRequestsAndLetsItsSessionClose() {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, server.host(), server.port());
            HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
            next(probe);
            next(probe);
            kill(c);
            assertClosing(probe, r);
            assertClosing(probe, c);
            engine.closeHandle(s);
            assertClosing(probe, s);
            probe.expectNoMessage(Duration.ofMillis(100));
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * A connect whose actor fails closes its requests first, as a shutdown would: the operation
     * in flight on a request ends with REQUEST_ERROR (INTERNAL_ERROR), then each handle says
     * HANDLE_CLOSING, children first; the session stays usable and closes normally.
     */
    @Test
    void aConnectWhoseActorFailsClosesItsRequestsFirst() {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, raw.host(), raw.port());
            HInternet r = engine.openRequest(c, "GET", "/", null, null, null, 0);
            next(probe);
            next(probe);
            engine.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
            engine.sendRequest(r, null, null, 0, 0);
            assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, next(probe).status());
            engine.receiveResponse(r);

            crash(c);
            Notification error = next(probe);
            assertEquals(new StatusInfo.AsyncResult(API_RECEIVE_RESPONSE, WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR), error.info());
            assertClosing(probe, r);
            assertClosing(probe, c);
            probe.expectNoMessage(Duration.ofMillis(100));
            HInternet c2 = engine.connect(s, raw.host(), raw.port());
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, next(probe).status());
            engine.closeHandle(c2);
            assertClosing(probe, c2);
            engine.closeHandle(s);
            assertClosing(probe, s);
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * A session whose actor is killed takes everything below it down (Pekko stops an actor's
     * children first): each handle says HANDLE_CLOSING once, children first; before that, a
     * request whose actor failed was counted as gone by its parents.
     */
    @Test
    void aKilledSessionClosesEverythingBelowItChildrenFirst() {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            engine.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = engine.connect(s, server.host(), server.port());
            HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
            next(probe);
            next(probe);
            crash(r);
            assertClosing(probe, r);
            HInternet r2 = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
            next(probe);
            kill(s);
            assertClosing(probe, r2);
            assertClosing(probe, c);
            assertClosing(probe, s);
            probe.expectNoMessage(Duration.ofMillis(100));
            closeQuickly(engine);
        } finally {
            engine.close(); // a no-op after closeQuickly
        }
    }

    /**
     * A synchronous caller waiting on a handle is released by its actor's stop itself, not by a
     * periodic check: measured from the kill, the median release takes well under 50 ms (with a
     * check every 100 ms it took 100 ms every time).
     */
    @Test
    void aWaitingCallerIsReleasedAsSoonAsTheActorStops() throws Exception {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = engine.connect(s, raw.host(), raw.port());
            long[] releaseMs = new long[9];
            for (int i = 0; i < releaseMs.length; i++) {
                HInternet r = engine.openRequest(c, "GET", "/", null, null, null, 0);
                CountDownLatch receiving = new CountDownLatch(1);
                engine.setStatusCallback(r, n -> receiving.countDown(), WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE);
                engine.sendRequest(r, null, null, 0, 0);
                CompletableFuture<WinHttpError> waiting = new CompletableFuture<>();
                Thread caller = new Thread(() -> {
                    try {
                        engine.receiveResponse(r);
                        waiting.complete(WinHttpError.ERROR_SUCCESS);
                    } catch (WinHttpException e) {
                        waiting.complete(e.error());
                    }
                }, "waiting-caller-" + i);
                caller.start();
                assertTrue(receiving.await(5, TimeUnit.SECONDS), "receiveResponse was taken");
                long parkedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING) {
                    assertTrue(System.nanoTime() < parkedBy, "the caller parks in Call.await");
                    Thread.onSpinWait();
                }
                long t0 = System.nanoTime();
                kill(r);
                assertNotEquals(WinHttpError.ERROR_SUCCESS, waiting.get(5, TimeUnit.SECONDS));
                releaseMs[i] = (System.nanoTime() - t0) / 1_000_000;
                caller.join(5000);
            }
            Arrays.sort(releaseMs);
            assertTrue(releaseMs[releaseMs.length / 2] < 50, "median release after the stop: " + releaseMs[releaseMs.length / 2]
                    + " ms, all " + Arrays.toString(releaseMs));
        } finally {
            engine.close();
        }
    }
}
