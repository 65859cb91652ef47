package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.http1.Limits;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** After a 101 the connection is handed over whole: its pipe, and the bytes already read past the head. */
class ExchangeUpgradeTest {
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

    @Test
    void a101HandsTheConnectionAndTheBytesPastItsHeadOver() throws Exception {
        AtomicReference<String> heard = new AtomicReference<>();
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            // the head and the other protocol's first bytes in one write
            c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\nContent-Length: 4\r\n\r\nHELLO");
            heard.set(new String(c.readBytes(4), "ISO-8859-1"));
            c.write("PONG");
        })) {
            TestProbe<TransportEvent> probe = kit.createTestProbe();
            ConnectTarget target = new ConnectTarget(new ConnectionKey(raw.host(), raw.port(), null),
                    new AtomicReference<>(List.of(InetAddress.getByName(raw.host()))), 0, 5000, null, 0);
            transport.acquire(target, probe.ref()::tell);
            TransportEvent.Leased leased;
            for (;;) {
                TransportEvent e = probe.expectMessageClass(TransportEvent.class, WAIT);
                if (e instanceof TransportEvent.Leased l) { leased = l; break; }
            }
            Wire.Plan plan = Wire.plan("GET", "/up", "HTTP/1.1",
                    HeaderList.EMPTY.add("Host", "x").add("Upgrade", "test").add("Connection", "Upgrade"), null, 0, false);
            Exchange ex = Exchange.start(leased.connection(), plan, "GET", Limits.DEFAULT, new Object(), probe.ref()::tell, null);
            probe.expectMessageClass(TransportEvent.Sent.class, WAIT);
            TransportEvent.Response r = probe.expectMessageClass(TransportEvent.Response.class, WAIT);
            assertEquals(101, r.head().status());
            assertEquals("4", r.head().headers().get("Content-Length", 0), "queryable as sent");
            assertTrue(r.body().ended() && r.body().initial().isEmpty(), "no body: QueryDataAvailable reports 0");
            assertFalse(r.body().poolable(), "an upgraded connection is never pooled");

            Exchange.Upgrade up = ex.takeOver(r.body());
            assertNotNull(up);
            assertEquals("HELLO", up.rest().utf8String());
            up.pipe().write(ByteString.fromString("PING")).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("PONG", up.pipe().read().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .orElseThrow().utf8String());
            assertEquals("PING", heard.get());
            up.pipe().close();
        }
    }
}
