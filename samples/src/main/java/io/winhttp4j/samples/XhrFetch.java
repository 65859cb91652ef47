package io.winhttp4j.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;
import io.winhttp4j.xhr.XmlHttpRequestException;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * Fetches one URL with the IXMLHTTPRequest2 facade and prints every callback as it arrives, the
 * way the Send reference page describes the exchange: Open, Send (which returns at once), then
 * OnHeadersAvailable, OnDataAvailable as the body comes in, and one OnResponseReceived or OnError.
 *
 * <pre>
 * mvn -B -q -pl samples -am compile exec:java -Dexec.mainClass=io.winhttp4j.samples.XhrFetch [-Dexec.args=URL]
 * </pre>
 * Without a URL it starts the demo server and fetches its {@code /data}. Exits with 0 when the
 * exchange ended in OnResponseReceived, 1 otherwise.
 */
public final class XhrFetch {

    private static final long WAIT_SECONDS = 30;

    private XhrFetch() {
    }

    public static void main(String[] args) throws Exception {
        int status;
        if (args.length > 0) {
            status = run(args[0], System.out);
        } else {
            LoggerFactory.getILoggerFactory(); // logging up before any actor system (see Demo)
            ActorSystem<Void> serverSystem = ActorSystem.create(Behaviors.empty(), "xhr-fetch-server");
            try (DemoServer server = DemoServer.start(serverSystem)) {
                status = run("http://127.0.0.1:" + server.port() + "/data", System.out);
            } finally {
                serverSystem.terminate();
                serverSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Fetches {@code url}, printing to {@code out}; returns the process exit status. */
    public static int run(String url, PrintStream out) throws InterruptedException {
        try (WinHttp winHttp = WinHttpEngine.create()) {
            return fetch(winHttp, url, out);
        }
    }

    static int fetch(WinHttp winHttp, String url, PrintStream out) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(1);
        AtomicLong total = new AtomicLong();
        byte[] buffer = new byte[8192];

        XmlHttpRequest2Callback callback = new XmlHttpRequest2Callback() {
            @Override
            public void onRedirect(XmlHttpRequest2 request, String redirectUrl) {
                print("OnRedirect " + redirectUrl);
            }

            @Override
            public void onHeadersAvailable(XmlHttpRequest2 request, int status, String statusText) {
                print("OnHeadersAvailable " + status + " " + statusText);
                // the header getters work from here on
                request.getAllResponseHeaders().lines().forEach(l -> out.println("      " + l));
            }

            @Override
            public void onDataAvailable(XmlHttpRequest2 request, InputStream responseStream) {
                long n = drain(responseStream); // optional: what is not read now waits for OnResponseReceived
                print("OnDataAvailable " + n + " bytes (" + total.get() + " so far)");
            }

            @Override
            public void onResponseReceived(XmlHttpRequest2 request, InputStream responseStream) {
                long n = drain(responseStream);
                print("OnResponseReceived " + n + " more bytes, " + total.get() + " in all");
                exit.set(0);
                done.countDown();
            }

            @Override
            public void onError(XmlHttpRequest2 request, int hresult) {
                print("OnError " + HResult.toString(hresult));
                done.countDown();
            }

            private long drain(InputStream in) {
                long n = 0;
                try {
                    int k;
                    while ((k = in.read(buffer)) > 0) {
                        n += k;
                    }
                } catch (IOException e) {
                    out.println("reading the response stream failed: " + e);
                }
                total.addAndGet(n);
                return n;
            }

            private void print(String event) {
                out.println("  <- " + event + "  [" + Thread.currentThread().getName() + "]");
            }
        };

        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        try {
            out.println("Open GET " + url);
            xhr.open("GET", url, callback, null, null, null, null);
            out.println("Send (returns at once; the callbacks take it from here)");
            xhr.send(null, 0);
        } catch (XmlHttpRequestException e) {
            out.println("The request was refused: " + e.getMessage());
            return 1;
        }
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            out.println("No final callback within " + WAIT_SECONDS + " s; aborting");
            xhr.abort();
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return 1;
        }
        return exit.get();
    }
}
