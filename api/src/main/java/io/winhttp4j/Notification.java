package io.winhttp4j;

/**
 * One status notification: the arguments WinHTTP passes to a status callback, bundled.
 *
 * @param handle  the handle the notification is about
 * @param context that handle's context value at the time the notification was sent
 * @param status  the exact {@code WINHTTP_CALLBACK_STATUS_*} value
 * @param info    the typed payload; {@link StatusInfo#NONE} when the status carries none
 */
public record Notification(HInternet handle, long context, int status, StatusInfo info) {

    /** Short and greppable, since notifications mostly end up in logs and test failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64)
                .append(handle)
                .append(" ctx=0x").append(Long.toHexString(context))
                .append(' ').append(WinHttpConstants.statusName(status));
        if (!(info instanceof StatusInfo.None)) {
            sb.append(' ').append(info);
        }
        return sb.toString();
    }
}
