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
 */
final class Parents {
    private Parents() {}

    /** closeHandle (closer waits in synchronous mode) or engine shutdown (closer null). */
    static <T> Behavior<T> close(ActorContext<T> ctx, Core core, int children, Call closer, Runnable gone) {
        if (children > 0) {
            if (closer != null) closer.complete(null);
            return closing(ctx, core, children, gone);
        }
        return finish(core, closer, gone);
    }

    private static <T> Behavior<T> closing(ActorContext<T> ctx, Core core, int children, Runnable gone) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Commands.ChildClosed) {
                return children == 1 ? finish(core, null, gone) : closing(ctx, core, children - 1, gone);
            }
            if (msg instanceof Commands.Shutdown) {
                Children.shutdownAll(ctx);
            } else if (msg instanceof CallMessage m) {
                // a call that passed the caller-side check just before the close
                m.call().fail(WinHttpError.ERROR_INVALID_HANDLE, core.handle() + " is closed");
            }
            return Behaviors.same();
        });
    }

    private static <T> Behavior<T> finish(Core core, Call closer, Runnable gone) {
        core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(core.handle()), closer);
        if (closer != null) closer.complete(null);
        gone.run();
        return Behaviors.stopped(); // the Lifeline marks the handle terminated
    }

    /** Engine shutdown: the handle and all below it close. */
    static <T> Behavior<T> shutdown(ActorContext<T> ctx, Core core, int children, Runnable gone) {
        core.handle().markClosed();
        Children.shutdownAll(ctx);
        return close(ctx, core, children, null, gone);
    }
}
