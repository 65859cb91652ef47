package io.winhttp4j.engine.handle;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Marks a handle terminated whenever its actor stops, cleanly or because of a bug, so that a
 * caller waiting on it (Call.await) fails with ERROR_INVALID_HANDLE instead of waiting forever.
 */
final class Lifeline<T> extends BehaviorInterceptor<T, T> {
    private final Handle handle;

    private Lifeline(Class<T> type, Handle handle) {
        super(type);
        this.handle = handle;
    }

    static <T> Behavior<T> around(Class<T> type, Handle handle, Behavior<T> behavior) {
        return Behaviors.intercept(() -> new Lifeline<>(type, handle), behavior);
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
        return target.apply(ctx, msg);
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
        if (signal instanceof PostStop) handle.markTerminated();
        return target.apply(ctx, signal);
    }
}
