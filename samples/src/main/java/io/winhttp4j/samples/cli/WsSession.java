package io.winhttp4j.samples.cli;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.winhttp4j.HInternet;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * --ws: the upgrade of WinHttpWebSocketCompleteUpgrade's page, then stdin lines sent as UTF-8
 * messages while a reader thread prints every message received. The synchronous API drives it
 * (a blocking receive on the reader thread, sends on the main thread, as Windows allows one of
 * each at a time). End of input sends the close (WinHttpWebSocketShutdown, 1000); the reader
 * then gets the server's close, and the tool reports it.
 */
final class WsSession {
    /** How long the server has to answer our close before the handle is closed under it (or -m). */
    private static final long DEFAULT_CLOSE_WAIT_MS = 10_000;

    private final WinHttpCli cli;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Trace trace;
    private boolean webSocketClosed;

    WsSession(WinHttpCli cli, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.cli = cli;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.trace = new Trace(stderr, cli.verbose);
    }

    int run() throws Exception {
        try (WinHttp winHttp = Setup.engine(cli)) {
            HInternet session = null;
            HInternet connect = null;
            HInternet request = null;
            HInternet webSocket = null;
            try {
                UrlComponents url = Setup.crack(winHttp, cli.url);
                session = Setup.session(winHttp, cli, 0);
                winHttp.setStatusCallback(session, trace::notification, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
                connect = winHttp.connect(session, url.hostName(), url.port());
                request = winHttp.openRequest(connect, "GET", Setup.pathAndQuery(url), null, null, null,
                        Setup.requestFlags(url));
                Setup.requestOptions(winHttp, request, cli, url.scheme() == INTERNET_SCHEME_HTTPS);
                for (String h : cli.headers) {
                    winHttp.addRequestHeaders(request, h, WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
                }
                winHttp.setOption(request, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
                winHttp.sendRequest(request, null, null, 0, 0);
                winHttp.receiveResponse(request);
                trace.head("< ", winHttp.queryHeaders(request, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
                long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
                if (status != 101) {
                    stderr.println("winhttp4j: the server answered " + status + ", not 101 Switching Protocols");
                    return cli.fail && status >= 400 ? ExitCodes.HTTP_ERROR : ExitCodes.OTHER;
                }
                webSocket = winHttp.webSocketCompleteUpgrade(request, 0);
                winHttp.closeHandle(request); // the WebSocket handle lives on without it
                request = null;
                trace.note("WebSocket open; type lines to send them, end of input closes");
                return converse(winHttp, webSocket);
            } finally {
                for (HInternet h : new HInternet[] {webSocketClosed ? null : webSocket, request, connect, session}) {
                    if (h != null) {
                        winHttp.closeHandle(h);
                    }
                }
            }
        }
    }

    private int converse(WinHttp winHttp, HInternet webSocket) throws InterruptedException {
        AtomicReference<WinHttpException> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                receiveAll(winHttp, webSocket);
            } catch (WinHttpException e) {
                readFailure.set(e);
            }
        }, "winhttp4j-ws-reader");
        reader.setDaemon(true);
        reader.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            while (reader.isAlive() && (line = lines.readLine()) != null) {
                byte[] message = line.getBytes(StandardCharsets.UTF_8);
                winHttp.webSocketSend(webSocket, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, message, 0, message.length);
            }
        } catch (IOException e) {
            stderr.println("winhttp4j: reading stdin failed: " + e.getMessage());
        } catch (WinHttpException e) {
            if (reader.isAlive()) {
                throw e;
            } // else the server closed while we were sending; its close is reported below
        }
        if (reader.isAlive()) {
            winHttp.webSocketShutdown(webSocket, WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS, null);
        }
        long closeWait = cli.maxTime != null ? Setup.millis(cli.maxTime) : DEFAULT_CLOSE_WAIT_MS;
        reader.join(closeWait);
        if (reader.isAlive()) {
            // closing the handle ends the pending receive (OPERATION_CANCELLED)
            stderr.println("winhttp4j: the server did not answer the close within " + closeWait + " ms");
            winHttp.closeHandle(webSocket);
            webSocketClosed = true;
            reader.join(closeWait);
            return ExitCodes.ABORTED;
        }
        if (readFailure.get() != null) {
            throw readFailure.get();
        }
        WebSocketCloseStatus close = winHttp.webSocketQueryCloseStatus(webSocket);
        String reason = new String(close.reason(), StandardCharsets.UTF_8);
        trace.note("closed: " + close.status() + (reason.isEmpty() ? "" : " " + reason));
        return ExitCodes.OK;
    }

    /** Prints whole messages until the server's close arrives. */
    private void receiveAll(WinHttp winHttp, HInternet webSocket) {
        byte[] buffer = new byte[16 * 1024];
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            WebSocketReceiveResult r = winHttp.webSocketReceive(webSocket, buffer, 0, buffer.length);
            switch (r.bufferType()) {
                case WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE -> {
                    return;
                }
                case WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE ->
                        message.write(buffer, 0, r.bytesRead());
                case WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE -> {
                    message.write(buffer, 0, r.bytesRead());
                    synchronized (stdout) {
                        stdout.println(message.toString(StandardCharsets.UTF_8));
                        stdout.flush();
                    }
                    message.reset();
                }
                default -> {
                    message.write(buffer, 0, r.bytesRead());
                    synchronized (stdout) {
                        stdout.println("[binary message, " + message.size() + " bytes]");
                        stdout.flush();
                    }
                    message.reset();
                }
            }
        }
    }
}
