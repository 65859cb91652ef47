package io.winhttp4j.engine.transport.tls;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * A secure connection once its handshake is done: what a request's queries after the send report
 * (SERVER_CERT_CONTEXT, SECURITY_KEY_BITNESS, SECURITY_CERTIFICATE_STRUCT, SECURITY_FLAGS).
 * A snapshot: it does not keep the SSLSession.
 */
public final class TlsSession {
    private final String protocol;
    private final String cipherSuite;
    private final X509Certificate[] peerCertificates;
    private final int keyBits;

    TlsSession(String protocol, String cipherSuite, X509Certificate[] peerCertificates) {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.peerCertificates = peerCertificates;
        this.keyBits = CipherStrength.keyBits(cipherSuite);
    }

    static TlsSession of(SSLSession session) {
        X509Certificate[] peer;
        try {
            Certificate[] certs = session.getPeerCertificates();
            peer = Arrays.stream(certs).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            peer = new X509Certificate[0]; // not reachable for a client: the server always authenticates
        }
        return new TlsSession(session.getProtocol(), session.getCipherSuite(), peer);
    }

    /** The negotiated protocol, as the JDK names it ("TLSv1.3"). */
    public String protocol() { return protocol; }

    /** The negotiated cipher suite's standard name. */
    public String cipherSuite() { return cipherSuite; }

    /** SERVER_CERT_CONTEXT: the server's chain as it sent it, leaf first (a copy). */
    public X509Certificate[] peerCertificates() { return peerCertificates.clone(); }

    /** SECURITY_KEY_BITNESS: the bulk cipher's key bits ({@link CipherStrength}). */
    public int keyBits() { return keyBits; }

    /** SECURITY_FLAGS queried now, for a request that set {@code ignoreFlags}. */
    public int securityFlags(int ignoreFlags) {
        return SecurityFlags.afterHandshake(ignoreFlags, this);
    }

    @Override
    public String toString() {
        return "TlsSession[" + protocol + ", " + cipherSuite + ", " + keyBits + " bits, "
                + (peerCertificates.length == 0 ? "no peer" : peerCertificates[0].getSubjectX500Principal().getName()) + "]";
    }
}
