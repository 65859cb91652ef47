package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.transport.Lessee;
import io.winhttp4j.engine.transport.TransportEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.Consumer;

/**
 * A spare child actor (Brood): spawned by its parent before anyone opens the child (a session's
 * connect, a connect's request), it becomes the handle the caller made on its own thread (Init,
 * its first message). A spare connect nobody took stops when its session closes.
 *
 * <p>A request actor lives longer: when its handle is closed by closeHandle, it does not stop.
 * It tells its connect (Commands.Vacated, handBack) after its HANDLE_CLOSING and before the closer
 * wakes, so a closeHandle of the connect right after never waits for it; then its Lifeline ends the
 * handle as a stop would (HANDLE_CLOSING once, the handle closed and its waiters woken) and it comes
 * back here, and the connect offers it to the next openRequest. So a request costs no spawn, watch or stop of an actor. What was meant
 * for a handle it served before never reaches the next one: a call made on it (Call.target) is
 * refused with ERROR_INVALID_HANDLE, as the caller of a stopped actor's handle is, and its
 * transport events (Addressed, from the lessee of that handle) are dropped, a connection leased
 * for it given back. A shutdown, a failure or its connect's close stop it.
 */
final class Unborn {
    private Unborn() {}

    /**
     * core: the new handle's first Core; child: its behaviour (RequestActor.create's,
     * ConnectActor.create's); offered: the spare was the parent's offered one (it spawns the next).
     */
    record Init(Core core, Behavior<?> child, boolean offered) implements RequestActor.Command, ConnectActor.Command {}

    /** A transport event for one handle the actor serves (its lessee's). */
    record Addressed(Handle to, RequestActor.Command event) implements RequestActor.Command {}

    /** A session's spare connect; prepare: what it does as soon as it runs (it spawns its own spare request). */
    static Behavior<ConnectActor.Command> connect(ActorRef<? super Commands.Taken> parent,
                                                  Consumer<ActorContext<ConnectActor.Command>> prepare) {
        return Behaviors.setup(ctx -> {
            prepare.accept(ctx);
            return Behaviors.receiveMessage(msg -> {
                if (!(msg instanceof Init i)) return Behaviors.stopped(); // a shutdown of a spare nobody took
                parent.tell(new Commands.Taken(ctx.getSelf(), i.offered()));
                @SuppressWarnings("unchecked")
                Behavior<ConnectActor.Command> connect = (Behavior<ConnectActor.Command>) i.child();
                return connect;
            });
        });
    }

    /** A connect's request actor, serving one request handle after another. */
    static Behavior<RequestActor.Command> request(ActorRef<ConnectActor.Command> parent, Services services) {
        return Lifeline.aroundEach(Commands.Shutdown.FAILED, new Berth<>(parent, services), vacant(parent));
    }

    private static Behavior<RequestActor.Command> vacant(ActorRef<ConnectActor.Command> parent) {
        return Behaviors.setup(ctx -> Behaviors.receiveMessage(msg -> {
            if (msg instanceof Init i) {
                parent.tell(new Commands.Taken(ctx.getSelf(), i.offered()));
                @SuppressWarnings("unchecked")
                Behavior<RequestActor.Command> request = (Behavior<RequestActor.Command>) i.child();
                return request;
            }
            // a shutdown or a failure: a spare nobody took stops; nothing else is meant for it (Berth)
            return msg instanceof Commands.Shutdown ? Behaviors.stopped() : Behaviors.same();
        }));
    }

    /**
     * closeHandle of the request self serves: its connect hears that the actor is free before the
     * closer wakes, and the Lifeline keeps the actor for the next handle once this message is done.
     */
    static void handBack(ActorRef<RequestActor.Command> self, Handle handle) {
        if (handle.closingByCall()) handle.parent().<ConnectActor.Command>actor().tell(new Commands.Vacated(self));
    }

    /** The lessee of one handle: its events reach the actor only while it serves that handle. */
    static Lessee lessee(ActorRef<RequestActor.Command> self, Handle handle) {
        return event -> self.tell(new Addressed(handle, new RequestActor.FromTransport(event)));
    }

    /** What the Lifeline of a request actor asks between messages (Lifeline.aroundEach). */
    static final class Berth<T> {
        private final ActorRef<ConnectActor.Command> parent;
        private final Services services;

        private Berth(ActorRef<ConnectActor.Command> parent, Services services) {
            this.parent = parent;
            this.services = services;
        }

        /**
         * The message to handle while serving now (null while vacant), or null if it was meant
         * for another handle: its call is refused, a connection leased for it goes back unused.
         */
        Object forNow(Handle now, Object msg) {
            if (msg instanceof Addressed a) {
                if (a.to() == now) return a.event();
                if (a.event() instanceof RequestActor.FromTransport t && t.event() instanceof TransportEvent.Leased l) {
                    services.transport().release(l.connection(), true);
                }
                return null;
            }
            if (msg instanceof CallMessage m && (now == null || m.call().target != null && m.call().target != now)) {
                m.call().failIfUnanswered(WinHttpError.ERROR_INVALID_HANDLE, m.call().target + " is closed");
                return null;
            }
            return msg;
        }

        /** The handle served was closed by closeHandle and its connect told (handBack): the actor waits for the next. */
        @SuppressWarnings("unchecked")
        Behavior<T> vacant() {
            return (Behavior<T>) (Behavior<?>) Unborn.vacant(parent);
        }
    }
}
