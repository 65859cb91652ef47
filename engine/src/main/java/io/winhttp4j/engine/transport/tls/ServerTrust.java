package io.winhttp4j.engine.transport.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The trust manager of a secure connection: finds every problem of the server's chain and
 * accepts exactly those the request's SECURITY_FLAG_IGNORE_* bits tolerate.
 *
 * <p>It is an X509ExtendedTrustManager, so JSSE adds no endpoint identification of its own (the
 * engine's endpoint identification algorithm stays unset): the host name is checked here, with
 * the other problems, so that a wrong host is CERT_CN_INVALID and can be told from the rest.
 */
final class ServerTrust extends X509ExtendedTrustManager {
    private static final X509Certificate[] NONE = new X509Certificate[0];

    private final String host;
    private final int tolerated;
    private final CertificateProblems problems;

    ServerTrust(String host, int ignoreFlags, CertificateProblems problems) {
        this.host = host;
        this.tolerated = SecurityFlags.tolerated(ignoreFlags);
        this.problems = problems;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateRefused {
        int found = problems.find(chain, host, authType);
        int refused = found & ~tolerated;
        if (refused != 0) throw new CertificateRefused(found, refused);
    }

    // A client never verifies client certificates.

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client does not check client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
