package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool's idle timeout, with one sweep timer for all idle connections: a connection is closed
 * once it has sat idle for the timeout, counted from the last time it went idle, and a
 * connection that keeps being reused is never closed for an earlier idle time.
 */
class PoolIdleTimeoutTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration IDLE = Duration.ofMillis(400);
    static ActorTestKit kit;
    static Transport transport;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        transport = new Transport(kit.system(), IDLE);
    }

    @AfterAll
    static void stop() {
        transport.shutdown();
        kit.shutdownTestKit();
    }

    /** A server that notes, per connection, when the client closed it (the read saw the end). */
    static RawServer closeWatcher(BlockingQueue<Long> closedAt) {
        return RawServer.start(conn -> {
            while (conn.socket().getInputStream().read() >= 0) { } // nothing is sent on a bare lease
            closedAt.add(System.nanoTime());
        });
    }

    static ConnectTarget target(RawServer server) {
        return new ConnectTarget(new ConnectionKey(server.host(), server.port(), null), new AtomicReference<>(),
                0, 0, new Object(), 0);
    }

    static Connection lease(ConnectTarget target, TestProbe<TransportEvent> probe) {
        transport.acquire(target, probe.ref()::tell);
        while (true) {
            TransportEvent e = probe.expectMessageClass(TransportEvent.class, WAIT);
            if (e instanceof TransportEvent.Leased l) return l.connection();
            assertInstanceOf(TransportEvent.Progress.class, e, "only progress before the lease");
        }
    }

    @Test
    void idleConnectionsAreClosedOnceTheyHaveBeenIdleForTheTimeout() throws Exception {
        BlockingQueue<Long> closedAt = new LinkedBlockingQueue<>();
        try (RawServer server = closeWatcher(closedAt)) {
            TestProbe<TransportEvent> probe = kit.createTestProbe();
            ConnectTarget target = target(server);
            Connection one = lease(target, probe);
            Connection two = lease(target, probe); // the first is leased: a second connection
            assertNotSame(one, two);
            long idleFrom = System.nanoTime();
            transport.release(one, true);
            transport.release(two, true);
            for (int i = 0; i < 2; i++) {
                Long at = closedAt.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(at, "idle connection " + (i + 1) + " of 2 was closed within " + WAIT);
                assertTrue(at - idleFrom >= IDLE.toNanos() - TimeUnit.MILLISECONDS.toNanos(20),
                        "closed after " + TimeUnit.NANOSECONDS.toMillis(at - idleFrom) + " ms idle, before the timeout");
            }
            assertEquals(2, server.connectionsAccepted());
        }
    }

    @Test
    void aConnectionReusedWithinTheTimeoutIsNotClosedForAnEarlierIdleTime() throws Exception {
        BlockingQueue<Long> closedAt = new LinkedBlockingQueue<>();
        try (RawServer server = closeWatcher(closedAt)) {
            TestProbe<TransportEvent> probe = kit.createTestProbe();
            ConnectTarget target = target(server);
            Connection c = lease(target, probe);
            long end = System.nanoTime() + 3 * IDLE.toNanos();
            long released = 0;
            int reuses = 0;
            int slow = 0;
            while (System.nanoTime() < end) {
                transport.release(c, true);
                released = System.nanoTime();
                Thread.sleep(IDLE.toMillis() / 4); // a pause shorter than the timeout, between requests
                Connection again = lease(target, probe);
                if (System.nanoTime() - released < IDLE.toNanos()) { // else a slow machine let it expire fairly
                    assertSame(c, again, "reused within the timeout, after " + reuses + " reuses");
                    reuses++;
                } else {
                    slow++;
                }
                c = again;
            }
            assertTrue(reuses > 0, "the machine was too slow to reuse within " + IDLE);
            assertTrue(closedAt.size() <= slow, closedAt.size() + " closed while being reused, " + slow + " pauses were too long");
            transport.release(c, true);
            assertNotNull(closedAt.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS), "closed once idle for the timeout");
        }
    }
}
