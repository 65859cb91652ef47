package io.winhttp4j.engine.transport.tls;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The JSSE context of one {@link TlsPolicy}: an SSLContext whose trust manager applies the
 * policy and whose key manager offers its client certificate. Made once per policy (the pool of
 * connections with that policy is the natural owner) and shared by its connections, which lets
 * JSSE resume sessions between them: a resumed session was verified under the same policy.
 *
 * <p>Each connection gets a {@link TlsChannel} from {@link #newChannel}.
 */
public final class TlsContext {
    private final TlsPolicy policy;
    private final SSLContext context;
    /**
     * Each live engine's notes, so that the shared key manager can tell the right connection of a
     * certificate request; weak on the engine, and the notes do not refer to it.
     */
    private final Map<SSLEngine, CertificateRequests> requests = Collections.synchronizedMap(new WeakHashMap<>());

    public TlsContext(TlsPolicy policy) {
        this(policy, Clock.systemUTC());
    }

    TlsContext(TlsPolicy policy, Clock clock) {
        this.policy = policy;
        CertificateProblems problems = new CertificateProblems(policy.trust(), policy.revocation(), clock);
        TrustManager trust = new ServerTrust(policy.host(), policy.ignoreFlags(), problems);
        KeyManager keys = new ClientKeys(policy.clientCertificate(), this::certificateRequested);
        try {
            this.context = SSLContext.getInstance("TLS");
            this.context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    public TlsPolicy policy() {
        return policy;
    }

    /**
     * The TLS side of one new connection to {@code port} of the policy's host. The port only
     * helps JSSE find a session to resume.
     */
    public TlsChannel newChannel(int port) {
        SSLEngine engine = context.createSSLEngine(HostNames.bare(policy.host()), port);
        CertificateRequests notes = new CertificateRequests();
        requests.put(engine, notes);
        return new TlsChannel(policy, engine, notes);
    }

    private void certificateRequested(SSLEngine engine, boolean offered) {
        CertificateRequests notes = engine == null ? null : requests.get(engine);
        if (notes != null) notes.record(offered);
    }
}
