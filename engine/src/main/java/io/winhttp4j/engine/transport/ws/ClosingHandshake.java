package io.winhttp4j.engine.transport.ws;

/**
 * Where the closing handshake stands (RFC 6455 5.5.1, 7.1) and what each event means for the
 * connection: which Close to send and what becomes of TCP. Pure and immutable: the owner keeps
 * the current state, applies an event, sends what the {@link Decision} says and adopts its next
 * state. Timers are the owner's; a decision only says when one is due ({@link Then#AWAIT_TCP_END}).
 *
 * <p>Whether data read while waiting is delivered (after webSocketShutdown) or discarded (during
 * webSocketClose), and when an owed reply goes out, are WinHTTP's rules, not RFC 6455's, and stay
 * with the owner.
 */
public enum ClosingHandshake {
    /** Neither side has sent a Close. */
    OPEN(Then.READ_ON),
    /** Ours went out; the server's is still to come, and its data with it. */
    CLOSE_SENT(Then.READ_ON),
    /** The server's came first; ours is owed (RFC 6455 5.5.1) and nothing more is read. */
    CLOSE_RECEIVED(Then.REPLY_OWED),
    /** Both went: the handshake is complete and the server closes TCP first (7.1.1). */
    CLOSED(Then.AWAIT_TCP_END),
    /** We failed the connection: our Close went if it could; nothing more is read (7.1.7). */
    FAILED(Then.AWAIT_TCP_END),
    /** TCP is closed, or is to be closed now. */
    DONE(Then.CLOSE_TCP);

    /** What the owner does with the connection in a state. */
    public enum Then {
        /** Keep reading: the server's Close is still to come. */
        READ_ON,
        /** Send our Close when the application closes (WinHTTP hands the server's close to it); read nothing more. */
        REPLY_OWED,
        /**
         * Read nothing more; close TCP once the server has closed it or the close timeout has
         * passed, whichever comes first.
         */
        AWAIT_TCP_END,
        /** Close TCP now. */
        CLOSE_TCP
    }

    /**
     * @param next      the state to adopt
     * @param sendClose the status of the Close to send now (EMPTY_CLOSE_STATUS for a Close
     *                  without a body), or {@link #NO_CLOSE}
     * @param then      what to do with the connection next: {@code next}'s standing instruction
     */
    public record Decision(ClosingHandshake next, int sendClose, Then then) {
        public static final int NO_CLOSE = -1;

        public boolean sendsClose() {
            return sendClose != NO_CLOSE;
        }
    }

    private final Then then;

    ClosingHandshake(Then then) {
        this.then = then;
    }

    /** The standing instruction of this state. */
    public Then then() {
        return then;
    }

    /** The application closes (webSocketShutdown, webSocketClose): our Close, unless one went already. */
    public Decision ourClose(int status) {
        return switch (this) {
            case OPEN -> send(CLOSE_SENT, status);
            case CLOSE_RECEIVED -> send(CLOSED, status);
            default -> stay();
        };
    }

    /** The decoder reported the server's Close. */
    public Decision peerClose() {
        return switch (this) {
            case OPEN -> to(CLOSE_RECEIVED);
            case CLOSE_SENT -> to(CLOSED);
            default -> stay(); // the decoder reads nothing after a Close or a failure
        };
    }

    /**
     * The connection must be failed (a decoder {@link Inbound.Failure}, or a rule of the owner's):
     * a Close with {@code closeStatus} first if none went yet and the connection is writable, then
     * wait for the server to close TCP (or the timeout). Not writable: close TCP now.
     */
    public Decision fail(int closeStatus, boolean writable) {
        if (this == DONE) return stay();
        if (!writable) return to(DONE);
        boolean oursWent = this == CLOSE_SENT || this == CLOSED || this == FAILED;
        return oursWent ? to(FAILED) : send(FAILED, closeStatus);
    }

    /** The close timeout passed while waiting for the server's Close or its end of TCP. */
    public Decision timedOut() {
        return to(DONE);
    }

    /** The server closed TCP, or it broke: there is nothing left to send or wait for. */
    public Decision tcpEnded() {
        return to(DONE);
    }

    private static Decision send(ClosingHandshake next, int status) {
        return new Decision(next, status, next.then);
    }

    private static Decision to(ClosingHandshake next) {
        return new Decision(next, Decision.NO_CLOSE, next.then);
    }

    private Decision stay() {
        return to(this);
    }
}
