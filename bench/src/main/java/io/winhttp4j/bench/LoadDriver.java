package io.winhttp4j.bench;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives one client through one run and records what happened: completions, failures, body bytes,
 * and each exchange's latency (from the call that started it to the completion of its future) in
 * an HdrHistogram. Two shapes:
 * <ul>
 *   <li>{@link #closedLoop}: N workers, each starts its next exchange when its previous one
 *       completes, until the deadline (or a number of exchanges) is reached;</li>
 *   <li>{@link #burst}: N exchanges started at once, then wait for all of them.</li>
 * </ul>
 * An exchange that has not completed within the grace period is counted as failed ("stuck").
 * A body of the wrong length counts as a failure when an expected length is given.
 */
final class LoadDriver {

    /** What one run measured. Latencies in nanoseconds. */
    record Outcome(long completed, long failed, long bytes, long elapsedNanos, Histogram latency, String firstError) {
    }

    static final long HIGHEST_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Supplier<CompletableFuture<Long>> exchange;
    private final long expectedBytes;
    private final AtomicHistogram latency = new AtomicHistogram(HIGHEST_LATENCY_NANOS, 3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong startsLeft = new AtomicLong();
    private volatile long deadline;
    private volatile boolean over;
    private CountDownLatch done;

    /**
     * @param exchange      starts one exchange
     * @param expectedBytes the body length every exchange must return, or -1 for any
     */
    LoadDriver(Supplier<CompletableFuture<Long>> exchange, long expectedBytes) {
        this.exchange = exchange;
        this.expectedBytes = expectedBytes;
    }

    /** {@code inFlight} workers for {@code duration} or {@code maxExchanges} exchanges, whichever ends first. */
    Outcome closedLoop(int inFlight, Duration duration, long maxExchanges, Duration grace) {
        done = new CountDownLatch(inFlight);
        startsLeft.set(maxExchanges);
        long start = System.nanoTime();
        deadline = start + duration.toNanos();
        for (int i = 0; i < inFlight; i++) {
            next();
        }
        return finish(start, duration.plus(grace), inFlight);
    }

    /** {@code count} exchanges started back to back, then a wait of at most {@code timeout} for all. */
    Outcome burst(int count, Duration timeout) {
        done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            start().whenComplete((body, failure) -> {
                record(began, body, failure);
                done.countDown();
            });
        }
        return finish(start, timeout, count);
    }

    /** One worker: start exchanges until the run is over; completions that were immediate loop here. */
    private void next() {
        while (System.nanoTime() < deadline && startsLeft.getAndDecrement() > 0) {
            long began = System.nanoTime();
            CompletableFuture<Long> future = start();
            if (!future.isDone()) {
                future.whenComplete((body, failure) -> {
                    record(began, body, failure);
                    next();
                });
                return;
            }
            try {
                record(began, future.join(), null);
            } catch (CompletionException | CancellationException e) {
                record(began, null, e);
            }
        }
        done.countDown();
    }

    private CompletableFuture<Long> start() {
        try {
            return exchange.get();
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private void record(long began, Long body, Throwable failure) {
        if (over) {
            return; // a straggler after the grace period: already counted as stuck
        }
        if (failure == null && expectedBytes >= 0 && body != expectedBytes) {
            failure = new IllegalStateException("body of " + body + " bytes, expected " + expectedBytes);
        }
        if (failure != null) {
            failed.increment();
            if (firstError.get() == null) {
                firstError.compareAndSet(null, describe(failure));
            }
            return;
        }
        latency.recordValue(Math.min(System.nanoTime() - began, HIGHEST_LATENCY_NANOS));
        completed.increment();
        bytes.add(body);
    }

    /** The failure and its causes, outermost first, without the CompletionException wrapper. */
    private static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        StringBuilder text = new StringBuilder(t.toString());
        for (int depth = 0; depth < 4 && t.getCause() != null && t.getCause() != t; depth++) {
            t = t.getCause();
            text.append(" <- ").append(t);
        }
        return text.toString();
    }

    private Outcome finish(long start, Duration wait, int participants) {
        boolean all;
        try {
            all = done.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        long elapsed = System.nanoTime() - start;
        over = true;
        long stuck = all ? 0 : done.getCount();
        if (stuck > 0) {
            firstError.compareAndSet(null, stuck + " of " + participants + " exchanges still running after " + wait.toSeconds() + " s");
        }
        return new Outcome(completed.sum(), failed.sum() + stuck, bytes.sum(), elapsed, latency, firstError.get());
    }
}
