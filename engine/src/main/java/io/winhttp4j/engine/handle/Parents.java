package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;

/**
 * How a handle with children (session, connect) closes. As in Windows, closing it leaves its
 * open children usable: it waits in `closing` and sends its HANDLE_CLOSING after the last child's.
 * Children are counted by their actors' stops (Children.spawn watches them), so a child whose
 * actor failed is counted as gone too; a request actor whose handle was closed while its connect
 * is closing (Commands.Vacated) is stopped and counted then.
 */
final class Parents {
    private Parents() {}

    /** closeHandle (closer waits in synchronous mode) or shutdown (closer null). */
    static <T> Behavior<T> close(ActorContext<T> ctx, Core core, int children, Brood<?> brood, Call closer) {
        return close(ctx, core, children, brood, closer, null);
    }

    private static <T> Behavior<T> close(ActorContext<T> ctx, Core core, int children, Brood<?> brood, Call closer,
                                         Commands.Shutdown shutdown) {
        int left = children - stopUnused(ctx, brood);
        if (left > 0) {
            if (closer != null) closer.complete(null);
            return closing(ctx, core, left, brood, shutdown);
        }
        return finish(ctx, core, closer);
    }

    /**
     * No spare is taken after the close (Brood); one nobody took is stopped and no longer
     * counted (unwatched: its stop sends no ChildClosed), so a connect without requests still
     * finishes at once, its HANDLE_CLOSING on the closing caller's thread in synchronous mode.
     */
    private static int stopUnused(ActorContext<?> ctx, Brood<?> brood) {
        int stopped = 0;
        for (ActorRef<?> idle : brood.dropIdle()) stopped += Children.stop(ctx, idle);
        ActorRef<?> unused = brood.shut();
        return unused == null ? stopped : stopped + Children.stop(ctx, unused);
    }

    /** shutdown: the one under way, which a spare handed out gets once it is a request; null after a closeHandle. */
    @SuppressWarnings("unchecked")
    private static <T> Behavior<T> closing(ActorContext<T> ctx, Core core, int children, Brood<?> brood,
                                           Commands.Shutdown shutdown) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Commands.Ended e) { // a connect closed meanwhile: counted now, not at its stop
                ctx.unwatch(e.child());
                return children == 1 ? finish(ctx, core, null) : closing(ctx, core, children - 1, brood, shutdown);
            }
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                return children == 1 ? finish(ctx, core, null) : closing(ctx, core, children - 1, brood, shutdown);
            }
            if (msg instanceof Commands.Adopt a) { // a request still open upgraded: its WebSocket is one more child
                Children.spawn(ctx, a.child(), (T) new Commands.ChildClosed(a.creator()));
                return closing(ctx, core, children + 1, brood, shutdown);
            }
            if (msg instanceof Commands.Vacated v) { // a request closed meanwhile: its actor stops, unless it has already
                if (ctx.getChild(v.child().path().name()).isEmpty()) return Behaviors.same(); // its ChildClosed counts it
                Children.stop(ctx, v.child());
                return children == 1 ? finish(ctx, core, null) : closing(ctx, core, children - 1, brood, shutdown);
            }
            if (msg instanceof Commands.Taken t) { // opened before the close: a child like the others, no new spare
                brood.taken(t.child());
                if (shutdown != null) Children.tell(t.child(), shutdown);
            } else if (msg instanceof Commands.Shutdown s) {
                Children.shutdownAll(ctx, brood, s);
                return closing(ctx, core, children, brood, s);
            } else if (msg instanceof CallMessage m) {
                // a call that passed the caller-side check just before the close
                m.call().fail(WinHttpError.ERROR_INVALID_HANDLE, core.handle() + " is closed");
            }
            return Behaviors.same();
        });
    }

    private static <T> Behavior<T> finish(ActorContext<T> ctx, Core core, Call closer) {
        core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(core.handle()), closer);
        Handle parent = core.handle().parent(); // a connect's session hears of it before the closer wakes
        if (parent != null) parent.<Commands.Ended>actor().tell(new Commands.Ended(ctx.getSelf()));
        if (closer != null) closer.complete(null);
        return Behaviors.stopped(); // the Lifeline marks the handle terminated
    }

    /** Shutdown (of the engine, or after a failure): the handle and all below it close. */
    static <T> Behavior<T> shutdown(ActorContext<T> ctx, Core core, int children, Brood<?> brood,
                                    Commands.Shutdown shutdown) {
        core.handle().markClosed();
        int left = children - stopUnused(ctx, brood);
        Children.shutdownAll(ctx, brood, shutdown);
        return close(ctx, core, left, brood, null, shutdown);
    }
}
