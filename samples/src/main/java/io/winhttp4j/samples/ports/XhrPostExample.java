package io.winhttp4j.samples.ports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.winhttp4j.WinHttp;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;
import io.winhttp4j.xhr.XmlHttpRequestException;

/**
 * IXMLHTTPRequest2::Send with a POST body, as its reference page describes it: Open first, then
 * Send with the body as a stream (ISequentialStream there, an InputStream here) and its length;
 * Send returns at once and the callback reports the response, ending in OnResponseReceived or
 * OnError.
 */
public final class XhrPostExample {
    static final String BODY = "name=winhttp4j&kind=sample";
    private static final long WAIT_SECONDS = 30;

    private XhrPostExample() {
    }

    public static void main(String[] args) throws Exception {
        PortMain.main(args, XhrPostExample::run);
    }

    static int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) throws InterruptedException {
        CountDownLatch hr = new CountDownLatch(1);
        AtomicInteger result = new AtomicInteger(HResult.E_PENDING);
        AtomicReference<String> response = new AtomicReference<>("");

        XmlHttpRequest2Callback spXhrCallback = new XmlHttpRequest2Callback() {
            @Override
            public void onRedirect(XmlHttpRequest2 pXHR, String pwszRedirectUrl) {
            }

            @Override
            public void onHeadersAvailable(XmlHttpRequest2 pXHR, int dwStatus, String pwszStatus) {
                out.printf("OnHeadersAvailable: %d %s%n", dwStatus, pwszStatus);
            }

            @Override
            public void onDataAvailable(XmlHttpRequest2 pXHR, InputStream pResponseStream) {
            }

            @Override
            public void onResponseReceived(XmlHttpRequest2 pXHR, InputStream pResponseStream) {
                try {
                    response.set(new String(pResponseStream.readAllBytes(), StandardCharsets.UTF_8));
                    result.set(HResult.S_OK);
                } catch (IOException e) {
                    result.set(HResult.E_FAIL);
                }
                hr.countDown();
            }

            @Override
            public void onError(XmlHttpRequest2 pXHR, int hrError) {
                result.set(hrError);
                hr.countDown();
            }
        };

        XmlHttpRequest2 spXHR = winHttp.createXmlHttpRequest2();
        byte[] pBody = BODY.getBytes(StandardCharsets.UTF_8);
        try {
            spXHR.open("POST",
                       "http://" + serverName + ":" + serverPort + "/sink",
                       spXhrCallback,
                       null,
                       null,
                       null,
                       null);

            spXHR.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");

            spXHR.send(new ByteArrayInputStream(pBody), pBody.length);
        } catch (XmlHttpRequestException e) {
            out.printf("Send failed: %s%n", HResult.toString(e.hresult()));
            return e.hresult();
        }

        if (!hr.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            spXHR.abort();
            hr.await(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        if (result.get() == HResult.S_OK)
            out.printf("OnResponseReceived: %s%n", response.get().strip());
        else
            out.printf("The request failed: %s%n", HResult.toString(result.get()));
        return result.get();
    }
}
