package io.winhttp4j.engine.transport.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * May this certificate authenticate a TLS server (WinHTTP's CERT_WRONG_USAGE when not)? The
 * extended key usage, when present, must allow serverAuth (or any purpose); the key usage, when
 * present, must allow what the key exchange does with the key, as JSSE checks a server's
 * certificate: keyEncipherment for RSA key transport, keyAgreement for static (EC)DH, and
 * digitalSignature for every signed exchange (all of TLS 1.3, for which JSSE passes "UNKNOWN").
 */
final class ServerUsage {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_PURPOSE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    private ServerUsage() {}

    /**
     * @param authType the key exchange as JSSE names it to a trust manager ("ECDHE_RSA", "RSA",
     *                 "ECDH_ECDSA", ...; for TLS 1.3 the key's algorithm), or null when unknown
     */
    static boolean permits(X509Certificate leaf, String authType) throws CertificateParsingException {
        List<String> purposes = leaf.getExtendedKeyUsage();
        if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_PURPOSE)) return false;
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null) return true;
        return bit(usage, requiredKeyUsage(authType));
    }

    private static int requiredKeyUsage(String authType) {
        String a = authType == null ? "" : authType.toUpperCase(Locale.ROOT);
        if (a.equals("RSA")) return KEY_ENCIPHERMENT;                          // RSA key transport
        if (a.startsWith("ECDH_") || a.startsWith("DH_")) return KEY_AGREEMENT; // static key agreement
        return DIGITAL_SIGNATURE;                                               // TLS 1.3 passes "UNKNOWN"
    }

    private static boolean bit(boolean[] usage, int index) {
        return index < usage.length && usage[index];
    }
}
