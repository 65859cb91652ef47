package io.winhttp4j;

/**
 * A WinHTTP handle: session, connect, request or WebSocket.
 *
 * <p>Opaque on purpose, so that ported code keeps treating handles as tokens it hands back to
 * {@link WinHttp}. Implementations compare by identity ({@code equals} is {@code ==}), so a
 * handle can key a map for as long as the caller holds it, and their {@code toString()} names
 * the handle type and a short id, which is what a log line needs.
 */
public interface HInternet {

    /**
     * The kind of handle, as {@code WINHTTP_OPTION_HANDLE_TYPE} reports it:
     * {@link WinHttpConstants#WINHTTP_HANDLE_TYPE_SESSION} (1), {@code _CONNECT} (2),
     * {@code _REQUEST} (3) or {@code _WEBSOCKET} (5).
     *
     * @return a {@code WINHTTP_HANDLE_TYPE_*} value
     */
    int handleType();
}
