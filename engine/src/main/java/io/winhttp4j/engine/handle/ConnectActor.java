package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
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
    public sealed interface Command permits OpenRequest, Commands.SetCallback, Commands.SetOption,
            Commands.QueryOption, Commands.Close, Commands.Shutdown, Commands.ChildClosed, Commands.Adopt {}

    /** Checked on the caller's thread: the verb, the escaped request target and the version as they go out. */
    public record OpenRequest(String verb, String target, String version, String referrer,
                              String[] acceptTypes, int flags, Call call) implements Command, CallMessage {}

    /** The server of a connect handle, shared read-only with its requests. */
    record Server(String host, int port, AtomicReference<List<InetAddress>> resolved, SessionShared session) {}

    private record Env(ActorContext<Command> ctx, Services services, Server server) {}

    private ConnectActor() {}

    static Behavior<Command> create(Services services, Core core, String host, int port, SessionShared session,
                                    Call creator) {
        return Lifeline.around(core, Commands.Shutdown.FAILED, null, Behaviors.setup(ctx -> {
            core.handle().bind(ctx.getSelf()); // before anyone can see the handle
            core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, new StatusInfo.HandleInfo(core.handle()), creator);
            creator.complete(core.handle());
            Server server = new Server(host, port, new AtomicReference<>(), session);
            return open(new Env(ctx, services, server), core, 0);
        }));
    }

    private static Behavior<Command> open(Env env, Core core, int children) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof OpenRequest o) {
                Handle h = env.services().newHandle(WINHTTP_HANDLE_TYPE_REQUEST, core.handle().async(), core.handle());
                Core child = new Core(h, env.services().newNotifier(), core.subscription(), core.context(),
                        OptionValues.forRequest(env.server().session().options(), core.options()));
                Children.spawn(env.ctx(), RequestActor.create(env.services(), child, env.server(), o),
                        new Commands.ChildClosed(o.call()));
                return open(env, core, children + 1);
            }
            if (msg instanceof Commands.QueryOption q && Options.checkQuery(core.handle(), q.option())
                    == Options.Source.ACTOR_OR_SESSION) {
                // A connect handle has no timeouts of its own: it reports its session's current ones.
                q.call().complete(env.server().session().options().get(q.option()));
                return Behaviors.same();
            }
            if (msg instanceof Commands.Adopt a) {
                Children.spawn(env.ctx(), a.child(), new Commands.ChildClosed(a.creator()));
                return open(env, core, children + 1);
            }
            if (msg instanceof Commands.ChildClosed c) {
                Children.gone(c);
                return open(env, core, children - 1);
            }
            if (msg instanceof Commands.Close c) return Parents.close(env.ctx(), core, children, c.call());
            if (msg instanceof Commands.Shutdown s) return Parents.shutdown(env.ctx(), core, children, s);
            Behavior<Command> next = Common.handle(core, msg, changed -> open(env, changed, children));
            return next != null ? next : Behaviors.unhandled();
        });
    }
}
