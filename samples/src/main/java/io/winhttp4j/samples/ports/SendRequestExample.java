package io.winhttp4j.samples.ports;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.PrintStream;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

/**
 * The example of the WinHttpSendRequest reference page, call for call: a session, a connection,
 * a request for PUT /writetst.txt, sent with no additional headers and no data. Where the C
 * tests each handle before the next call, the Java calls throw, so one catch reports the error.
 */
public final class SendRequestExample {
    private SendRequestExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, SendRequestExample::run);
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

            hRequest = winHttp.openRequest(hConnect, "PUT",
                                           "/writetst.txt",
                                           null, null,
                                           null,
                                           0);

            winHttp.sendRequest(hRequest,
                                null,
                                null,
                                0, 0);
            bResults = true;

            out.println("Request sent.");
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
