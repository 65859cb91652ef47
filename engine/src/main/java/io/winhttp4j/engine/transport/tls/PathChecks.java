package io.winhttp4j.engine.transport.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The chain-level checks of a server certificate, by PKIX on public JDK APIs: is it issued by a
 * trusted CA (INVALID_CA), is the chain itself sound (INVALID_CERT: a bad signature, an issuer
 * that is no CA, a weak algorithm, an unknown critical extension...), and, when revocation
 * checking is on, is any certificate revoked (CERT_REVOKED) or its status unknown
 * (CERT_REV_FAILED).
 *
 * <p>PKIX stops at the first problem, and WinHTTP reports them all, so the checks run in passes
 * that each see one kind: dates are checked elsewhere and the passes run at a moment when every
 * certificate of the chain is valid; a chain without a trusted root is checked a second time
 * against its own top certificate, so that a broken chain is not excused by
 * SECURITY_FLAG_IGNORE_UNKNOWN_CA; revocation is its own pass.
 */
final class PathChecks {
    private final TrustSource trust;
    private final boolean revocation;

    PathChecks(TrustSource trust, boolean revocation) {
        this.trust = trust;
        this.revocation = revocation;
    }

    /**
     * INVALID_CA, INVALID_CERT, CERT_REVOKED and CERT_REV_FAILED bits for a chain, leaf first, in
     * issuing order ({@link #inIssuingOrder}); {@code now} is the current time.
     */
    int problems(List<X509Certificate> chain, Date now) {
        Date at = momentAllValid(chain, now);
        if (at == null) {
            // no moment at which the whole chain is valid: the chain cannot be checked, which
            // must not pass for "only expired" (SECURITY_FLAG_IGNORE_CERT_DATE_INVALID)
            return WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT;
        }
        List<X509Certificate> path = withoutTrustedTail(chain);
        Set<TrustAnchor> anchors = trust.anchors();
        int flags = 0;
        boolean issuerUnknown = false;
        Outcome trusted = anchors.isEmpty() ? Outcome.NO_TRUST_ANCHOR : validate(path, anchors, at, false);
        if (trusted == Outcome.NO_TRUST_ANCHOR) {
            flags |= WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA;
            X509Certificate top = path.get(path.size() - 1);
            anchors = Set.of(new TrustAnchor(top, null));
            path = path.subList(0, path.size() - 1);
            issuerUnknown = path.isEmpty() && !selfIssued(top);
            Outcome sound = path.isEmpty() ? selfSignature(top) : validate(path, anchors, at, false);
            if (sound != Outcome.VALID) flags |= WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT;
        } else if (trusted != Outcome.VALID) {
            flags |= WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT;
        }
        if (revocation && (flags & WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT) == 0) {
            // an empty path is a lone self-signed certificate (a root is not checked, as Windows
            // excludes the root) or a lone leaf whose issuer is unknown (no key to check a status with)
            Outcome status = !path.isEmpty() ? validate(path, anchors, at, true)
                    : issuerUnknown ? Outcome.UNDETERMINED : Outcome.VALID;
            if (status == Outcome.REVOKED) flags |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED;
            else if (status != Outcome.VALID) flags |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED;
        }
        return flags;
    }

    /**
     * The presented chain from its leaf up, each next certificate the issuer of the one before;
     * certificates that do not continue the chain are dropped. TLS 1.3 lets a server send them
     * in any order after the leaf, and servers send extras.
     */
    static List<X509Certificate> inIssuingOrder(X509Certificate[] presented) {
        List<X509Certificate> rest = new ArrayList<>(Arrays.asList(presented).subList(1, presented.length));
        List<X509Certificate> chain = new ArrayList<>();
        X509Certificate current = presented[0];
        chain.add(current);
        while (!selfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate c : rest) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) break;
            rest.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    /** The chain without trailing certificates that are themselves trust anchors (servers often send their root). */
    private List<X509Certificate> withoutTrustedTail(List<X509Certificate> chain) {
        int end = chain.size();
        while (end > 1 && isAnchor(chain.get(end - 1))) end--;
        return chain.subList(0, end);
    }

    private boolean isAnchor(X509Certificate c) {
        for (TrustAnchor a : trust.anchors()) {
            X509Certificate t = a.getTrustedCert();
            if (t != null && t.getSubjectX500Principal().equals(c.getSubjectX500Principal())
                    && t.getPublicKey().equals(c.getPublicKey())) {
                return true;
            }
        }
        return false;
    }

    /** {@code now} if every certificate is valid then; else the latest start if all overlap; else null. */
    private static Date momentAllValid(List<X509Certificate> chain, Date now) {
        Date latestStart = null;
        Date earliestEnd = null;
        for (X509Certificate c : chain) {
            if (latestStart == null || c.getNotBefore().after(latestStart)) latestStart = c.getNotBefore();
            if (earliestEnd == null || c.getNotAfter().before(earliestEnd)) earliestEnd = c.getNotAfter();
        }
        if (!now.before(latestStart) && !now.after(earliestEnd)) return now;
        return latestStart.after(earliestEnd) ? null : latestStart;
    }

    private enum Outcome { VALID, NO_TRUST_ANCHOR, REVOKED, UNDETERMINED, INVALID }

    private static Outcome validate(List<X509Certificate> path, Set<TrustAnchor> anchors, Date at, boolean checkRevocation) {
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(at);
            params.setRevocationEnabled(false);
            if (checkRevocation) {
                // used whatever isRevocationEnabled says; defaults: OCSP first, then CRLs, both
                // for every certificate of the path, a status not found being a failure
                params.addCertPathChecker((PKIXRevocationChecker) validator.getRevocationChecker());
            }
            validator.validate(certPath, params);
            return Outcome.VALID;
        } catch (CertPathValidatorException e) {
            if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) return Outcome.NO_TRUST_ANCHOR;
            if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) return Outcome.REVOKED;
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                return Outcome.UNDETERMINED;
            }
            return checkRevocation ? Outcome.UNDETERMINED : Outcome.INVALID;
        } catch (InvalidAlgorithmParameterException e) {
            return Outcome.NO_TRUST_ANCHOR;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.INVALID;
        }
    }

    /** A single self-issued certificate: is it signed by its own key? */
    private static Outcome selfSignature(X509Certificate c) {
        if (!selfIssued(c)) return Outcome.VALID; // its issuer is unknown: nothing more to check
        try {
            c.verify(c.getPublicKey());
            return Outcome.VALID;
        } catch (GeneralSecurityException | RuntimeException e) {
            return Outcome.INVALID;
        }
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }
}
