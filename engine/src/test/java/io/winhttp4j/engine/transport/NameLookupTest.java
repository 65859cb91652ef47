package io.winhttp4j.engine.transport;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.transport.http1.Limits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A server name with several addresses: each is tried in order until a connect succeeds, as
 * Windows does, with CONNECTING_TO_SERVER for each attempt. No name on this machine resolves to
 * several loopback addresses (/etc/hosts maps localhost to 127.0.0.1 only), so the transport gets
 * a lookup of its own: "two.test" is [::1, 127.0.0.1] while the server listens on 127.0.0.1 only.
 */
class NameLookupTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Map<String, String[]> NAMES = Map.of(
            "two.test", new String[] {"::1", "127.0.0.1"},
            "one.test", new String[] {"127.0.0.1"});
    static ActorTestKit kit;
    static Transport transport;
    static LocalHttpServer server;

    static InetAddress[] lookup(String host) throws UnknownHostException {
        String[] ips = NAMES.get(host);
        if (ips == null) throw new UnknownHostException(host);
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) out[i] = InetAddress.getByName(ips[i]); // literals: no lookup
        return out;
    }

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        transport = new Transport(kit.system(), Duration.ofSeconds(30), NameLookupTest::lookup);
        server = LocalHttpServer.start(kit.system());
    }

    @AfterAll
    static void stop() {
        transport.shutdown();
        server.close();
        kit.shutdownTestKit();
    }

    static ConnectTarget target(String host, int port, AtomicReference<List<InetAddress>> cache) {
        return new ConnectTarget(new ConnectionKey(host, port, null), cache, 0, 5000, null, 0);
    }

    /** What the transport told the lessee until its answer: progress as "STATUS info", then the answer. */
    record Told(List<String> progress, TransportEvent answer) {}

    static Told acquire(ConnectTarget target) {
        TestProbe<TransportEvent> probe = kit.createTestProbe();
        transport.acquire(target, probe.ref()::tell);
        List<String> progress = new ArrayList<>();
        while (true) {
            TransportEvent e = probe.expectMessageClass(TransportEvent.class, WAIT);
            if (e instanceof TransportEvent.Progress p) {
                String info = p.info() instanceof StatusInfo.ServerAddress a ? a.ip()
                        : p.info() instanceof StatusInfo.ServerName n ? n.name() : String.valueOf(p.info());
                progress.add(statusName(p.status()) + " " + info);
            } else {
                return new Told(progress, e);
            }
        }
    }

    static void assertServes(Connection c) throws Exception {
        TestProbe<TransportEvent> probe = kit.createTestProbe();
        Object token = new Object();
        Wire.Plan plan = Wire.plan("GET", "/hello", "HTTP/1.1", HeaderList.EMPTY.add("Host", "x"), null, 0, false);
        Exchange.start(c, plan, "GET", Limits.DEFAULT, token, probe.ref()::tell, null);
        assertEquals(plan.wireBytes(), probe.expectMessageClass(TransportEvent.Sent.class, WAIT).bytes());
        TransportEvent.Response r = probe.expectMessageClass(TransportEvent.Response.class, WAIT);
        assertEquals(200, r.head().status());
    }

    @Test
    void theNextAddressIsTriedWhenAConnectFails() throws Exception {
        AtomicReference<List<InetAddress>> cache = new AtomicReference<>();
        ConnectTarget target = target("two.test", server.port(), cache);
        Told first = acquire(target);
        assertEquals(List.of("RESOLVING_NAME two.test", "NAME_RESOLVED ::1", "CONNECTING_TO_SERVER ::1",
                "CONNECTING_TO_SERVER 127.0.0.1"), first.progress());
        TransportEvent.Leased l = assertInstanceOf(TransportEvent.Leased.class, first.answer(), first.toString());
        assertTrue(l.fresh());
        assertEquals("127.0.0.1", l.ip(), "CONNECTED_TO_SERVER names the address that answered");
        assertServes(l.connection());
        transport.release(l.connection(), false);

        // the connect handle's cache keeps every address, in order: no lookup, the same attempts
        assertEquals(2, cache.get().size());
        Told again = acquire(target);
        assertEquals(List.of("CONNECTING_TO_SERVER ::1", "CONNECTING_TO_SERVER 127.0.0.1"), again.progress());
        TransportEvent.Leased l2 = assertInstanceOf(TransportEvent.Leased.class, again.answer(), again.toString());
        assertEquals("127.0.0.1", l2.ip());
        transport.release(l2.connection(), false);
    }

    @Test
    void whenEveryAddressFailsTheLastFailureIsReported() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Told told = acquire(target("two.test", closed, new AtomicReference<>()));
        assertEquals(List.of("RESOLVING_NAME two.test", "NAME_RESOLVED ::1", "CONNECTING_TO_SERVER ::1",
                "CONNECTING_TO_SERVER 127.0.0.1"), told.progress());
        TransportEvent.AcquireFailed f = assertInstanceOf(TransportEvent.AcquireFailed.class, told.answer(), told.toString());
        assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, Failures.map(f.cause()), Failures.describe(f.cause()));
    }

    @Test
    void aNameWithOneAddressIsTriedOnce() throws Exception {
        Told told = acquire(target("one.test", server.port(), new AtomicReference<>()));
        assertEquals(List.of("RESOLVING_NAME one.test", "NAME_RESOLVED 127.0.0.1", "CONNECTING_TO_SERVER 127.0.0.1"),
                told.progress());
        TransportEvent.Leased l = assertInstanceOf(TransportEvent.Leased.class, told.answer(), told.toString());
        transport.release(l.connection(), false);
    }

    @Test
    void aNameThatDoesNotResolveIsNotRetried() {
        Told told = acquire(target("none.test", server.port(), new AtomicReference<>()));
        assertEquals(List.of("RESOLVING_NAME none.test"), told.progress());
        TransportEvent.AcquireFailed f = assertInstanceOf(TransportEvent.AcquireFailed.class, told.answer(), told.toString());
        assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, Failures.map(f.cause()));
    }
}
