package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The caller-side half of an HINTERNET: identity, kind, mode and liveness, so that the checks of
 * every call (null, closed, foreign, wrong kind) run on the caller's thread without a message.
 * Everything stateful lives in the handle's actor.
 */
public final class Handle implements HInternet {
    private static final AtomicIntegerFieldUpdater<Handle> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(Handle.class, "closed");

    private final int type;
    private final long id;
    private final Object owner;
    private final boolean async;
    private final Handle parent;
    private volatile ActorRef<?> actor;
    private volatile int closed;
    private volatile boolean terminated;

    public Handle(int type, long id, Object owner, boolean async, Handle parent) {
        this.type = type;
        this.id = id;
        this.owner = owner;
        this.async = async;
        this.parent = parent;
    }

    @Override public int handleType() { return type; }
    public boolean async() { return async; }
    public Handle parent() { return parent; }
    public boolean ownedBy(Object engine) { return owner == engine; }

    /** Bound once, right after the actor is spawned and before the handle is published. */
    public void bind(ActorRef<?> ref) { this.actor = ref; }

    @SuppressWarnings("unchecked")
    public <T> ActorRef<T> actor() { return (ActorRef<T>) actor; }

    /** The first close wins; a second close of the same handle is an invalid-handle error. */
    public boolean markClosed() { return CLOSED.compareAndSet(this, 0, 1); }
    public boolean isClosed() { return closed != 0; }

    /** Set by the actor when it stops: a caller still waiting on it must not wait forever. */
    void markTerminated() { terminated = true; }
    public boolean isTerminated() { return terminated; }

    @Override
    public String toString() {
        String kind = switch (type) {
            case WINHTTP_HANDLE_TYPE_SESSION -> "Session";
            case WINHTTP_HANDLE_TYPE_CONNECT -> "Connect";
            case WINHTTP_HANDLE_TYPE_REQUEST -> "Request";
            case WINHTTP_HANDLE_TYPE_WEBSOCKET -> "WebSocket";
            default -> "Handle";
        };
        return kind + "#" + id;
    }
}
