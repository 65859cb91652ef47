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

    /** RESOLVING_NAME: the host name about to be looked up. */
    record ServerName(String name) implements StatusInfo {}

    /** NAME_RESOLVED, CONNECTING_TO_SERVER, CONNECTED_TO_SERVER: the server's IP address as text. */
    record ServerAddress(String ip) implements StatusInfo {}

    /** REQUEST_SENT, RESPONSE_RECEIVED, DATA_AVAILABLE, WRITE_COMPLETE (HTTP): a byte count. */
    record ByteCount(long bytes) implements StatusInfo {}

    /**
     * READ_COMPLETE (HTTP): the caller's own buffer, as WinHTTP hands back the buffer given to
     * ReadData; {@code bytesRead} is 0 at the end of the body. Equality is that of the array
     * reference, which is what identifies the read.
     */
    record ReadComplete(byte[] buffer, int offset, int bytesRead) implements StatusInfo {
        @Override
        public String toString() {
            return "ReadComplete[offset=" + offset + ", bytesRead=" + bytesRead + "]";
        }
    }

    /** READ_COMPLETE and WRITE_COMPLETE on a WebSocket handle ({@code WINHTTP_WEB_SOCKET_STATUS}). */
    record WebSocketStatus(int bytesTransferred, int bufferType) implements StatusInfo {}

    /** HANDLE_CREATED, HANDLE_CLOSING: the handle created or being closed. */
    record HandleInfo(HInternet handle) implements StatusInfo {}

    /** REDIRECT: the URL about to be followed. */
    record Url(String url) implements StatusInfo {}

    /** INTERMEDIATE_RESPONSE: the 1xx status code received. */
    record StatusCode(int code) implements StatusInfo {}

    /** SECURE_FAILURE: {@code WINHTTP_CALLBACK_STATUS_FLAG_*} bits, shown in hex. */
    record SecureFailure(int flags) implements StatusInfo {
        @Override
        public String toString() {
            return "SecureFailure[flags=0x" + Integer.toHexString(flags) + "]";
        }
    }

    /** REQUEST_ERROR (HTTP), {@code WINHTTP_ASYNC_RESULT}: which {@code API_*} call failed, and why. */
    record AsyncResult(int api, WinHttpError error) implements StatusInfo {}

    /**
     * REQUEST_ERROR (WebSocket), {@code WINHTTP_WEB_SOCKET_ASYNC_RESULT}: the error and the
     * {@code WINHTTP_WEB_SOCKET_*_OPERATION} that failed.
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
