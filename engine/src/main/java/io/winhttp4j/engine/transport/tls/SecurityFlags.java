package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * WINHTTP_OPTION_SECURITY_FLAGS: which of its bits may be set, which certificate problems the
 * set ones tolerate, and what a query reports after the handshake.
 */
public final class SecurityFlags {
    /** The bits a request may set: the four SECURITY_FLAG_IGNORE_* (SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS is all four). */
    public static final int SETTABLE = SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE
            | SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID;

    private SecurityFlags() {}

    /**
     * The check setOption runs: any bit beyond the four IGNORE_* ones (SECURITY_FLAG_SECURE or a
     * STRENGTH_* bit, which only a query reports) is ERROR_INVALID_PARAMETER (CONFORMANCE 3.3).
     */
    public static int checkSettable(int flags) {
        if ((flags & ~SETTABLE) != 0) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                    "SECURITY_FLAGS 0x" + Integer.toHexString(flags) + " has bits other than SECURITY_FLAG_IGNORE_*");
        }
        return flags;
    }

    /**
     * The WINHTTP_CALLBACK_STATUS_FLAG_* problems that {@code ignoreFlags} tolerate. Nothing
     * tolerates INVALID_CERT, CERT_REVOKED or CERT_REV_FAILED: no settable flag names them.
     */
    public static int tolerated(int ignoreFlags) {
        int t = 0;
        if ((ignoreFlags & SECURITY_FLAG_IGNORE_UNKNOWN_CA) != 0) t |= WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA;
        if ((ignoreFlags & SECURITY_FLAG_IGNORE_CERT_CN_INVALID) != 0) t |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID;
        if ((ignoreFlags & SECURITY_FLAG_IGNORE_CERT_DATE_INVALID) != 0) t |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID;
        if ((ignoreFlags & SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE) != 0) t |= WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE;
        return t;
    }

    /**
     * SECURITY_FLAGS queried once the connection is secure: the IGNORE_* bits the request set,
     * SECURITY_FLAG_SECURE, and the STRENGTH_* bit of the negotiated cipher.
     */
    public static int afterHandshake(int ignoreFlags, TlsSession session) {
        return ignoreFlags | SECURITY_FLAG_SECURE | CipherStrength.strengthFlag(session.keyBits());
    }
}
