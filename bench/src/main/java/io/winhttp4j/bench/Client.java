package io.winhttp4j.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP client under test. Each method starts one exchange and returns without waiting for it;
 * the future completes with the number of response-body bytes the client read, or exceptionally
 * when the exchange failed or the status was not 200. Every implementation reads the whole body.
 */
interface Client extends AutoCloseable {

    /** Short name used by {@code --clients} and in the table. */
    String name();

    /** A small GET: the body is read the way an application reading small replies would. */
    CompletableFuture<Long> get(URI uri);

    /** A large GET whose body is streamed and counted, never held whole. */
    CompletableFuture<Long> download(URI uri);

    /** A POST of {@code body} (the same array for every call; clients must not modify it). */
    CompletableFuture<Long> post(URI uri, byte[] body);

    /** Called before each workload with the number of exchanges that will be in flight at once. */
    default void prepare(int maxInFlight) {
    }

    @Override
    void close();
}
