package io.winhttp4j.engine.transport.ws;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * What the server sent breaks RFC 6455 and the connection must be failed with this close status.
 * Thrown inside the decoder only, and turned into an {@link Inbound.Failure} in one place; no
 * stack trace, because the cause is the peer's bytes, not our code.
 */
final class ProtocolError extends Exception {
    private static final long serialVersionUID = 1L;

    final int closeStatus;

    private ProtocolError(int closeStatus, String detail) {
        super(detail, null, false, false);
        this.closeStatus = closeStatus;
    }

    /** 1002: the framing rules are broken. */
    static ProtocolError protocol(String detail) {
        return new ProtocolError(WINHTTP_WEB_SOCKET_PROTOCOL_ERROR_CLOSE_STATUS, detail);
    }

    /** 1007: a text message or a close reason is not UTF-8. */
    static ProtocolError invalidPayload(String detail) {
        return new ProtocolError(WINHTTP_WEB_SOCKET_INVALID_PAYLOAD_CLOSE_STATUS, detail);
    }

    /** 1009: a message exceeds the configured limit. */
    static ProtocolError tooBig(String detail) {
        return new ProtocolError(WINHTTP_WEB_SOCKET_MESSAGE_TOO_BIG_CLOSE_STATUS, detail);
    }
}
