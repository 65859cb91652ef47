package io.winhttp4j.engine.transport.tls;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.util.ByteString;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The TLS side of one secure connection: its client SSLEngine (protocols and SNI from the
 * policy; no JSSE endpoint identification, {@link ServerTrust} checks the name), the Pekko
 * Streams TLS stage around it, the session once the handshake is done, and the translation of
 * the connection's failure into WinHTTP's terms ({@link TlsFailure}).
 *
 * <p>One channel serves one connection: {@link #stage} is materialized once.
 */
public final class TlsChannel {
    private final TlsPolicy policy;
    private final SSLEngine engine;
    private final CertificateRequests requests;
    private final AtomicBoolean materialized = new AtomicBoolean();
    private volatile TlsSession session;
    private volatile boolean received;
    private final CompletableFuture<TlsSession> handshake = new CompletableFuture<>();

    TlsChannel(TlsPolicy policy, SSLEngine engine, CertificateRequests requests) {
        this.policy = policy;
        this.engine = engine;
        this.requests = requests;
        configure(engine, policy);
    }

    private static void configure(SSLEngine engine, TlsPolicy policy) {
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(policy.protocolNames());
        p.setEndpointIdentificationAlgorithm(null);
        p.setServerNames(serverName(policy.host()).map(List::of).orElse(List.of()));
        engine.setSSLParameters(p);
    }

    /**
     * The SNI name for a host: none for an IP literal (RFC 6066 allows only host names) or a name
     * SNI cannot carry (JSSE's own rule for its default).
     */
    static Optional<SNIServerName> serverName(String host) {
        String bare = HostNames.bare(host);
        if (HostNames.ipLiteral(bare) != null) return Optional.empty();
        try {
            return Optional.of(new SNIHostName(bare));
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
    }

    /**
     * The Pekko Streams TLS stage of this connection: plain bytes of the exchange on top
     * ({@code SendBytes} in, {@code SessionBytes} out), TCP bytes below. A failure leaves it
     * translated ({@link #translate}), so what reads the inbound side sees a {@link TlsFailure}
     * for anything that is WinHTTP's to report. With revocation checking on, the stage runs on
     * Pekko's blocking-I/O dispatcher: OCSP and CRL fetches block inside the handshake.
     */
    public BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> stage(
            TLSClosing closing) {
        BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> tls =
                TLS.create(this::engineOnce, this::established, closing);
        if (policy.revocation()) {
            tls = tls.addAttributes(ActorAttributes.dispatcher(ActorAttributes.IODispatcher().dispatcher()));
        }
        Flow<TLSProtocol.SslTlsInbound, TLSProtocol.SslTlsInbound, NotUsed> inbound =
                Flow.<TLSProtocol.SslTlsInbound>create()
                        .map(this::seen)
                        .mapError(Throwable.class, this::translate);
        return BidiFlow.fromFlows(Flow.<TLSProtocol.SslTlsOutbound>create(), inbound).atop(tls);
    }

    /** The engine, for a connection that builds its own TLS stage; it must then call {@link #established}. */
    public SSLEngine engine() {
        return engine;
    }

    /** The session once the handshake is done; empty before (and after a failed handshake). */
    public Optional<TlsSession> session() {
        return Optional.ofNullable(session);
    }

    /**
     * Completes with the session once the handshake is done, or fails with what {@link #translate}
     * made of the failure that ended it (also when the connection ended first). WinHTTP's send
     * includes the handshake: sendRequest completes, or fails with SECURE_FAILURE, only then.
     */
    public CompletionStage<TlsSession> handshake() {
        return handshake;
    }

    /** The connection has ended: a handshake still under way failed (a no-op once it is done). */
    public void connectionEnded() {
        if (!handshake.isDone()) {
            handshake.completeExceptionally(translate(new SSLException("the connection ended during the TLS handshake")));
        }
    }

    /**
     * The handshake is done: keeps the session and, as WinHTTP does, refuses to go on when the
     * server asked for a client certificate and the request never said which (CLIENT_CERT_CONTEXT
     * not set; setting it to WINHTTP_NO_CLIENT_CERT_CONTEXT lets the connection go on without).
     */
    public void established(SSLSession negotiated) {
        if (!policy.clientCertificateSet() && requests.unanswered()) {
            // not resumable: the next connection must be asked again, and fail again
            negotiated.invalidate();
            TlsFailure needed = TlsFailure.clientCertificateNeeded(
                    new SSLException("the server asked for a client certificate; CLIENT_CERT_CONTEXT is not set"));
            handshake.completeExceptionally(needed);
            throw needed;
        }
        session = TlsSession.of(negotiated);
        handshake.complete(session);
    }

    /**
     * What the connection's failure means to WinHTTP: a {@link TlsFailure} for a refused server
     * certificate (SECURE_FAILURE with its problems); before any byte of a reply came, for a
     * client certificate the server asked for and did not get (CLIENT_AUTH_CERT_NEEDED, also
     * when the server only dropped the connection) or for a TLS error (SECURE_FAILURE,
     * SECURITY_CHANNEL_ERROR: a failed handshake, a client certificate the server refused);
     * {@code failure} itself for anything else (a reset, a timeout, a TLS error in the middle of
     * a reply), which maps as any transport failure.
     */
    public Throwable translate(Throwable failure) {
        Throwable translated = translated(failure);
        handshake.completeExceptionally(translated); // a no-op once the handshake is done
        return translated;
    }

    private Throwable translated(Throwable failure) {
        if (TlsFailure.in(failure).isPresent()) return failure;
        CertificateRefused refused = find(failure, CertificateRefused.class);
        if (refused != null) return TlsFailure.certificate(refused.found(), refused.refused(), failure);
        if (received) return failure;
        if (requests.unanswered()) return TlsFailure.clientCertificateNeeded(failure);
        // before the first byte of a reply: the handshake, or in TLS 1.3 the server's verdict on
        // the client's certificate, which comes after the client has finished its handshake
        if (find(failure, SSLException.class) != null) return TlsFailure.channel(failure);
        return failure;
    }

    private SSLEngine engineOnce() {
        if (!materialized.compareAndSet(false, true)) {
            throw new IllegalStateException("a TlsChannel serves one connection; its stage was materialized twice");
        }
        return engine;
    }

    private TLSProtocol.SslTlsInbound seen(TLSProtocol.SslTlsInbound in) {
        if (!received && in instanceof TLSProtocol.SessionBytes b && !b.bytes().isEmpty()) received = true;
        return in;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
            if (t.getCause() == t) break;
        }
        return null;
    }
}
