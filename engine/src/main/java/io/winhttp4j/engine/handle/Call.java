package io.winhttp4j.engine.handle;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.notify.Callbacks;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One API call in flight: the actor answers through it, and in synchronous mode also hands it
 * the notifications the call caused, which the waiting caller runs on its own thread before it
 * returns (as Windows does). Nothing here ever blocks the actor: it only offers to a queue.
 */
public final class Call {
    private static final Object NULL = new Object();
    private static final long LIVENESS_CHECK_MS = 100;

    private record Deliver(StatusCallback callback, Notification notification) {}
    private record Failed(WinHttpError error, String detail) {}

    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final String api;

    public Call(String api) { this.api = api; }

    public String api() { return api; }

    /** Actor side: a notification to run on the caller's thread (synchronous mode). */
    public void deliver(StatusCallback callback, Notification notification) {
        inbox.offer(new Deliver(callback, notification));
    }

    /** Actor side: the call's result (null allowed). */
    public void complete(Object value) { inbox.offer(value == null ? NULL : value); }

    /** Actor side: the call failed. */
    public void fail(WinHttpError error, String detail) { inbox.offer(new Failed(error, detail)); }

    /**
     * Caller side: runs delivered callbacks until the result arrives. If the handle's actor stops
     * before answering (the handle was closed by another thread), the call fails instead of
     * waiting forever.
     */
    public Object await(Handle handle) {
        try {
            for (;;) {
                Object o = inbox.poll(LIVENESS_CHECK_MS, TimeUnit.MILLISECONDS);
                if (o == null) {
                    if (handle.isTerminated()) {
                        throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE,
                                api + ": " + handle + " was closed");
                    }
                    continue;
                }
                if (o instanceof Deliver d) {
                    Callbacks.invoke(d.callback(), d.notification());
                } else if (o instanceof Failed f) {
                    throw new WinHttpException(f.error(), api + " on " + handle + ": " + f.detail());
                } else {
                    return o == NULL ? null : o;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                    api + " on " + handle + ": the calling thread was interrupted");
        }
    }
}
