package io.winhttp4j;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The close frame the peer sent, as {@code WinHttpWebSocketQueryCloseStatus} reports it.
 *
 * <p>Unlike most records holding arrays, equality compares the reason's bytes: this is a value
 * read from the wire, not a buffer the caller owns.
 *
 * @param status the close status code (for example 1000, {@code WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS})
 * @param reason the reason bytes, at most {@code WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH}; empty when none
 */
public record WebSocketCloseStatus(int status, byte[] reason) {

    /**
     * The reason decoded as UTF-8, which is what RFC 6455 requires it to be.
     *
     * @return the reason text, empty when the peer gave none
     */
    public String reasonText() {
        return reason == null ? "" : new String(reason, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebSocketCloseStatus other
                && status == other.status
                && Arrays.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(reason);
    }

    @Override
    public String toString() {
        return "WebSocketCloseStatus[status=" + status + ", reason=\"" + reasonText() + "\"]";
    }
}
