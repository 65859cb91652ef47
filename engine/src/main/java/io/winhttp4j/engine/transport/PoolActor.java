package io.winhttp4j.engine.transport;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The idle connections to one server (host, port, security), shared by every session of the
 * engine as WinHTTP pools process-wide. Leases a connection to one request at a time; opens a
 * new one while under the limit; queues requests beyond the limit instead of failing them.
 */
final class PoolActor {
    sealed interface Command {}

    record Acquire(ConnectTarget target, Lessee lessee) implements Command {}

    record Release(Connection connection, boolean reusable) implements Command {}

    /** The lessee went away before it could use or release what it asked for. */
    record Abandon(Lessee lessee) implements Command {}

    record CloseIdle() implements Command {}

    record Shutdown() implements Command {}

    private record Connected(Connection connection, Lessee lessee, String ip, Throwable failure) implements Command {}

    private record Died(Connection connection) implements Command {}

    private record IdleExpired(Connection connection) implements Command {}

    private final Transport transport;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final Duration idleTimeout;
    /** Every connection of this pool: connecting, leased or idle. */
    private final Set<Connection> all = new HashSet<>();
    /** Shared with the transport, which lets a request take an idle connection without a message. */
    private final ConcurrentLinkedDeque<Connection> idle;
    private final Map<Connection, Lessee> leased = new HashMap<>();
    private final Map<Lessee, Connection> connecting = new HashMap<>();
    private final ArrayDeque<Acquire> waiting = new ArrayDeque<>();

    private PoolActor(Transport transport, ActorContext<Command> context, TimerScheduler<Command> timers,
                      Duration idleTimeout, ConcurrentLinkedDeque<Connection> idle) {
        this.transport = transport;
        this.idle = idle;
        this.context = context;
        this.timers = timers;
        this.idleTimeout = idleTimeout;
    }

    static Behavior<Command> create(Transport transport, Duration idleTimeout, ConcurrentLinkedDeque<Connection> idle) {
        // Every request to this server waits on this actor: a bug must not take its state with it.
        return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(timers ->
                new PoolActor(transport, ctx, timers, idleTimeout, idle).running())))
                .onFailure(RuntimeException.class, SupervisorStrategy.resume());
    }

    private Behavior<Command> running() {
        return Behaviors.receive(Command.class)
                .onMessage(Acquire.class, a -> { acquire(a); return Behaviors.same(); })
                .onMessage(Connected.class, c -> { connected(c); return Behaviors.same(); })
                .onMessage(Release.class, r -> { release(r.connection(), r.reusable()); return Behaviors.same(); })
                .onMessage(Abandon.class, a -> { abandon(a.lessee()); return Behaviors.same(); })
                .onMessage(Died.class, d -> { forget(d.connection()); serveWaiting(); return Behaviors.same(); })
                .onMessage(IdleExpired.class, e -> {
                    if (e.connection().claim()) { // else a request took it meanwhile
                        forget(e.connection());
                        e.connection().close();
                    }
                    return Behaviors.same();
                })
                .onMessage(CloseIdle.class, c -> {
                    for (Connection idleOne : idle) {
                        if (!idleOne.claim()) continue;
                        timers.cancel(idleOne);
                        forget(idleOne);
                        idleOne.close();
                    }
                    return Behaviors.same();
                })
                .onMessage(Shutdown.class, s -> {
                    all.forEach(Connection::close);
                    return Behaviors.stopped();
                })
                .build();
    }

    /** Serves an Acquire; whatever throws meanwhile is that request's failure, not the pool's. */
    private void acquire(Acquire a) {
        try {
            serve(a);
        } catch (RuntimeException e) {
            Connection half = connecting.remove(a.lessee());
            if (half != null) {
                forget(half);
                half.close();
            }
            context.getLog().debug("acquire for {} failed: {}", a.target().key(), Failures.describe(e));
            a.lessee().tell(new TransportEvent.AcquireFailed(e));
        }
    }

    private void serve(Acquire a) {
        Connection c;
        while ((c = idle.pollLast()) != null) {
            if (!c.claim()) continue;
            timers.cancel(c);
            if (c.isOpen()) {
                lease(c, a.lessee(), false, null);
                return;
            }
            forget(c);
        }
        int max = a.target().maxConns();
        if (max <= 0 || all.size() < max) {
            open(a);
        } else {
            waiting.add(a);
        }
    }

    private void open(Acquire a) {
        Connection c = Connection.open(transport, a.target(), a.lessee());
        all.add(c);
        connecting.put(a.lessee(), c);
        context.pipeToSelf(c.connected(), (ok, failure) -> new Connected(c, a.lessee(),
                ok == null ? null : Connection.text(ok.remoteAddress().getAddress()), failure));
        context.pipeToSelf(c.terminated(), (ok, failure) -> new Died(c));
    }

    private void connected(Connected c) {
        boolean stillWanted = connecting.remove(c.lessee()) != null;
        if (c.failure() != null) {
            forget(c.connection());
            c.connection().close();
            if (stillWanted) c.lessee().tell(new TransportEvent.AcquireFailed(c.failure()));
            serveWaiting();
        } else if (stillWanted) {
            lease(c.connection(), c.lessee(), true, c.ip());
        } else {
            release(c.connection(), true);
        }
    }

    private void lease(Connection c, Lessee lessee, boolean fresh, String ip) {
        leased.put(c, lessee);
        lessee.tell(new TransportEvent.Leased(c, fresh, ip));
    }

    private void release(Connection c, boolean reusable) {
        leased.remove(c);
        if (!all.contains(c)) return;
        if (reusable && c.isOpen()) {
            Acquire next = waiting.poll();
            if (next != null) {
                lease(c, next.lessee(), false, null);
            } else {
                c.markIdle();
                idle.add(c);
                timers.startSingleTimer(c, new IdleExpired(c), idleTimeout);
            }
        } else {
            forget(c);
            c.close();
            serveWaiting();
        }
    }

    private void abandon(Lessee lessee) {
        waiting.removeIf(a -> a.lessee() == lessee);
        connecting.remove(lessee);
        leased.entrySet().stream().filter(e -> e.getValue() == lessee).map(Map.Entry::getKey)
                .findFirst().ifPresent(c -> release(c, true));
    }

    private void forget(Connection c) {
        all.remove(c);
        idle.remove(c);
        leased.remove(c);
    }

    private void serveWaiting() {
        while (!waiting.isEmpty()) {
            Acquire next = waiting.peek();
            int max = next.target().maxConns();
            if (max > 0 && all.size() >= max && idle.isEmpty()) return;
            waiting.poll();
            acquire(next);
        }
    }
}
