package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.notify.Subscription;

/** Commands every handle actor takes; each actor's sealed Command lists the ones it accepts. */
public final class Commands {
    private Commands() {}

    public record SetCallback(Subscription subscription, Call call) implements CallMessage,
            SessionActor.Command, ConnectActor.Command, RequestActor.Command {}

    public record SetOption(int option, Object value, Call call) implements CallMessage,
            SessionActor.Command, ConnectActor.Command, RequestActor.Command {}

    public record QueryOption(int option, Call call) implements CallMessage,
            SessionActor.Command, ConnectActor.Command, RequestActor.Command {}

    /** closeHandle; call is null when the caller does not wait (asynchronous mode). */
    public record Close(Call call)
            implements SessionActor.Command, ConnectActor.Command, RequestActor.Command {}

    /** Engine shutdown: close this handle if still open, and every child. */
    public record Shutdown() implements SessionActor.Command, ConnectActor.Command, RequestActor.Command {}

    /** A child handle has sent its HANDLE_CLOSING; a closing parent may now finish. */
    public record ChildClosed() implements SessionActor.Command, ConnectActor.Command {}
}
