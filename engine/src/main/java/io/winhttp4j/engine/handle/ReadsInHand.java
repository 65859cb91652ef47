package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/**
 * Synchronous readData and queryDataAvailable answered on the caller's thread from the body bytes
 * the request has in hand (BodyHandOff), with no message and no wait: the call is claimed as any
 * other (so it is the one reader), served, and released. Whatever this cannot serve (nothing in
 * hand, the read that ends the body, a state that does not read, another call claimed) goes the
 * ordinary way through the actor. Synchronous mode only: there a read causes no notification,
 * while an asynchronous one's READ_COMPLETE must come from the actor, the handle's one producer
 * of notifications.
 */
public final class ReadsInHand {
    private ReadsInHand() {}

    /** The bytes read, or -1 when the actor must serve this read. */
    public static int read(Handle h, Call call, byte[] buffer, int offset, int length) {
        return serve(h, call, CallSet.READ, buffer, offset, length);
    }

    /** queryDataAvailable's count, or -1 when the actor must answer it. */
    public static int queryDataAvailable(Handle h, Call call) {
        return serve(h, call, CallSet.QUERY_DATA, null, 0, 0);
    }

    private static int serve(Handle h, Call call, int which, byte[] buffer, int offset, int length) {
        CallSet s = h.calls();
        BodyHandOff in = s == null ? null : s.body();
        if (in == null || !s.takes(which)) return -1;
        if (in == BodyHandOff.ENDED) return 0; // nothing to claim: the state stays as it is, and a synchronous read notifies nothing
        if (which == CallSet.READ && length == 0) return -1;
        if (!(which == CallSet.READ ? in.servesRead(length) : in.servesQuery())) return -1;
        try {
            if (h.claim(which, call, 0).body() != in) {
                h.release(call);
                return -1;
            }
        } catch (WinHttpException refused) {
            return -1; // decided again, by the ordinary way
        }
        int n = which == CallSet.READ ? in.take(buffer, offset, length) : in.available();
        if (!h.release(call)) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, call.api() + " on " + h + ": the handle was closed");
        }
        if (which == CallSet.READ && in.renewDue(RequestActor.READ_AHEAD)) {
            h.<RequestActor.Command>actor().tell(new RequestActor.Renew(in));
        }
        return n;
    }
}
