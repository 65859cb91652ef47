package io.winhttp4j.bench.jmh;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;
import static io.winhttp4j.WinHttpConstants.WINHTTP_FLAG_ASYNC;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One notification delivered: openRequest + closeHandle on a session whose callback listens to
 * HANDLE_CLOSING only, and the wait until the callback has seen it. Minus
 * {@link HandleBench#openRequestThenClose} (same calls, no callback) this is the cost of
 * delivering one notification: in async mode through the callback dispatcher to another thread
 * (including the wake-up of the waiting thread), in sync mode on the calling thread before
 * closeHandle returns.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotificationBench {

    @Param({"sync", "async"})
    public String mode;

    private final AtomicLong delivered = new AtomicLong();
    private volatile Thread waiter;
    private long expected;
    private WinHttp winHttp;
    private HInternet session;
    private HInternet connect;

    @Setup(Level.Trial)
    public void open() {
        winHttp = WinHttpEngine.create();
        session = winHttp.open("winhttp4j-jmh", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null,
                mode.equals("async") ? WINHTTP_FLAG_ASYNC : 0);
        // the flag bit of HANDLE_CLOSING alone: exactly one notification per request handle
        winHttp.setStatusCallback(session, this::onStatus, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        connect = winHttp.connect(session, "127.0.0.1", 9); // never contacted
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

    @TearDown(Level.Trial)
    public void close() {
        winHttp.closeHandle(connect);
        winHttp.closeHandle(session);
        winHttp.close();
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
