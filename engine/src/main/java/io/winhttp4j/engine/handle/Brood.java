package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a parent handle's callers need to open a child without a round trip (a connect's
 * requests): what a child inherits now (heritage, S, published by the parent's actor) and a
 * spare child actor the parent spawned ahead of need (Unborn), a Pekko child like any other, so
 * that watching, shutdown and a stop of the parent reach it unchanged. A caller takes the spare
 * with one compare-and-set, which the parent's close shuts out; the parent spawns the next
 * spare when the taken one tells it (Commands.Taken). A child actor whose handle was closed waits
 * here for the next (idle, Unborn), so that a new spare is spawned only when none waits.
 */
final class Brood<S> {
    private static final Object SHUT = new Object();

    private volatile S heritage;
    /** The spare a caller may take, null while the next is on its way, SHUT once the parent closes. */
    private final AtomicReference<Object> spare = new AtomicReference<>();
    /** Actor-confined: the spare offered last, and the spares handed to callers that have not told Taken yet. */
    private ActorRef<?> offered;
    private final Set<ActorRef<?>> handedOut = new HashSet<>();
    /** Actor-confined: child actors between handles, offered before a new one is spawned; at most IDLE_MAX. */
    private final ArrayDeque<ActorRef<?>> idle = new ArrayDeque<>();

    /** Idle child actors a parent keeps: enough for the requests a burst closes and opens again, bounded in memory. */
    static final int IDLE_MAX = 64;

    /** Actor side: what a child opened from now on inherits. */
    void publish(S s) { heritage = s; }

    /** Caller side: what a child opened now inherits. */
    S heritage() { return heritage; }

    /** Actor side: a new spare (the parent is open). */
    void offer(ActorRef<?> s) {
        offered = s;
        spare.set(s);
    }

    /** Actor side: a child actor between handles (Commands.Vacated) waits to be offered again; false if enough wait. */
    boolean keep(ActorRef<?> s) {
        if (idle.size() >= IDLE_MAX) return false;
        idle.push(s);
        return true;
    }

    /** Actor side: a child actor has stopped (a kill): if it was idle, it is not offered. */
    void forget(ActorRef<?> s) { idle.remove(s); }

    /** Actor side: an idle child actor to offer or hand out, or null (a new one must be spawned). */
    @SuppressWarnings("unchecked")
    <T> ActorRef<T> reuse() { return (ActorRef<T>) idle.poll(); }

    /** Actor side, at the parent's close: the idle child actors, none kept any more (the parent stops them). */
    ArrayDeque<ActorRef<?>> dropIdle() {
        ArrayDeque<ActorRef<?>> all = new ArrayDeque<>(idle);
        idle.clear();
        return all;
    }

    /** Actor side: a spare handed to a caller that asked for one (none was offered). */
    void handOut(ActorRef<?> s) { handedOut.add(s); }

    /** Caller side: the spare, now the caller's; null if none is offered now; ERROR_INVALID_HANDLE once the parent closes. */
    @SuppressWarnings("unchecked")
    <T> ActorRef<T> take(String api, Handle parent) {
        for (;;) {
            Object s = spare.get();
            if (s == SHUT) throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, api + ": " + parent + " is closed");
            if (s == null) return null;
            if (spare.compareAndSet(s, null)) return (ActorRef<T>) s;
        }
    }

    /**
     * Actor side, at its close: no spare is taken after this. Returns the offered spare if no
     * caller took it (the parent stops it); a taken one is handed out until it tells Taken.
     */
    ActorRef<?> shut() {
        Object s = spare.getAndSet(SHUT);
        if (s == SHUT) return null;
        if (s == null && offered != null) handedOut.add(offered);
        offered = null;
        return (ActorRef<?>) s;
    }

    /** Actor side: a taken spare is a child handle now (its first message was its Init); true if it was the offered one. */
    boolean taken(ActorRef<?> s) {
        handedOut.remove(s);
        if (!s.equals(offered)) return false; // the child's own ref: equal, not the same object
        offered = null;
        return true;
    }

    /** A shutdown must not reach a spare before its Init (it would stop without its handle ever closing). */
    boolean handedOut(ActorRef<?> s) { return handedOut.contains(s); }
}
