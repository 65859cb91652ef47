package io.winhttp4j.bench.jmh;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One notification delivered: openRequest + closeHandle on a session whose callback listens to
 * HANDLE_CLOSING only, and the wait until the callback has seen it. Minus
 * {@link HandleBench#openRequestThenClose} (same calls, no callback) this is the cost of
 * delivering one notification: in async mode through the callback dispatcher to another thread
 * (including the wake-up of the waiting thread), in sync mode on the calling thread before
 * closeHandle returns.
 */
public class NotificationBench extends EngineBench {

    private final AtomicLong delivered = new AtomicLong();
    private volatile Thread waiter;
    private long expected;

    @Override
    protected void beforeConnect() {
        // the flag bit of HANDLE_CLOSING alone: exactly one notification per request handle
        winHttp.setStatusCallback(session, this::onStatus, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        expected = delivered.get();
    }

    private void onStatus(Notification notification) {
        if (notification.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) {
            delivered.incrementAndGet();
            Thread thread = waiter;
            if (thread != null) {
                LockSupport.unpark(thread);
            }
        }
    }

    @Benchmark
    public long openCloseAndAwaitHandleClosing() {
        waiter = Thread.currentThread();
        long target = ++expected;
        HInternet request = winHttp.openRequest(connect, "GET", "/", null, null, null, 0);
        winHttp.closeHandle(request);
        while (delivered.get() < target) {
            LockSupport.parkNanos(50_000);
        }
        return target;
    }
}
