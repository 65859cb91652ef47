package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs user callbacks: a callback that throws, whatever it throws (checked exceptions, Errors,
 * StackOverflowError included), is logged and changes nothing else; only what {@link Fatal} names
 * goes on. While it runs, the handle is in the logging MDC under "handle", so the application's
 * own log lines name it.
 */
public final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Callbacks() {}

    public static void invoke(StatusCallback callback, Notification n) {
        invoke(callback, n, String.valueOf(n.handle()));
    }

    /** As above, with the handle's text for the MDC made by the caller (a handle's queue makes it once). */
    static void invoke(StatusCallback callback, Notification n, String handleLabel) {
        String previous = MDC.get("handle");
        boolean nested = INSIDE.get();
        boolean already = handleLabel.equals(previous); // a handle's queue sets it once for a turn of callbacks
        if (!already) MDC.put("handle", handleLabel);
        INSIDE.set(Boolean.TRUE);
        try {
            callback.onStatus(n);
        } catch (Throwable t) {
            if (Fatal.is(t)) throw t;
            if (t instanceof StackOverflowError) {
                log.warn("status callback overflowed its stack on {}; ignored", n); // its trace is one frame, repeated
            } else {
                log.warn("status callback threw on {}; ignored", n, t);
            }
        } finally {
            INSIDE.set(nested);
            if (!already) {
                if (previous == null) MDC.remove("handle"); else MDC.put("handle", previous);
            }
        }
    }

    /** Sends a notification to an ActorSubscriber's target, under the same rule as a callback. */
    public static void send(ActorRef<Notification> target, Notification n) {
        try {
            target.tell(n);
        } catch (Throwable t) {
            if (Fatal.is(t)) throw t;
            log.warn("the actor subscriber {} threw on {}; ignored", target, n, t);
        }
    }

    /** True on a thread that is running a status callback right now. */
    public static boolean inCallback() {
        return INSIDE.get();
    }
}
