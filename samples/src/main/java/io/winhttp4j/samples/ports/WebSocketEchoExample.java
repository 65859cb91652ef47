package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.winhttp4j.HInternet;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The WebSocket echo the WinHttpWebSocketSend page belongs to: a GET request asked to upgrade
 * (WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET), sent and answered, WinHttpWebSocketCompleteUpgrade,
 * the request handle closed, one UTF-8 message sent, the echo received until its last fragment,
 * then WinHttpWebSocketClose with 1000 and the server's close status queried.
 */
public final class WebSocketEchoExample {
    static final String MESSAGE = "Hello world";

    private WebSocketEchoExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, WebSocketEchoExample::run);
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) {
        int dwError = 0;
        HInternet hSessionHandle = null,
                  hConnectionHandle = null,
                  hRequestHandle = null,
                  hWebSocketHandle = null;
        byte[] rgbBuffer = new byte[1024];
        int dwBufferLength = rgbBuffer.length;
        int dwBytesTransferred = 0;
        int eBufferType = -1;
        int dwCloseReasonLength;
        try {
            hSessionHandle = winHttp.open("WebSocket sample",
                                          WINHTTP_ACCESS_TYPE_DEFAULT_PROXY,
                                          null,
                                          null,
                                          0);

            hConnectionHandle = winHttp.connect(hSessionHandle,
                                                serverName,
                                                serverPort);

            hRequestHandle = winHttp.openRequest(hConnectionHandle,
                                                 "GET",
                                                 "/ws",
                                                 null,
                                                 null,
                                                 null,
                                                 0);

            winHttp.setOption(hRequestHandle,
                              WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET,
                              null);

            winHttp.sendRequest(hRequestHandle,
                                null,
                                null,
                                0,
                                0);

            winHttp.receiveResponse(hRequestHandle);

            hWebSocketHandle = winHttp.webSocketCompleteUpgrade(hRequestHandle, 0);

            winHttp.closeHandle(hRequestHandle);
            hRequestHandle = null;

            out.println("Upgraded to the WebSocket protocol.");

            byte[] pcwszMessage = MESSAGE.getBytes(StandardCharsets.UTF_8);
            winHttp.webSocketSend(hWebSocketHandle,
                                  WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE,
                                  pcwszMessage,
                                  0,
                                  pcwszMessage.length);

            out.printf("Sent: %s%n", MESSAGE);

            int pbCurrentBufferPointer = 0;
            do {
                if (dwBufferLength == 0) {
                    dwError = io.winhttp4j.WinHttpError.ERROR_NOT_ENOUGH_MEMORY.code();
                    break;
                }

                WebSocketReceiveResult received = winHttp.webSocketReceive(hWebSocketHandle,
                                                                           rgbBuffer,
                                                                           pbCurrentBufferPointer,
                                                                           dwBufferLength);
                dwBytesTransferred = received.bytesRead();
                eBufferType = received.bufferType();

                pbCurrentBufferPointer += dwBytesTransferred;
                dwBufferLength -= dwBytesTransferred;
            } while (eBufferType == WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE);

            if (dwError == 0) {
                if (eBufferType != WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE) {
                    out.println("The reply was not a text message.");
                    dwError = io.winhttp4j.WinHttpError.ERROR_INVALID_PARAMETER.code();
                } else {
                    out.printf("Echoed: %s%n",
                               new String(rgbBuffer, 0, pbCurrentBufferPointer, StandardCharsets.UTF_8));

                    winHttp.webSocketClose(hWebSocketHandle,
                                           WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS,
                                           null);

                    WebSocketCloseStatus closeStatus = winHttp.webSocketQueryCloseStatus(hWebSocketHandle);
                    dwCloseReasonLength = closeStatus.reason().length;

                    out.printf("Closed by the server with %d \"%s\"%n",
                               closeStatus.status(),
                               new String(closeStatus.reason(), 0, dwCloseReasonLength, StandardCharsets.UTF_8));
                }
            }
        } catch (WinHttpException e) {
            dwError = e.code();
        }

        if (hRequestHandle != null) winHttp.closeHandle(hRequestHandle);
        if (hWebSocketHandle != null) winHttp.closeHandle(hWebSocketHandle);
        if (hConnectionHandle != null) winHttp.closeHandle(hConnectionHandle);
        if (hSessionHandle != null) winHttp.closeHandle(hSessionHandle);

        if (dwError != 0)
            out.printf("Error %d has occurred.%n", dwError);
        return dwError;
    }
}
