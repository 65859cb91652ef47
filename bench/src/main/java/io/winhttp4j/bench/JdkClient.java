package io.winhttp4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The JDK's {@code java.net.http.HttpClient}, HTTP/1.1, {@code sendAsync}, the body counted by a
 * subscriber that keeps nothing. Default executor and connection pool (unbounded).
 */
final class JdkClient implements Client {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public CompletableFuture<Long> get(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET().build());
    }

    @Override
    public CompletableFuture<Long> download(URI uri) {
        return exchange(HttpRequest.newBuilder(uri).GET().build());
    }

    @Override
    public CompletableFuture<Long> post(URI uri, byte[] body) {
        return exchange(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private CompletableFuture<Long> exchange(HttpRequest request) {
        return client.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(new ByteCounter(), ByteCounter::total))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP status " + response.statusCode());
                    }
                    return response.body();
                });
    }

    @Override
    public void close() {
        // JDK 17's HttpClient has no close(); its connections go when it is collected.
    }

    /** Counts body bytes as they arrive and drops them. Signals are serial (Reactive Streams). */
    private static final class ByteCounter implements Flow.Subscriber<List<ByteBuffer>> {
        private long total;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                total += buffer.remaining();
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        long total() {
            return total;
        }
    }
}
