package io.winhttp4j.engine.transport;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** Name lookups run on a bounded pool of their own (winhttp4j.resolver.threads); more wait their turn. */
class ResolverPoolTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static ActorTestKit kit;
    static Transport transport;
    /** Names whose lookup has started, in order; each lookup then blocks until its gate opens. */
    static final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    static final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();
    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();

    static InetAddress[] blockingLookup(String host) throws java.net.UnknownHostException {
        mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            started.add(host);
            gates.computeIfAbsent(host, h -> new CompletableFuture<>()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new java.net.UnknownHostException(host + " (test name)");
        } catch (InterruptedException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new java.net.UnknownHostException(host + ": " + e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create(ConfigFactory.parseString("winhttp4j.resolver.threads = 2")
                .withFallback(ConfigFactory.load("application-test")));
        transport = new Transport(kit.system(), Duration.ofSeconds(30), ResolverPoolTest::blockingLookup);
    }

    @AfterAll
    static void stop() {
        gates.values().forEach(g -> g.complete(null));
        transport.shutdown();
        kit.shutdownTestKit();
    }

    @Test
    void lookupsBeyondThePoolWaitTheirTurn() throws Exception {
        TestProbe<TransportEvent> probe = kit.createTestProbe();
        for (String name : new String[] {"n1.test", "n2.test", "n3.test"}) {
            ConnectTarget t = new ConnectTarget(new ConnectionKey(name, 1, null), new AtomicReference<>(), 0, 0, null, 0);
            transport.acquire(t, probe.ref()::tell);
        }
        String first = started.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String second = started.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(second, "two lookups run at once");
        gates.computeIfAbsent(first, h -> new CompletableFuture<>()).complete(null);
        String third = started.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(third, "the third lookup ran once a thread came free");
        gates.computeIfAbsent(second, h -> new CompletableFuture<>()).complete(null);
        gates.computeIfAbsent(third, h -> new CompletableFuture<>()).complete(null);
        for (int i = 0; i < 3; i++) {
            TransportEvent e;
            while ((e = probe.expectMessageClass(TransportEvent.class, WAIT)) instanceof TransportEvent.Progress) { }
            assertInstanceOf(TransportEvent.AcquireFailed.class, e);
        }
        assertEquals(2, mostAtOnce.get(), "never more lookups at once than resolver.threads");
        assertEquals(2, transport.resolverThreads());
    }
}
