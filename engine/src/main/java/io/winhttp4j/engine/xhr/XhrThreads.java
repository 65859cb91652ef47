package io.winhttp4j.engine.xhr;

import java.lang.ref.Cleaner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The XHR's own threads, shared by every XmlHttpRequest2 of the JVM: none of them is a Pekko
 * thread or the common ForkJoinPool, so user callbacks and blocking body-stream reads can never
 * stall the engine. All are daemons and die when idle, so nothing needs shutting down.
 *
 * <ul>
 *   <li>{@link #POOL}: runs each XHR's serial queue (its callbacks) and its body reads. A thread
 *       exists only while an XHR has work: at most two per XHR in flight (its queue and one read).</li>
 *   <li>{@link #TIMER}: one thread for XHR_PROP_TIMEOUT; its tasks only hand the timeout to the
 *       XHR's queue, so user code never runs there.</li>
 *   <li>{@link #CLEANER}: closes the handles of an XHR that was opened, never sent, and dropped.</li>
 * </ul>
 */
final class XhrThreads {
    private static final long IDLE_SECONDS = 30;

    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemons("winhttp4j-xhr-"));

    static final ScheduledThreadPoolExecutor TIMER = timer();

    static final Cleaner CLEANER = Cleaner.create(daemons("winhttp4j-xhr-cleaner-"));

    private XhrThreads() {}

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemons("winhttp4j-xhr-timer-"));
        t.setRemoveOnCancelPolicy(true); // a request that ends in time leaves no task behind
        t.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
