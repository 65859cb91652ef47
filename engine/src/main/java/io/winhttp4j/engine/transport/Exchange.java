package io.winhttp4j.engine.transport;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.transport.http1.Limits;
import io.winhttp4j.engine.transport.http1.ResponsePart;
import org.apache.pekko.Done;
import org.apache.pekko.util.ByteString;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * One request and its response on one leased connection. Starting it writes the head and the
 * optional data and begins reading the response at once (a server may answer before the body is
 * all written); the request's actor hears, in order: {@link TransportEvent.Sent} once the socket
 * took the head and optional data, any {@link TransportEvent.Interim} heads, then
 * {@link TransportEvent.Response} with the final head and its body (or the failure). The body's
 * rest, written through {@link #write}, goes on the wire exactly as given.
 *
 * <p>A pooled connection the server closed just as the request went out is not the application's
 * problem: when no byte of a response came, the request goes once more on a new connection if
 * nothing of it had been sent, or if its method is idempotent and its body was only the optional
 * data. Else the failure is the request's (CONNECTION_ERROR).
 */
public final class Exchange {
    /** How to go once more: the transport, the target, and whether the first connection came from the pool. */
    public record Retry(Transport transport, ConnectTarget target, boolean pooled) {}

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final Wire.Plan plan;
    private final String verb;
    private final Limits limits;
    private final Object token;
    private final Lessee lessee;
    private final Retry retry;
    /** The CONNECT to send first on a connection that is not a tunnel yet; null when direct or plain. */
    private final Tunnel.Request tunnel;
    /** The response is the proxy's answer (407) to the CONNECT: nothing of the request went anywhere. */
    private volatile boolean proxyAnswered;
    private volatile Connection connection;
    private volatile ResponseReader reader;
    private volatile boolean retried;
    private volatile boolean abandoned;
    private volatile boolean sentTold;
    private final Lessee again = this::onAgain;

    private Exchange(Connection connection, Wire.Plan plan, String verb, Limits limits, Object token, Lessee lessee,
                     Retry retry, Tunnel.Request tunnel) {
        this.tunnel = tunnel;
        this.connection = connection;
        this.plan = plan;
        this.verb = verb;
        this.limits = limits;
        this.token = token;
        this.lessee = lessee;
        this.retry = retry;
    }

    /**
     * verb: as sent (a HEAD's response has no body); limits: the request's response limits;
     * retry: how to go once more, or null never to.
     */
    public static Exchange start(Connection connection, Wire.Plan plan, String verb, Limits limits, Object token,
                                 Lessee lessee, Retry retry) {
        return start(connection, plan, verb, limits, token, lessee, retry, null);
    }

    /**
     * tunnel: the CONNECT for a connection of a tunnel key (sent first whenever the connection is
     * not a tunnel yet: a new one, or one that carried a 407), else null.
     */
    public static Exchange start(Connection connection, Wire.Plan plan, String verb, Limits limits, Object token,
                                 Lessee lessee, Retry retry, Tunnel.Request tunnel) {
        Exchange ex = new Exchange(connection, plan, verb, limits, token, lessee, retry, tunnel);
        ex.attempt();
        return ex;
    }

    /**
     * True when the response is the proxy's 407 to the tunnel's CONNECT, not the origin's: the
     * proxy-authentication seam. Answering it means sending again with Proxy-Authorization among
     * the request's headers: a tunnelled send moves that header onto its CONNECT
     * ({@link Tunnel#forProxy}), on the same connection when it may be pooled.
     */
    public boolean proxyAnswered() { return proxyAnswered; }

    /** Tells the lessee {@link TransportEvent.Closed} once the exchange's connection has really closed. */
    public void tellWhenClosed() {
        connection.terminated().whenComplete((done, t) -> lessee.tell(new TransportEvent.Closed(token)));
    }

    /** The connection the exchange is on now (another one after going once more). */
    public Connection connection() { return connection; }

    /** Bytes of the body that follow sendRequest's, as they go on the wire; completes when the socket took them. */
    public CompletionStage<Done> write(ByteString bytes) {
        // after a 407 to CONNECT the body has nowhere to go: the proxy must not read it as a request
        if (proxyAnswered) return CompletableFuture.completedFuture(Done.getInstance());
        return connection.pipe().write(bytes);
    }

    /**
     * The connection after a 101 answered this exchange: its byte pipe and the bytes already read
     * past the head, for the protocol that takes it over (a WebSocket). The connection is never
     * pooled afterwards; whoever takes it closes it.
     */
    public record Upgrade(SocketPipe pipe, ByteString rest) {}

    /** The upgrade, once a 101 response arrived on this exchange; null otherwise. */
    public Upgrade takeOver(ResponseBody body) {
        ByteString rest = body.upgradedRest();
        return rest == null ? null : new Upgrade(connection.pipe(), rest);
    }

    /** The request gave the exchange up: a connection still being got for going once more goes back. */
    public void abandon() {
        abandoned = true;
        if (retried) retry.transport().abandon(retry.target().key(), again);
    }

    private void attempt() {
        Connection c = connection;
        if (tunnel != null && c.needsTunnel()) {
            throughTunnel(c);
            return;
        }
        ResponseReader r = new ResponseReader(c.pipe(), verb, limits, c.lines());
        reader = r;
        ByteString first = plan.optional().isEmpty() ? plan.head() : plan.head().concat(plan.optional());
        sent(c, c.pipe().write(first)).whenComplete((ok, t) -> {
            if (r != reader) return; // an earlier attempt's
            if (t != null && mayGoAgain(r, true, t)) {
                goAgain(c);
            } else if (!sentTold) { // once: going once more after the send completed says nothing new
                sentTold = true;
                lessee.tell(new TransportEvent.Sent(token, first.size(), t));
            }
        });
        readHead(c, r);
    }

    /**
     * The first write, and on a secure connection also its handshake: WinHTTP's send includes
     * the handshake, so SENDREQUEST_COMPLETE waits for it and a TLS failure is the send's. A
     * failed handshake is told at once (the write may never be acknowledged then).
     */
    private static CompletionStage<Done> sent(Connection c, CompletionStage<Done> written) {
        if (c.tls() == null) return written;
        CompletableFuture<Done> both = new CompletableFuture<>();
        c.tls().handshake().whenComplete((session, failed) -> {
            if (failed != null) {
                both.completeExceptionally(failed);
            } else {
                written.whenComplete((ok, t) -> {
                    if (t != null) both.completeExceptionally(t);
                    else both.complete(ok);
                });
            }
        });
        return both;
    }

    /**
     * Reports the parts up to the final head. Parts already decoded are taken in a loop, not
     * through a callback each: a thousand interim heads from one socket read would otherwise nest
     * a thousand callbacks, and the stack overflow that ends them is swallowed by the future, so
     * the request would wait forever.
     */
    private void readHead(Connection c, ResponseReader r) {
        while (true) {
            CompletableFuture<ResponsePart> next = r.next().toCompletableFuture();
            if (!next.isDone()) {
                next.whenComplete((part, failure) -> {
                    if (reported(c, r, part, failure)) readHead(c, r);
                });
                return;
            }
            ResponsePart part;
            try {
                part = next.join();
            } catch (CompletionException | CancellationException e) {
                reported(c, r, null, e.getCause() != null ? e.getCause() : e);
                return;
            }
            if (!reported(c, r, part, null)) return;
        }
    }

    /**
     * Tells the lessee about one part of attempt r (nothing, if a later attempt replaced it);
     * true when it was an interim head and the final one is still to come.
     */
    private boolean reported(Connection c, ResponseReader r, ResponsePart part, Throwable failure) {
        if (r != reader) return false;
        if (failure != null) {
            if (mayGoAgain(r, false, failure)) goAgain(c);
            else lessee.tell(new TransportEvent.Response(token, null, 0, null, failure));
        } else if (part instanceof ResponsePart.Interim i) {
            lessee.tell(new TransportEvent.Interim(token, i.status()));
            return true;
        } else if (part instanceof ResponsePart.Head h) {
            lessee.tell(new TransportEvent.Response(token, h.head(), h.size(), ResponseBody.after(r), null));
        } else {
            lessee.tell(new TransportEvent.Response(token, null, 0, null,
                    new IllegalStateException("a response part before the head: " + part)));
        }
        return false;
    }

    /**
     * The CONNECT first; on 2xx the request follows inside the tunnel. A 407 is this exchange's
     * response, after a Sent counting the CONNECT's bytes (sendRequest succeeds, as on Windows,
     * and receiveResponse returns the 407); any failure, or another status, is the send's.
     */
    private void throughTunnel(Connection c) {
        Tunnel.open(c, tunnel, limits).whenComplete((outcome, t) -> {
            if (connection != c) return;
            if (t != null) {
                sentTold = true;
                lessee.tell(new TransportEvent.Sent(token, 0, t));
            } else if (outcome instanceof Tunnel.Refused r) {
                proxyAnswered = true;
                sentTold = true;
                lessee.tell(new TransportEvent.Sent(token, tunnel.head().size(), null));
                lessee.tell(new TransportEvent.Response(token, r.head(), r.headBytes(), r.body(), null));
            } else {
                attempt();
            }
        });
    }

    private boolean mayGoAgain(ResponseReader r, boolean unsent, Throwable failure) {
        if (retry == null || !retry.pooled() || retried || abandoned || r.bytesReceived() > 0) return false;
        if (Failures.map(failure) != WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR || plan.toWrite() != 0) return false;
        return unsent || IDEMPOTENT.contains(verb);
    }

    private void goAgain(Connection dead) {
        retried = true;
        reader = null; // whatever the dead connection still reports is ignored
        retry.transport().release(dead, false);
        retry.transport().acquireFresh(retry.target(), again);
    }

    /** The pool's answers for going once more; connection progress is the request's as usual. */
    private void onAgain(TransportEvent e) {
        if (e instanceof TransportEvent.Leased l) {
            if (abandoned) {
                retry.transport().release(l.connection(), true);
                return;
            }
            connection = l.connection();
            lessee.tell(new TransportEvent.Progress(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER, new StatusInfo.ServerAddress(l.ip())));
            lessee.tell(new TransportEvent.Progress(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, StatusInfo.NONE));
            attempt();
        } else if (e instanceof TransportEvent.AcquireFailed f) {
            lessee.tell(new TransportEvent.Response(token, null, 0, null, f.cause()));
        } else {
            lessee.tell(e); // RESOLVING_NAME … CONNECTING_TO_SERVER of the new connection
        }
    }
}
