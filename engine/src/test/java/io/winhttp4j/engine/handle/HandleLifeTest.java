package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.Kill;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.Test;

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

    /**
     * A synchronous caller waiting on a handle is released by its actor's stop itself, not by a
     * periodic check: measured from the kill, the median release takes well under the 100 ms a
     * poll would take on average half of.
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
                while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait(); // until the caller is parked in Call.await
                }
                long t0 = System.nanoTime();
                kill(r);
                assertNotEquals(WinHttpError.ERROR_SUCCESS, waiting.get(5, TimeUnit.SECONDS));
                releaseMs[i] = (System.nanoTime() - t0) / 1_000_000;
                caller.join(5000);
            }
            Arrays.sort(releaseMs);
            assertTrue(releaseMs[releaseMs.length / 2] < 25, "median release after the stop: " + releaseMs[releaseMs.length / 2]
                    + " ms, all " + Arrays.toString(releaseMs));
        } finally {
            engine.close();
        }
    }
}
