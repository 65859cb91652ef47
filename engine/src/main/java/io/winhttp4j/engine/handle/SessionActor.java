package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.notify.Subscription;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A session handle (WinHttpOpen). States: open → closing (closed by the caller while connect
 * handles are still open; HANDLE_CLOSING comes when the last one goes) → stopped. Its connects
 * are made on the caller's thread from a spare connect actor it keeps (connect, below).
 */
public final class SessionActor {
    public sealed interface Command permits SpareConnect, Commands.SetCallback, Commands.SetOption,
            Commands.Close, Commands.Shutdown, Commands.ChildClosed, Commands.Ended, Commands.Taken {}

    /** connect found no spare offered (another caller took it just before): one more, answered to call with its handle. */
    record SpareConnect(Call call) implements Command, CallMessage {}

    /**
     * What a connect made now inherits (the session's subscriber, context value and options, and
     * the part of the session its requests share), with the handle of the spare offered now
     * (next): published before that spare is offered, and replaced only once its taker's Init
     * came (Taken), so the caller that took the offered spare finds its handle here.
     */
    private record Lineage(Core core, SessionShared shared, Handle next) {}

    private record Env(ActorContext<Command> ctx, Services services, SessionShared shared, Brood<Lineage> brood) {}

    private SessionActor() {}

    /** initial: what open() was given (OptionValues.forSession). */
    public static Behavior<Command> create(Services services, Handle handle, OptionValues initial) {
        Core core = new Core(handle, services.newNotifier(), Subscription.NONE, 0L, initial);
        Brood<Lineage> brood = new Brood<>();
        handle.brood(brood); // before the handle is published; its first spare comes once the actor runs
        return Lifeline.around(core, Commands.Shutdown.FAILED, () -> services.onSessionGone().accept(handle),
                Behaviors.setup(ctx -> {
                    Env env = new Env(ctx, services, new SessionShared(initial), brood);
                    return open(env, core, 1, offer(env, core)); // the offered spare counts as a child
                }));
    }

    /**
     * connect on the caller's thread, without a round trip: it takes the session's spare connect
     * actor (one compare-and-set; refused once the session closes), builds the connect there from
     * what the session published last (a change the caller made returned only once published),
     * sends its HANDLE_CREATED before the actor runs, so nothing can come before it, and makes
     * the spare that connect (Init, its first message); the spare has spawned its own spare
     * request already, so an openRequest right after needs no round trip either. In synchronous
     * mode the caller runs HANDLE_CREATED before it returns. Only when another caller took the
     * spare just before does it ask the session for one and wait.
     */
    public static Handle connect(Services services, Handle session, String host, int port) {
        Brood<Lineage> brood = session.brood();
        ActorRef<ConnectActor.Command> spare = brood.take("connect", session);
        boolean offered = spare != null;
        Handle h;
        if (offered) {
            h = brood.heritage().next();
        } else {
            Call ask = new Call("connect");
            session.<Command>actor().tell(new SpareConnect(ask));
            h = (Handle) ask.await(session);
            spare = h.actor();
        }
        Lineage from = brood.heritage();
        Call created = new Call("connect");
        Core core = new Core(h, services.newNotifier(), from.core().subscription(), from.core().context(),
                from.core().options().forConnect());
        Behavior<ConnectActor.Command> connect = ConnectActor.create(services, core, host, port, from.shared());
        core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, new StatusInfo.HandleInfo(h), created);
        created.complete(h);
        spare.tell(new Unborn.Init(core, connect, offered));
        return (Handle) created.await(h); // runs HANDLE_CREATED in synchronous mode; no wait
    }

    /** A new spare connect, offered to callers once what a connect inherits names its handle. */
    private static Handle offer(Env env, Core core) {
        Handle next = spare(env, core.handle());
        env.brood().publish(new Lineage(core, env.shared(), next));
        env.brood().offer(next.actor());
        return next;
    }

    /** A spare connect actor and its handle, counted as a child like the connects (it is one, or stops unused). */
    private static Handle spare(Env env, Handle session) {
        Handle h = env.services().newHandle(WINHTTP_HANDLE_TYPE_CONNECT, session.async(), session);
        ConnectActor.unborn(env.ctx(), env.services(), h);
        return h;
    }

    private static Behavior<Command> open(Env env, Core core, int children, Handle next) {
        env.brood().publish(new Lineage(core, env.shared(), next));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Commands.Taken t) { // the offered spare is a connect now: the next one
                if (env.brood().taken(t.child())) return open(env, core, children + 1, offer(env, core));
                return Behaviors.same();
            }
            if (msg instanceof SpareConnect sp) {
                Handle h = spare(env, core.handle());
                env.brood().handOut(h.actor());
                sp.call().complete(h);
                return open(env, core, children + 1, next);
            }
            if (msg instanceof Commands.Ended e) { // a connect closed: counted now, not at its stop (unwatched)
                env.ctx().unwatch(e.child());
                return open(env, core, children - 1, next);
            }
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                return open(env, core, children - 1, next);
            }
            if (msg instanceof Commands.Close c) return Parents.close(env.ctx(), core, children, env.brood(), c.call());
            if (msg instanceof Commands.Shutdown s) return Parents.shutdown(env.ctx(), core, children, env.brood(), s);
            Behavior<Command> common = Common.handle(core, msg, changed -> {
                env.shared().publish(changed.options());
                return open(env, changed, children, next);
            });
            return common != null ? common : Behaviors.unhandled();
        });
    }
}
