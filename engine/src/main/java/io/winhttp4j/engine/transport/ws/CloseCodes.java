package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpConstants;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/**
 * Which close status codes may travel in a Close frame, in both directions: one rule for what
 * the server may send us and for what we send.
 *
 * <p>The valid set is the one issue 12 fixes from RFC 6455 7.4 and the Autobahn suite: 1000-1003,
 * 1007-1011 and 3000-4999. 1004-1006 and 1015 are reserved (never on the wire), below 1000 is
 * unused, and 1012-2999 are refused too: the suite the project measures against (0.5.6) wants
 * 1002 for 1012-1014, which IANA has registered since; this line is where to change that.
 */
public final class CloseCodes {
    private CloseCodes() {}

    /** Whether {@code status} may be carried by a Close frame. */
    public static boolean isValid(int status) {
        return (status >= 1000 && status <= 1003)
                || (status >= 1007 && status <= 1011)
                || (status >= 3000 && status <= 4999);
    }

    /**
     * The check for a close we are asked to send (webSocketClose / webSocketShutdown): a reason
     * of at most WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH bytes, and a status that is valid on
     * the wire or EMPTY_CLOSE_STATUS (1005), which is sent as a Close frame without a body and so
     * takes no reason.
     *
     * @throws WinHttpException ERROR_INVALID_PARAMETER when the close cannot be sent as asked
     */
    public static void checkSendable(int status, int reasonLength) {
        if (reasonLength < 0 || reasonLength > WinHttpConstants.WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                    "a close reason holds at most 123 bytes, not " + reasonLength);
        }
        if (status == WinHttpConstants.WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS) {
            if (reasonLength != 0) {
                throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                        "EMPTY_CLOSE_STATUS sends no status, so it cannot carry a reason");
            }
        } else if (!isValid(status)) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                    "close status " + status + " may not be sent (RFC 6455 7.4)");
        }
    }
}
