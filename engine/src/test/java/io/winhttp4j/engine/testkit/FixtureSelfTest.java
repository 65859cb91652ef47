package io.winhttp4j.engine.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the test servers themselves, with the JDK's HTTP client as the independent party. */
class FixtureSelfTest {

    private static ActorTestKit testKit;
    private LocalHttpServer server;

    @BeforeAll
    static void startKit() {
        org.slf4j.LoggerFactory.getILoggerFactory(); // logging up before the actor system's threads race to it
        testKit = ActorTestKit.create();
    }

    @AfterAll
    static void stopKit() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void startServer() {
        server = LocalHttpServer.start(testKit.system());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> getText(HttpClient client, String path) throws Exception {
        return client.send(get(server.url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- LocalHttpServer ----------------------------------------------------------------------

    @Test
    void helloAnswersTheFixedText() throws Exception {
        HttpResponse<String> r = getText(client(), "/hello");
        assertEquals(200, r.statusCode());
        assertEquals(LocalHttpServer.HELLO_BODY, r.body());
        assertEquals(Optional.of(String.valueOf(LocalHttpServer.HELLO_BODY.length())),
                r.headers().firstValue("Content-Length"));
    }

    @Test
    void bytesSendsThePatternWithContentLength() throws Exception {
        HttpResponse<byte[]> r = client().send(get(server.url("/bytes?n=100000")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(Optional.of("100000"), r.headers().firstValue("Content-Length"));
        assertEquals(100_000, r.body().length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(r.body(), 0, r.body().length, 0));
    }

    @Test
    void bytesStreamsLargeBodiesWithoutHoldingThem() throws Exception {
        long n = 256L * 1024 * 1024;
        HttpResponse<InputStream> r = client().send(get(server.url("/bytes?n=" + n)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long baseline = rt.totalMemory() - rt.freeMemory();
        long pos = 0;
        long peakUsed = 0;
        try (InputStream in = r.body()) {
            byte[] buf = new byte[256 * 1024];
            int got;
            while ((got = in.read(buf)) > 0) {
                assertEquals(-1, LocalHttpServer.firstPatternMismatch(buf, 0, got, pos));
                pos += got;
                if ((pos & ((64 << 20) - 1)) < got) {
                    System.gc(); // count what is held, not garbage not yet collected
                    peakUsed = Math.max(peakUsed, rt.totalMemory() - rt.freeMemory() - baseline);
                }
            }
        }
        assertEquals(n, pos);
        // a body held whole would need n bytes of heap at once; streaming needs a few pieces
        assertTrue(peakUsed < n / 4, "heap grew by " + peakUsed + " bytes for a " + n + " byte body");
    }

    @Test
    void chunkedSendsChunksWithoutContentLength() throws Exception {
        HttpResponse<byte[]> r = client().send(get(server.url("/chunked?n=10000&chunk=1000")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(Optional.of("chunked"), r.headers().firstValue("Transfer-Encoding"));
        assertTrue(r.headers().firstValue("Content-Length").isEmpty());
        assertEquals(10_000, r.body().length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(r.body(), 0, r.body().length, 0));
    }

    @Test
    void echoSendsTheBodyBack() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        HttpResponse<byte[]> r = client().send(get(server.url("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(body, r.body());
        LocalHttpServer.Recorded rec = server.requests().get(0);
        assertEquals("POST", rec.method());
        assertEquals("/echo", rec.uri());
        assertEquals(body.length, rec.bodyLength());
    }

    @Test
    void echoOfALongStreamedBodyStreamsItBack() throws Exception {
        int n = LocalHttpServer.ECHO_BUFFER * 3 + 17;
        byte[] body = new byte[n];
        new Random(11).nextBytes(body);
        // ofInputStream makes the JDK client stream the body (chunked) instead of sending it whole
        HttpResponse<byte[]> r = client().send(get(server.url("/echo"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertArrayEquals(body, r.body());
        assertEquals(n, server.requests().get(0).bodyLength());
        assertEquals(Optional.of("chunked"), server.requests().get(0).header("Transfer-Encoding"));
    }

    @Test
    void echoKeepsTheConnectionForShortBodies() throws Exception {
        HttpClient c = client();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = c.send(get(server.url("/echo"))
                    .PUT(HttpRequest.BodyPublishers.ofString("round " + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("round " + i, r.body());
        }
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void uploadCountsTheBody() throws Exception {
        HttpClient c = client();
        HttpResponse<String> put = c.send(get(server.url("/upload"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[12345])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode());
        assertEquals("12345", put.body());
        HttpResponse<String> post = c.send(get(server.url("/upload"))
                        .POST(HttpRequest.BodyPublishers.ofString("abc")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("3", post.body());
        assertEquals(405, getText(c, "/upload").statusCode());

        long big = 20L << 20; // beyond Pekko's default 8 MiB request entity limit
        HttpResponse<String> large = c.send(get(server.url("/upload"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) big])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, large.statusCode(), large.body());
        assertEquals(Long.toString(big), large.body());
        assertEquals(big, server.requests().get(3).bodyLength());
    }

    @Test
    void statusDelayCloseRedirectAndUnknownPaths() throws Exception {
        HttpClient c = client();
        HttpResponse<String> teapot = getText(c, "/status/418");
        assertEquals(418, teapot.statusCode());
        assertEquals("status 418", teapot.body());
        HttpResponse<String> custom = getText(c, "/status/599");
        assertEquals(599, custom.statusCode());
        HttpResponse<String> noContent = getText(c, "/status/204");
        assertEquals(204, noContent.statusCode());
        assertEquals("", noContent.body());

        long t0 = System.nanoTime();
        HttpResponse<String> late = getText(c, "/delay?ms=300");
        assertEquals("late", late.body());
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "answered before the delay");

        HttpResponse<String> close = getText(c, "/close");
        assertEquals(200, close.statusCode());
        assertEquals(Optional.of("close"), close.headers().firstValue("Connection"));

        HttpResponse<String> redirect = getText(c, "/redirect?to=/hello");
        assertEquals(302, redirect.statusCode());
        assertEquals(Optional.of("/hello"), redirect.headers().firstValue("Location"));

        assertEquals(404, getText(c, "/nowhere").statusCode());
        assertEquals(400, getText(c, "/bytes").statusCode());
    }

    @Test
    void headersShowWhatArrived() throws Exception {
        HttpResponse<String> r = client().send(get(server.url("/headers?x=1"))
                        .header("X-Probe", "one two").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().lines().anyMatch(l -> l.equals("X-Probe: one two")), r.body());
        LocalHttpServer.Recorded rec = server.requests().get(0);
        assertEquals("/headers?x=1", rec.uri());
        assertEquals(Optional.of("one two"), rec.header("x-probe"));
        assertEquals(Optional.of("127.0.0.1:" + server.port()), rec.header("Host"));
    }

    @Test
    void recordsConnectionIds() throws Exception {
        HttpClient first = client();
        getText(first, "/hello");
        getText(first, "/hello");
        HttpClient second = client();
        getText(second, "/hello");

        List<LocalHttpServer.Recorded> recs = server.requests();
        assertEquals(3, recs.size());
        assertEquals(recs.get(0).connectionId(), recs.get(1).connectionId(),
                "two sequential requests on one keep-alive client share a connection");
        assertNotEquals(recs.get(0).connectionId(), recs.get(2).connectionId());
        assertEquals(2, server.connectionsAccepted());

        server.clearRecorded();
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void awaitRequestsReturnsOnceTheHeadsArrivedAndFailsAtItsBound() throws Exception {
        var waiting = client().sendAsync(get(server.url("/delay?ms=30000")).build(), HttpResponse.BodyHandlers.ofString());
        List<LocalHttpServer.Recorded> seen = server.awaitRequests(1, Duration.ofSeconds(10));
        assertEquals("/delay?ms=30000", seen.get(0).uri());
        assertFalse(waiting.isDone(), "the head is recorded while the response is still pending");
        AssertionError late = assertThrows(AssertionError.class, () -> server.awaitRequests(2, Duration.ofMillis(50)));
        assertTrue(late.getMessage().startsWith("1 of 2 requests"), late.getMessage());
    }

    @Test
    void closeTerminatesOpenConnections() throws Exception {
        try (Socket s = new Socket(server.host(), server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String reply = readUntil(in, LocalHttpServer.HELLO_BODY);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);

            server.close(); // the connection is idle and kept alive: close must end it anyway
            int next;
            try {
                next = in.read();
            } catch (IOException reset) {
                next = -1;
            }
            assertEquals(-1, next, "connection still open after close()");
        }
    }

    @Test
    void closeAbortsRequestsAndBodiesInFlight() throws Exception {
        HttpClient c = client();
        long big = 1L << 30;
        HttpResponse<InputStream> streaming = c.send(get(server.url("/bytes?n=" + big)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        var waiting = client().sendAsync(get(server.url("/delay?ms=30000")).build(),
                HttpResponse.BodyHandlers.ofString());
        server.awaitRequests(2, Duration.ofSeconds(10));

        long t0 = System.nanoTime();
        server.close();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close() took too long");

        HttpResponse<String> cutShort = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(503, cutShort.statusCode());
        assertEquals(Optional.of("close"), cutShort.headers().firstValue("Connection"));

        long read = 0;
        try (InputStream in = streaming.body()) {
            byte[] buf = new byte[1 << 16];
            int got;
            while ((got = in.read(buf)) > 0) {
                read += got;
            }
        } catch (IOException expected) {
            // the body was cut off: that is what close() promises
        }
        assertTrue(read < big, "the whole body arrived although the server was closed");
    }

    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().contains(marker)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    // ---- RawServer ----------------------------------------------------------------------------

    @Test
    void rawReplyScriptAnswersEveryRequest() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";
        try (RawServer raw = RawServer.start(Scripts.reply(response))) {
            HttpClient c = client();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = c.send(get(raw.url("/raw/" + i)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals("ok", r.body());
            }
            HttpResponse<String> post = c.send(get(raw.url("/raw/post"))
                    .POST(HttpRequest.BodyPublishers.ofString("some body")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("ok", post.body());

            List<String> heads = raw.receivedHeads();
            assertEquals(3, heads.size());
            assertEquals("GET /raw/0 HTTP/1.1", RawConnection.requestLine(heads.get(0)));
            assertEquals("9", RawConnection.headerValue(heads.get(2), "content-length"));
            Map<Long, List<String>> byConnection = raw.headsByConnection();
            assertEquals(1, raw.connectionsAccepted());
            assertEquals(List.of(1L), List.copyOf(byConnection.keySet()));
            assertEquals(3, byConnection.get(1L).size());
            assertTrue(raw.scriptFailures().isEmpty(), raw.scriptFailures().toString());
        }
    }

    @Test
    void rawResetScriptMakesTheClientFail() {
        try (RawServer raw = RawServer.start(Scripts.resetAfterHead())) {
            assertThrows(IOException.class, () -> client().send(get(raw.url("/reset")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertTrue(raw.connectionsAccepted() >= 1);
            assertEquals("GET /reset HTTP/1.1", RawConnection.requestLine(raw.receivedHeads().get(0)));
        }
    }

    @Test
    void rawGarbageScriptMakesTheClientFail() {
        try (RawServer raw = RawServer.start(Scripts.garbage())) {
            assertThrows(IOException.class, () -> client().send(get(raw.url("/garbage")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void rawStallScriptHoldsTheRequestUntilTheClientGivesUp() {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            HttpRequest request = get(raw.url("/stall")).timeout(Duration.ofMillis(300)).build();
            assertThrows(java.net.http.HttpTimeoutException.class,
                    () -> client().send(request, HttpResponse.BodyHandlers.ofString()));
            assertEquals(1, raw.receivedHeads().size());
        }
    }
}
