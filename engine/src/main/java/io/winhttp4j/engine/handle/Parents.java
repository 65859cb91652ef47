package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;

/**
 * How a handle with children (session, connect) closes. As in Windows, closing it leaves its
 * open children usable: it waits in `closing` and sends its HANDLE_CLOSING after the last child's.
 * Children are counted by their actors' stops (Children.spawn watches them), so a child whose
 * actor failed is counted as gone too.
 */
final class Parents {
    private Parents() {}

    /** closeHandle (closer waits in synchronous mode) or shutdown (closer null). */
    static <T> Behavior<T> close(ActorContext<T> ctx, Core core, int children, Call closer) {
        if (children > 0) {
            if (closer != null) closer.complete(null);
            return closing(ctx, core, children);
        }
        return finish(core, closer);
    }

    @SuppressWarnings("unchecked")
    private static <T> Behavior<T> closing(ActorContext<T> ctx, Core core, int children) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                return children == 1 ? finish(core, null) : closing(ctx, core, children - 1);
            }
            if (msg instanceof Commands.Adopt a) { // a request still open upgraded: its WebSocket is one more child
                Children.spawn(ctx, a.child(), (T) new Commands.ChildClosed(a.creator()));
                return closing(ctx, core, children + 1);
            }
            if (msg instanceof Commands.Shutdown s) {
                Children.shutdownAll(ctx, s);
            } else if (msg instanceof CallMessage m) {
                // a call that passed the caller-side check just before the close
                m.call().fail(WinHttpError.ERROR_INVALID_HANDLE, core.handle() + " is closed");
            }
            return Behaviors.same();
        });
    }

    private static <T> Behavior<T> finish(Core core, Call closer) {
        core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(core.handle()), closer);
        if (closer != null) closer.complete(null);
        return Behaviors.stopped(); // the Lifeline marks the handle terminated
    }

    /** Shutdown (of the engine, or after a failure): the handle and all below it close. */
    static <T> Behavior<T> shutdown(ActorContext<T> ctx, Core core, int children, Commands.Shutdown shutdown) {
        core.handle().markClosed();
        Children.shutdownAll(ctx, shutdown);
        return close(ctx, core, children, null);
    }
}
