package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** How handles with children spawn, watch, count and shut them down. */
final class Children {
    private Children() {}

    /**
     * Spawns a child handle's actor and watches it: its stop, clean or not, comes back as the
     * given ChildClosed, so the parent counts every child as gone exactly once.
     */
    static <P> void spawn(ActorContext<P> ctx, Behavior<?> child, P whenGone) {
        ctx.watchWith(ctx.spawnAnonymous(child), whenGone);
    }

    /** Stops a child actor that is not counted any more (unwatched: its stop sends no ChildClosed); returns 1, the count it was. */
    static int stop(ActorContext<?> ctx, ActorRef<?> child) {
        ctx.unwatch(child);
        ctx.stop(child);
        return 1;
    }

    /** A child has gone: if it went before answering the call that created it, that call fails. */
    static void gone(Commands.ChildClosed c) {
        if (c.creator() != null) c.creator().failIfUnanswered(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, "the new handle's actor stopped before it was ready");
    }

    /**
     * Shutdown reaches every child actor of a handle, open or already closing; a spare handed to
     * a caller gets it once it is a request (Commands.Taken), never before its Init.
     */
    static void shutdownAll(ActorContext<?> ctx, Brood<?> brood, Commands.Shutdown shutdown) {
        for (ActorRef<Void> child : ctx.getChildren()) {
            if (!brood.handedOut(child)) tell(child, shutdown);
        }
    }

    @SuppressWarnings("unchecked")
    static void tell(ActorRef<?> child, Commands.Shutdown shutdown) {
        ((ActorRef<Object>) child).tell(shutdown);
    }
}
