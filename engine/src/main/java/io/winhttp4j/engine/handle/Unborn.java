package io.winhttp4j.engine.handle;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.Consumer;

/**
 * A spare child actor (Brood): spawned by its parent before anyone opens the child (a connect's
 * request, a session's connect), it becomes the handle the caller made on its own thread (Init,
 * its first message), or stops unused when the parent closes.
 */
final class Unborn {
    private Unborn() {}

    /** child: the new handle's behaviour (RequestActor.create's, ConnectActor.create's); offered: the spare was the parent's offered one (it spawns the next). */
    record Init(Behavior<?> child, boolean offered) implements RequestActor.Command, ConnectActor.Command {}

    static <T> Behavior<T> create(ActorRef<? super Commands.Taken> parent) {
        return create(parent, ctx -> { });
    }

    /** prepare: what the spare does as soon as it runs, before any caller may use it (a connect spawns its own spare request). */
    @SuppressWarnings("unchecked")
    static <T> Behavior<T> create(ActorRef<? super Commands.Taken> parent, Consumer<ActorContext<T>> prepare) {
        return Behaviors.setup(ctx -> {
            prepare.accept(ctx);
            return Behaviors.receiveMessage(msg -> {
                if (!(msg instanceof Init i)) return Behaviors.stopped(); // a shutdown of a spare nobody took
                parent.tell(new Commands.Taken(ctx.getSelf(), i.offered()));
                return (Behavior<T>) i.child();
            });
        });
    }
}
