package io.winhttp4j.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;

/**
 * A real Pekko HTTP server on {@code 127.0.0.1} and a free port whose routes the test programs:
 * {@link #route} maps a path to a function from the request (body read whole) to the response,
 * {@link #respond} to a fixed answer. Every request is recorded when it has been read, and
 * {@link #takeRequest} hands them over in arrival order; a path without a route gets 404.
 * Recorded headers are those Pekko keeps, plus {@code Content-Type} for a request with a body
 * (Pekko takes it into the entity; a body sent without one shows {@code application/octet-stream}).
 */
public final class TestServer implements AutoCloseable {
    /** Requests longer than this are refused with 413, so a test cannot fill the heap by mistake. */
    public static final long MAX_BODY = 16L << 20;

    /** What the server got: the method, the path, the query (or null), the headers, the body. */
    public record Request(String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body) {
        /**
         * The first value of a header (the name matched ignoring case).
         *
         * @param name the header's name
         * @return its value, if the request had it
         */
        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        /**
         * The body as UTF-8 text.
         *
         * @return the text
         */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A programmed route. */
    @FunctionalInterface
    public interface Route {
        /**
         * Answers one request.
         *
         * @param request what arrived, its body read whole
         * @return the response to send
         * @throws Exception to answer 500 with the exception's text
         */
        HttpResponse answer(Request request) throws Exception;
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final ServerBinding binding;

    private TestServer(ActorSystem<?> system) throws Exception {
        Materializer materializer = Materializer.matFromSystem(system);
        Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> request.entity()
                .withSizeLimit(MAX_BODY)
                .toStrict(10_000, materializer)
                .thenApply(strict -> answer(request, strict.getData().toArray()))
                .exceptionally(e -> text(413, "not read: " + e)); // 413 Content Too Large
        this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(handler)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Starts a server in this actor system; returns once it listens.
     *
     * @param system the system whose Pekko HTTP serves the requests
     * @return the server, with no routes yet
     * @throws Exception if it cannot bind within 10 seconds
     */
    public static TestServer start(ActorSystem<?> system) throws Exception {
        return new TestServer(system);
    }

    /**
     * Programs a path (the query is not part of it).
     *
     * @param path for example {@code "/hello"}
     * @param route what answers it
     * @return this server
     */
    public TestServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /**
     * Programs a path to answer a fixed status and text.
     *
     * @param path for example {@code "/hello"}
     * @param status the HTTP status
     * @param body the text body (UTF-8)
     * @return this server
     */
    public TestServer respond(String path, int status, String body) {
        return route(path, request -> text(status, body));
    }

    /**
     * A text response, for routes.
     *
     * @param status the HTTP status
     * @param body the text body (UTF-8)
     * @return the response
     */
    public static HttpResponse text(int status, String body) {
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The host the server listens on.
     *
     * @return {@code "127.0.0.1"}
     */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return binding.localAddress().getPort();
    }

    /**
     * An http URL on this server.
     *
     * @param pathAndQuery for example {@code "/hello?x=1"}
     * @return the URL
     */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /**
     * The next request the server read, in arrival order.
     *
     * @param max how long to wait for it
     * @return the request
     * @throws AssertionError if none arrives in time
     * @throws InterruptedException if the wait is interrupted
     */
    public Request takeRequest(Duration max) throws InterruptedException {
        Request r = received.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        if (r == null) {
            throw new AssertionError("no request within " + max);
        }
        return r;
    }

    /**
     * Forgets the requests not taken yet and every route.
     */
    public void reset() {
        received.clear();
        routes.clear();
    }

    private HttpResponse answer(HttpRequest request, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.getHeaders().forEach(h -> headers.add(Map.entry(h.name(), h.value())));
        if (!request.entity().isKnownEmpty() || body.length > 0) {
            // Pekko folds the entity's headers into the entity; show them as they came
            headers.add(Map.entry("Content-Type", request.entity().getContentType().toString()));
        }
        String path = request.getUri().path();
        Request r = new Request(request.method().name(), path, request.getUri().rawQueryString().orElse(null),
                List.copyOf(headers), body);
        received.add(r);
        Route route = routes.get(path);
        if (route == null) {
            return text(StatusCodes.NOT_FOUND.intValue(), "no route for " + path);
        }
        try {
            return route.answer(r);
        } catch (Exception e) {
            return text(StatusCodes.INTERNAL_SERVER_ERROR.intValue(), "the route failed: " + e);
        }
    }

    /** Unbinds and ends the open connections (waiting up to three seconds for them). */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
