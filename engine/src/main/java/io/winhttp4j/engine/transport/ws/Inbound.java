package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * What the {@link MessageDecoder} reads from the server, in order, shaped for webSocketReceive:
 * {@link Data} pieces, {@link Ping}s to answer, {@link Pong}s to skip, and at most one terminal
 * event, {@link Close} or {@link Failure}.
 */
public sealed interface Inbound {

    /**
     * A piece of a message's payload, at most as long as the owner asked for, never spanning two
     * frames; a slice of the bytes fed (not a copy).
     *
     * @param bufferType BINARY_/UTF8_FRAGMENT_BUFFER_TYPE while the message goes on,
     *                   BINARY_/UTF8_MESSAGE_BUFFER_TYPE for its last piece (which may be empty)
     */
    record Data(ByteString bytes, int bufferType) implements Inbound {
        /** True for the message's last piece. */
        public boolean endsMessage() {
            return bufferType == WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE
                    || bufferType == WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE;
        }

        public boolean isText() {
            return bufferType == WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE
                    || bufferType == WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE;
        }
    }

    /** The server pinged: answer with a Pong carrying {@code payload} (RFC 6455 5.5.2). */
    record Ping(ByteString payload) implements Inbound {}

    /** A Pong, solicited or not: nothing to do (RFC 6455 5.5.3). */
    record Pong(ByteString payload) implements Inbound {}

    /**
     * The server's Close, checked (status valid, reason UTF-8). Terminal: the decoder reads
     * nothing after it.
     *
     * @param status the close status, or EMPTY_CLOSE_STATUS (1005) when the frame had none
     * @param reason the reason's UTF-8 bytes, empty when none
     */
    record Close(int status, ByteString reason) implements Inbound {}

    /**
     * The server broke the protocol: fail the connection, sending a Close with {@code closeStatus}
     * (1002 framing, 1007 invalid UTF-8, 1009 too big) when the connection is still writable, see
     * {@link ClosingHandshake#fail}. Terminal.
     *
     * @param detail what was wrong, for logs
     */
    record Failure(int closeStatus, String detail) implements Inbound {}
}
