package io.winhttp4j.engine.notify;

import java.util.concurrent.atomic.AtomicLong;

/** Counts callbacks queued but not yet run, so that engine shutdown can wait for them. */
public final class Pending {
    private final AtomicLong count = new AtomicLong();

    void increment() { count.incrementAndGet(); }
    void decrement() { count.decrementAndGet(); }

    /** Waits (on the caller's thread, never an actor's) until no callback is queued. */
    public boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (count.get() > 0) {
            if (System.nanoTime() > deadlineNanos) return false;
            Thread.sleep(2);
        }
        return true;
    }
}
