package io.winhttp4j.engine.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs blocking (synchronous-mode) calls on a thread of their own and waits a bounded time, so
 * that a call that hangs fails its test instead of stopping the suite.
 */
public final class Bounded {
    private Bounded() {}

    public static <T> T call(Duration limit, String what, Callable<T> calls) throws Exception {
        FutureTask<T> task = new FutureTask<>(calls);
        Thread t = new Thread(task, "bounded-" + what);
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw (Exception) e.getCause();
        } catch (TimeoutException e) {
            t.interrupt();
            return fail(what + " did not end within " + limit);
        }
    }

    public static void run(Duration limit, String what, Runnable calls) throws Exception {
        call(limit, what, () -> {
            calls.run();
            return null;
        });
    }
}
