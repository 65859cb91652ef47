package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Which message our side has open, and so what frame a webSocketSend of a given buffer type
 * becomes (CONFORMANCE 5.6): a MESSAGE type ends a message (FIN), a FRAGMENT type continues one;
 * the first frame of a message carries its opcode, later ones CONTINUATION.
 *
 * <p>An immutable value: {@link #send(int)} says what to send and which state follows, and the
 * owner adopts the next state once it has accepted the send.
 */
public enum SendState {
    /** No message open: the next send starts one. */
    IDLE,
    /** A binary message was started with BINARY_FRAGMENT and not ended yet. */
    BINARY_OPEN,
    /** A text message was started with UTF8_FRAGMENT and not ended yet. */
    UTF8_OPEN;

    /** The frame a send becomes and the state after it. */
    public record Step(int opcode, boolean fin, SendState next) {}

    private static final Step BINARY_WHOLE = new Step(Opcode.BINARY, true, IDLE);
    private static final Step BINARY_FIRST = new Step(Opcode.BINARY, false, BINARY_OPEN);
    private static final Step BINARY_MORE = new Step(Opcode.CONTINUATION, false, BINARY_OPEN);
    private static final Step BINARY_LAST = new Step(Opcode.CONTINUATION, true, IDLE);
    private static final Step UTF8_WHOLE = new Step(Opcode.TEXT, true, IDLE);
    private static final Step UTF8_FIRST = new Step(Opcode.TEXT, false, UTF8_OPEN);
    private static final Step UTF8_MORE = new Step(Opcode.CONTINUATION, false, UTF8_OPEN);
    private static final Step UTF8_LAST = new Step(Opcode.CONTINUATION, true, IDLE);

    /**
     * @param bufferType a WINHTTP_WEB_SOCKET_*_BUFFER_TYPE
     * @throws WinHttpException ERROR_INVALID_PARAMETER for CLOSE_BUFFER_TYPE or an unknown type,
     *                          or for a type of the other family while a message is open
     */
    public Step send(int bufferType) {
        switch (bufferType) {
            case WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE:
                if (this == IDLE) return BINARY_WHOLE;
                if (this == BINARY_OPEN) return BINARY_LAST;
                break;
            case WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE:
                if (this == IDLE) return BINARY_FIRST;
                if (this == BINARY_OPEN) return BINARY_MORE;
                break;
            case WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE:
                if (this == IDLE) return UTF8_WHOLE;
                if (this == UTF8_OPEN) return UTF8_LAST;
                break;
            case WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE:
                if (this == IDLE) return UTF8_FIRST;
                if (this == UTF8_OPEN) return UTF8_MORE;
                break;
            case WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE:
                throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                        "CLOSE_BUFFER_TYPE is not sent as data: use webSocketClose or webSocketShutdown");
            default:
                throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, "unknown buffer type " + bufferType);
        }
        throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                (this == BINARY_OPEN ? "a binary" : "a UTF-8") + " message is open; buffer type " + bufferType
                        + " belongs to the other kind");
    }
}
