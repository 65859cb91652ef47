package io.winhttp4j.engine.transport;

import io.winhttp4j.ConnectionInfo;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.transport.http1.LineReader;
import io.winhttp4j.engine.transport.tls.TlsChannel;
import org.apache.pekko.Done;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSClosing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * One TCP (or TLS) connection to one of the server's addresses: a {@link SocketPipe} once the
 * name is resolved, with the TLS channel of a secure one. It belongs to one request at a time (its
 * lessee, via the pool), whose {@link Exchange} drives it directly: no actor sits between a request
 * and its connection. One connection object is one attempt: when it fails to connect, the pool
 * opens the next attempt, to the server's next address.
 */
public final class Connection {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ConnectionKey key;
    /** Which of the server's addresses this connection tries, and the one the lookup handed on. */
    private final int attempt;
    private final AtomicReference<InetAddress> address = new AtomicReference<>();
    private final TlsChannel tls;
    private final Materializer materializer;
    private final CompletableFuture<SocketPipe> pipe = new CompletableFuture<>();
    /** A tunnel's TLS pipe inside the TCP one, once its CONNECT was answered with 2xx. */
    private volatile SocketPipe tunnelled;
    private final CompletableFuture<InetSocketAddress> connected = new CompletableFuture<>();
    private final CompletableFuture<Done> terminated = new CompletableFuture<>();
    private volatile boolean open = true;
    private volatile ConnectionInfo info;
    /** True while the connection waits in its pool's idle list; whoever clears it owns the connection. */
    private final AtomicBoolean idle = new AtomicBoolean();
    private final AtomicInteger idlePeriods = new AtomicInteger();
    /** Lent to each response read off the connection, one after the other (Exchange). */
    private final LineReader lines = new LineReader();
    /** System.nanoTime() when the connection last went idle: the pool's sweep expires it from there. */
    private volatile long idleSince;

    private Connection(ConnectionKey key, int attempt, TlsChannel tls, Materializer materializer) {
        this.key = key;
        this.attempt = attempt;
        this.tls = tls;
        this.materializer = materializer;
    }

    /**
     * Starts connecting to the server's address number `attempt` (0: the first). Progress
     * notifications (RESOLVING_NAME … CONNECTING_TO_SERVER) go to the request that caused the
     * connection; CONNECTED_TO_SERVER is its lessee's to send once leased.
     */
    static Connection open(Transport transport, ConnectTarget target, Lessee cause, int attempt) {
        ConnectionKey key = target.key();
        TlsChannel tls = key.tls() == null ? null : transport.tls(key.tls()).newChannel(key.port());
        Connection c = new Connection(key, attempt, tls, transport.materializer());
        Duration timeout = target.connectTimeoutMs() > 0 ? Duration.ofMillis(target.connectTimeoutMs()) : null;
        // through a proxy the connection (and its notifications) is the proxy's, as on Windows
        resolve(transport, target, cause, key.peerHost(), key.peerPort(), attempt, c.address).whenComplete((remote, failure) -> {
            if (failure != null || !c.open) {
                c.fail(failure != null ? failure
                        : new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "closed while connecting"));
                return;
            }
            SocketPipe p = SocketPipe.open(transport.tcp(), transport.materializer(), remote, timeout,
                    tls == null || key.tunnel() ? null : tls.stage(TLSClosing.eagerClose()));
            c.pipe.complete(p);
            if (!c.open) p.close(); // closed while it was still looking the name up
            p.connected().whenComplete((ok, t) -> {
                if (t != null) {
                    c.connected.completeExceptionally(t);
                } else {
                    c.info = new ConnectionInfo(ok.localAddress(), ok.remoteAddress());
                    c.connected.complete(ok.remoteAddress());
                }
            });
            p.terminated().whenComplete((d, t) -> {
                c.open = false;
                if (tls != null) tls.connectionEnded();
                c.terminated.complete(Done.getInstance());
            });
        });
        return c;
    }

    private void fail(Throwable failure) {
        open = false;
        connected.completeExceptionally(failure);
        terminated.complete(Done.getInstance());
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

    /** Completes with the server's address once connected; fails if the lookup or the connect did. */
    CompletionStage<InetSocketAddress> connected() { return connected; }
    CompletionStage<Done> terminated() { return terminated; }

    /** The local and remote address, once connected (CONNECTION_INFO). */
    public ConnectionInfo info() { return info; }

    /** The byte pipe; only for the lessee of a connected connection. A tunnel's, once made, is its TLS pipe. */
    SocketPipe pipe() {
        SocketPipe t = tunnelled;
        return t != null ? t : pipe.getNow(null);
    }

    /** A connection of a tunnel key whose CONNECT has not been answered with 2xx yet: it still talks to the proxy. */
    boolean needsTunnel() { return key.tunnel() && tunnelled == null; }

    /** The same, for the request: a response read off it now is the proxy's answer to a CONNECT. */
    public boolean awaitingTunnel() { return needsTunnel(); }

    /** The proxy answered the CONNECT with 2xx: TLS to the origin starts inside the tunnel. */
    void startTls() {
        SocketPipe inner = pipe.getNow(null);
        tunnelled = SocketPipe.over(inner, materializer, tls.stage(TLSClosing.eagerClose()));
        if (!open) tunnelled.close(); // closed meanwhile
    }

    /** The TLS side of a secure connection (its session answers the certificate queries), else null. */
    public TlsChannel tls() { return tls; }

    /** Takes the connection out of the idle list: true for exactly one taker. */
    boolean claim() { return idle.compareAndSet(true, false); }

    /**
     * Goes into the idle list, watched: the returned stage completes if the peer sends or closes
     * while it waits (it is then spoiled), or when the next owner's first read completes.
     */
    CompletionStage<?> markIdle() {
        idlePeriods.incrementAndGet();
        idleSince = System.nanoTime(); // before it can be seen idle
        idle.set(true);
        return pipe().watchIdle();
    }

    /** Counts the times the connection went idle, so a watch of an earlier idle time is told apart. */
    int idlePeriod() { return idlePeriods.get(); }

    /** The line reader for the next response on this connection. */
    LineReader lines() { return lines; }

    /** When the connection last went idle (System.nanoTime()). */
    long idleSince() { return idleSince; }

    boolean isIdle() { return idle.get(); }

    /** False once the peer sent bytes or closed while the connection sat idle: it must not be leased. */
    boolean usable() { return open && !pipe().spoiledWhileIdle(); }

    /**
     * Closes the connection: an exchange in progress on it ends with a connection error. Safe to
     * call again, and after the server has closed it.
     */
    public void close() {
        open = false;
        SocketPipe t = tunnelled;
        if (t != null) t.close();
        SocketPipe p = pipe.getNow(null);
        if (p != null) p.close();
    }

    @Override
    public String toString() {
        return "Connection#" + id + "(" + key.host() + ":" + key.port() + (key.tunnel() ? " via " + key.proxy() : "") + ")";
    }
}
