package io.winhttp4j.samples.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.engine.testkit.LocalHttpServer;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each port of a reference page's example, run against a local server that records what it got. */
class PortsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    static ActorSystem<Void> system;
    static LocalHttpServer server;
    static WinHttp winHttp;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "ports-test");
        Materializer mat = Materializer.matFromSystem(system);
        LocalHttpServer.Handler count = request -> request.entity().getDataBytes()
                .runWith(Sink.fold(0L, (n, b) -> n + b.size()), mat)
                .thenApply(n -> HttpResponse.create().withStatus(StatusCodes.CREATED).withEntity("received " + n + " bytes"));
        Flow<Message, Message, ?> echo = Flow.<Message>create()
                .mapAsync(1, m -> m.asTextMessage().toStrict(5000, mat).<Message>thenApply(t -> t));
        server = LocalHttpServer.start(system, Map.of(
                "/writetst.txt", count,
                "/sink", count,
                "/", request -> CompletableFuture.completedFuture(HttpResponse.create().withEntity("the root page")),
                "/ws", request -> CompletableFuture.completedFuture(request.getAttribute(AttributeKeys.webSocketUpgrade)
                        .map(up -> up.handleMessagesWith(echo))
                        .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)))));
        winHttp = WinHttpEngine.create();
    }

    @AfterAll
    static void stop() throws Exception {
        winHttp.close();
        server.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clear() {
        server.clearRecorded();
    }

    interface Port {
        int run(PrintStream out) throws Exception;
    }

    static String run(int expectedStatus, Port port) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = port.run(out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, output);
        return output;
    }

    @Test
    void sendRequestSendsThePutWithoutData() throws Exception {
        String out = run(0, o -> SendRequestExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        assertEquals("Request sent.\n", out);
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals("PUT", seen.method());
        assertEquals("/writetst.txt", seen.uri());
        assertEquals("A WinHTTP Example Program/1.0", seen.header("User-Agent").orElse(""));
    }

    @Test
    void anErrorIsReportedAsTheCDoes() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int p = port;
        String out = run(12029, o -> SendRequestExample.run(winHttp, LocalHttpServer.HOST, p, o));
        assertEquals("Error 12029 has occurred.\n", out);
    }

    @Test
    void receiveResponseWritesTheDataThenEndsTheRequest() throws Exception {
        String out = run(0, o -> WriteDataExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        assertEquals("24 bytes written, status 201.\n", out);
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals(24, seen.bodyLength());
        assertEquals("24", seen.header("Content-Length").orElse(""));
    }

    @Test
    void chunkedUploadFramesItsOwnChunks() throws Exception {
        String out = run(0, o -> ChunkedUploadExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        assertEquals("Status 201.\n", out);
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals("chunked", seen.header("Transfer-Encoding").orElse(""));
        assertEquals(String.join("", ChunkedUploadExample.PIECES).length(), seen.bodyLength(), "the decoded body");
    }

    @Test
    void largeUploadStreamsPastTheDwordLimitByDefault() throws Exception {
        assertTrue(LargeUploadExample.DEFAULT_BYTES > 0xFFFFFFFFL, "the sample's own default is over 4 GiB");
        long bytes = 48L << 20; // the same code path; the build keeps to a size that is quick
        String out = run(0, o -> LargeUploadExample.run(winHttp, LocalHttpServer.HOST, server.port(), bytes, o));
        assertEquals(bytes + " bytes sent; the server says: received " + bytes + " bytes\n", out);
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals(Long.toString(bytes), seen.header("Content-Length").orElse(""));
        assertEquals(bytes, seen.bodyLength());
    }

    @Test
    void asyncGetIsDrivenByTheCallback() throws Exception {
        String out = run(0, o -> AsyncGetExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        assertEquals("13 bytes received:\nthe root page", out);
    }

    @Test
    void webSocketEchoesOneMessageThenCloses() throws Exception {
        String out = run(0, o -> WebSocketEchoExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        assertEquals("Upgraded to the WebSocket protocol.\nSent: Hello world\nEchoed: Hello world\n"
                + "Closed by the server with 1000 \"\"\n", out);
    }

    @Test
    void xhrSendsThePostStream() throws Exception {
        String out = run(0, o -> XhrPostExample.run(winHttp, LocalHttpServer.HOST, server.port(), o));
        int n = XhrPostExample.BODY.length();
        assertEquals("OnHeadersAvailable: 201 Created\nOnResponseReceived: received " + n + " bytes\n", out);
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals("POST", seen.method());
        assertEquals(n, seen.bodyLength());
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type").orElse(""));
    }
}
