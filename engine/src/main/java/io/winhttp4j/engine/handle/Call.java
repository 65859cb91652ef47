package io.winhttp4j.engine.handle;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.notify.Callbacks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One API call in flight: the actor answers through it, and in synchronous mode also hands it
 * the notifications the call caused, which the waiting caller runs on its own thread before it
 * returns (as Windows does). Nothing here ever blocks the actor: it only sets a field, offers to
 * a queue and unparks the caller. Most calls carry no notification, so the queue is made only
 * when one comes.
 */
public final class Call {
    private static final Object NULL = new Object();
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final VarHandle DELIVERIES;

    static {
        try {
            DELIVERIES = MethodHandles.lookup().findVarHandle(Call.class, "deliveries", ConcurrentLinkedQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Deliver(StatusCallback callback, Notification notification) {}

    private record Failed(WinHttpError error, String detail) {}

    private final String api;
    private final Thread caller = Thread.currentThread();
    @SuppressWarnings("unused") // set through DELIVERIES
    private volatile ConcurrentLinkedQueue<Deliver> deliveries;
    private volatile Object outcome;

    public Call(String api) { this.api = api; }

    public String api() { return api; }

    /** Actor side: a notification to run on the caller's thread (synchronous mode). */
    public void deliver(StatusCallback callback, Notification notification) {
        ConcurrentLinkedQueue<Deliver> q = deliveries;
        if (q == null) {
            DELIVERIES.compareAndSet(this, null, new ConcurrentLinkedQueue<Deliver>());
            q = deliveries;
        }
        q.offer(new Deliver(callback, notification));
        LockSupport.unpark(caller);
    }

    /** Actor side: the call's result (null allowed). Notifications delivered before it run first. */
    public void complete(Object value) { finish(value == null ? NULL : value); }

    /** Actor side: the call failed. */
    public void fail(WinHttpError error, String detail) { finish(new Failed(error, detail)); }

    private void finish(Object o) {
        outcome = o;
        LockSupport.unpark(caller);
    }

    /**
     * Caller side: runs delivered callbacks until the outcome arrives. If the handle's actor stops
     * before answering (the handle was closed by another thread), the call fails instead of
     * waiting forever.
     */
    public Object await(Handle handle) {
        for (;;) {
            runDeliveries();
            Object o = outcome;
            if (o != null) {
                runDeliveries(); // any that came just before the outcome
                if (o instanceof Failed f) {
                    throw new WinHttpException(f.error(), api + " on " + handle + ": " + f.detail());
                }
                return o == NULL ? null : o;
            }
            long before = System.nanoTime();
            LockSupport.parkNanos(this, LIVENESS_CHECK_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                        api + " on " + handle + ": the calling thread was interrupted");
            }
            if (outcome == null && System.nanoTime() - before >= LIVENESS_CHECK_NANOS && handle.isTerminated()) {
                throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, api + ": " + handle + " is gone (closed, or its actor stopped)");
            }
        }
    }

    private void runDeliveries() {
        ConcurrentLinkedQueue<Deliver> q = deliveries;
        if (q == null) return;
        Deliver d;
        while ((d = q.poll()) != null) Callbacks.invoke(d.callback(), d.notification());
    }
}
