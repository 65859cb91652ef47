package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The GET of the WinHttpSendRequest page in asynchronous mode, as its remarks describe it:
 * WINHTTP_FLAG_ASYNC on the session, and the status callback makes each next call on the
 * completion of the last (SENDREQUEST_COMPLETE, HEADERS_AVAILABLE, DATA_AVAILABLE, READ_COMPLETE)
 * while the main thread only waits for the end.
 */
public final class AsyncGetExample {
    private static final long WAIT_SECONDS = 30;

    private AsyncGetExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, AsyncGetExample::run);
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) throws InterruptedException {
        CountDownLatch hDone = new CountDownLatch(1);
        CountDownLatch hClosed = new CountDownLatch(1);
        AtomicInteger dwError = new AtomicInteger();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] lpBuffer = new byte[4096];

        HInternet hSession = null,
                  hConnect = null,
                  hRequest = null;
        try {
            hSession = winHttp.open("A WinHTTP Example Program/1.0",
                                    WINHTTP_ACCESS_TYPE_DEFAULT_PROXY,
                                    null,
                                    null, WINHTTP_FLAG_ASYNC);

            winHttp.setStatusCallback(hSession,
                                      n -> callback(winHttp, n, lpBuffer, body, dwError, hDone, hClosed),
                                      WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);

            hConnect = winHttp.connect(hSession, serverName,
                                       serverPort);

            hRequest = winHttp.openRequest(hConnect, "GET",
                                           "/",
                                           null, null,
                                           null,
                                           0);

            winHttp.sendRequest(hRequest,
                                null,
                                null,
                                0, 0);

            if (!hDone.await(WAIT_SECONDS, TimeUnit.SECONDS))
                dwError.compareAndSet(0, io.winhttp4j.WinHttpError.ERROR_WINHTTP_TIMEOUT.code());
        } catch (WinHttpException e) {
            dwError.compareAndSet(0, e.code());
        }

        if (dwError.get() != 0)
            out.printf("Error %d has occurred.%n", dwError.get());
        else
            out.printf("%d bytes received:%n%s", body.size(), body.toString(StandardCharsets.UTF_8));

        if (hRequest != null) winHttp.closeHandle(hRequest);
        if (hConnect != null) winHttp.closeHandle(hConnect);
        if (hSession != null) {
            winHttp.closeHandle(hSession);
            hClosed.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        return dwError.get();
    }

    private static void callback(WinHttp winHttp, Notification n, byte[] lpBuffer, ByteArrayOutputStream body,
                                 AtomicInteger dwError, CountDownLatch hDone, CountDownLatch hClosed) {
        HInternet hRequest = n.handle();
        try {
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE:
                    winHttp.receiveResponse(hRequest);
                    break;
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE:
                    winHttp.queryDataAvailable(hRequest);
                    break;
                case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE:
                    long dwSize = ((StatusInfo.ByteCount) n.info()).bytes();
                    if (dwSize == 0)
                        hDone.countDown();
                    else
                        winHttp.readData(hRequest, lpBuffer, 0, (int) Math.min(dwSize, lpBuffer.length));
                    break;
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE:
                    StatusInfo.ReadComplete read = (StatusInfo.ReadComplete) n.info();
                    body.write(read.buffer(), read.offset(), read.bytesRead());
                    if (read.bytesRead() == 0)
                        hDone.countDown();
                    else
                        winHttp.queryDataAvailable(hRequest);
                    break;
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR:
                    dwError.compareAndSet(0, ((StatusInfo.AsyncResult) n.info()).error().code());
                    hDone.countDown();
                    break;
                case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING:
                    if (hRequest.handleType() == WINHTTP_HANDLE_TYPE_SESSION)
                        hClosed.countDown();
                    break;
                default:
                    break;
            }
        } catch (WinHttpException e) {
            dwError.compareAndSet(0, e.code());
            hDone.countDown();
        }
    }
}
