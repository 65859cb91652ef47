package io.winhttp4j.engine.handle;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Engine shutdown reaches every child actor of a handle, open or already closing. */
final class Children {
    private Children() {}

    @SuppressWarnings("unchecked")
    static void shutdownAll(ActorContext<?> ctx) {
        for (ActorRef<Void> child : ctx.getChildren()) {
            ((ActorRef<Object>) (ActorRef<?>) child).tell(new Commands.Shutdown());
        }
    }
}
