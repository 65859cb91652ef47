package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.Optional;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A secure connection failed the way WinHTTP reports: the error the request fails with and,
 * when it is ERROR_WINHTTP_SECURE_FAILURE, the WINHTTP_CALLBACK_STATUS_FLAG_* bits of the
 * SECURE_FAILURE notification that comes first.
 *
 * <p>A WinHttpException, so that whatever maps failures to errors (Failures.map finds one in a
 * cause chain) needs no TLS rule of its own; the request looks for it with {@link #in} to send
 * the notification.
 */
public final class TlsFailure extends WinHttpException {
    private static final long serialVersionUID = 1L;

    private final int secureFailureFlags;
    private final int refusedFlags;

    private TlsFailure(WinHttpError error, int secureFailureFlags, int refusedFlags, String detail, Throwable cause) {
        super(error, detail);
        this.secureFailureFlags = secureFailureFlags;
        this.refusedFlags = refusedFlags;
        initCause(cause);
    }

    /** The server's certificate has problems not all tolerated: every one found goes in the notification. */
    static TlsFailure certificate(int found, int refused, Throwable cause) {
        return new TlsFailure(WinHttpError.ERROR_WINHTTP_SECURE_FAILURE, found, refused,
                "server certificate: " + describe(found) + (found == refused ? "" : " (not tolerated: " + describe(refused) + ")"),
                cause);
    }

    /** The handshake failed for a reason other than the certificate (protocol, cipher, alert). */
    static TlsFailure channel(Throwable cause) {
        return new TlsFailure(WinHttpError.ERROR_WINHTTP_SECURE_FAILURE,
                WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR, WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR,
                "TLS handshake failed: " + cause, cause);
    }

    /** The server asked for a client certificate, none (or none usable) was set, and it refused to go on. */
    static TlsFailure clientCertificateNeeded(Throwable cause) {
        return new TlsFailure(WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, 0, 0,
                "the server requires a client certificate: " + cause, cause);
    }

    /**
     * The SECURE_FAILURE notification's payload, sent before the request fails; 0 when the
     * failure is not a SECURE_FAILURE (CLIENT_AUTH_CERT_NEEDED) and no notification is sent.
     */
    public int secureFailureFlags() { return secureFailureFlags; }

    /** Those of {@link #secureFailureFlags} that no SECURITY_FLAG_IGNORE_* bit tolerated. */
    public int refusedFlags() { return refusedFlags; }

    /** The TlsFailure in a failure's cause chain, if any. */
    public static Optional<TlsFailure> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsFailure f) return Optional.of(f);
            if (t.getCause() == t) break;
        }
        return Optional.empty();
    }

    static String describe(int flags) {
        StringBuilder sb = new StringBuilder();
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED, "CERT_REV_FAILED");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT, "INVALID_CERT");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED, "CERT_REVOKED");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA, "INVALID_CA");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID, "CERT_CN_INVALID");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID, "CERT_DATE_INVALID");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE, "CERT_WRONG_USAGE");
        append(sb, flags, WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR, "SECURITY_CHANNEL_ERROR");
        return sb.toString();
    }

    private static void append(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) == 0) return;
        if (sb.length() > 0) sb.append('|');
        sb.append(name);
    }
}
