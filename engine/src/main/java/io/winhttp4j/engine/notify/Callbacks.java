package io.winhttp4j.engine.notify;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs user callbacks: a callback that throws is logged and never breaks the engine. */
public final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {}

    public static void invoke(StatusCallback callback, Notification n) {
        try {
            callback.onStatus(n);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            log.warn("status callback threw on {}; ignored", n, e);
        }
    }
}
