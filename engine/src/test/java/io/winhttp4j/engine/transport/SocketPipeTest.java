package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The byte pipe under the HTTP/1.1 exchange, against a plain-socket server. */
class SocketPipeTest {
    private static final long WAIT_S = 10;
    private static ActorTestKit kit;
    private static Tcp tcp;
    private static Materializer mat;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        tcp = Tcp.get(kit.system());
        mat = Materializer.matFromSystem(kit.system());
    }

    @AfterAll
    static void stop() { kit.shutdownTestKit(); }

    private static SocketPipe open(RawServer server) {
        return SocketPipe.open(tcp, mat, new InetSocketAddress(server.host(), server.port()), Duration.ofSeconds(5), null);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    private static String readAll(SocketPipe pipe) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Optional<ByteString> b = await(pipe.read()); b.isPresent(); b = await(pipe.read())) {
            sb.append(b.get().decodeString(StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    @Test
    void bytesGoOutAsWrittenAndComeBackUntilThePeerCloses() throws Exception {
        try (RawServer server = RawServer.start(c -> {
            String head = c.readRequestHead();
            c.write("echo:" + head.length());
        })) {
            SocketPipe pipe = open(server);
            var connection = await(pipe.connected());
            assertEquals(server.port(), connection.remoteAddress().getPort());
            await(pipe.write(ByteString.fromString("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")));
            assertEquals("echo:28", readAll(pipe));
            await(pipe.terminated());
            assertEquals("GET /x HTTP/1.1\r\nHost: a\r\n\r\n", server.receivedHeads().get(0));
        }
    }

    @Test
    void aWriteIsAcknowledgedOnlyAsThePeerReads() throws Exception {
        int total = 32 * 1024 * 1024;
        CountDownLatch readSome = new CountDownLatch(1);
        CountDownLatch readRest = new CountDownLatch(1);
        CompletableFuture<Long> serverGot = new CompletableFuture<>();
        try (RawServer server = RawServer.start(c -> {
            InputStream in = c.socket().getInputStream();
            long n = in.readNBytes(1024 * 1024).length;
            readSome.countDown();
            assertTrue(readRest.await(WAIT_S, TimeUnit.SECONDS));
            n += in.readNBytes(total - (int) n).length;
            serverGot.complete(n);
        })) {
            SocketPipe pipe = open(server);
            CompletionStage<?> written = pipe.write(ByteString.fromArrayUnsafe(new byte[total]));
            assertTrue(readSome.await(WAIT_S, TimeUnit.SECONDS));
            // 1 MiB read plus what the kernel buffers hold is far less than 32 MiB
            assertFalse(written.toCompletableFuture().isDone(), "acknowledged before the peer read it");
            readRest.countDown();
            await(written);
            assertEquals(total, await(serverGot));
            pipe.close();
        }
    }

    @Test
    void aRefusedConnectionFailsTheConnectAndTheWrite() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SocketPipe pipe = SocketPipe.open(tcp, mat, new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(5), null);
        ExecutionException connect = assertThrows(ExecutionException.class, () -> await(pipe.connected()));
        assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, Failures.map(connect.getCause()));
        ExecutionException write = assertThrows(ExecutionException.class, () -> await(pipe.write(ByteString.fromString("x"))));
        assertInstanceOf(WinHttpException.class, write.getCause());
    }

    @Test
    void closeEndsTheConnectionAndFailsAWriteInFlight() throws Exception {
        CountDownLatch accepted = new CountDownLatch(1);
        CompletableFuture<Integer> serverRead = new CompletableFuture<>();
        try (RawServer server = RawServer.start(c -> {
            accepted.countDown();
            serverRead.complete(c.socket().getInputStream().read()); // blocks until the client goes
        })) {
            SocketPipe pipe = open(server);
            await(pipe.connected());
            assertTrue(accepted.await(WAIT_S, TimeUnit.SECONDS));
            pipe.close();
            int got = serverRead.get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(-1, got, "the server sees the connection end");
            await(pipe.terminated());
            assertThrows(ExecutionException.class, () -> await(pipe.write(ByteString.fromString("late"))));
        }
    }

    /**
     * A write the peer is not taking does not outlive close: the connection ends at once and the
     * rest of the write is dropped. (Ending only the read side left Pekko's TCP stage waiting to
     * finish the write: it went on sending all of it once the peer read again.)
     */
    @Test
    void closeDropsAWriteThePeerIsNotTaking() throws Exception {
        int total = 32 * 1024 * 1024;
        CountDownLatch readSome = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<Long> serverGot = new CompletableFuture<>();
        try (RawServer server = RawServer.start(c -> {
            InputStream in = c.socket().getInputStream();
            long n = in.readNBytes(64 * 1024).length;
            readSome.countDown();
            assertTrue(closed.await(WAIT_S, TimeUnit.SECONDS));
            byte[] buf = new byte[64 * 1024];
            try {
                for (int r; (r = in.read(buf)) > 0; ) n += r;
            } catch (java.io.IOException reset) {
                // a reset is an end too
            }
            serverGot.complete(n);
        }, 64 * 1024)) {
            SocketPipe pipe = open(server);
            CompletionStage<?> written = pipe.write(ByteString.fromArrayUnsafe(new byte[total]));
            assertTrue(readSome.await(WAIT_S, TimeUnit.SECONDS));
            pipe.close();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> await(written));
            assertInstanceOf(WinHttpException.class, failed.getCause());
            await(pipe.terminated().handle((ended, abort) -> "ended")); // a reset ends it with a failure
            closed.countDown();
            long got = serverGot.get(WAIT_S, TimeUnit.SECONDS);
            assertTrue(got < total, "the server read all " + got + " bytes of a write closed under it");
        }
    }

    @Test
    void bytesArrivingWhileIdleSpoilTheConnectionAndTheNextOwnerSeesThem() throws Exception {
        CountDownLatch idle = new CountDownLatch(1);
        try (RawServer server = RawServer.start(c -> {
            assertTrue(idle.await(WAIT_S, TimeUnit.SECONDS));
            c.write("stray");
            c.socket().getInputStream().read();
        })) {
            SocketPipe pipe = open(server);
            await(pipe.connected());
            CompletionStage<Optional<ByteString>> watch = pipe.watchIdle();
            assertFalse(pipe.spoiledWhileIdle());
            idle.countDown();
            assertEquals("stray", await(watch).orElseThrow().utf8String());
            assertTrue(pipe.spoiledWhileIdle());
            assertSame(watch, pipe.read(), "the pending idle read is handed on, not doubled");
            assertFalse(pipe.spoiledWhileIdle());
            pipe.close();
        }
    }
}
