package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.notify.Subscription;

import static io.winhttp4j.WinHttpConstants.*;

/** Commands every handle actor takes; each actor's sealed Command lists the ones it accepts. */
public final class Commands {
    private Commands() {}

    public record SetCallback(Subscription subscription, Call call) implements CallMessage,
            SessionActor.Command, ConnectActor.Command, RequestActor.Command, WebSocketActor.Command {}

    public record SetOption(int option, Object value, Call call) implements CallMessage,
            SessionActor.Command, ConnectActor.Command, RequestActor.Command, WebSocketActor.Command {
        /** Credentials never appear in a log (an actor's failure logs the message it was handling). */
        @Override
        public String toString() {
            boolean secret = option == WINHTTP_OPTION_USERNAME || option == WINHTTP_OPTION_PASSWORD
                    || option == WINHTTP_OPTION_PROXY_USERNAME || option == WINHTTP_OPTION_PROXY_PASSWORD;
            return "SetOption[option=" + option + ", value=" + (secret ? "<hidden>" : value) + "]";
        }
    }

    /** closeHandle; call is null when the caller does not wait (asynchronous mode). */
    public record Close(Call call)
            implements SessionActor.Command, ConnectActor.Command, RequestActor.Command, WebSocketActor.Command {}

    /**
     * Close this handle if still open, and every child; an operation in flight ends with error.
     * Sent by engine shutdown, and by the Lifeline when the handle's actor failed.
     */
    public record Shutdown(WinHttpError error, String reason)
            implements SessionActor.Command, ConnectActor.Command, RequestActor.Command, WebSocketActor.Command {
        public static final Shutdown ENGINE = new Shutdown(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "the engine was shut down");
        static final Shutdown FAILED = new Shutdown(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, "closed after an internal failure");
    }

    /**
     * A WebSocket made from one of this connect's requests: the connect spawns and watches it, so
     * that it outlives its request handle and an engine shutdown still reaches it. creator: the
     * webSocketCompleteUpgrade call, answered by the new actor.
     */
    public record Adopt(org.apache.pekko.actor.typed.Behavior<?> child, Call creator) implements ConnectActor.Command {}

    /**
     * A spare (Unborn) has become the handle a caller made (a connect's request, a session's
     * connect): the parent spawns the next spare if this was the one it offered. Sent by the new
     * handle's actor on its Init, so that a shutdown reaches it only after (Brood.handedOut).
     */
    public record Taken(org.apache.pekko.actor.typed.ActorRef<?> child, boolean offered)
            implements SessionActor.Command, ConnectActor.Command {}

    /**
     * A request actor whose handle was closed waits for the next one (Unborn): the connect may
     * offer it again, or stops it.
     */
    public record Vacated(org.apache.pekko.actor.typed.ActorRef<RequestActor.Command> child) implements ConnectActor.Command {}

    /**
     * A connect's handle has ended by its close (its HANDLE_CLOSING is out, its actor stops now):
     * told to its session before the closing caller is woken, so the session never counts a
     * child that is closed already when that caller closes the session next. The session
     * unwatches it, so its stop is not counted a second time (ChildClosed).
     */
    public record Ended(org.apache.pekko.actor.typed.ActorRef<?> child) implements SessionActor.Command {}

    /**
     * A child's actor has stopped, however it stopped (the parent watches it); a closing parent may
     * now finish. creator: the call that created the child, failed if the child stopped before
     * answering it; null for a spare (Unborn), which no call waits for. request: a request actor,
     * which its connect may keep between handles (Brood) and must forget; else null.
     */
    public record ChildClosed(Call creator, org.apache.pekko.actor.typed.ActorRef<?> request)
            implements SessionActor.Command, ConnectActor.Command {
        public ChildClosed(Call creator) { this(creator, null); }
    }
}
