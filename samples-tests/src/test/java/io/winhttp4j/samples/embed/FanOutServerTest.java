package io.winhttp4j.samples.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.winhttp4j.engine.testkit.LocalHttpServer;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fan-out server: both upstreams in one response, back-pressure to a slow client, clean shutdown. */
class FanOutServerTest {
    static ActorSystem<Void> upstreamSystem;
    static LocalHttpServer upstream;

    @BeforeAll
    static void start() {
        upstreamSystem = ActorSystem.create(Behaviors.empty(), "fan-out-upstreams");
        upstream = LocalHttpServer.start(upstreamSystem, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        upstream.close();
        upstreamSystem.terminate();
        upstreamSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static FanOutServer fanOut(String first, String second) throws Exception {
        Config config = ConfigFactory.parseMap(Map.of(
                "winhttp4j-samples.fan-out.port", 0,
                "winhttp4j-samples.fan-out.upstreams", List.of(upstream.url(first), upstream.url(second)),
                "winhttp4j-samples.fan-out.shutdown-deadline", "1s",
                "winhttp4j-samples.fan-out.read-buffer", "64k"))
                .withFallback(ConfigFactory.load());
        return FanOutServer.start(config);
    }

    static HttpURLConnection get(FanOutServer server) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/fan-out").openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(20000);
        return c;
    }

    @Test
    void bothUpstreamsAnswerInOneResponse() throws Exception {
        try (FanOutServer server = fanOut("/hello", "/bytes?n=100000")) {
            HttpURLConnection c = get(server);
            assertEquals(200, c.getResponseCode());
            byte[] body;
            try (InputStream in = c.getInputStream()) {
                body = in.readAllBytes();
            }
            byte[] head = ("== upstream 1: 200\n" + LocalHttpServer.HELLO_BODY + "== upstream 2: 200\n").getBytes(StandardCharsets.UTF_8);
            assertEquals(new String(head, StandardCharsets.UTF_8), new String(body, 0, head.length, StandardCharsets.UTF_8));
            assertEquals(head.length + 100_000, body.length);
            assertEquals(-1, LocalHttpServer.firstPatternMismatch(body, head.length, 100_000, 0));
        }
    }

    @Test
    void aSlowClientHoldsTheUpstreamBack() throws Exception {
        long n = 40L << 20;
        try (FanOutServer server = fanOut("/bytes?n=" + n, "/hello")) {
            HttpURLConnection c = get(server);
            assertEquals(200, c.getResponseCode());
            try (InputStream in = c.getInputStream()) {
                byte[] first = in.readNBytes(1 << 20);
                assertEquals(1 << 20, first.length);
                // the client pauses: the reads upstream stop once the buffers between are full
                long settled = settle(server);
                assertTrue(settled < n / 2, "read " + settled + " bytes of " + n + " for a client that took 1 MiB");
                long rest = in.transferTo(OutputStreamCounter.INSTANCE);
                assertTrue(first.length + rest > n, "the rest came once the client read on");
            }
            assertEquals(n + LocalHttpServer.HELLO_BODY.length(), server.upstreamBytesRead());
        }
    }

    /** The upstream byte count once it has not moved for half a second (at most 10 s). */
    private static long settle(FanOutServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        int still = 0;
        while (still < 5 && System.nanoTime() < deadline) {
            long now = server.upstreamBytesRead();
            still = now == last ? still + 1 : 0;
            last = now;
            Thread.sleep(100);
        }
        assertTrue(still >= 5, "the upstream reads never stopped: " + last);
        return last;
    }

    @Test
    void closeEndsAResponseInFlightAndStopsTheSystem() throws Exception {
        FanOutServer server = fanOut("/hello", "/delay?ms=30000");
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            HttpURLConnection c = get(server);
            assertEquals(200, c.getResponseCode());
            InputStream in = c.getInputStream();
            byte[] expected = ("== upstream 1: 200\n" + LocalHttpServer.HELLO_BODY).getBytes(StandardCharsets.UTF_8);
            assertEquals(new String(expected, StandardCharsets.UTF_8),
                    new String(in.readNBytes(expected.length), StandardCharsets.UTF_8));
            Future<String> rest = client.submit(() -> {
                try (in) {
                    ByteArrayOutputStream more = new ByteArrayOutputStream();
                    in.transferTo(more);
                    return "ended after " + more.size() + " more bytes";
                } catch (IOException e) {
                    return "cut: " + e;
                }
            });
            long start = System.nanoTime();
            server.close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 15_000, "close took " + millis + " ms");
            assertTrue(server.system().whenTerminated().isCompleted(), "the actor system stopped");
            String outcome = rest.get(10, TimeUnit.SECONDS);
            assertTrue(outcome.startsWith("cut") || outcome.equals("ended after 0 more bytes"),
                    "the delayed upstream never answered, so nothing more came: " + outcome);
            CompletableFuture<Boolean> refused = CompletableFuture.supplyAsync(() -> {
                try {
                    get(server).getResponseCode();
                    return false;
                } catch (IOException e) {
                    return true;
                }
            }, client);
            assertTrue(refused.get(10, TimeUnit.SECONDS), "the port no longer answers");
        } finally {
            client.shutdownNow();
        }
    }

    /** Counts and drops what it is given. */
    static final class OutputStreamCounter extends java.io.OutputStream {
        static final OutputStreamCounter INSTANCE = new OutputStreamCounter();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
