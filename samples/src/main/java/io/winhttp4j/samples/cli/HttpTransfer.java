package io.winhttp4j.samples.cli;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.winhttp4j.AuthSchemes;
import io.winhttp4j.HInternet;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/** One HTTP transfer through the WinHTTP calls, in the mode --sync / --async picks. */
final class HttpTransfer {
    private static final int BUFFER = 64 * 1024;

    private final WinHttpCli cli;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Trace trace;

    HttpTransfer(WinHttpCli cli, PrintStream stdout, PrintStream stderr) {
        this.cli = cli;
        this.stdout = stdout;
        this.stderr = stderr;
        this.trace = new Trace(stderr, cli.verbose);
    }

    int run() throws WinHttpCli.Failure, IOException {
        Body body = Body.of(cli);
        try (WinHttp winHttp = Setup.engine(cli)) {
            Driver driver = Driver.of(winHttp, cli.async(), trace);
            HInternet session = null;
            HInternet connect = null;
            HInternet request = null;
            try {
                UrlComponents url = Setup.crack(winHttp, cli.url);
                session = Setup.session(winHttp, cli, driver.openFlags());
                winHttp.setStatusCallback(session, driver.callback(), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
                connect = winHttp.connect(session, url.hostName(), url.port());
                String verb = cli.verb != null ? cli.verb : cli.head ? "HEAD" : body != null ? "POST" : "GET";
                request = winHttp.openRequest(connect, verb, Setup.pathAndQuery(url), cli.http11 ? "HTTP/1.1" : null,
                        null, null, Setup.requestFlags(url));
                Setup.requestOptions(winHttp, request, cli, url.scheme() == INTERNET_SCHEME_HTTPS);
                if (body != null && body.contentType() != null) {
                    winHttp.addRequestHeaders(request, "Content-Type: " + body.contentType(), WINHTTP_ADDREQ_FLAG_ADD);
                }
                for (String h : cli.headers) {
                    winHttp.addRequestHeaders(request, h, WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
                }
                long status = exchange(driver, request, body);
                return output(driver, request, url, status);
            } finally {
                for (HInternet h : new HInternet[] {request, connect, session}) {
                    if (h != null) {
                        winHttp.closeHandle(h);
                    }
                }
            }
        }
    }

    /** Sends the request (again, after a 401 answered with -u), receives the response; its status. */
    private long exchange(Driver driver, HInternet request, Body body) throws WinHttpCli.Failure {
        WinHttp winHttp = driver.winHttp;
        boolean credentialsSent = false;
        while (true) {
            send(driver, request, body);
            driver.receiveResponse(request);
            long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            trace.head("< ", winHttp.queryHeaders(request, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
            if ((status == 401 || status == 407) && cli.user != null && !credentialsSent) {
                AuthSchemes schemes = winHttp.queryAuthSchemes(request);
                int scheme = (schemes.supported() & WINHTTP_AUTH_SCHEME_DIGEST) != 0 ? WINHTTP_AUTH_SCHEME_DIGEST
                        : (schemes.supported() & WINHTTP_AUTH_SCHEME_BASIC) != 0 ? WINHTTP_AUTH_SCHEME_BASIC : 0;
                if (scheme != 0) {
                    int colon = cli.user.indexOf(':');
                    String name = colon < 0 ? cli.user : cli.user.substring(0, colon);
                    String password = colon < 0 ? "" : cli.user.substring(colon + 1);
                    trace.note("answering the challenge with " + (scheme == WINHTTP_AUTH_SCHEME_DIGEST ? "Digest" : "Basic")
                            + " for " + name);
                    winHttp.setCredentials(request, schemes.target(), scheme, name, password);
                    credentialsSent = true;
                    read(driver, request, OutputStream.nullOutputStream(), null); // the challenge's body first
                    continue;
                }
                trace.note("the server offers neither Basic nor Digest");
            }
            return status;
        }
    }

    /** sendRequest, then the body streamed through writeData with the upload's progress bar. */
    private void send(Driver driver, HInternet request, Body body) throws WinHttpCli.Failure {
        if (body == null) {
            driver.sendRequest(request, 0);
            traceRequestHead(driver.winHttp, request);
            return;
        }
        driver.sendRequest(request, body.length());
        traceRequestHead(driver.winHttp, request);
        Progress progress = Progress.on(stderr, "upload", cli.showProgress());
        if (progress != null) {
            progress.total(body.length());
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = body.open()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                int off = 0;
                while (off < n) {
                    int written = driver.writeData(request, buffer, off, n - off);
                    off += written;
                    if (progress != null) {
                        progress.add(written);
                    }
                }
            }
        } catch (IOException e) {
            throw new WinHttpCli.Failure(ExitCodes.READ_ERROR, "reading the upload failed: " + e.getMessage());
        }
        if (progress != null) {
            progress.finish();
        }
    }

    private void traceRequestHead(WinHttp winHttp, HInternet request) {
        if (trace.verbose()) {
            trace.head("> ", winHttp.queryHeaders(request,
                    WINHTTP_QUERY_RAW_HEADERS_CRLF | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
        }
    }

    private int output(Driver driver, HInternet request, UrlComponents url, long status)
            throws WinHttpCli.Failure, IOException {
        WinHttp winHttp = driver.winHttp;
        if (cli.fail && status >= 400) {
            stderr.println("winhttp4j: (22) The requested URL returned error: " + status);
            return ExitCodes.HTTP_ERROR;
        }
        if (cli.head) {
            stdout.print(winHttp.queryHeaders(request, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
            stdout.flush();
            return ExitCodes.OK;
        }
        Path file = cli.outputFile(url.urlPath());
        OutputStream out = file == null ? stdout : openFile(file);
        try {
            Progress progress = Progress.on(stderr, "download", cli.showProgress());
            if (progress != null) {
                try {
                    progress.total(winHttp.queryHeadersNumber(request, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
                } catch (WinHttpException e) {
                    if (e.error() != WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND) {
                        throw e;
                    }
                }
            }
            read(driver, request, out, progress);
            if (progress != null) {
                progress.finish();
            }
        } finally {
            if (file != null) {
                out.close();
            } else {
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** The QueryDataAvailable / ReadData loop of the reference pages, into {@code out}. */
    private void read(Driver driver, HInternet request, OutputStream out, Progress progress) throws WinHttpCli.Failure {
        byte[] buffer = new byte[BUFFER];
        int available;
        while ((available = driver.queryDataAvailable(request)) > 0) {
            int read = driver.readData(request, buffer, 0, Math.min(available, buffer.length));
            if (read == 0) {
                break;
            }
            try {
                out.write(buffer, 0, read);
            } catch (IOException e) {
                throw new WinHttpCli.Failure(ExitCodes.WRITE_ERROR, "writing the body failed: " + e.getMessage());
            }
            if (progress != null) {
                progress.add(read);
            }
        }
    }

    private static OutputStream openFile(Path file) throws WinHttpCli.Failure {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new WinHttpCli.Failure(ExitCodes.WRITE_ERROR, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The request body of -d / --data-binary: bytes given on the command line, or a file streamed. */
    record Body(byte[] bytes, Path file, long length, String contentType) {
        static Body of(WinHttpCli cli) throws WinHttpCli.Failure {
            if (cli.dataBinary != null) {
                return of(cli.dataBinary, null);
            }
            if (cli.data.isEmpty()) {
                return null;
            }
            String form = "application/x-www-form-urlencoded";
            if (cli.data.size() == 1) {
                return of(cli.data.get(0), form);
            }
            return of(String.join("&", cli.data), form);
        }

        private static Body of(String arg, String contentType) throws WinHttpCli.Failure {
            if (arg.startsWith("@")) {
                Path file = Path.of(arg.substring(1));
                try {
                    return new Body(null, file, Files.size(file), contentType);
                } catch (IOException e) {
                    throw new WinHttpCli.Failure(ExitCodes.READ_ERROR, "cannot read " + file + ": " + e.getMessage());
                }
            }
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            return new Body(bytes, null, bytes.length, contentType);
        }

        InputStream open() throws IOException {
            return file != null ? Files.newInputStream(file) : new java.io.ByteArrayInputStream(bytes);
        }
    }
}
