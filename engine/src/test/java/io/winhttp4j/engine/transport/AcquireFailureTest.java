package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Whatever goes wrong while the pool serves an Acquire reaches the lessee as AcquireFailed.
 * Tested here, on the transport itself, because the engine refuses such targets before they get
 * this far (connect validates names and ports): no valid target makes the setup throw, so these
 * targets stand for any bug below a request.
 */
class AcquireFailureTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static ActorTestKit kit;
    static Transport transport;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        transport = new Transport(kit.system(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        transport.shutdown();
        kit.shutdownTestKit();
    }

    static ConnectTarget target(String host, int port) {
        return new ConnectTarget(new ConnectionKey(host, port, null), new AtomicReference<>(), 0, 0, null, 0);
    }

    static TransportEvent.AcquireFailed failure(ConnectTarget target) {
        TestProbe<TransportEvent> probe = kit.createTestProbe();
        transport.acquire(target, probe.ref()::tell);
        for (;;) { // RESOLVING_NAME and the like may come first
            TransportEvent e = probe.expectMessageClass(TransportEvent.class, WAIT);
            if (e instanceof TransportEvent.AcquireFailed f) return f;
            assertInstanceOf(TransportEvent.Progress.class, e, "before the failure");
        }
    }

    /** Names no lookup can resolve: the request hears of it, and the pool goes on. */
    @Test
    void aNameTheConnectionSetupRefusesFailsTheAcquire() {
        for (String name : new String[] {"a b", "%", "x y".repeat(350_000)}) {
            ConnectTarget target = target(name, 1);
            String shown = name.length() > 20 ? name.substring(0, 20) + "…" : name;
            assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, Failures.map(failure(target).cause()), shown);
            // the pool actor kept its state: the next Acquire gets its answer too
            assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, Failures.map(failure(target).cause()), shown);
        }
    }

    @Test
    void aPortTheConnectionSetupRefusesFailsTheAcquire() {
        TransportEvent.AcquireFailed f = failure(target("127.0.0.1", 70_000));
        assertNotNull(f.cause());
        assertNotNull(Failures.map(f.cause()));
    }
}
