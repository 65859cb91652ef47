package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs user callbacks: a callback that throws is logged and never breaks the engine. While it
 * runs, the handle is in the logging MDC under "handle", so the application's own log lines name it.
 */
public final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Callbacks() {}

    public static void invoke(StatusCallback callback, Notification n) {
        String previous = MDC.get("handle");
        boolean nested = INSIDE.get();
        MDC.put("handle", String.valueOf(n.handle()));
        INSIDE.set(Boolean.TRUE);
        try {
            callback.onStatus(n);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            log.warn("status callback threw on {}; ignored", n, e);
        } finally {
            INSIDE.set(nested);
            if (previous == null) MDC.remove("handle"); else MDC.put("handle", previous);
        }
    }

    /** True on a thread that is running a status callback right now. */
    public static boolean inCallback() {
        return INSIDE.get();
    }
}
