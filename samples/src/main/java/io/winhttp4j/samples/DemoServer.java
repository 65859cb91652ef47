package io.winhttp4j.samples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The demo's stand-in for www.wingtiptoys.com: a small Pekko HTTP server on
 * {@code 127.0.0.1} and a free port.
 *
 * <pre>
 * GET /               a short greeting
 * GET /data           {@link #DATA_LINES} numbered lines of text (a few kilobytes)
 * PUT /writetst.txt   reads the body, answers 201 "received N bytes"
 * POST|PUT /sink      reads the body (of any length, never kept), answers 200 "received N bytes"
 * GET /ws             a WebSocket that echoes every message
 * </pre>
 */
public final class DemoServer implements AutoCloseable {

    public static final String GREETING = "Hello from the winhttp4j demo server.\n";
    public static final int DATA_LINES = 400;

    private final ServerBinding binding;

    private DemoServer(ServerBinding binding) {
        this.binding = binding;
    }

    /** Binds the server; returns once it listens. */
    public static DemoServer start(ActorSystem<?> system) throws Exception {
        Materializer materializer = Materializer.matFromSystem(system);
        Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> handle(request, materializer);
        ServerBinding binding = Http.get(system)
                .newServerAt("127.0.0.1", 0)
                .bind(handler)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new DemoServer(binding);
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** The body GET /data answers with, so a caller can check what it read. */
    public static String dataBody() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= DATA_LINES; i++) {
            sb.append(String.format("line %03d of the demo body%n", i));
        }
        return sb.toString();
    }

    private static CompletionStage<HttpResponse> handle(HttpRequest request, Materializer materializer) {
        String path = request.getUri().path();
        String method = request.method().name();
        if (path.equals("/writetst.txt") && method.equals("PUT")) {
            return request.entity().getDataBytes()
                    .runWith(Sink.fold(0L, (n, bytes) -> n + bytes.size()), materializer)
                    .thenApply(n -> text(StatusCodes.CREATED, "received " + n + " bytes\n"));
        }
        if (path.equals("/sink") && (method.equals("POST") || method.equals("PUT"))) {
            return request.entity().withoutSizeLimit().getDataBytes()
                    .runWith(Sink.fold(0L, (n, bytes) -> n + bytes.size()), materializer)
                    .thenApply(n -> text(StatusCodes.OK, "received " + n + " bytes\n"));
        }
        if (path.equals("/ws")) {
            Flow<Message, Message, NotUsed> echo = Flow.<Message>create().mapAsync(1, m -> m.isText()
                    ? m.asTextMessage().toStrict(5000, materializer).<Message>thenApply(t -> t)
                    : m.asBinaryMessage().toStrict(5000, materializer).<Message>thenApply(b -> b));
            return CompletableFuture.completedFuture(request.getAttribute(AttributeKeys.webSocketUpgrade)
                    .map(upgrade -> upgrade.handleMessagesWith(echo))
                    .orElseGet(() -> text(StatusCodes.BAD_REQUEST, "WebSocket only\n")));
        }
        request.discardEntityBytes(materializer);
        if (path.equals("/") && method.equals("GET")) {
            return CompletableFuture.completedFuture(text(StatusCodes.OK, GREETING));
        }
        if (path.equals("/data") && method.equals("GET")) {
            return CompletableFuture.completedFuture(text(StatusCodes.OK, dataBody()));
        }
        return CompletableFuture.completedFuture(text(StatusCodes.NOT_FOUND, "nothing at " + path + "\n"));
    }

    private static HttpResponse text(StatusCode status, String body) {
        return HttpResponse.create().withStatus(status).withEntity(
                HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Unbinds and closes open connections (waiting up to three seconds for them). */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
