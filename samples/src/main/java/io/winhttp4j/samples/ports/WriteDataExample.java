package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The example of the WinHttpReceiveResponse reference page, call for call: PUT /writetst.txt
 * announcing strlen(pszData) bytes to SendRequest, one WriteData with them, then
 * ReceiveResponse to end the request.
 */
public final class WriteDataExample {
    private WriteDataExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, WriteDataExample::run);
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) {
        byte[] pszData = "WinHttpWriteData Example".getBytes(StandardCharsets.US_ASCII);
        int dwBytesWritten = 0;
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

            hRequest = winHttp.openRequest(hConnect, "PUT",
                                           "/writetst.txt",
                                           null, null,
                                           null,
                                           0);

            winHttp.sendRequest(hRequest,
                                null,
                                null,
                                pszData.length, 0);

            dwBytesWritten = winHttp.writeData(hRequest, pszData,
                                               0, pszData.length);

            winHttp.receiveResponse(hRequest);
            bResults = true;

            out.printf("%d bytes written, status %d.%n", dwBytesWritten,
                       winHttp.queryHeadersNumber(hRequest, WINHTTP_QUERY_STATUS_CODE, null, 0));
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
}
