package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.engine.ActorSubscriber;
import io.winhttp4j.engine.handle.Call;

import java.util.concurrent.Executor;

/**
 * Delivers one handle's notifications. The handle's actor is the only caller, which gives the
 * per-handle order. Three routes, chosen per notification:
 * an actor subscriber gets a message (no thread hop); a synchronous call in progress gets it
 * on the caller's thread; anything else runs on the callback executor through the handle's
 * own serial queue.
 */
public final class Notifier {
    private final Executor executor;
    private final Pending pending;
    private SerialQueue queue;
    // the handle's newest subscription and context, and whether its HANDLE_CLOSING was sent: a
    // handle whose actor stops without sending it still gets it (Lifeline). Actor-confined.
    private Subscription subscription = Subscription.NONE;
    private long context;
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
            if (queue == null) {
                queue = new SerialQueue(executor, pending);
            }
            queue.add(callback, n);
        }
    }
}
