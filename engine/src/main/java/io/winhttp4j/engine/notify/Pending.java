package io.winhttp4j.engine.notify;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts callbacks queued but not yet run, so that engine shutdown can wait for them: the callback
 * that brings the count to zero wakes the waiting thread.
 */
public final class Pending {
    private final AtomicLong count = new AtomicLong();
    /** The thread in awaitIdle, if any (engine shutdown, which runs once). */
    private volatile Thread waiter;

    void increment() { count.incrementAndGet(); }

    void decrement() {
        if (count.decrementAndGet() == 0) {
            Thread w = waiter; // read after the count: either this sees the waiter or the waiter sees zero
            if (w != null) LockSupport.unpark(w);
        }
    }

    /**
     * Waits (on the caller's thread, never an actor's) until no callback is queued; false at the
     * deadline or when the thread is interrupted (its interrupt status is kept). One waiter at a time.
     */
    public boolean awaitIdle(long deadlineNanos) {
        waiter = Thread.currentThread();
        try {
            while (count.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) return false;
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiter = null;
        }
    }
}
