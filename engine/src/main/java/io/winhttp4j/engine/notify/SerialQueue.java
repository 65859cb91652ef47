package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One handle's asynchronous notifications, run one at a time and in order on the callback
 * executor. Handles do not share a queue, so one slow callback stalls only its own handle.
 */
final class SerialQueue implements Runnable {
    /** Items run per turn before yielding the thread to other handles' queues. */
    private static final int BATCH = 64;

    /** first: run just before the callback, or null (Notifier.queueFromCaller). */
    private record Item(StatusCallback callback, Notification notification, Runnable first) {}

    private final ConcurrentLinkedQueue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;
    private final Pending inFlight;

    SerialQueue(Executor executor, Pending inFlight) {
        this.executor = executor;
        this.inFlight = inFlight;
    }

    /** Safe from any thread: items are run in the order their adds took effect. */
    void add(StatusCallback callback, Notification n, Runnable first) {
        items.add(new Item(callback, n, first));
        inFlight.increment();
        if (pending.getAndIncrement() == 0) {
            executor.execute(this);
        }
    }

    @Override
    public void run() {
        int done = 0;
        for (;;) {
            Item item = items.poll();
            if (item != null) {
                try {
                    if (item.first() != null) item.first().run();
                    Callbacks.invoke(item.callback(), item.notification());
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
