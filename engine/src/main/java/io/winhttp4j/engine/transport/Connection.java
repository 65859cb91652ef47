package io.winhttp4j.engine.transport;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.OutgoingConnection;
import org.apache.pekko.http.javadsl.ConnectHttp;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * One TCP (or TLS) connection: a materialized Pekko HTTP client connection flow, fed from a
 * bounded queue and read through a pull queue. It belongs to one request at a time (its lessee,
 * via the pool), which drives it directly: no actor sits between a request and its connection,
 * which saves two thread hops per exchange.
 */
public final class Connection {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ConnectionKey key;
    private final BoundedSourceQueue<HttpRequest> requests;
    private final SinkQueueWithCancel<HttpResponse> responses;
    private final UniqueKillSwitch killSwitch;
    private final CompletionStage<OutgoingConnection> connected;
    private final CompletionStage<Done> terminated;
    private volatile boolean open = true;
    /** Which of the server's addresses this connection tries, and the one the resolver handed on. */
    private final int attempt;
    private final AtomicReference<InetAddress> address;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** True while the connection waits in its pool's idle list; whoever clears it owns the connection. */
    private final AtomicBoolean idle = new AtomicBoolean();

    private Connection(ConnectionKey key, int attempt, AtomicReference<InetAddress> address,
                       BoundedSourceQueue<HttpRequest> requests,
                       SinkQueueWithCancel<HttpResponse> responses, UniqueKillSwitch killSwitch,
                       CompletionStage<OutgoingConnection> connected, CompletionStage<Done> terminated) {
        this.key = key;
        this.attempt = attempt;
        this.address = address;
        this.requests = requests;
        this.responses = responses;
        this.killSwitch = killSwitch;
        this.connected = connected;
        this.terminated = terminated.whenComplete((d, t) -> open = false);
    }

    /**
     * Starts connecting to the server's address number `attempt` (0: the first). Progress
     * notifications (RESOLVING_NAME … CONNECTING_TO_SERVER) go to the request that caused the
     * connection; CONNECTED_TO_SERVER is its lessee's to send once leased.
     */
    static Connection open(Transport transport, ConnectTarget target, Lessee cause, int attempt) {
        ConnectionKey key = target.key();
        AtomicReference<InetAddress> address = new AtomicReference<>();
        ClientTransport resolving = ClientTransport.withCustomResolver(
                (host, port) -> resolve(transport, target, cause, host, (Integer) port, attempt, address));
        ClientConnectionSettings settings = transport.baseSettings().withTransport(resolving);
        if (target.connectTimeoutMs() > 0) {
            settings = settings.withConnectingTimeout(Duration.ofMillis(target.connectTimeoutMs()));
        }
        // Not connectionTo(host): that builder parses the default client settings from the config
        // on every call (config exceptions included; measured: ~50-65 KiB more allocation per connection).
        // Pekko parses the name as a URI host, where an IPv6 literal needs its brackets.
        String host = key.host().indexOf(':') >= 0 && !key.host().startsWith("[") ? "[" + key.host() + "]" : key.host();
        ConnectHttp to = key.secure() ? ConnectHttp.toHostHttps(host, key.port()) : ConnectHttp.toHost(host, key.port());
        var flow = transport.http().outgoingConnection(to, Optional.empty(), settings, transport.log());

        Pair<Pair<Pair<Pair<BoundedSourceQueue<HttpRequest>, CompletionStage<OutgoingConnection>>, UniqueKillSwitch>,
                CompletionStage<Done>>, SinkQueueWithCancel<HttpResponse>> m =
                Source.<HttpRequest>queue(4)
                        .viaMat(flow, Keep.both())
                        .viaMat(KillSwitches.single(), Keep.both())
                        .watchTermination(Keep.both())
                        .toMat(Sink.<HttpResponse>queue(1), Keep.both())
                        .run(transport.materializer());
        var inner = m.first().first();
        return new Connection(key, attempt, address, inner.first().first(), m.second(), inner.second(),
                inner.first().second(), m.first().second());
    }

    /**
     * The address to connect to: number `attempt` of the server's addresses, from the connect
     * handle's cache, else looked up (RESOLVING_NAME, NAME_RESOLVED) and cached; then
     * CONNECTING_TO_SERVER for it, once per attempt.
     */
    private static CompletionStage<InetSocketAddress> resolve(Transport transport, ConnectTarget target, Lessee cause,
                                                             String host, int port, int attempt,
                                                             AtomicReference<InetAddress> tried) {
        List<InetAddress> known = target.resolved().get();
        CompletionStage<List<InetAddress>> addresses;
        if (known != null) {
            addresses = CompletableFuture.completedFuture(known);
        } else {
            cause.tell(new TransportEvent.Progress(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, new StatusInfo.ServerName(host)));
            addresses = transport.lookup(host, target.resolveTimeoutMs()).thenApply(found -> {
                List<InetAddress> kept = target.resolved().updateAndGet(before -> before != null ? before : found);
                cause.tell(new TransportEvent.Progress(WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                        new StatusInfo.ServerAddress(text(kept.get(0)))));
                return kept;
            });
        }
        return addresses.thenApply(list -> {
            if (attempt >= list.size()) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, host + " has no address left to try");
            }
            InetAddress address = list.get(attempt);
            tried.set(address);
            cause.tell(new TransportEvent.Progress(WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER,
                    new StatusInfo.ServerAddress(text(address))));
            return new InetSocketAddress(address, port);
        });
    }

    /**
     * An address as Windows shows it in notifications: IPv4 dotted, IPv6 in its shortest form
     * (RFC 5952: "::1", not the JDK's "0:0:0:0:0:0:0:1"), without a scope.
     */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address.getHostAddress();
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        int zerosAt = -1, zeros = 1; // the longest run of two or more zero groups, the first if tied
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > zeros) { zerosAt = i; zeros = j - i; }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == zerosAt) {
                sb.append("::");
                i += zeros - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** The attempt to make now that this one failed: the server's next address, or -1 when none is left. */
    int nextAttempt(ConnectTarget target) {
        List<InetAddress> all = target.resolved().get();
        return address.get() != null && all != null && attempt + 1 < all.size() ? attempt + 1 : -1;
    }

    public ConnectionKey key() { return key; }
    public boolean isOpen() { return open; }

    CompletionStage<OutgoingConnection> connected() { return connected; }
    CompletionStage<Done> terminated() { return terminated; }

    /** Takes the connection out of the idle list: true for exactly one taker. */
    boolean claim() { return idle.compareAndSet(true, false); }

    void markIdle() { idle.set(true); }

    boolean isIdle() { return idle.get(); }

    /** Hands a request to the connection; false if the connection can take no more. */
    public boolean send(HttpRequest request) {
        return open && requests.offer(request) == QueueOfferResult.enqueued();
    }

    /** The next response head, in request order; empty when the connection ended first. */
    public CompletionStage<Optional<HttpResponse>> nextResponse() {
        return responses.pull();
    }

    /**
     * Closes the connection: an exchange in progress on it ends with a connection error. Safe to
     * call again, and after the server has closed it (then the request queue is already done).
     */
    public void close() {
        open = false;
        if (!closing.compareAndSet(false, true)) return;
        killSwitch.shutdown();
        try {
            requests.complete();
        } catch (IllegalStateException alreadyTerminated) {
            // the stream ended first: nothing left to complete
        }
    }

    @Override
    public String toString() { return "Connection#" + id + "(" + key.host() + ":" + key.port() + ")"; }
}
