package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool's queue of requests beyond their session's MAX_CONNS_PER_SERVER, driven directly:
 * Acquires sent from one thread reach the pool in that order, and everything the pool tells the
 * lessees arrives on one probe, in the order the pool decided it.
 */
class PoolQueueTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static ActorTestKit kit;
    static Transport transport;
    LocalHttpServer server;
    TestProbe<Told> probe;

    /** What the pool told the lessee named `who`. */
    record Told(String who, TransportEvent event) {}

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

    @BeforeEach
    void freshServer() {
        server = LocalHttpServer.start(kit.system()); // a pool of its own: no connection of another test
        probe = kit.createTestProbe();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    ConnectTarget target(Object session, int maxConns) {
        return new ConnectTarget(new ConnectionKey(server.host(), server.port(), null), new AtomicReference<>(),
                0, 0, session, maxConns);
    }

    void acquire(String who, ConnectTarget target) {
        transport.acquire(target, event -> probe.ref().tell(new Told(who, event)));
    }

    /** The next answer to an Acquire (connection progress skipped). */
    Told next() {
        while (true) {
            Told t = probe.expectMessageClass(Told.class, WAIT);
            if (!(t.event() instanceof TransportEvent.Progress)) return t;
        }
    }

    /** The next answer to an Acquire: a lease to `who`. */
    Connection leasedTo(String who) {
        Told t = next();
        assertEquals(who, t.who(), "leased to " + t);
        return assertInstanceOf(TransportEvent.Leased.class, t.event(), t.toString()).connection();
    }

    @Test
    void requestsBeyondTheLimitAreServedInArrivalOrder() throws InterruptedException {
        Object session = new Object();
        acquire("a", target(session, 1));
        Connection c = leasedTo("a");
        for (String who : new String[] {"b", "c", "d", "e"}) acquire(who, target(session, 1));
        for (String who : new String[] {"b", "c", "d", "e"}) {
            transport.release(c, true);
            assertSame(c, leasedTo(who), "the one connection goes round");
        }
        transport.release(c, true);
        assertEquals(1, server.awaitConnectionsAccepted(1, WAIT)); // nothing was sent: wait for the server's count
    }

    @Test
    void anotherSessionsRequestsDoNotWaitForThisOnesLimit() {
        Object one = new Object();
        Object two = new Object();
        acquire("a", target(one, 1));
        Connection first = leasedTo("a");
        acquire("b", target(one, 1)); // waits: session one holds its one connection
        acquire("x", target(two, 1));
        Connection second = leasedTo("x");
        assertNotSame(first, second);
        // session two's connection comes free: it is not session one's to take
        transport.release(second, true);
        acquire("y", target(two, 1));
        assertSame(second, leasedTo("y"), "the idle connection served session two again");
        transport.release(first, true);
        assertSame(first, leasedTo("b"));
        transport.release(first, true);
        transport.release(second, true);
    }

    @Test
    void aWaiterOfOneSessionDoesNotHoldUpTheWaitersBehindIt() {
        Object one = new Object();
        Object two = new Object();
        acquire("a", target(one, 1));
        Connection c1 = leasedTo("a");
        acquire("x", target(two, 1));
        Connection c2 = leasedTo("x");
        acquire("b", target(one, 1));
        acquire("y", target(two, 1));
        acquire("c", target(one, 1));
        // session two's connection comes free first: y gets it, ahead of b and c, which still wait
        transport.release(c2, true);
        assertSame(c2, leasedTo("y"));
        transport.release(c1, true);
        assertSame(c1, leasedTo("b"));
        transport.release(c1, true);
        assertSame(c1, leasedTo("c"));
        transport.release(c1, true);
        transport.release(c2, true);
    }

    @Test
    void aConnectionThatCannotBeReusedMakesRoomForTheNextWaiter() {
        Object session = new Object();
        acquire("a", target(session, 1));
        Connection c = leasedTo("a");
        acquire("b", target(session, 1));
        transport.release(c, false);
        Told t = next();
        assertEquals("b", t.who());
        TransportEvent.Leased l = assertInstanceOf(TransportEvent.Leased.class, t.event());
        assertTrue(l.fresh(), "a new connection for b");
        transport.release(l.connection(), true);
    }
}
