package io.winhttp4j.engine.xhr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One XHR's tasks, one at a time and in the order given, on {@link XhrThreads#POOL}. Everything
 * an exchange does after send (its WinHttp calls, its state, the user's callbacks) runs here, so
 * callbacks never overlap and the state needs no lock. A task is always run by a pool thread,
 * never by the thread that handed it in: callbacks never run on the caller's thread or on a
 * Pekko thread.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor pool;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) pool.execute(this::drain);
    }

    private void drain() {
        do {
            Runnable task = tasks.poll();
            try {
                task.run();
            } catch (Throwable t) {
                // tasks catch what they expect; a task that escapes must not leave the queue stuck
                // with tasks in it (the final callback among them)
                log.error("XHR task failed; the queue carries on", t);
            }
        } while (pending.decrementAndGet() != 0);
    }
}
