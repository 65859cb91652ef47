package io.winhttp4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the XHR sample against the demo server and checks the callbacks it printed, in order. */
class XhrFetchTest {
    static ActorSystem<Void> system;
    static DemoServer server;

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "xhr-fetch-test");
        server = DemoServer.start(system);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String fetch(String path, int expectedStatus) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = XhrFetch.run("http://127.0.0.1:" + server.port() + path, out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, output);
        return output;
    }

    static List<String> callbacks(String output) {
        return output.lines().filter(l -> l.startsWith("  <- ")).map(l -> l.substring(5, l.indexOf(' ', 5))).toList();
    }

    @Test
    void fetchPrintsTheCallbacksInOrder() throws Exception {
        String output = fetch("/data", 0);
        List<String> seen = callbacks(output);
        assertEquals("OnHeadersAvailable", seen.get(0), output);
        assertEquals("OnResponseReceived", seen.get(seen.size() - 1), output);
        assertTrue(seen.subList(1, seen.size() - 1).stream().allMatch("OnDataAvailable"::equals), output);
        assertTrue(seen.size() >= 3, "the body came through OnDataAvailable: " + output);
        assertTrue(output.contains("OnHeadersAvailable 200 OK"), output);
        int bytes = DemoServer.dataBody().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(output.contains(bytes + " in all"), output);
        assertTrue(output.contains("Content-Length: " + bytes), "the headers were printed: " + output);
    }

    @Test
    void aRefusedConnectionEndsInOnError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = XhrFetch.run("http://127.0.0.1:" + port + "/", out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, output);
        assertEquals(List.of("OnError"), callbacks(output), output);
        assertTrue(output.contains("0x80072EFD"), "HRESULT_FROM_WIN32(ERROR_WINHTTP_CANNOT_CONNECT): " + output);
    }
}
