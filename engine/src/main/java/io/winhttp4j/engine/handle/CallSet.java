package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.HeaderQuery;
import io.winhttp4j.engine.http.ResponseHead;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The calls a request's current state takes, as its actor published them on the Handle when it
 * entered that state (RequestActor.Phase declares them), with what read-only calls answer from:
 * the response head (immutable once it arrived) and the request as it stands. A caller that
 * claims one of the calls replaces the set with a copy that takes none (claim != null) until the
 * actor has taken the call's message; immutable.
 *
 * @param shown        the state's name in a wrong-state error
 * @param calls        the claimable calls (the bits below)
 * @param framedWrites writeData's framing is the caller's and checked by the actor (its refusal
 *                     needs the framing so far, so such a write waits for the actor's answer)
 * @param head         the response head, or null while none is queryable
 * @param request      the request as queryHeaders' request levels read it
 * @param body         the response body in hand, where a synchronous read may take it (ReadsInHand), or null
 * @param claim        the claimed call the actor has not taken yet, or null
 */
public record CallSet(String shown, int calls, boolean framedWrites, ResponseHead head, RequestView request,
                      BodyHandOff body, Call claim) {
    public static final int SEND = 1, WRITE = 2, RECEIVE = 4, QUERY_DATA = 8, READ = 16, UPGRADE = 32,
            ADD_HEADERS = 64;

    /** After the close: takes nothing, and a claim cannot come any more. */
    static final CallSet CLOSED = new CallSet("closed", 0, false, null, null, null, null);

    /** The request line and headers as they are now (the last sent, or those added since). */
    public record RequestView(String verb, String target, String version, HeaderList headers) {}

    public boolean takes(int call) { return (calls & call) != 0; }

    /**
     * The same snapshot, claimed by call: no second call is taken until the actor has this one. A
     * claimed send has given up the response already (sending has none to query).
     */
    CallSet claimedBy(Call call) {
        return new CallSet(shown, 0, framedWrites, call.claimedCall == SEND ? null : head, request, body, call);
    }

    /** The actor has taken the claimed call: nothing claimable until it publishes its next state. */
    CallSet busy() { return new CallSet(shown, 0, framedWrites, head, request, body, null); }

    public WinHttpException wrongState(String api) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                api + ": not allowed while the handle is " + shown);
    }

    /** queryHeaders from the snapshot: requestSide for FLAG_REQUEST_HEADERS and REQUEST_METHOD. */
    public String queryHeaders(int infoLevel, String name, int index, boolean requestSide) {
        HeaderQuery.Message m;
        if (this == CLOSED) { // the actor shut the set a moment before the handle reads as closed
            throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, "queryHeaders: the handle is closed");
        }
        if (requestSide) {
            if ((infoLevel & 0xFFFF) == WINHTTP_QUERY_REQUEST_METHOD) return request.verb();
            m = new HeaderQuery.Message(request.verb() + " " + request.target() + " " + request.version(),
                    request.version(), null, null, request.headers());
        } else if (head == null) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                    "queryHeaders: no response has been received");
        } else {
            m = new HeaderQuery.Message(head.statusLine(), head.version(), Integer.toString(head.status()),
                    head.reason(), head.headers());
        }
        return HeaderQuery.answer(m, infoLevel, name, index);
    }
}
