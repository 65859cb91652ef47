package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The chunked upload of the WinHttpSendRequest page's Transfer-Encoding remarks: the request
 * carries "Transfer-Encoding: chunked", SendRequest gets no optional data and
 * WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, each WriteData sends one chunk as the application frames
 * it (size in hex, CRLF, data, CRLF), and the last WriteData is the zero-length chunk.
 */
public final class ChunkedUploadExample {
    static final String[] PIECES = {"The chunked ", "upload of ", "WinHttpSendRequest."};

    private ChunkedUploadExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, ChunkedUploadExample::run);
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) {
        boolean bResults = false;
        HInternet hSession = null,
                  hConnect = null,
                  hRequest = null;
        int lastError = 0;
        try {
            hSession = winHttp.open("A WinHTTP Example Program/1.0",
                                    WINHTTP_ACCESS_TYPE_DEFAULT_PROXY,
                                    null,
                                    null, 0);

            hConnect = winHttp.connect(hSession, serverName,
                                       serverPort);

            hRequest = winHttp.openRequest(hConnect, "POST",
                                           "/sink",
                                           null, null,
                                           null,
                                           0);

            winHttp.sendRequest(hRequest,
                                "Transfer-Encoding: chunked\r\n",
                                null,
                                WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, 0);

            for (String piece : PIECES) {
                byte[] chunk = chunk(piece.getBytes(StandardCharsets.US_ASCII));
                winHttp.writeData(hRequest, chunk, 0, chunk.length);
            }
            byte[] last = chunk(new byte[0]);
            winHttp.writeData(hRequest, last, 0, last.length);

            winHttp.receiveResponse(hRequest);
            bResults = true;

            out.printf("Status %d.%n", winHttp.queryHeadersNumber(hRequest, WINHTTP_QUERY_STATUS_CODE, null, 0));
        } catch (WinHttpException e) {
            lastError = e.code();
        }

        if (!bResults)
            out.printf("Error %d has occurred.%n", lastError);

        if (hRequest != null) winHttp.closeHandle(hRequest);
        if (hConnect != null) winHttp.closeHandle(hConnect);
        if (hSession != null) winHttp.closeHandle(hSession);
        return lastError;
    }

    /** One chunk as HTTP/1.1 frames it: the size in hex, CRLF, the data, CRLF. */
    static byte[] chunk(byte[] data) {
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, framed, 0, head.length);
        System.arraycopy(data, 0, framed, head.length, data.length);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        return framed;
    }
}
