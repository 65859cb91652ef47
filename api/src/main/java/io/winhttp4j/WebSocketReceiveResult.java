package io.winhttp4j;

/**
 * The out-parameters of {@code WinHttpWebSocketReceive}, returned by a synchronous
 * {@link WinHttp#webSocketReceive}.
 *
 * @param bytesRead  bytes written into the caller's buffer
 * @param bufferType a {@code WINHTTP_WEB_SOCKET_*_BUFFER_TYPE} value
 */
public record WebSocketReceiveResult(int bytesRead, int bufferType) {}
