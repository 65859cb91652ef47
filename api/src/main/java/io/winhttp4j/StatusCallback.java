package io.winhttp4j;

/**
 * Receives the notifications of the handles it is installed on; the Java form of
 * {@code WINHTTP_STATUS_CALLBACK}.
 *
 * <p>One object instead of a function pointer plus five raw arguments: the handle, context,
 * status and typed payload travel together in a {@link Notification}. The engine calls a
 * callback one notification at a time per handle; a callback may call back into
 * {@link WinHttp}, and an exception it throws is logged, not propagated.
 */
@FunctionalInterface
public interface StatusCallback {

    /**
     * Handles one notification.
     *
     * @param notification what happened, to which handle, with its payload
     */
    void onStatus(Notification notification);
}
