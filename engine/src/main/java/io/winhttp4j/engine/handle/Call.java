package io.winhttp4j.engine.handle;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.notify.Callbacks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One API call in flight: the actor answers through it, and in synchronous mode also hands it
 * the notifications the call caused, which the waiting caller runs on its own thread before it
 * returns (as Windows does). Nothing here ever blocks the actor: it only sets a field, offers to
 * a queue and unparks the caller. Most calls carry no notification, so the queue is made only
 * when one comes. A waiting caller enlists the Call itself in its handle's list of waiters, so
 * that the actor's stop wakes it: no lock, no allocation per call.
 */
public final class Call {
    private static final Object NULL = new Object();
    private static final VarHandle DELIVERIES;
    private static final VarHandle SERVING;

    static {
        try {
            DELIVERIES = MethodHandles.lookup().findVarHandle(Call.class, "deliveries", ConcurrentLinkedQueue.class);
            SERVING = MethodHandles.lookup().findVarHandle(Call.class, "serving", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** after: another caller on the same handle whose notifications come first, or null. */
    private record Deliver(StatusCallback callback, Notification notification, Call after) {}

    /** How long a notification waits for an earlier caller on its handle to run its own (a callback may be slow). */
    private static final long ORDER_WAIT_NANOS = 10_000_000_000L;

    private record Failed(WinHttpError error, String detail) {}

    private final String api;
    private final Thread caller = Thread.currentThread();
    @SuppressWarnings("unused") // set through DELIVERIES
    private volatile ConcurrentLinkedQueue<Deliver> deliveries;
    private volatile Object outcome;
    /** The caller has run every notification delivered to it and returned (or thrown). */
    private volatile boolean drained;
    /** The caller parked on the same handle before this one (Handle's list of waiters); set once. */
    Call nextWaiter;
    /** Claimed on its handle's CallSet (Handle.claim): which call (CallSet's bit), its API_* for a REQUEST_ERROR. Set before its message goes. */
    boolean claimed;
    int claimedCall;
    int claimedApi;
    /**
     * The handle the call was made on (Handle.tell), set before its message goes; null for the
     * engine's own messages. A request's actor serves one handle after another (Unborn), so a
     * call made on a handle it no longer serves is refused instead of reaching the next one.
     */
    Handle target;
    /**
     * How the claimed call ends, decided by compare-and-set between its caller and a close that
     * shuts it out (atClose), so that exactly one of them decides: WAITS (the caller waits for
     * the actor's answer, as in synchronous mode), AT_ONCE (it returned at once, so its end is a
     * notification), BEING_SERVED / SERVED (its caller serves it itself, ReadsInHand), then
     * CANCELLED or CLOSE_WAITS once a close has decided.
     */
    @SuppressWarnings("unused") // set through SERVING
    private volatile int serving;
    private static final int WAITS = 0, AT_ONCE = 1, BEING_SERVED = 2, SERVED = 3, CANCELLED = 4, CLOSE_WAITS = 5;

    /** What a close does with the claimed call it shut out (atClose). */
    enum AtClose {
        /** Its caller waits: the close answers it with its error. */
        ANSWER,
        /** Its caller returned at once: the close ends it with a REQUEST_ERROR. */
        NOTIFY,
        /** Its caller is serving it: the close goes on once the caller says its completion is queued (ServedHere). */
        AWAIT,
        /** Its caller served it and queued its completion: the close goes on. */
        DONE
    }

    public Call(String api) { this.api = api; }

    public String api() { return api; }

    /**
     * Caller side, before its message goes (after its claim): the caller returns at once instead
     * of waiting, so whatever the actor decides about the call reaches it as notifications
     * (REQUEST_ERROR). False when a close has shut the claimed call out and cancelled it first:
     * the call was never taken, and the caller must not return pending.
     */
    public boolean returnAtOnce() {
        return SERVING.compareAndSet(this, WAITS, AT_ONCE) || serving == AT_ONCE;
    }

    /** Actor side, for a call whose message it took (sent after returnAtOnce). */
    boolean returnedAtOnce() { return serving == AT_ONCE; }

    /** Caller side, holding the claim after returnAtOnce: it serves the call itself, unless a close cancelled it first. */
    boolean serveHere() { return SERVING.compareAndSet(this, AT_ONCE, BEING_SERVED); }

    /** Caller side: its completion is queued; false if a close is waiting for that (tell it ServedHere). */
    boolean servedHere() { return SERVING.compareAndSet(this, BEING_SERVED, SERVED); }

    /** Actor side, for the claimed call a close shut out (Handle.shut): one decision, raced against the caller's. */
    AtClose atClose() {
        for (;;) {
            int s = serving;
            if (s == WAITS && SERVING.compareAndSet(this, WAITS, CANCELLED)) return AtClose.ANSWER;
            if (s == AT_ONCE && SERVING.compareAndSet(this, AT_ONCE, CANCELLED)) return AtClose.NOTIFY;
            if (s == BEING_SERVED && SERVING.compareAndSet(this, BEING_SERVED, CLOSE_WAITS)) return AtClose.AWAIT;
            if (s == SERVED || s == CANCELLED || s == CLOSE_WAITS) return AtClose.DONE;
        }
    }

    /** Actor side: a notification to run on the caller's thread (synchronous mode). */
    public void deliver(StatusCallback callback, Notification notification) { deliver(callback, notification, null); }

    /**
     * Actor side: as above, but it runs only once the earlier caller after (on another thread, on
     * the same handle) has run the notifications delivered to it, so that the handle's order holds
     * across callers: a close's HANDLE_CLOSING never runs before the progress of the call it
     * cancelled.
     */
    public void deliver(StatusCallback callback, Notification notification, Call after) {
        ConcurrentLinkedQueue<Deliver> q = deliveries;
        if (q == null) {
            DELIVERIES.compareAndSet(this, null, new ConcurrentLinkedQueue<Deliver>());
            q = deliveries;
        }
        q.offer(new Deliver(callback, notification, after));
        LockSupport.unpark(caller);
    }

    /** Actor side: the call's result (null allowed). Notifications delivered before it run first. */
    public void complete(Object value) { finish(value == null ? NULL : value); }

    /** Actor side: the call failed. */
    public void fail(WinHttpError error, String detail) { finish(new Failed(error, detail)); }

    /** The call failed unless it was answered already (its answerer has gone; no race with it). */
    void failIfUnanswered(WinHttpError error, String detail) {
        if (outcome == null) fail(error, detail);
    }

    private void finish(Object o) {
        outcome = o;
        wake();
    }

    boolean answered() { return outcome != null; }

    /** Wakes the caller: its answer came, or the handle's actor stopped. */
    void wake() { LockSupport.unpark(caller); }

    /**
     * Caller side: runs delivered callbacks until the outcome arrives. If the handle's actor stops
     * before answering (the handle was closed by another thread, or the actor failed), the stop
     * wakes the caller (Handle.markTerminated) and the call fails instead of waiting forever.
     */
    public Object await(Handle handle) {
        try {
            return awaitOutcome(handle);
        } finally {
            drained = true;
        }
    }

    private Object awaitOutcome(Handle handle) {
        boolean enlisted = false;
        for (;;) {
            boolean stopped = handle.isTerminated(); // read first: an answer given before the stop is then seen
            runDeliveries();
            Object o = outcome;
            if (o != null) {
                runDeliveries(); // any that came just before the outcome
                if (o instanceof Failed f) {
                    throw new WinHttpException(f.error(), api + " on " + handle + ": " + f.detail());
                }
                return o == NULL ? null : o;
            }
            if (stopped) {
                throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, api + ": " + handle + " is gone (closed, or its actor stopped)");
            }
            if (!enlisted) {
                enlisted = true;
                handle.enlist(this); // false if it has stopped meanwhile: the next turn sees it
                continue;
            }
            LockSupport.park(this);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                        api + " on " + handle + ": the calling thread was interrupted");
            }
        }
    }

    /** Caller side: parks until the handle's actor has stopped; false at the deadline or on interrupt. */
    boolean awaitStop(Handle handle, long deadlineNanos) {
        if (!handle.enlist(this)) return true;
        while (!handle.isTerminated()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) return false;
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    private void runDeliveries() {
        ConcurrentLinkedQueue<Deliver> q = deliveries;
        if (q == null) return;
        Deliver d;
        while ((d = q.poll()) != null) {
            if (d.after() != null) d.after().awaitDrained();
            Callbacks.invoke(d.callback(), d.notification());
        }
    }

    /**
     * Another caller waits until this one has run its notifications: bounded, and not at all on
     * this caller's own thread (a callback of its own call closing the handle). Rare (two threads'
     * synchronous calls on one handle at once), so a short poll does.
     */
    private void awaitDrained() {
        if (drained || caller == Thread.currentThread()) return;
        long deadline = System.nanoTime() + ORDER_WAIT_NANOS;
        while (!drained && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, 100_000);
        }
    }
}
