package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * readData and queryDataAvailable answered on the caller's thread from the body bytes the request
 * has in hand (BodyHandOff), with no message to the actor and no wait: the call is claimed as any
 * other (so it is the one reader), served, and released. Whatever this cannot serve (nothing in
 * hand, the read that ends the body, a state that does not read, another call claimed, an actor
 * subscriber) goes the ordinary way through the actor.
 * <p>
 * Asynchronous mode: the completion (READ_COMPLETE / DATA_AVAILABLE) is queued on the handle's
 * notification queue while the claim is still held, so it comes after everything the actor
 * queued before and before anything it queues later; the claim is released just before the
 * callback runs (and by the caller once queued), so the callback's next call finds the state
 * open. A close that shuts out the claim races the caller for the call (Call.atClose): either it
 * cancels the call before the caller began to serve it (one REQUEST_ERROR), or it waits until
 * the caller's completion is queued (RequestActor.ServedHere) before its HANDLE_CLOSING.
 */
public final class ReadsInHand {
    private ReadsInHand() {}

    /** Synchronous: the bytes read, or -1 when the actor must serve this read. */
    public static int read(Handle h, Call call, byte[] buffer, int offset, int length) {
        return serve(h, call, CallSet.READ, buffer, offset, length);
    }

    /** Synchronous: queryDataAvailable's count, or -1 when the actor must answer it. */
    public static int queryDataAvailable(Handle h, Call call) {
        return serve(h, call, CallSet.QUERY_DATA, null, 0, 0);
    }

    /**
     * Asynchronous: true when the read was taken here (the caller returns pending; its
     * READ_COMPLETE, or a racing close's REQUEST_ERROR, is queued); false when the actor must
     * serve it, with nothing claimed.
     */
    public static boolean readAtOnce(Handle h, Call call, byte[] buffer, int offset, int length) {
        return serveAtOnce(h, call, CallSet.READ, API_READ_DATA, buffer, offset, length);
    }

    /** Asynchronous queryDataAvailable, as readAtOnce: its DATA_AVAILABLE is queued. */
    public static boolean queryAtOnce(Handle h, Call call) {
        return serveAtOnce(h, call, CallSet.QUERY_DATA, API_QUERY_DATA_AVAILABLE, null, 0, 0);
    }

    private static int serve(Handle h, Call call, int which, byte[] buffer, int offset, int length) {
        CallSet s = h.calls();
        BodyHandOff in = s == null ? null : s.body();
        if (in == null || !s.takes(which)) return -1;
        if (in == BodyHandOff.ENDED) return 0; // nothing to claim: the state stays as it is, and a synchronous read notifies nothing
        if (!servable(in, which, length)) return -1;
        int n;
        try {
            n = served(h.claim(which, call, 0), in, which, length);
        } catch (WinHttpException refused) {
            return -1; // decided again, by the ordinary way
        }
        if (n == 0) {
            h.release(call);
            return -1;
        }
        if (which == CallSet.READ) in.take(buffer, offset, n);
        if (!h.release(call)) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, call.api() + " on " + h + ": the handle was closed");
        }
        renewIfDue(h, in, which);
        return n;
    }

    private static boolean serveAtOnce(Handle h, Call call, int which, int api, byte[] buffer, int offset, int length) {
        CallSet s = h.calls();
        BodyHandOff in = s == null ? null : s.body();
        if (in == null || in == BodyHandOff.ENDED || !s.takes(which) || !servable(in, which, length)
                || !in.notifier().callerMayNotify()) {
            return false;
        }
        call.returnAtOnce(); // before the claim: a close that cancels it reports a REQUEST_ERROR
        int n;
        try {
            n = served(h.claim(which, call, api), in, which, length);
        } catch (WinHttpException refused) {
            return false; // decided again, by the ordinary way
        }
        if (in.heldBack()) n = 0; // the actor is about to queue a completion: this one must come after it
        if (n == 0) return !h.release(call); // the actor's after all, unless a close cancelled it meanwhile
        if (!call.serveHere()) return true; // a close cancelled it first: its REQUEST_ERROR is queued
        boolean closeWaits;
        try {
            StatusInfo info;
            int status;
            if (which == CallSet.READ) {
                in.take(buffer, offset, n);
                status = WINHTTP_CALLBACK_STATUS_READ_COMPLETE;
                info = new StatusInfo.ReadComplete(buffer, offset, n);
            } else {
                status = WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE;
                info = new StatusInfo.ByteCount(n);
            }
            in.notifier().queueFromCaller(h, status, info, () -> h.release(call));
        } finally { // whatever happened, a close waiting for this call must not wait forever
            h.release(call); // unless the callback's thread did already
            closeWaits = !call.servedHere();
            if (closeWaits) h.<RequestActor.Command>actor().tell(new RequestActor.ServedHere(call));
        }
        if (closeWaits) return true;
        renewIfDue(h, in, which);
        return true;
    }

    /** Before the claim: whether there is anything to serve here at all. */
    private static boolean servable(BodyHandOff in, int which, int length) {
        return which == CallSet.READ ? length > 0 && in.servesRead(length) : in.servesQuery();
    }

    /** Holding the claim from claimed: how much to serve here (READ's bytes, QUERY_DATA's count), 0 for none. */
    private static int served(CallSet claimed, BodyHandOff in, int which, int length) {
        if (claimed.body() != in) return 0;
        return which == CallSet.READ ? in.servable(length) : in.available();
    }

    private static void renewIfDue(Handle h, BodyHandOff in, int which) {
        if (which == CallSet.READ && in.renewDue(RequestActor.READ_AHEAD)) {
            h.<RequestActor.Command>actor().tell(new RequestActor.Renew(in));
        }
    }
}
