package io.winhttp4j.engine.handle;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A spare request actor (Brood): spawned by its connect before anyone opens the request, it
 * becomes the request the caller of openRequest made on its own thread (Init, its first message),
 * or stops unused when the connect closes.
 */
final class Unborn {
    private Unborn() {}

    /** request: RequestActor.create's behaviour; offered: the spare was the connect's offered one (it spawns the next). */
    record Init(Behavior<RequestActor.Command> request, boolean offered) implements RequestActor.Command {}

    static Behavior<RequestActor.Command> create(ActorRef<ConnectActor.Command> parent) {
        return Behaviors.setup(ctx -> Behaviors.receiveMessage(msg -> {
            if (!(msg instanceof Init i)) return Behaviors.stopped(); // a shutdown of a spare nobody took
            parent.tell(new Commands.Taken(ctx.getSelf(), i.offered()));
            return i.request();
        }));
    }
}
