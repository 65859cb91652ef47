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
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The idle connections to one server (host, port, security), shared by every session of the
 * engine as WinHTTP pools process-wide. Leases a connection to one request at a time; opens a
 * new one when none is idle. MAX_CONNS_PER_SERVER is a session's limit: a connection counts for
 * the session whose request holds it (opening, leased), and a request of a session at its limit
 * waits, in arrival order, instead of failing.
 */
final class PoolActor {
    sealed interface Command {}

    /** fresh: a new connection, never an idle one (a send going once more after a pooled one died). */
    record Acquire(ConnectTarget target, Lessee lessee, boolean fresh) implements Command {}

    record Release(Connection connection, boolean reusable) implements Command {}

    /** The lessee went away before it could use or release what it asked for. */
    record Abandon(Lessee lessee) implements Command {}

    record CloseIdle() implements Command {}

    record Shutdown() implements Command {}

    private record Connected(Connection connection, Acquire cause, String ip, Throwable failure) implements Command {}

    private record Died(Connection connection) implements Command {}

    /** Time to close the connections idle for the idle timeout; one timer for all of them. */
    private record Sweep() implements Command {}

    private static final Sweep SWEEP = new Sweep();

    /** The peer sent bytes or closed while the connection sat idle (period: which idle time). */
    private record IdleSpoiled(Connection connection, int period) implements Command {}

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
    /** Requests of sessions at their limit, in arrival order. */
    private final ArrayDeque<Acquire> waiting = new ArrayDeque<>();
    /** Which session each counted connection counts for, and how many each session holds. */
    private final Map<Connection, Object> holder = new HashMap<>();
    private final Map<Object, Integer> held = new HashMap<>();
    /** A Sweep is scheduled. */
    private boolean sweepPending;

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
                .onMessage(Acquire.class, a -> {
                    if (mayHoldOneMore(a.target())) serve(a); else waiting.add(a);
                    return Behaviors.same();
                })
                .onMessage(Connected.class, c -> { connected(c); return Behaviors.same(); })
                .onMessage(Release.class, r -> { release(r.connection(), r.reusable()); return Behaviors.same(); })
                .onMessage(Abandon.class, a -> { abandon(a.lessee()); return Behaviors.same(); })
                .onMessage(Died.class, d -> {
                    // a connect that failed is dealt with by its Connected, which may try the next address
                    if (!connecting.containsValue(d.connection())) {
                        forget(d.connection());
                        serveWaiting();
                    }
                    return Behaviors.same();
                })
                .onMessage(Sweep.class, e -> { sweep(); return Behaviors.same(); })
                .onMessage(IdleSpoiled.class, e -> {
                    Connection c = e.connection();
                    if (c.idlePeriod() == e.period() && c.claim()) { // else a request took it meanwhile
                        forget(c);
                        c.close();
                        serveWaiting();
                    }
                    return Behaviors.same();
                })
                .onMessage(CloseIdle.class, c -> {
                    for (Connection idleOne : idle) {
                        if (!idleOne.claim()) continue;
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

    private boolean mayHoldOneMore(ConnectTarget t) {
        return !t.limited() || held.getOrDefault(t.owner(), 0) < t.maxConns();
    }

    /**
     * Gives the request an idle connection or opens one; its session may hold one more. Whatever
     * throws meanwhile is that request's failure, not the pool's.
     */
    private void serve(Acquire a) {
        attempt(a, () -> {
            Connection c = a.fresh() ? null : takeIdle();
            if (c != null) {
                lease(c, a, false, null);
            } else {
                open(a, 0);
            }
        });
    }

    /** Runs one step for a request; false if it threw, which the request is told as its failure. */
    private boolean attempt(Acquire a, Runnable step) {
        try {
            step.run();
            return true;
        } catch (RuntimeException e) {
            Connection half = connecting.remove(a.lessee());
            if (half != null) {
                forget(half);
                half.close();
            }
            context.getLog().debug("acquire for {} failed: {}", a.target().key(), Failures.describe(e));
            a.lessee().tell(new TransportEvent.AcquireFailed(e));
            return false;
        }
    }

    private Connection takeIdle() {
        Connection c;
        while ((c = idle.pollLast()) != null) {
            if (!c.claim()) continue;
            if (c.usable()) return c;
            forget(c);
            c.close();
        }
        return null;
    }

    /** Opens a connection to the server's address number `attempt` (0: the first). */
    private void open(Acquire a, int attempt) {
        Connection c = Connection.open(transport, a.target(), a.lessee(), attempt);
        all.add(c);
        hold(c, a.target());
        connecting.put(a.lessee(), c);
        context.pipeToSelf(c.connected(), (ok, failure) -> new Connected(c, a,
                ok == null ? null : Connection.text(ok.getAddress()), failure));
        context.pipeToSelf(c.terminated(), (ok, failure) -> new Died(c));
    }

    private void connected(Connected m) {
        Connection c = m.connection();
        Lessee lessee = m.cause().lessee();
        boolean stillWanted = connecting.get(lessee) == c;
        if (stillWanted) connecting.remove(lessee);
        if (m.failure() != null) {
            forget(c);
            c.close();
            int next = c.nextAttempt(m.cause().target());
            if (stillWanted && next > 0) {
                // as Windows does: the server's next address, in the slot the failed attempt had
                if (!attempt(m.cause(), () -> open(m.cause(), next))) serveWaiting();
                return;
            }
            if (stillWanted) lessee.tell(new TransportEvent.AcquireFailed(m.failure()));
            serveWaiting();
        } else if (stillWanted) {
            lease(c, m.cause(), true, m.ip());
        } else {
            release(c, true);
        }
    }

    private void lease(Connection c, Acquire a, boolean fresh, String ip) {
        leased.put(c, a.lessee());
        hold(c, a.target());
        a.lessee().tell(new TransportEvent.Leased(c, fresh, ip));
    }

    private void release(Connection c, boolean reusable) {
        if (c.isIdle()) return; // already back: a second release changes nothing
        leased.remove(c);
        unhold(c);
        if (!all.contains(c)) return;
        if (reusable && c.isOpen()) {
            Acquire next = nextServable();
            if (next != null && !next.fresh()) {
                lease(c, next, false, null);
                return;
            }
            putIdle(c);
            if (next != null) serve(next); // it wants a new connection: this one waits for another request
        } else {
            forget(c);
            c.close();
            serveWaiting();
        }
    }

    /**
     * Into the idle list, watched while it waits. Its idle time is kept on it, and one timer of
     * the pool closes whatever has been idle for the timeout: a timer per connection per release
     * cost more than the rest of the pool's work for a request.
     */
    private void putIdle(Connection c) {
        CompletionStage<?> watch = c.markIdle();
        int period = c.idlePeriod();
        context.pipeToSelf(watch, (x, t) -> new IdleSpoiled(c, period));
        idle.add(c);
        if (!sweepPending) scheduleSweep(idleTimeout.toNanos());
    }

    private void scheduleSweep(long inNanos) {
        sweepPending = true;
        timers.startSingleTimer(SWEEP, SWEEP, Duration.ofNanos(inNanos));
    }

    /** Closes the connections idle for the timeout; comes again when the next one will be. */
    private void sweep() {
        sweepPending = false;
        long now = System.nanoTime();
        long timeout = idleTimeout.toNanos();
        long soonest = Long.MAX_VALUE;
        for (Connection c : idle) {
            if (!c.isIdle()) continue; // a request took it meanwhile
            long left = c.idleSince() + timeout - now;
            if (left > 0) {
                soonest = Math.min(soonest, left);
            } else if (c.claim()) {
                forget(c);
                c.close();
            }
        }
        if (soonest != Long.MAX_VALUE) scheduleSweep(soonest);
    }

    private void abandon(Lessee lessee) {
        waiting.removeIf(a -> a.lessee() == lessee);
        connecting.remove(lessee); // still counts for its session until its Connected comes
        leased.entrySet().stream().filter(e -> e.getValue() == lessee).map(Map.Entry::getKey)
                .findFirst().ifPresent(c -> release(c, true));
    }

    private void forget(Connection c) {
        all.remove(c);
        idle.remove(c);
        leased.remove(c);
        unhold(c);
    }

    /** Counts c for the target's session, if that session has a limit. */
    private void hold(Connection c, ConnectTarget t) {
        if (!t.limited()) return;
        Object before = holder.put(c, t.owner());
        if (before == t.owner()) return;
        if (before != null) held.computeIfPresent(before, (k, n) -> n > 1 ? n - 1 : null);
        held.merge(t.owner(), 1, Integer::sum);
    }

    private void unhold(Connection c) {
        Object owner = holder.remove(c);
        if (owner != null) held.computeIfPresent(owner, (k, n) -> n > 1 ? n - 1 : null);
    }

    /** The first waiting request whose session may now hold one more connection, taken off the queue. */
    private Acquire nextServable() {
        for (Iterator<Acquire> it = waiting.iterator(); it.hasNext(); ) {
            Acquire a = it.next();
            if (mayHoldOneMore(a.target())) {
                it.remove();
                return a;
            }
        }
        return null;
    }

    /** Serves, in arrival order, every waiting request whose session may now hold one more. */
    private void serveWaiting() {
        Acquire next;
        while ((next = nextServable()) != null) serve(next);
    }
}
