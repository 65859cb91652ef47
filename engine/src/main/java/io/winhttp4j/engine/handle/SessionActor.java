package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.notify.Subscription;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A session handle (WinHttpOpen). States: open → closing (closed by the caller while connect
 * handles are still open; HANDLE_CLOSING comes when the last one goes) → stopped.
 */
public final class SessionActor {
    public sealed interface Command permits Connect, Commands.SetCallback, Commands.SetOption,
            Commands.QueryOption, Commands.Close, Commands.Shutdown, Commands.ChildClosed {}

    public record Connect(String server, int port, Call call) implements Command, CallMessage {}

    /** brood: a session's connects are still spawned by its actor, so it never offers a spare. */
    private record Env(ActorContext<Command> ctx, Services services, SessionShared shared, Brood<Void> brood) {}

    private SessionActor() {}

    /** initial: what open() was given (OptionValues.forSession). */
    public static Behavior<Command> create(Services services, Handle handle, OptionValues initial) {
        Core core = new Core(handle, services.newNotifier(), Subscription.NONE, 0L, initial);
        return Lifeline.around(core, Commands.Shutdown.FAILED, () -> services.onSessionGone().accept(handle),
                Behaviors.setup(ctx -> open(new Env(ctx, services, new SessionShared(initial), new Brood<>()), core, 0)));
    }

    private static Behavior<Command> open(Env env, Core core, int children) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Connect c) {
                Handle h = env.services().newHandle(WINHTTP_HANDLE_TYPE_CONNECT, core.handle().async(), core.handle());
                Core child = new Core(h, env.services().newNotifier(), core.subscription(), core.context(),
                        core.options().forConnect());
                Children.spawn(env.ctx(), ConnectActor.create(env.services(), child, c.server(), c.port(), env.shared(), c.call()),
                        new Commands.ChildClosed(c.call()));
                return open(env, core, children + 1);
            }
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                return open(env, core, children - 1);
            }
            if (msg instanceof Commands.Close c) return Parents.close(env.ctx(), core, children, env.brood(), c.call());
            if (msg instanceof Commands.Shutdown s) return Parents.shutdown(env.ctx(), core, children, env.brood(), s);
            Behavior<Command> next = Common.handle(core, msg, changed -> {
                env.shared().publish(changed.options());
                return open(env, changed, children);
            });
            return next != null ? next : Behaviors.unhandled();
        });
    }
}
