package io.winhttp4j;

/**
 * The payload of a {@link Notification}: a typed replacement for WinHTTP's
 * {@code (lpvStatusInformation, dwStatusInformationLength)} pair.
 *
 * <p>Sealed so that a {@code switch} over it is checked for completeness, and so that each
 * status always carries the same kind of record (see the table in API.md).
 */
public sealed interface StatusInfo {

    /** The single instance used for statuses that carry no payload. */
    StatusInfo.None NONE = new None();

    /**
     * RESOLVING_NAME: the host name about to be looked up.
     *
     * @param name the host name
     */
    record ServerName(String name) implements StatusInfo {}

    /**
     * NAME_RESOLVED, CONNECTING_TO_SERVER, CONNECTED_TO_SERVER: the server's IP address as text.
     *
     * @param ip the IP address, as text
     */
    record ServerAddress(String ip) implements StatusInfo {}

    /**
     * REQUEST_SENT, RESPONSE_RECEIVED, DATA_AVAILABLE, WRITE_COMPLETE (HTTP): a byte count.
     *
     * @param bytes the number of bytes
     */
    record ByteCount(long bytes) implements StatusInfo {}

    /**
     * READ_COMPLETE (HTTP): the caller's own buffer, as WinHTTP hands back the buffer given to
     * ReadData; {@code bytesRead} is 0 at the end of the body. Equality is that of the array
     * reference, which is what identifies the read.
     *
     * @param buffer    the array given to readData
     * @param offset    the offset given to readData, where the bytes start
     * @param bytesRead how many bytes were read; 0 at the end of the body
     */
    record ReadComplete(byte[] buffer, int offset, int bytesRead) implements StatusInfo {
        @Override
        public String toString() {
            return "ReadComplete[offset=" + offset + ", bytesRead=" + bytesRead + "]";
        }
    }

    /**
     * READ_COMPLETE and WRITE_COMPLETE on a WebSocket handle ({@code WINHTTP_WEB_SOCKET_STATUS}).
     *
     * @param bytesTransferred bytes read or written
     * @param bufferType       a {@code WINHTTP_WEB_SOCKET_*_BUFFER_TYPE} value
     */
    record WebSocketStatus(int bytesTransferred, int bufferType) implements StatusInfo {}

    /**
     * HANDLE_CREATED, HANDLE_CLOSING: the handle created or being closed.
     *
     * @param handle the handle
     */
    record HandleInfo(HInternet handle) implements StatusInfo {}

    /**
     * REDIRECT: the URL about to be followed.
     *
     * @param url the URL the request goes to next
     */
    record Url(String url) implements StatusInfo {}

    /**
     * INTERMEDIATE_RESPONSE: the 1xx status code received.
     *
     * @param code the status code, 100 to 199
     */
    record StatusCode(int code) implements StatusInfo {}

    /**
     * SECURE_FAILURE: {@code WINHTTP_CALLBACK_STATUS_FLAG_*} bits, shown in hex.
     *
     * @param flags the {@code WINHTTP_CALLBACK_STATUS_FLAG_*} bits of the failures
     */
    record SecureFailure(int flags) implements StatusInfo {
        @Override
        public String toString() {
            return "SecureFailure[flags=0x" + Integer.toHexString(flags) + "]";
        }
    }

    /**
     * REQUEST_ERROR (HTTP), {@code WINHTTP_ASYNC_RESULT}: which {@code API_*} call failed, and why.
     *
     * @param api   the {@code API_*} value of the call that failed
     * @param error why it failed
     */
    record AsyncResult(int api, WinHttpError error) implements StatusInfo {}

    /**
     * REQUEST_ERROR (WebSocket), {@code WINHTTP_WEB_SOCKET_ASYNC_RESULT}: the error and the
     * {@code WINHTTP_WEB_SOCKET_*_OPERATION} that failed.
     *
     * @param error     why it failed
     * @param operation the {@code WINHTTP_WEB_SOCKET_*_OPERATION} that failed
     */
    record WebSocketAsyncResult(WinHttpError error, int operation) implements StatusInfo {}

    /** No payload. Use {@link StatusInfo#NONE} rather than creating new instances. */
    record None() implements StatusInfo {
        @Override
        public String toString() {
            return "NONE";
        }
    }
}
