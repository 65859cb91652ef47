package io.winhttp4j.engine.notify;

import io.winhttp4j.StatusCallback;

/**
 * A handle's callback and notification mask, as set by setStatusCallback (or inherited from
 * the parent at creation). Immutable: a change replaces the whole value.
 */
public record Subscription(StatusCallback callback, int mask) {
    public static final Subscription NONE = new Subscription(null, 0);

    public boolean wants(int status) {
        return callback != null && (mask & status) != 0;
    }
}
