package io.winhttp4j.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.winhttp4j.engine.testkit.AuthServers;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.stream.Materializer;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * -u, --proxy / --noproxy and --compressed: the options that call what issue 11's helpers are
 * wiring into the engine (setCredentials after queryAuthSchemes, a named proxy, DECOMPRESSION).
 * Written to pass once that is merged.
 */
class WinHttpCliWiringTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TEXT = "decoded text, ".repeat(100);

    static ActorSystem<Void> system;
    static LocalHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        byte[] gzip = zipped.toByteArray();
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        system = ActorSystem.create(Behaviors.empty(), "cli-wiring-test");
        server = LocalHttpServer.start(system, Map.of(
                // the body is read before the answer, so the server records its length
                "/private", request -> AuthServers.after(request, Materializer.matFromSystem(system),
                        request.getHeader("Authorization").map(h -> h.value().equals(expected)).orElse(false)
                                ? HttpResponse.create().withEntity("welcome, alice")
                                : HttpResponse.create().withStatus(StatusCodes.UNAUTHORIZED)
                                        .addHeader(RawHeader.create("WWW-Authenticate", "Basic realm=\"cli\""))
                                        .withEntity("who are you?")),
                "/gzip", request -> CompletableFuture.completedFuture(HttpResponse.create()
                        .addHeader(RawHeader.create("Content-Encoding", "gzip"))
                        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, gzip)))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void userAnswersTheBasicChallengeAndResendsTheBody() throws Exception {
        CliRun without = CliRun.of(server.url("/private"));
        assertEquals("who are you?", without.stdout(), without.all());

        server.clearRecorded();
        CliRun run = CliRun.of("-v", "-u", "alice:s3cret", "-d", "x=1", server.url("/private"));
        assertEquals(0, run.status(), run.all());
        assertEquals("welcome, alice", run.stdout(), run.all());
        assertTrue(run.stderr().contains("< HTTP/1.1 401"), "the challenge came first: " + run.all());
        assertTrue(run.stderr().contains("* answering the challenge with Basic for alice"), run.all());
        var seen = server.awaitRequests(2, WAIT);
        assertEquals(3, seen.get(1).bodyLength(), "the body went again with the credentials");

        CliRun wrong = CliRun.of("-f", "-u", "alice:wrong", server.url("/private"));
        assertEquals(22, wrong.status(), wrong.all());
    }

    @Test
    void proxyCarriesTheRequestAndNoProxyBypassesIt() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        server.clearRecorded();
        // nothing listens on localhost:1 (and the name needs no DNS): only the proxy can answer
        CliRun viaProxy = CliRun.of("--proxy", "127.0.0.1:" + server.port(), "http://localhost:1/hello");
        assertEquals(0, viaProxy.status(), viaProxy.all());
        assertEquals(LocalHttpServer.HELLO_BODY, viaProxy.stdout(), viaProxy.all());
        assertEquals("localhost:1", server.awaitRequests(1, WAIT).get(0).header("Host").orElse(""));

        CliRun deadProxy = CliRun.of("--proxy", "127.0.0.1:" + closed, server.url("/hello"));
        assertEquals(7, deadProxy.status(), "the request went to the proxy: " + deadProxy.all());
        CliRun bypassed = CliRun.of("--proxy", "127.0.0.1:" + closed, "--noproxy", "127.0.0.1", server.url("/hello"));
        assertEquals(LocalHttpServer.HELLO_BODY, bypassed.stdout(), bypassed.all());
        CliRun none = CliRun.of("--proxy", "127.0.0.1:" + closed, "--noproxy", "*", server.url("/hello"));
        assertEquals(LocalHttpServer.HELLO_BODY, none.stdout(), none.all());
    }

    @Test
    void compressedAsksForGzipAndDecodesIt() throws Exception {
        server.clearRecorded();
        CliRun run = CliRun.of("--compressed", server.url("/gzip"));
        assertEquals(0, run.status(), run.all());
        assertEquals(TEXT, run.stdout(), run.all());
        assertTrue(server.awaitRequests(1, WAIT).get(0).header("Accept-Encoding").orElse("").contains("gzip"));

        CliRun raw = CliRun.of(server.url("/gzip"));
        assertTrue(raw.stdoutBytes().length < TEXT.length(), "without --compressed the bytes come as sent");
    }
}
