package io.winhttp4j.engine.notify;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.ActorSubscriber;
import io.winhttp4j.engine.handle.Call;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;

/**
 * Delivers one handle's notifications. The handle's actor is the only caller, which gives the
 * per-handle order. Three routes, chosen per notification:
 * an actor subscriber gets a message (no thread hop); a synchronous call in progress gets it
 * on the caller's thread; anything else runs on the callback executor through the handle's
 * own serial queue. One exception to the one caller: a caller serving an asynchronous read of
 * bytes in hand (handle.ReadsInHand) queues its completion itself (queueFromCaller), while its
 * claim keeps the actor from answering that call.
 */
public final class Notifier {
    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(Notifier.class, "queue", SerialQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor executor;
    private final Pending pending;
    /** Made by the first notification queued, the actor's or a serving caller's. */
    private volatile SerialQueue queue;
    // the handle's newest subscription and context (volatile: a caller serving a read reads them),
    // and whether its HANDLE_CLOSING was sent: a handle whose actor stops without sending it still
    // gets it (Lifeline). Written by the actor only.
    private volatile Subscription subscription = Subscription.NONE;
    private volatile long context;
    private boolean closing;
    /** The synchronous caller delivered to last: a later caller's notifications run after its own. */
    private Call lastSync;

    public Notifier(Executor executor, Pending pending) {
        this.executor = executor;
        this.pending = pending;
    }

    /** The handle's state now has this subscription and context. */
    public void track(Subscription s, long ctx) {
        subscription = s;
        context = ctx;
    }

    public Subscription subscription() { return subscription; }

    public long context() { return context; }

    /** True the first time only: HANDLE_CLOSING is sent once, however the handle ends. */
    public boolean closingOnce() {
        if (closing) return false;
        closing = true;
        return true;
    }

    public void deliver(StatusCallback callback, Notification n, Call syncCaller) {
        if (callback instanceof ActorSubscriber subscriber) {
            Callbacks.send(subscriber.target(), n);
        } else if (syncCaller != null) {
            Call before = lastSync == syncCaller ? null : lastSync;
            lastSync = syncCaller;
            syncCaller.deliver(callback, n, before);
        } else {
            queue().add(callback, n, null);
        }
    }

    /** Whether a caller may queue a notification itself (queueFromCaller): not to an actor subscriber, whose messages the actor sends. */
    public boolean callerMayNotify() { return !(subscription.callback() instanceof ActorSubscriber); }

    /**
     * A caller serving an asynchronous read itself queues its completion on the handle's queue,
     * in order with the actor's, if the subscription wants it; first runs on the callback's thread
     * just before the callback (the caller's claim is released there, so the callback's next call
     * finds the state open). Never runs a callback on the calling thread.
     */
    public void queueFromCaller(HInternet handle, int status, StatusInfo info, Runnable first) {
        Subscription s = subscription;
        if (!s.wants(status)) return;
        Notification n = new Notification(handle, context, status, info);
        if (s.callback() instanceof ActorSubscriber subscriber) { // became one since the caller looked: told directly
            first.run();
            Callbacks.send(subscriber.target(), n);
        } else {
            queue().add(s.callback(), n, first);
        }
    }

    private SerialQueue queue() {
        SerialQueue q = queue;
        if (q == null) {
            QUEUE.compareAndSet(this, null, new SerialQueue(executor, pending));
            q = queue;
        }
        return q;
    }
}
