package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The upload of more than 4 GiB of the WinHttpSendRequest page: a DWORD cannot hold the length,
 * so the Content-Length header carries it and SendRequest gets WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH;
 * then WriteData streams the body from one reused 1 MiB buffer, never holding it whole.
 *
 * <pre>
 * LargeUploadExample [HOST PORT] [BYTES]    (BYTES defaults to 4 GiB + 1 MiB)
 * </pre>
 */
public final class LargeUploadExample {
    static final long DEFAULT_BYTES = (4L << 30) + (1 << 20);
    private static final int BUFFER = 1 << 20;

    private LargeUploadExample() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = args.length == 1 || args.length == 3 ? Long.parseLong(args[args.length - 1]) : DEFAULT_BYTES;
        String[] target = args.length >= 2 ? Arrays.copyOf(args, 2) : new String[0];
        PortMain.main(target, (winHttp, serverName, serverPort, out) -> run(winHttp, serverName, serverPort, bytes, out));
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, long contentLength, PrintStream out) {
        byte[] pMyContent = new byte[BUFFER];
        Arrays.fill(pMyContent, (byte) 'x');
        boolean fRet = false;
        HInternet hSession = null,
                  hConnect = null,
                  hReq = null;
        int lastError = 0;
        try {
            hSession = winHttp.open("A WinHTTP Example Program/1.0",
                                    WINHTTP_ACCESS_TYPE_DEFAULT_PROXY,
                                    null,
                                    null, 0);

            hConnect = winHttp.connect(hSession, serverName,
                                       serverPort);

            hReq = winHttp.openRequest(hConnect, "POST",
                                       "/sink",
                                       null, null,
                                       null,
                                       0);

            winHttp.sendRequest(hReq,
                                "Content-Length: " + contentLength + "\r\n",
                                null,
                                WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH,
                                0);

            long sent = 0;
            while (sent < contentLength) {
                int dwSize = (int) Math.min(pMyContent.length, contentLength - sent);
                sent += winHttp.writeData(hReq, pMyContent, 0, dwSize);
            }

            winHttp.receiveResponse(hReq);
            fRet = true;

            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[256];
            int read;
            while ((read = winHttp.readData(hReq, buffer, 0, buffer.length)) > 0)
                reply.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            out.printf("%d bytes sent; the server says: %s%n", sent, reply.toString().strip());
        } catch (WinHttpException e) {
            lastError = e.code();
        }

        if (!fRet)
            out.printf("Error %d has occurred.%n", lastError);

        if (hReq != null) winHttp.closeHandle(hReq);
        if (hConnect != null) winHttp.closeHandle(hConnect);
        if (hSession != null) winHttp.closeHandle(hSession);
        return lastError;
    }
}
