package io.winhttp4j.samples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XhrProperty;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;

/**
 * --xhr: the same transfer through {@code WinHttp.createXmlHttpRequest2()}: Open, the headers,
 * Send with the body as a stream, then the callbacks, each printed to stderr (unless -s); the
 * body goes where the other modes put it. OnError's HRESULT_FROM_WIN32(error) exits with that
 * error's status.
 */
final class XhrTransfer {
    private final WinHttpCli cli;
    private final PrintStream stdout;
    private final PrintStream stderr;

    XhrTransfer(WinHttpCli cli, PrintStream stdout, PrintStream stderr) {
        this.cli = cli;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    int run() throws Exception {
        HttpTransfer.Body body = HttpTransfer.Body.of(cli);
        Path file = cli.outputFile(java.net.URI.create(cli.url).getPath());
        OutputStream out = file == null ? stdout : Files.newOutputStream(file);
        try (WinHttp winHttp = Setup.engine(cli)) {
            return exchange(winHttp, body, out);
        } finally {
            if (file != null) {
                out.close();
            } else {
                out.flush();
            }
        }
    }

    private int exchange(WinHttp winHttp, HttpTransfer.Body body, OutputStream out) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(ExitCodes.OTHER);
        byte[] buffer = new byte[64 * 1024];

        XmlHttpRequest2Callback callback = new XmlHttpRequest2Callback() {
            private volatile int status;

            @Override
            public void onRedirect(XmlHttpRequest2 request, String redirectUrl) {
                print("OnRedirect " + redirectUrl);
            }

            @Override
            public void onHeadersAvailable(XmlHttpRequest2 request, int status, String statusText) {
                this.status = status;
                print("OnHeadersAvailable " + status + " " + statusText);
                if (cli.verbose) {
                    request.getAllResponseHeaders().lines().forEach(l -> print("  " + l));
                }
                if (cli.head) {
                    stdout.print(request.getAllResponseHeaders());
                }
            }

            @Override
            public void onDataAvailable(XmlHttpRequest2 request, InputStream responseStream) {
                print("OnDataAvailable " + copy(responseStream) + " bytes");
            }

            @Override
            public void onResponseReceived(XmlHttpRequest2 request, InputStream responseStream) {
                print("OnResponseReceived " + copy(responseStream) + " more bytes");
                if (cli.fail && status >= 400) {
                    stderr.println("winhttp4j: (22) The requested URL returned error: " + status);
                    exit.set(ExitCodes.HTTP_ERROR);
                } else {
                    exit.set(ExitCodes.OK);
                }
                done.countDown();
            }

            @Override
            public void onError(XmlHttpRequest2 request, int hresult) {
                print("OnError " + HResult.toString(hresult));
                exit.set(exitFor(hresult));
                done.countDown();
            }

            private long copy(InputStream in) {
                long n = 0;
                try {
                    int k;
                    while ((k = in.read(buffer)) > 0) {
                        if (!(cli.fail && status >= 400)) {
                            out.write(buffer, 0, k);
                        }
                        n += k;
                    }
                } catch (IOException e) {
                    stderr.println("winhttp4j: copying the body failed: " + e.getMessage());
                }
                return n;
            }
        };

        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        String verb = cli.verb != null ? cli.verb : cli.head ? "HEAD" : body != null ? "POST" : "GET";
        String name = null;
        String password = null;
        if (cli.user != null) {
            int colon = cli.user.indexOf(':');
            name = colon < 0 ? cli.user : cli.user.substring(0, colon);
            password = colon < 0 ? "" : cli.user.substring(colon + 1);
        }
        print("Open " + verb + " " + cli.url);
        xhr.open(verb, cli.url, callback, name, password, null, null);
        if (cli.maxTime != null) {
            xhr.setProperty(XhrProperty.XHR_PROP_TIMEOUT, Setup.millis(cli.maxTime));
        }
        if (body != null && body.contentType() != null) {
            xhr.setRequestHeader("Content-Type", body.contentType());
        }
        for (String h : cli.headers) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                xhr.setRequestHeader(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
        }
        print("Send");
        try (InputStream in = body == null ? null : body.open()) {
            xhr.send(in, body == null ? 0 : body.length());
            done.await(); // one of OnResponseReceived / OnError ends every sent request
        }
        return exit.get();
    }

    /** OnError's HRESULT_FROM_WIN32(error): the status of that WinHTTP error, as the other modes exit. */
    private int exitFor(int hresult) {
        if ((hresult & 0xFFFF0000) == 0x80070000) {
            try {
                WinHttpError error = WinHttpError.of(hresult & 0xFFFF);
                stderr.println("winhttp4j: (" + ExitCodes.of(error) + ") " + error.name() + " (" + error.code() + ")");
                return ExitCodes.of(error);
            } catch (IllegalArgumentException unknown) {
                return ExitCodes.OTHER;
            }
        }
        return hresult == HResult.E_ABORT ? ExitCodes.ABORTED : ExitCodes.OTHER;
    }

    private void print(String event) {
        if (!cli.silent) {
            synchronized (stderr) {
                stderr.println("< " + event);
                stderr.flush();
            }
        }
    }

}
