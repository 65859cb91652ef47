package io.winhttp4j.engine.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.IncomingConnection;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A real Pekko HTTP server on {@code 127.0.0.1} and an ephemeral port, for tests that need
 * well-behaved HTTP/1.1 traffic. Malformed, truncated, stalled or reset replies are the job of
 * {@link RawServer}.
 *
 * <p>Routes:
 * <pre>
 * GET  /hello                 200 "Hello, WinHTTP" (keep-alive)
 * any  /echo                  200, the request body sent back (same framing; see below)
 * GET  /bytes?n=N             200, N bytes of {@link #patternByte(long)}, Content-Length, generated lazily
 * GET  /chunked?n=N&amp;chunk=K   200, the same N bytes as a chunked body, K bytes a chunk (default 4096)
 * GET  /status/{code}         that status, body "status {code}" (no body for 204 and 304)
 * GET  /delay?ms=M            200 "late" after M ms, without blocking a thread
 * GET  /close                 200 "closing" with Connection: close
 * any  /headers               200, the request's headers, one "Name: value" line each
 * PUT|POST /upload            counts the body without keeping it; 200 with the count as text
 * GET  /redirect?to=PATH      302, Location: PATH (default /hello)
 * </pre>
 * Anything else is 404; a known path with a method it does not take is 405; a bad query
 * parameter is 400. Extra routes can be added with {@link #start(ActorSystem, Map)}.
 *
 * <p>Every request is recorded when its head arrives, with the id of the connection it came
 * on (connections are numbered from 1 in the order they are accepted). The body length of a
 * record grows while the body is read; for every route but {@code /echo} the body is read to
 * the end before the response starts, and {@code /echo} counts each piece before sending it
 * back, so once a client has the whole response the record is complete.
 *
 * <p>Headers as recorded (and as {@code /headers} shows them) are the ones Pekko's parser
 * keeps, in arrival order, plus the framing headers that Pekko folds into the entity,
 * re-created at the end: {@code Content-Type} (when the request had a body or declared one),
 * {@code Content-Length} when non-zero, {@code Transfer-Encoding: chunked} for a chunked body.
 * A {@code Content-Length: 0} is therefore not visible, and a body sent without a
 * {@code Content-Type} shows Pekko's default {@code application/octet-stream}; use
 * {@link RawServer} when the exact bytes of a request head matter.
 *
 * <p>{@code /echo} collects bodies up to 1 MiB and answers them whole; a longer body is
 * streamed back while it arrives, and Pekko then closes the connection after that response
 * (it does so whenever a response starts before its request body has been read).
 *
 * <p>{@link #close()} unbinds, then ends every connection: an idle one is closed, a request
 * still waiting for its response gets {@code 503} with {@code Connection: close}, and a body
 * still streaming is cut off (the connection is aborted). It returns when all are gone.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** What the server saw of one request. */
    public record Recorded(long connectionId, String method, String uri,
                           List<Map.Entry<String, String>> headers, long bodyLength) {

        /** The value of the first header with this name (case-insensitive), if any. */
        public Optional<String> header(String name) {
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return Optional.of(h.getValue());
                }
            }
            return Optional.empty();
        }
    }

    /** An extra route: gets the request (its body counted as it is read) and answers it. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<HttpResponse> handle(HttpRequest request) throws Exception;
    }

    public static final String HOST = "127.0.0.1";
    public static final String HELLO_BODY = "Hello, WinHTTP";

    /** Size of the pieces /bytes is generated in. */
    static final int BYTES_PIECE = 64 * 1024;
    private static final int PATTERN_PERIOD = 251;
    private static final int MAX_SLICE = 1024 * 1024;
    /** PATTERN[k] == k % 251; any run of the pattern up to MAX_SLICE long is a slice of it. */
    private static final ByteString PATTERN;

    static {
        byte[] p = new byte[PATTERN_PERIOD + MAX_SLICE];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (k % PATTERN_PERIOD);
        }
        PATTERN = ByteString.fromArrayUnsafe(p); // never written again, so sharing it is safe
    }

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** /echo answers bodies up to this size whole (keep-alive), longer ones streamed. */
    static final int ECHO_BUFFER = 1024 * 1024;

    private final ActorSystem<?> system;
    private final Materializer materializer;
    private final Map<String, Handler> extraRoutes;
    /** Fails every response body still streaming on close, so its connection is aborted. */
    private final SharedKillSwitch bodies;
    private final AtomicLong connectionSeq = new AtomicLong();
    private final Set<Conn> liveConnections = ConcurrentHashMap.newKeySet();
    private final List<Entry> recorded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean recording = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ServerBinding binding;

    private LocalHttpServer(ActorSystem<?> system, Map<String, Handler> extraRoutes) {
        this.system = system;
        this.materializer = Materializer.matFromSystem(system);
        this.extraRoutes = Map.copyOf(extraRoutes);
        this.bodies = KillSwitches.shared("local-http-server-bodies-" + System.identityHashCode(this));
    }

    /** Starts a server with the standard routes; returns once it is bound. */
    public static LocalHttpServer start(ActorSystem<?> system) {
        return start(system, Map.of());
    }

    /**
     * Starts a server with the standard routes plus {@code extraRoutes}, keyed by exact path
     * (no query); an extra route wins over a standard one of the same path.
     */
    public static LocalHttpServer start(ActorSystem<?> system, Map<String, Handler> extraRoutes) {
        LocalHttpServer server = new LocalHttpServer(system, extraRoutes);
        server.bind();
        return server;
    }

    private void bind() {
        Http http = Http.get(system);
        CompletionStage<ServerBinding> bound = http.newServerAt(HOST, 0)
                .withMaterializer(materializer)
                .adaptSettings(s -> s
                        .withRawRequestUriHeader(true)
                        .withTimeouts(s.getTimeouts()
                                .withRequestTimeout(scala.concurrent.duration.Duration.Inf())))
                .connectionSource()
                .to(Sink.foreach(this::accept))
                .run(materializer);
        this.binding = await(bound, Duration.ofSeconds(10), "bind");
    }

    private void accept(IncomingConnection connection) {
        Conn conn = new Conn(connectionSeq.incrementAndGet());
        Flow<HttpRequest, HttpResponse, Pair<UniqueKillSwitch, CompletionStage<Done>>> handler =
                Flow.of(HttpRequest.class)
                        .mapAsync(1, request -> conn.track(() -> respondSafely(conn.id, request)))
                        .map(this::guarded)
                        .viaMat(KillSwitches.single(), Keep.right())
                        .watchTermination(Pair::create);
        Pair<UniqueKillSwitch, CompletionStage<Done>> mat = connection.handleWith(handler, materializer);
        conn.killSwitch = mat.first();
        conn.terminated = mat.second();
        liveConnections.add(conn);
        mat.second().whenComplete((d, e) -> liveConnections.remove(conn));
        if (closed.get()) {
            conn.close(); // accepted while close() ran
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String pathAndQuery) {
        return "http://" + HOST + ":" + port() + pathAndQuery;
    }

    /** How many TCP connections the server has accepted so far. */
    public long connectionsAccepted() {
        return connectionSeq.get();
    }

    /**
     * The accepted count once it reaches {@code count}, or as it is after {@code max}. The server
     * counts an accept on its own stream, a moment after the client's connect completed: a test
     * that sent nothing on the connection waits for it here.
     */
    public long awaitConnectionsAccepted(long count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (connectionSeq.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(1); // polls the server's own count; bounded by the deadline
        }
        return connectionSeq.get();
    }

    /** Every request received since start or the last {@link #clearRecorded()}, in arrival order. */
    public List<Recorded> requests() {
        synchronized (recorded) {
            List<Recorded> out = new ArrayList<>(recorded.size());
            for (Entry e : recorded) {
                out.add(e.snapshot());
            }
            return out;
        }
    }

    /**
     * Waits until at least {@code count} requests have been recorded (their heads arrived), at
     * most {@code max}; an AssertionError says how many came if they did not.
     */
    public List<Recorded> awaitRequests(int count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (recorded) {
            while (recorded.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(recorded.size() + " of " + count + " requests arrived within " + max);
                }
                TimeUnit.NANOSECONDS.timedWait(recorded, left);
            }
        }
        return requests();
    }

    public void clearRecorded() {
        recorded.clear();
    }

    /** Recording is on by default; a benchmark turns it off so the list does not grow. */
    public void setRecording(boolean on) {
        recording.set(on);
    }

    /** The byte at position {@code i} of every /bytes and /chunked body. */
    public static byte patternByte(long i) {
        return (byte) (i % PATTERN_PERIOD);
    }

    /**
     * Checks that {@code data[off, off+len)} is the pattern starting at body position
     * {@code bodyPos}; returns the index into the body of the first wrong byte, or -1.
     */
    public static long firstPatternMismatch(byte[] data, int off, int len, long bodyPos) {
        for (int k = 0; k < len; k++) {
            if (data[off + k] != patternByte(bodyPos + k)) {
                return bodyPos + k;
            }
        }
        return -1;
    }

    // ---- request handling ---------------------------------------------------------------------

    private CompletionStage<HttpResponse> respondSafely(long connectionId, HttpRequest request) {
        try {
            return respond(connectionId, request).exceptionally(LocalHttpServer::serverError);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(serverError(e));
        }
    }

    private static HttpResponse serverError(Throwable t) {
        return text(StatusCodes.INTERNAL_SERVER_ERROR, "fixture failure: " + t);
    }

    private CompletionStage<HttpResponse> respond(long connectionId, HttpRequest request) throws Exception {
        String method = request.method().name();
        String target = request.getHeader("Raw-Request-URI").map(HttpHeader::value)
                .orElseGet(() -> request.getUri().toRelative().toString());
        List<Map.Entry<String, String>> headers = visibleHeaders(request);
        Entry entry = new Entry(connectionId, method, target, headers);
        if (recording.get()) {
            synchronized (recorded) {
                recorded.add(entry);
                recorded.notifyAll(); // awaitRequests
            }
        }
        HttpRequest counted = request.withEntity(counting((RequestEntity) request.entity().withoutSizeLimit(), entry));
        String path = request.getUri().path();

        Handler extra = extraRoutes.get(path);
        if (extra != null) {
            return extra.handle(counted);
        }
        if (path.equals("/echo")) {
            return echo(counted.entity());
        }
        // Everything else reads the body to the end first, so the record is complete by the
        // time the client sees the response.
        return drain(counted).thenCompose(bodyLength -> route(counted, path, method, headers, bodyLength));
    }

    /**
     * Sends the body back. Up to {@link #ECHO_BUFFER} bytes it is collected first and answered
     * whole, so the connection stays alive; a longer body is streamed back as it arrives (with
     * the request's framing), and then Pekko closes the connection after the response, as it
     * does for every response that starts before its request has been read to the end.
     */
    private CompletionStage<HttpResponse> echo(RequestEntity entity) {
        if (entity instanceof HttpEntity.Strict) {
            return done(HttpResponse.create().withEntity(entity));
        }
        ContentType type = entity.getContentType();
        return entity.getDataBytes()
                .groupedWeighted(ECHO_BUFFER, bs -> (long) bs.size())
                .prefixAndTail(1)
                .runWith(Sink.head(), materializer)
                .thenApply(split -> {
                    ByteString first = ByteString.emptyByteString();
                    for (List<ByteString> group : split.first()) {
                        for (ByteString bs : group) {
                            first = first.concat(bs);
                        }
                    }
                    Source<ByteString, NotUsed> rest = split.second().mapConcat(group -> group);
                    if (first.size() < ECHO_BUFFER) { // a short group only comes at the end
                        rest.runWith(Sink.ignore(), materializer);
                        return HttpResponse.create().withEntity(HttpEntities.create(type, first));
                    }
                    Source<ByteString, NotUsed> all = Source.single(first).concat(rest);
                    if (!entity.isChunked() && entity.getContentLengthOption().isPresent()) {
                        return HttpResponse.create().withEntity(
                                HttpEntities.create(type, entity.getContentLengthOption().getAsLong(), all));
                    }
                    return HttpResponse.create().withEntity(HttpEntities.createChunked(type, all));
                });
    }

    private CompletionStage<Long> drain(HttpRequest request) {
        return request.entity().getDataBytes()
                .runWith(Sink.fold(0L, (acc, bs) -> acc + bs.size()), materializer);
    }

    private CompletionStage<HttpResponse> route(HttpRequest request, String path, String method,
                                                List<Map.Entry<String, String>> headers, long bodyLength) {
        boolean get = method.equals("GET");
        switch (path) {
            case "/hello":
                return get ? done(text(StatusCodes.OK, HELLO_BODY)) : done(notAllowed());
            case "/bytes":
                if (!get) {
                    return done(notAllowed());
                }
                return done(longParam(request, "n", null)
                        .map(n -> HttpResponse.create().withEntity(patternEntity(n)))
                        .orElseGet(() -> badRequest("n")));
            case "/chunked": {
                if (!get) {
                    return done(notAllowed());
                }
                Optional<Long> n = longParam(request, "n", null);
                Optional<Long> chunk = longParam(request, "chunk", 4096L);
                if (n.isEmpty() || chunk.isEmpty() || chunk.get() < 1 || chunk.get() > Integer.MAX_VALUE) {
                    return done(badRequest("n, chunk"));
                }
                Source<ByteString, NotUsed> body = patternSource(n.get(), chunk.get().intValue());
                return done(HttpResponse.create()
                        .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, body)));
            }
            case "/delay":
                if (!get) {
                    return done(notAllowed());
                }
                Optional<Long> ms = longParam(request, "ms", 0L);
                if (ms.isEmpty()) {
                    return done(badRequest("ms"));
                }
                return org.apache.pekko.pattern.Patterns.after(Duration.ofMillis(ms.get()), system,
                        () -> done(text(StatusCodes.OK, "late")));
            case "/close":
                return get
                        ? done(text(StatusCodes.OK, "closing").addHeader(Connection.create("close")))
                        : done(notAllowed());
            case "/headers": {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, String> h : headers) {
                    sb.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
                }
                return done(text(StatusCodes.OK, sb.toString()));
            }
            case "/upload":
                return method.equals("PUT") || method.equals("POST")
                        ? done(text(StatusCodes.OK, Long.toString(bodyLength)))
                        : done(notAllowed());
            case "/redirect": {
                if (!get) {
                    return done(notAllowed());
                }
                String to = request.getUri().query().get("to").orElse("/hello");
                return done(text(StatusCodes.FOUND, "see " + to).addHeader(Location.create(to)));
            }
            default:
                if (path.startsWith("/status/")) {
                    return get ? done(status(path.substring("/status/".length()))) : done(notAllowed());
                }
                return done(text(StatusCodes.NOT_FOUND, "no route for " + path));
        }
    }

    private static HttpResponse status(String codeText) {
        int code;
        try {
            code = Integer.parseInt(codeText);
        } catch (NumberFormatException e) {
            return badRequest("status code");
        }
        if (code < 200 || code > 999) {
            return badRequest("status code (200..999)");
        }
        StatusCode status = StatusCodes.lookup(code)
                .orElseGet(() -> StatusCodes.custom(code, "Custom " + code, ""));
        if (code == 204 || code == 304) {
            return HttpResponse.create().withStatus(status);
        }
        return text(status, "status " + code);
    }

    // ---- entities -------------------------------------------------------------------------------

    /** The pattern body of n bytes, with Content-Length, made piece by piece as it is pulled. */
    private static ResponseEntity patternEntity(long n) {
        if (n == 0) {
            return HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, ByteString.emptyByteString());
        }
        return HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, n, patternSource(n, BYTES_PIECE));
    }

    private static Source<ByteString, NotUsed> patternSource(long n, int piece) {
        return Source.unfold(0L, pos -> {
            if (pos >= n) {
                return Optional.empty();
            }
            int len = (int) Math.min(piece, n - pos);
            return Optional.of(Pair.create(pos + len, patternPiece(pos, len)));
        });
    }

    private static ByteString patternPiece(long pos, int len) {
        int start = (int) (pos % PATTERN_PERIOD);
        if (len <= MAX_SLICE) {
            return PATTERN.slice(start, start + len);
        }
        byte[] b = new byte[len];
        for (int k = 0; k < len; k++) {
            b[k] = patternByte(pos + k);
        }
        return ByteString.fromArrayUnsafe(b);
    }

    /** The response, its body (unless strict) made to fail when the server closes. */
    private HttpResponse guarded(HttpResponse response) {
        ResponseEntity entity = response.entity();
        if (entity instanceof HttpEntity.Strict) {
            return response;
        }
        ContentType type = entity.getContentType();
        Source<ByteString, Object> data = entity.getDataBytes().via(bodies.flow());
        if (entity.isChunked()) {
            return response.withEntity(HttpEntities.createChunked(type, data));
        }
        if (entity.getContentLengthOption().isPresent()) {
            return response.withEntity(HttpEntities.create(type, entity.getContentLengthOption().getAsLong(), data));
        }
        return response.withEntity(HttpEntities.createCloseDelimited(type, data));
    }

    /** The same entity, but every byte that passes through is added to the record. */
    private static RequestEntity counting(RequestEntity entity, Entry entry) {
        if (entity instanceof HttpEntity.Strict strict) {
            entry.bodyLength.addAndGet(strict.getData().size());
            return entity;
        }
        ContentType type = entity.getContentType();
        Source<ByteString, Object> data = entity.getDataBytes().map(bs -> {
            entry.bodyLength.addAndGet(bs.size());
            return bs;
        });
        if (!entity.isChunked() && entity.getContentLengthOption().isPresent()) {
            return HttpEntities.create(type, entity.getContentLengthOption().getAsLong(), data);
        }
        return HttpEntities.createChunked(type, data);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static List<Map.Entry<String, String>> visibleHeaders(HttpRequest request) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (HttpHeader h : request.getHeaders()) {
            String name = h.name();
            if (name.equalsIgnoreCase("Raw-Request-URI") || name.equalsIgnoreCase("Timeout-Access")) {
                continue; // Pekko's own synthetic headers, not sent by the client
            }
            out.add(new AbstractMap.SimpleImmutableEntry<>(name, h.value()));
        }
        RequestEntity entity = request.entity();
        ContentType type = entity.getContentType();
        if (!type.equals(ContentTypes.NO_CONTENT_TYPE)) {
            out.add(new AbstractMap.SimpleImmutableEntry<>("Content-Type", type.toString()));
        }
        if (entity.isChunked()) {
            out.add(new AbstractMap.SimpleImmutableEntry<>("Transfer-Encoding", "chunked"));
        } else if (entity.getContentLengthOption().isPresent() && entity.getContentLengthOption().getAsLong() > 0) {
            out.add(new AbstractMap.SimpleImmutableEntry<>("Content-Length",
                    Long.toString(entity.getContentLengthOption().getAsLong())));
        }
        return List.copyOf(out);
    }

    private static Optional<Long> longParam(HttpRequest request, String name, Long dflt) {
        Optional<String> raw = request.getUri().query().get(name);
        if (raw.isEmpty()) {
            return Optional.ofNullable(dflt);
        }
        try {
            long v = Long.parseLong(raw.get());
            return v < 0 ? Optional.empty() : Optional.of(v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse text(StatusCode status, String body) {
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse notAllowed() {
        return text(StatusCodes.METHOD_NOT_ALLOWED, "method not allowed");
    }

    private static HttpResponse badRequest(String what) {
        return text(StatusCodes.BAD_REQUEST, "bad or missing query parameter: " + what);
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("LocalHttpServer: " + what + " failed", e);
        }
    }

    // ---- shutdown -------------------------------------------------------------------------------

    /** Unbinds, ends every connection (see the class comment) and waits up to 10 s for them. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerBinding b = binding;
        if (b != null) {
            try {
                await(b.unbind(), CLOSE_TIMEOUT, "unbind");
            } catch (IllegalStateException ignored) {
                // carry on tearing down the connections
            }
        }
        // Bodies still streaming are failed, which makes Pekko abort their connections.
        bodies.abort(new IOException("LocalHttpServer closed"));
        for (Conn c : List.copyOf(liveConnections)) {
            c.close();
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        for (Conn c : List.copyOf(liveConnections)) {
            long left = deadline - System.nanoTime();
            try {
                c.terminated.toCompletableFuture().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ignored) {
                // an aborted connection ends with the abort's exception: that is the point
            }
        }
    }

    /** One accepted connection and what close() needs to end it. */
    private static final class Conn {
        final long id;
        volatile UniqueKillSwitch killSwitch;
        volatile CompletionStage<Done> terminated = CompletableFuture.completedFuture(Done.getInstance());
        /** The response being prepared, while a request waits for it. */
        volatile CompletableFuture<HttpResponse> pending;

        Conn(long id) {
            this.id = id;
        }

        /** Runs the handler with the connection marked as waiting until its response is ready. */
        CompletionStage<HttpResponse> track(Supplier<CompletionStage<HttpResponse>> handler) {
            CompletableFuture<HttpResponse> cf = new CompletableFuture<>();
            pending = cf; // before the handler runs, so close() cannot miss a request it recorded
            handler.get().whenComplete((r, e) -> {
                if (e != null) {
                    cf.completeExceptionally(e);
                } else {
                    cf.complete(r);
                }
            });
            cf.whenComplete((r, e) -> {
                if (pending == cf) {
                    pending = null;
                }
            });
            return cf;
        }

        /**
         * A request waiting for its response gets a 503 with Connection: close, after which
         * Pekko closes the connection itself (failing or completing the stream instead would make
         * Pekko answer 500); an idle connection's response stream is completed, which closes it.
         */
        void close() {
            CompletableFuture<HttpResponse> waiting = pending;
            if (waiting != null && waiting.complete(text(StatusCodes.SERVICE_UNAVAILABLE, "server closing")
                    .addHeader(Connection.create("close")))) {
                return;
            }
            UniqueKillSwitch ks = killSwitch;
            if (ks != null) {
                ks.shutdown();
            }
        }
    }

    private static final class Entry {
        final long connectionId;
        final String method;
        final String uri;
        final List<Map.Entry<String, String>> headers;
        final AtomicLong bodyLength = new AtomicLong();

        Entry(long connectionId, String method, String uri, List<Map.Entry<String, String>> headers) {
            this.connectionId = connectionId;
            this.method = method;
            this.uri = uri;
            this.headers = headers;
        }

        Recorded snapshot() {
            return new Recorded(connectionId, method, uri, headers, bodyLength.get());
        }
    }
}
