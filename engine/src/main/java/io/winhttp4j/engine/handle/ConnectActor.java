package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A connect handle (WinHttpConnect): the server and port its requests go to, and the name it
 * resolved once. States: open → closing (while request handles are still open) → stopped.
 */
public final class ConnectActor {
    public sealed interface Command permits Spare, Commands.SetCallback, Commands.SetOption,
            Commands.Close, Commands.Shutdown, Commands.ChildClosed, Commands.Adopt,
            Commands.Taken, Commands.Vacated, Unborn.Init {}

    /** Checked on the caller's thread: the verb, the escaped request target and the version as they go out. */
    public record OpenRequest(String verb, String target, String version, String referrer,
                              String[] acceptTypes, int flags, Call call) {}

    /** openRequest found no spare offered (another caller took it just before): one more, answered to call. */
    record Spare(Call call) implements Command, CallMessage {}

    /** The server of a connect handle, shared read-only with its requests. */
    record Server(String host, int port, AtomicReference<List<InetAddress>> resolved, SessionShared session) {}

    private record Env(ActorContext<Command> ctx, Services services, Server server, Brood<Offspring> brood) {}

    /** What a request opened now inherits: the connect's state (subscriber, context, options) and its server. */
    private record Offspring(Core parent, Server server) {}

    private ConnectActor() {}

    /**
     * The connect's behaviour, built on the caller's thread of connect (SessionActor.connect) and
     * handed to the session's spare connect actor: what its requests inherit is published here
     * already, so openRequest works as soon as connect returns; HANDLE_CREATED is the caller's to
     * send. Its first spare request was spawned by the spare itself (unborn, below), counted here.
     */
    static Behavior<Command> create(Services services, Core core, String host, int port, SessionShared session) {
        Server server = new Server(host, port, new AtomicReference<>(), session);
        Brood<Offspring> brood = core.handle().brood();
        brood.publish(new Offspring(core, server));
        return Lifeline.around(core, Commands.Shutdown.FAILED, null,
                Behaviors.setup(ctx -> open(new Env(ctx, services, server, brood), core, 1)));
    }

    /**
     * A session's spare connect (Unborn), for the handle h made now: a child of the session,
     * counted like its connects, bound to h, which has its requests' Brood already. As soon as it
     * runs it spawns its own spare request, before any caller may have taken it in most cases;
     * one taken sooner gets its first openRequest's spare by asking (Spare), as a late caller does.
     */
    static void unborn(ActorContext<SessionActor.Command> session, Services services, Handle h) {
        Brood<Offspring> requests = new Brood<>();
        h.brood(requests);
        ActorRef<Command> s = session.spawnAnonymous(Unborn.connect(session.getSelf(),
                ctx -> requests.offer(spareRequest(ctx, services))));
        session.watchWith(s, new Commands.ChildClosed(null));
        h.bind(s);
    }

    /**
     * openRequest on the caller's thread, without a round trip: it takes the connect's spare
     * actor (one compare-and-set; refused once the connect closes), builds the request there
     * from what the connect published last (a change the caller made returned only once
     * published), publishes its state and sends its HANDLE_CREATED before the actor runs, so
     * nothing can come before them, and makes the spare that request (Init, its first message).
     * In synchronous mode the caller runs HANDLE_CREATED before it returns. Only when another
     * caller took the spare just before does it ask the connect for one and wait.
     */
    public static Handle openRequest(Services services, Handle connect, OpenRequest o) {
        Brood<Offspring> brood = connect.brood();
        Offspring from = brood.heritage();
        ActorRef<RequestActor.Command> spare = brood.take("openRequest", connect);
        boolean offered = spare != null;
        if (!offered) {
            Call ask = new Call("openRequest");
            connect.<Command>actor().tell(new Spare(ask));
            spare = ((ActorRef<?>) ask.await(connect)).unsafeUpcast();
        }
        Handle h = services.newHandle(WINHTTP_HANDLE_TYPE_REQUEST, connect.async(), connect);
        Core core = new Core(h, services.newNotifier(), from.parent().subscription(), from.parent().context(),
                OptionValues.forRequest(from.server().session().options(), from.parent().options()));
        Behavior<RequestActor.Command> request = RequestActor.create(services, core, from.server(), o); // publishes `opened`
        core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, new StatusInfo.HandleInfo(h), o.call());
        o.call().complete(h);
        h.bind(spare);
        spare.tell(new Unborn.Init(core, request, offered));
        return (Handle) o.call().await(h); // runs HANDLE_CREATED in synchronous mode; no wait
    }

    /** A spare request actor, counted as a child like the requests (it serves one after another, or stops unused). */
    private static ActorRef<RequestActor.Command> spare(Env env) { return spareRequest(env.ctx(), env.services()); }

    private static ActorRef<RequestActor.Command> spareRequest(ActorContext<Command> ctx, Services services) {
        ActorRef<RequestActor.Command> s = ctx.spawnAnonymous(Unborn.request(ctx.getSelf(), services));
        ctx.watchWith(s, new Commands.ChildClosed(null, s));
        return s;
    }

    private static Behavior<Command> open(Env env, Core core, int children) {
        env.brood().publish(new Offspring(core, env.server()));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Commands.Taken t) { // the offered spare is a request now: the next one
                if (!env.brood().taken(t.child())) return Behaviors.same();
                ActorRef<RequestActor.Command> idle = env.brood().reuse(); // counted already
                env.brood().offer(idle != null ? idle : spare(env));
                return idle != null ? Behaviors.same() : open(env, core, children + 1);
            }
            if (msg instanceof Spare sp) {
                ActorRef<RequestActor.Command> idle = env.brood().reuse();
                ActorRef<RequestActor.Command> s = idle != null ? idle : spare(env);
                env.brood().handOut(s);
                sp.call().complete(s);
                return idle != null ? Behaviors.same() : open(env, core, children + 1);
            }
            if (msg instanceof Commands.Vacated v) { // a request closed: its actor waits for the next, or stops
                if (env.brood().keep(v.child())) return Behaviors.same();
                return open(env, core, children - Children.stop(env.ctx(), v.child()));
            }
            if (msg instanceof Commands.Adopt a) {
                Children.spawn(env.ctx(), a.child(), new Commands.ChildClosed(a.creator()));
                return open(env, core, children + 1);
            }
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                if (c.request() != null) env.brood().forget(c.request()); // never offered again
                return open(env, core, children - 1);
            }
            if (msg instanceof Commands.Close c) return Parents.close(env.ctx(), core, children, env.brood(), c.call());
            if (msg instanceof Commands.Shutdown s) return Parents.shutdown(env.ctx(), core, children, env.brood(), s);
            Behavior<Command> next = Common.handle(core, msg, changed -> open(env, changed, children));
            return next != null ? next : Behaviors.unhandled();
        });
    }
}
