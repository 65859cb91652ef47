package io.winhttp4j.engine.transport.tls;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Every problem WinHTTP reports for a server's certificate chain, as the
 * WINHTTP_CALLBACK_STATUS_FLAG_* bits of SECURE_FAILURE, all of them at once (a certificate can
 * be expired and for another host; the notification carries both):
 * <ul>
 * <li>CERT_DATE_INVALID: a certificate of the chain is expired or not yet valid;</li>
 * <li>CERT_CN_INVALID: the leaf does not name the host ({@link HostNames});</li>
 * <li>CERT_WRONG_USAGE: the leaf may not authenticate a TLS server ({@link ServerUsage});</li>
 * <li>INVALID_CA, INVALID_CERT, CERT_REVOKED, CERT_REV_FAILED: the chain ({@link PathChecks}).</li>
 * </ul>
 * Whether a problem is tolerated is not decided here: see {@link SecurityFlags#tolerated}.
 */
final class CertificateProblems {
    private final PathChecks paths;
    private final Clock clock;

    CertificateProblems(TrustSource trust, boolean revocation, Clock clock) {
        this.paths = new PathChecks(trust, revocation);
        this.clock = clock;
    }

    /**
     * @param presented the chain the server sent, leaf first
     * @param host      the host the request is for, as the application named it
     * @param authType  the key exchange as JSSE names it to a trust manager, or null
     * @return the problems, 0 for none
     */
    int find(X509Certificate[] presented, String host, String authType) {
        if (presented == null || presented.length == 0) return WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT;
        Date now = Date.from(clock.instant());
        List<X509Certificate> chain = PathChecks.inIssuingOrder(presented);
        X509Certificate leaf = chain.get(0);
        int flags = 0;
        for (X509Certificate c : chain) {
            try {
                c.checkValidity(now);
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                flags |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID;
            }
        }
        try {
            if (!HostNames.matches(leaf, host)) flags |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID;
            if (!ServerUsage.permits(leaf, authType)) flags |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE;
        } catch (CertificateParsingException | RuntimeException unreadable) {
            flags |= WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT;
        }
        return flags | paths.problems(chain, now);
    }
}
