package io.winhttp4j.engine.handle;

import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.transport.ws.Inbound;
import io.winhttp4j.engine.transport.ws.SendState;

/**
 * The calls a WebSocket's current state takes, as its actor published them (WebSocketActor.Phase
 * declares them), with what the caller's side needs without a message: the message our side has
 * open (a send's frame is built on the caller's thread) and the server's Close once it came
 * (webSocketQueryCloseStatus). Two slots, each claimed on its own: the send side (a send, the
 * shutdown or the close: one at a time) and the receive; a claim takes its slot's calls out of the
 * set until the actor publishes again, and a close's claim the receive too (the state it leads to
 * takes none). Immutable.
 *
 * @param shown        what the state is, as a refusal says it
 * @param calls        the claimable calls (the bits below)
 * @param receiving    a receive is pending (so the state takes no second one)
 * @param sendState    the message our side has open, as the last send taken left it
 * @param peer         the server's Close, or null while none came
 * @param sendClaim    the send-side call claimed and not yet taken by the actor, or null
 * @param receiveClaim the receive claimed and not yet taken by the actor, or null
 */
public record WebSocketCalls(String shown, int calls, boolean receiving, SendState sendState, Inbound.Close peer, Call sendClaim,
                             Call receiveClaim) {
    public static final int SEND = 1, RECEIVE = 2, SHUTDOWN = 4, CLOSE = 8;
    /** The calls of the send slot: each shuts the others out while it is claimed or pending. */
    static final int SEND_SIDE = SEND | SHUTDOWN | CLOSE;

    /** After the handle's close: takes nothing, and a claim cannot come any more. */
    static final WebSocketCalls CLOSED = new WebSocketCalls("closed", 0, false, SendState.IDLE, null, null, null);

    public boolean takes(int call) { return (calls & call) != 0; }

    /** A claim of which by call: its slot (and for a close the receive) is out of the set. */
    WebSocketCalls claimedBy(int which, Call call) {
        if (which == RECEIVE) return new WebSocketCalls(shown, calls & ~RECEIVE, receiving, sendState, peer, sendClaim, call);
        int left = calls & ~SEND_SIDE & (which == CLOSE ? ~RECEIVE : ~0);
        return new WebSocketCalls(shown, left, receiving, sendState, peer, call, receiveClaim);
    }

    /** A newly published state, keeping the claims not taken yet (their calls stay out of the set). */
    WebSocketCalls keeping(WebSocketCalls claims) {
        WebSocketCalls s = this;
        if (claims.sendClaim() != null) s = s.claimedBy(claims.sendClaim().claimedCall, claims.sendClaim());
        if (claims.receiveClaim() != null) s = s.claimedBy(RECEIVE, claims.receiveClaim());
        return s;
    }

    /** The actor has taken call: its slot stays shut until the actor publishes its next state. */
    WebSocketCalls without(Call call) {
        return new WebSocketCalls(shown, calls, receiving, sendState, peer, sendClaim == call ? null : sendClaim,
                receiveClaim == call ? null : receiveClaim);
    }

    /** The same state with no claim at all: the set as the actor published it. */
    boolean sameAs(WebSocketCalls o) {
        return o != null && calls == o.calls && receiving == o.receiving && sendState == o.sendState && peer == o.peer && shown.equals(o.shown);
    }

    /** webSocketQueryCloseStatus from the snapshot: the server's Close, or INVALID_OPERATION before it came. */
    public WebSocketCloseStatus closeStatus() {
        if (peer == null) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_OPERATION,
                    "webSocketQueryCloseStatus: no close frame has come from the server");
        }
        return new WebSocketCloseStatus(peer.status(), peer.reason().toArray());
    }

    /** The refusal of a call this set does not take: why its slot is taken, or the state. */
    WinHttpException refusal(int which, String api) {
        String why;
        if (which == RECEIVE && receiveClaim != null) why = "a receive is pending";
        else if (which != RECEIVE && sendClaim != null) why = sendClaim.claimedCall == CLOSE ? "a close is pending"
                : sendClaim.claimedCall == SEND ? "a send is pending" : "a shutdown is pending";
        else if (which == RECEIVE && sendClaim != null && sendClaim.claimedCall == CLOSE) why = "a close is pending";
        else if (which == RECEIVE && receiving) why = "a receive is pending";
        else why = shown;
        return new WinHttpException(WinHttpError.ERROR_INVALID_OPERATION, api + ": " + why);
    }
}
