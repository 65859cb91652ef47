package io.winhttp4j.engine.handle;

import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.transport.ws.FrameEncoder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A WebSocket handle's published calls (WebSocketCalls), where callers claim and the actor
 * publishes: the WebSocket counterpart of the request's CallSet on its Handle, with two slots.
 * Also the encoder of the data frames: a send builds its frame on the caller's thread, which the
 * send slot makes the only one doing so (the actor publishes the slot free only after it took the
 * previous send's message, so each encoding happens before the next).
 */
public final class WebSocketClaims {
    private static final AtomicReferenceFieldUpdater<WebSocketClaims, WebSocketCalls> CALLS =
            AtomicReferenceFieldUpdater.newUpdater(WebSocketClaims.class, WebSocketCalls.class, "calls");

    /** Checks a claim against the set it is claimed from, before the claim (argument errors come first). */
    public interface Check {
        void check(WebSocketCalls from);
    }

    private volatile WebSocketCalls calls;
    /** The set the actor published last, without claims (actor side only). */
    private WebSocketCalls published;
    private final FrameEncoder dataFrames = new FrameEncoder();
    /** Calls whose caller waited for the actor's answer: a test sees that asynchronous ones do not. */
    private final AtomicLong waits = new AtomicLong();

    WebSocketClaims(WebSocketCalls first) {
        this.calls = first;
        this.published = first;
    }

    /** What the state takes now, with its snapshots. */
    public WebSocketCalls calls() { return calls; }

    /** webSocketQueryCloseStatus from the snapshot: ERROR_INVALID_HANDLE once closed, else as WebSocketCalls.closeStatus says. */
    public WebSocketCloseStatus closeStatus() {
        WebSocketCalls s = calls;
        if (s == WebSocketCalls.CLOSED) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, "webSocketQueryCloseStatus: the WebSocket is closed");
        }
        return s.closeStatus();
    }

    /** The data frames' encoder: only the holder of the send slot's claim may use it. */
    public FrameEncoder dataFrames() { return dataFrames; }

    /**
     * Caller side: claims which (a WebSocketCalls bit) for call with one compare-and-set; operation
     * is its WINHTTP_WEB_SOCKET_*_OPERATION for a REQUEST_ERROR. check runs first on the set the
     * claim is made from (null: none). Returns that set; throws ERROR_INVALID_HANDLE once the actor
     * has closed, the check's error, or ERROR_INVALID_OPERATION when the set does not take it.
     */
    public WebSocketCalls claim(int which, Call call, int operation, Check check) {
        call.claimed = true;
        call.claimedCall = which;
        call.claimedApi = operation;
        for (;;) {
            WebSocketCalls s = calls;
            if (s == WebSocketCalls.CLOSED) {
                throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, call.api() + ": the WebSocket is closed");
            }
            if (check != null) check.check(s);
            if (!s.takes(which)) throw s.refusal(which, call.api());
            if (CALLS.compareAndSet(this, s, s.claimedBy(which, call))) return s;
        }
    }

    /** Caller side, before it waits for the actor's answer. */
    public void waiting() { waits.incrementAndGet(); }

    /** How many callers waited for the actor (synchronous calls): for tests. */
    public long waits() { return waits.get(); }

    /**
     * Actor side: the state just entered takes these; claims not taken yet stay. Nothing to do
     * when it is the state published last and no claim has shut a slot since.
     */
    void publish(WebSocketCalls next) {
        if (calls == published && next.sameAs(published)) return;
        published = next;
        for (;;) {
            WebSocketCalls s = calls;
            if (s == WebSocketCalls.CLOSED) return;
            if (CALLS.compareAndSet(this, s, next.keeping(s))) return;
        }
    }

    /** Actor side: call's message is being handled; its slot stays shut until the next publish. */
    void consume(Call call) {
        for (;;) {
            WebSocketCalls s = calls;
            if (s.sendClaim() != call && s.receiveClaim() != call) return;
            if (CALLS.compareAndSet(this, s, s.without(call))) return;
        }
    }

    /** Actor side: takes the receive claimed but not yet here (a webSocketClose cancels it), or null. */
    Call takeReceiveClaim() {
        for (;;) {
            WebSocketCalls s = calls;
            Call c = s.receiveClaim();
            if (c == null) return null;
            if (CALLS.compareAndSet(this, s, s.without(c))) return c;
        }
    }

    /** Actor side, at the close: nothing is claimable any more; returns the set with the claims not taken yet. */
    WebSocketCalls shut() {
        return CALLS.getAndSet(this, WebSocketCalls.CLOSED);
    }
}
