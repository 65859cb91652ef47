package io.winhttp4j.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;

/**
 * Raw Pekko HTTP: {@code Http.singleRequest} through Pekko's own host connection pool, the entity
 * always consumed (a strict entity by its size, a streamed one by folding {@code dataBytes}).
 * The pool may open as many connections as the harness puts requests in flight, does not
 * retry (WinHTTP does not either), and tolerates the slow start of a 10,000-connection burst.
 */
final class PekkoClient implements Client {

    private final ActorSystem<Void> system;
    private final Http http;
    private final Materializer materializer;

    PekkoClient(int maxInFlight) {
        int openRequests = 32;
        while (openRequests < maxInFlight) {
            openRequests <<= 1; // Pekko wants a power of two
        }
        Config config = ConfigFactory.parseString(
                "pekko.http.host-connection-pool.max-connections = " + Math.max(4, maxInFlight) + "\n"
                        + "pekko.http.host-connection-pool.max-open-requests = " + openRequests + "\n"
                        + "pekko.http.host-connection-pool.max-retries = 0\n"
                        + "pekko.http.client.connecting-timeout = 60 s\n"
                        // thousands of connections opening at once keep the pool busy for seconds: without
                        // this, Pekko's TCP layer aborts a connection whose stream has not registered in 5 s
                        + "pekko.io.tcp.register-timeout = 60 s\n")
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(Behaviors.empty(), "bench-pekko-client", config);
        http = Http.get(system);
        materializer = Materializer.matFromSystem(system);
    }

    @Override
    public String name() {
        return "pekko";
    }

    @Override
    public CompletableFuture<Long> get(URI uri) {
        return exchange(HttpRequest.GET(uri.toString()));
    }

    @Override
    public CompletableFuture<Long> download(URI uri) {
        return exchange(HttpRequest.GET(uri.toString()));
    }

    @Override
    public CompletableFuture<Long> post(URI uri, byte[] body) {
        // fromArrayUnsafe: wrap, do not copy, as the other clients do
        return exchange(HttpRequest.POST(uri.toString())
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, ByteString.fromArrayUnsafe(body))));
    }

    private CompletableFuture<Long> exchange(HttpRequest request) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        http.singleRequest(request).whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            int status = response.status().intValue();
            ResponseEntity entity = response.entity();
            if (entity instanceof HttpEntity.Strict strict) {
                finish(result, status, strict.getData().size());
            } else {
                entity.getDataBytes()
                        .runFold(0L, (count, chunk) -> count + chunk.size(), materializer)
                        .whenComplete((count, error) -> {
                            if (error != null) {
                                result.completeExceptionally(error);
                            } else {
                                finish(result, status, count);
                            }
                        });
            }
        });
        return result;
    }

    private static void finish(CompletableFuture<Long> result, int status, long bytes) {
        if (status == 200) {
            result.complete(bytes);
        } else {
            result.completeExceptionally(new IllegalStateException("HTTP status " + status));
        }
    }

    @Override
    public void close() {
        Stages.await(http.shutdownAllConnectionPools(), Duration.ofSeconds(10));
        system.terminate();
        Stages.await(system.getWhenTerminated(), Duration.ofSeconds(10));
    }
}
