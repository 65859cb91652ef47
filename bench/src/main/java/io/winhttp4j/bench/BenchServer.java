package io.winhttp4j.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.LoggerFactory;

/**
 * The local server every client is measured against, run in its own JVM so that client and server
 * never share a heap. Pekko HTTP's low-level server API (no routing DSL), answers prepared where
 * possible, so that the server is as cheap as it can be. Routes:
 * <pre>
 *   GET  /small       200, body "ok" (2 bytes)
 *   GET  /bytes/{n}   200, n bytes with Content-Length, streamed in 64 KiB chunks of one buffer
 *   POST /upload      reads the whole body, then 200 "ok"
 *   GET  /slow/{ms}   200 "ok" after {ms} milliseconds, with "Connection: close" so that a burst
 *                     of 10,000 does not leave 10,000 idle connections behind
 * </pre>
 * Usage: {@code BenchServer [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof]}. The first line
 * it writes to stdout is the port it listens on, and nothing else goes to stdout (logs go to
 * stderr). With {@code --exit-on-stdin-eof} it stops when its stdin closes, i.e. when the parent
 * that forked it goes away.
 */
public final class BenchServer {

    private static final int CHUNK_SIZE = 64 * 1024;
    private static final ByteString CHUNK = randomBytes(CHUNK_SIZE);
    private static final ByteString OK = ByteString.fromString("ok");
    private static final HttpResponse SMALL = HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, OK));
    private static final HttpResponse SLOW = SMALL.addHeader(Connection.create("close"));
    private static final HttpResponse NOT_FOUND = HttpResponse.create().withStatus(StatusCodes.NOT_FOUND);

    private final ActorSystem<Void> system;

    private BenchServer(ActorSystem<Void> system) {
        this.system = system;
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getILoggerFactory(); // Logback ready before the actor system logs from another thread
        String host = "127.0.0.1";
        int port = 0;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> {
                    System.err.println("usage: BenchServer [--host 127.0.0.1] [--port 0] [--exit-on-stdin-eof]");
                    System.exit(2);
                }
            }
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-server", config());
        BenchServer server = new BenchServer(system);
        ServerBinding binding = Http.get(system).newServerAt(host, port).bind(server::handle)
                .toCompletableFuture().get();
        int bound = binding.localAddress().getPort();
        System.out.println(bound);
        System.out.flush();
        System.err.println("BenchServer listening on http://" + host + ":" + bound
                + "/ (GET /small, GET /bytes/{n}, POST /upload, GET /slow/{ms})");
        Runtime.getRuntime().addShutdownHook(new Thread(system::terminate));
        if (exitOnStdinEof) {
            drain(System.in);
            system.terminate();
        }
        Stages.await(system.getWhenTerminated(), Duration.ofDays(365));
        System.exit(0);
    }

    private static Config config() {
        return ConfigFactory.parseString(String.join("\n",
                "pekko.http.server.max-connections = 32768",
                "pekko.http.server.backlog = 4096", // the kernel caps it at net.core.somaxconn
                // a burst of 10,000 connections: accept in large batches, and give each accepted
                // connection time to be materialized before Pekko's TCP layer gives up on it
                "pekko.io.tcp.batch-accept-limit = 1000",
                "pekko.io.tcp.register-timeout = 60 s",
                "pekko.http.server.idle-timeout = 120 s",
                "pekko.http.server.request-timeout = 60 s",
                "pekko.http.server.parsing.max-content-length = infinite"))
                .withFallback(ConfigFactory.load());
    }

    private CompletionStage<HttpResponse> handle(HttpRequest request) {
        String path = request.getUri().path();
        if (request.method().equals(HttpMethods.POST) && path.equals("/upload")) {
            return Stages.direct(request.entity().getDataBytes()
                    .runFold(0L, (count, chunk) -> count + chunk.size(), system))
                    .thenApply(count -> SMALL);
        }
        if (!request.entity().isKnownEmpty()) {
            request.discardEntityBytes(system);
        }
        if (!request.method().equals(HttpMethods.GET)) {
            return CompletableFuture.completedFuture(NOT_FOUND);
        }
        if (path.equals("/small")) {
            return CompletableFuture.completedFuture(SMALL);
        }
        if (path.startsWith("/bytes/")) {
            long length = Long.parseLong(path.substring("/bytes/".length()));
            return CompletableFuture.completedFuture(HttpResponse.create().withEntity(
                    HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, length, body(length))));
        }
        if (path.startsWith("/slow/")) {
            long millis = Long.parseLong(path.substring("/slow/".length()));
            CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
            system.scheduler().scheduleOnce(Duration.ofMillis(millis), () -> answer.complete(SLOW), system.executionContext());
            return answer;
        }
        return CompletableFuture.completedFuture(NOT_FOUND);
    }

    /** {@code length} bytes as whole 64 KiB chunks of one shared buffer, then the remainder. */
    private static Source<ByteString, NotUsed> body(long length) {
        Source<ByteString, NotUsed> chunks = Source.repeat(CHUNK).take(length / CHUNK_SIZE);
        int rest = (int) (length % CHUNK_SIZE);
        return rest == 0 ? chunks : chunks.concat(Source.single(CHUNK.take(rest)));
    }

    private static ByteString randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ByteString.fromArrayUnsafe(bytes);
    }

    private static void drain(InputStream in) {
        byte[] sink = new byte[256];
        try {
            while (in.read(sink) >= 0) {
                // wait for end of file
            }
        } catch (IOException e) {
            // the parent is gone either way
        }
    }
}
