package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;

import org.slf4j.MDC;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handle's asynchronous notifications, run one at a time and in order on the callback
 * executor. Handles do not share a queue, so one slow callback stalls only its own handle.
 */
final class SerialQueue implements Runnable {
    /** Items run per turn before yielding the thread to other handles' queues. */
    private static final int BATCH = 64;

    /**
     * Callback, notification and the step to run just before the callback (Notifier.queueFromCaller;
     * NOTHING when none), three slots per item: no node or record per notification, as a linked
     * queue would make. Guarded by itself, held for one add or one take (a few array stores, never
     * while a callback runs), so the actor never waits on a callback.
     */
    private final ArrayDeque<Object> items = new ArrayDeque<>(12);
    private static final Runnable NOTHING = () -> { };
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final Pending inFlight;
    /** The handle of the last item run and its text for the log's MDC: made once per handle, not per callback. */
    private Object labelled;
    private String label;

    SerialQueue(Executor executor, Pending inFlight) {
        this.executor = executor;
        this.inFlight = inFlight;
    }

    /** Safe from any thread: items are run in the order their adds took effect. first: run just before the callback, or null. */
    void add(StatusCallback callback, Notification n, Runnable first) {
        synchronized (items) {
            items.addLast(callback);
            items.addLast(n);
            items.addLast(first == null ? NOTHING : first);
        }
        inFlight.increment();
        if (pending.getAndIncrement() == 0) {
            executor.execute(this);
        }
    }

    /** Run by one thread at a time (the pending count hands the turn on), so no more than a plain field. */
    private String label(Notification n) {
        if (labelled != n.handle() || label == null) {
            labelled = n.handle();
            label = String.valueOf(labelled);
        }
        return label;
    }

    @Override
    public void run() {
        // the handle stays in the MDC for the whole turn: one MDC entry per turn, not one per callback
        String outer = MDC.get("handle");
        try {
            turn();
        } finally {
            if (outer == null) MDC.remove("handle"); else MDC.put("handle", outer);
        }
    }

    private void turn() {
        int done = 0;
        for (;;) {
            StatusCallback callback;
            Notification n;
            Runnable first;
            synchronized (items) {
                callback = (StatusCallback) items.pollFirst();
                n = (Notification) items.pollFirst();
                first = (Runnable) items.pollFirst();
            }
            if (n != null) {
                String label = label(n);
                if (!label.equals(MDC.get("handle"))) MDC.put("handle", label);
                try {
                    first.run();
                    Callbacks.invoke(callback, n, label);
                } catch (Throwable fatal) { // only what Fatal names gets here: the queue still goes on
                    if (pending.decrementAndGet() != 0) executor.execute(this);
                    throw fatal;
                } finally {
                    inFlight.decrement();
                }
            }
            if (pending.decrementAndGet() == 0) {
                return;
            }
            if (++done == BATCH) {
                executor.execute(this);
                return;
            }
        }
    }
}
