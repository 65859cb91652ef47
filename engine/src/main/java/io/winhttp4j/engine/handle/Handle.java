package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.actor.typed.ActorRef;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The caller-side half of an HINTERNET: identity, kind, mode and liveness, so that the checks of
 * every call (null, closed, foreign, wrong kind) run on the caller's thread without a message.
 * Everything stateful lives in the handle's actor; a request's actor publishes here what its state
 * takes (CallSet), which callers read and claim from, and every handle's actor what queryOption
 * answers from (shown, below).
 */
public final class Handle implements HInternet {
    private static final AtomicIntegerFieldUpdater<Handle> CLOSED =
            AtomicIntegerFieldUpdater.newUpdater(Handle.class, "closed");
    private static final AtomicReferenceFieldUpdater<Handle, Call> WAITERS =
            AtomicReferenceFieldUpdater.newUpdater(Handle.class, Call.class, "waiters");
    private static final AtomicReferenceFieldUpdater<Handle, CallSet> CALLS =
            AtomicReferenceFieldUpdater.newUpdater(Handle.class, CallSet.class, "calls");
    /** The end of the list of waiters once the actor has stopped: nobody enlists after it. */
    private static final Call STOPPED = new Call("stopped");

    private final int type;
    private final long id;
    private final Object owner;
    private final boolean async;
    private final Handle parent;
    private volatile ActorRef<?> actor;
    private volatile int closed;
    /** Callers parked on this handle, newest first, linked through Call.nextWaiter; STOPPED at the end. */
    private volatile Call waiters;
    /** What the state takes now (null for kinds without one): the actor publishes, a caller claims. */
    private volatile CallSet calls;
    /** The set the actor published last, without a claim: what a refused or finished claimed call reopens. */
    private volatile CallSet published;

    /** A parent's children its callers spawn (a connect's requests); set by its actor before the handle is published. */
    private volatile Brood<?> brood;
    /** A WebSocket's published calls and their two slots; set by its actor before the handle is published. */
    private volatile WebSocketClaims webSocket;

    /**
     * What queryOption answers from on the caller's thread (OptionAnswers), published by the
     * handle's actor: its newest Core (options, context value, callback), and for a request where
     * it goes now (URL) and what it knows of its last send's connection (null before one).
     */
    private volatile Core shown;
    private volatile Destination destination;
    private volatile Link link;

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

    /**
     * Caller side: sends msg to the handle's actor; a call it carries is marked as made on this
     * handle, so that an actor serving another handle by then refuses it (Lifeline).
     */
    public void tell(Object msg) {
        if (msg instanceof CallMessage m) m.call().target = this;
        this.<Object>actor().tell(msg);
    }

    void brood(Brood<?> b) { this.brood = b; }

    @SuppressWarnings("unchecked")
    <S> Brood<S> brood() { return (Brood<S>) brood; }

    /** Actor side (or its creator's, before the actor runs): the handle's newest Core, shown by its constructor. */
    void show(Core c) { shown = c; }

    Core shown() { return shown; }

    /** Actor side: a request's destination and connection as its state holds them; written only when they change. */
    void show(Destination d, Link l) {
        if (destination != d) destination = d;
        if (link != l) link = l;
    }

    Destination destination() { return destination; }

    Link link() { return link; }

    void webSocket(WebSocketClaims w) { this.webSocket = w; }

    /** A WebSocket handle's calls (null for the other kinds). */
    public WebSocketClaims webSocket() { return webSocket; }

    /**
     * A request's actor (only it reads or writes this): this handle is being closed by closeHandle,
     * so its actor hands itself back to its connect (Unborn.handBack) and serves the next handle.
     */
    private boolean closingByCall;

    void markClosingByCall() { closingByCall = true; }

    boolean closingByCall() { return closingByCall; }

    /** The first close wins; a second close of the same handle is an invalid-handle error. */
    public boolean markClosed() { return CLOSED.compareAndSet(this, 0, 1); }
    public boolean isClosed() { return closed != 0; }

    /** The calls the handle's state takes now, with its snapshots; null for a kind that publishes none. */
    public CallSet calls() { return calls; }

    /**
     * Caller side: claims call for one of the CallSet calls (which), with one compare-and-set, so
     * that a second call the state would refuse is shut out; api: its API_* for a REQUEST_ERROR.
     * Returns the set it was claimed from; throws the wrong-state error when the set does not take
     * it, and ERROR_INVALID_HANDLE once the actor has closed.
     */
    public CallSet claim(int which, Call call, int api) {
        call.claimed = true;
        call.claimedCall = which;
        call.claimedApi = api;
        for (;;) {
            CallSet s = calls;
            if (s == CallSet.CLOSED) throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, call.api() + ": " + this + " is closed");
            if (!s.takes(which)) throw s.wrongState(call.api());
            if (CALLS.compareAndSet(this, s, s.claimedBy(call))) return s;
        }
    }

    /** Actor side: the state just entered takes these; a claim not yet taken by the actor stays. */
    void publish(CallSet next) {
        published = next;
        for (;;) {
            CallSet s = calls;
            if (s == CallSet.CLOSED) return;
            if (CALLS.compareAndSet(this, s, s != null && s.claim() != null ? next.claimedBy(s.claim()) : next)) return;
        }
    }

    /** Actor side: the message of call is being handled; if it was claimed, nothing is claimable until the next publish. */
    void consume(Call call) {
        for (;;) {
            CallSet s = calls;
            if (s == null || s.claim() != call) return;
            if (CALLS.compareAndSet(this, s, s.busy())) return;
        }
    }

    /**
     * Caller side: a claimed call served without its actor (ReadsInHand) is over; the state's
     * calls are open again. False if the actor closed the handle meanwhile.
     */
    boolean release(Call call) {
        for (;;) {
            CallSet s = calls;
            if (s.claim() != call) return false;
            if (CALLS.compareAndSet(this, s, published)) return true;
        }
    }

    /** Actor side: a claimed call was refused after all; the state it left is taken up again. */
    void reopen() {
        if (published != null) publish(published);
    }

    /** Actor side, at the close: nothing is claimable any more; returns the claimed call not taken yet, or null. */
    Call shut() {
        CallSet s = CALLS.getAndSet(this, CallSet.CLOSED);
        return s == null ? null : s.claim();
    }

    /**
     * Caller side: c waits for an answer from this handle's actor, and its stop must wake it.
     * False if the actor has stopped already. Answered callers on top are dropped on the way in,
     * so the list stays as long as the number of callers waiting at once. (A Call enlists once, so
     * a dropped one never comes back: no ABA.)
     */
    boolean enlist(Call c) {
        for (;;) {
            Call head = waiters;
            if (head == STOPPED) return false;
            if (head != null && head.answered()) {
                WAITERS.compareAndSet(this, head, head.nextWaiter);
                continue;
            }
            c.nextWaiter = head;
            if (WAITERS.compareAndSet(this, head, c)) return true;
        }
    }

    /** Set by the actor when it stops (Lifeline): every caller still waiting on it is woken. */
    void markTerminated() {
        for (Call w = WAITERS.getAndSet(this, STOPPED); w != null && w != STOPPED; w = w.nextWaiter) w.wake();
    }

    public boolean isTerminated() { return waiters == STOPPED; }

    /** Waits (on the caller's thread, never an actor's) until the actor has stopped; false at the deadline. */
    public boolean awaitTerminated(long deadlineNanos) {
        return new Call("awaitTerminated").awaitStop(this, deadlineNanos);
    }

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
