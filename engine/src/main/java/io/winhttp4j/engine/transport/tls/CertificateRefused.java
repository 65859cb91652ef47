package io.winhttp4j.engine.transport.tls;

import java.security.cert.CertificateException;

/**
 * Thrown by {@link ServerTrust} into JSSE, which ends the handshake with an alert and keeps this
 * as the cause of its SSLHandshakeException; {@link TlsChannel} finds it there again.
 */
final class CertificateRefused extends CertificateException {
    private final int found;
    private final int refused;

    /**
     * @param found   every problem found (WINHTTP_CALLBACK_STATUS_FLAG_* bits)
     * @param refused those of them that no SECURITY_FLAG_IGNORE_* bit tolerates (never 0)
     */
    CertificateRefused(int found, int refused) {
        super("server certificate refused: problems 0x" + Integer.toHexString(found)
                + ", not tolerated 0x" + Integer.toHexString(refused));
        this.found = found;
        this.refused = refused;
    }

    int found() { return found; }

    int refused() { return refused; }
}
