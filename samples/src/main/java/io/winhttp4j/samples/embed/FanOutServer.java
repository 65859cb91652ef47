package io.winhttp4j.samples.embed;

import static io.winhttp4j.WinHttpConstants.*;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.LoggerFactory;

/**
 * A Pekko HTTP server with the engine embedded in its own ActorSystem
 * ({@link WinHttpEngine#embedded}): {@code GET /fan-out} calls the two upstreams of
 * {@code winhttp4j-samples.fan-out.upstreams} at once and streams both answers back, one after
 * the other, each after a {@code == upstream N: STATUS} line. The bodies flow one buffer per
 * demand (see {@link UpstreamCall}), so a slow client or a slow upstream holds the other side
 * back instead of filling the heap. {@link #close()} unbinds, lets the responses in flight end
 * within the configured deadline, closes the engine (which cancels what is left) and only then
 * terminates the ActorSystem. Configuration: {@code conf/application.conf}.
 */
public final class FanOutServer implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final WinHttp winHttp;
    private final HInternet session;
    private final ServerBinding binding;
    private final Duration shutdownDeadline;
    private final AtomicLong upstreamBytes = new AtomicLong();

    private FanOutServer(ActorSystem<Void> system, Config settings) throws Exception {
        this.system = system;
        this.shutdownDeadline = settings.getDuration("shutdown-deadline");
        this.winHttp = WinHttpEngine.embedded(system);
        // one asynchronous session for every upstream call; its connections are pooled
        this.session = winHttp.open("winhttp4j-fan-out/0.1", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        List<String> upstreams = settings.getStringList("upstreams");
        int bufferSize = (int) settings.getBytes("read-buffer").longValue();
        Executor calls = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.binding = Http.get(system)
                .newServerAt(settings.getString("interface"), settings.getInt("port"))
                .bindSync(request -> route(request, upstreams, bufferSize, calls))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Starts the server with this configuration (the whole of it: Pekko's and winhttp4j's too). */
    public static FanOutServer start(Config config) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "fan-out", config);
        try {
            return new FanOutServer(system, config.getConfig("winhttp4j-samples.fan-out"));
        } catch (Exception e) {
            system.terminate();
            throw e;
        }
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getILoggerFactory(); // logging up before any actor system (see Demo)
        FanOutServer server = start(ConfigFactory.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fan-out-shutdown"));
        System.out.println("fan-out server on http://127.0.0.1:" + server.port() + "/fan-out; Ctrl-C stops it");
        stopped.await();
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** Bytes read from the upstreams so far (what back-pressure bounds). */
    public long upstreamBytesRead() {
        return upstreamBytes.get();
    }

    public ActorSystem<Void> system() {
        return system;
    }

    private HttpResponse route(HttpRequest request, List<String> upstreams, int bufferSize, Executor calls) {
        if (!request.getUri().path().equals("/fan-out")) {
            request.discardEntityBytes(system);
            return HttpResponse.create().withStatus(StatusCodes.NOT_FOUND).withEntity("try /fan-out\n");
        }
        request.discardEntityBytes(system);
        Source<ByteString, NotUsed> body = Source.empty();
        for (int i = 0; i < upstreams.size(); i++) {
            body = body.concat(upstream(upstreams.get(i), "upstream " + (i + 1), bufferSize, calls));
        }
        return HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, body));
    }

    private Source<ByteString, NotUsed> upstream(String url, String label, int bufferSize, Executor calls) {
        return Source.unfoldResourceAsync(
                () -> UpstreamCall.start(winHttp, session, url, label, bufferSize, calls, upstreamBytes),
                UpstreamCall::next,
                UpstreamCall::close);
    }

    /**
     * Unbinds (no new connections), gives the responses in flight the shutdown deadline to end,
     * closes the engine (cancelling any upstream call still open), then terminates the system.
     */
    @Override
    public void close() {
        try {
            binding.terminate(shutdownDeadline).toCompletableFuture().get(shutdownDeadline.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(FanOutServer.class).warn("unbinding did not finish: {}", e.toString());
        }
        winHttp.closeHandle(session);
        winHttp.close();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LoggerFactory.getLogger(FanOutServer.class).warn("the actor system did not stop in time: {}", e.toString());
        }
    }
}
