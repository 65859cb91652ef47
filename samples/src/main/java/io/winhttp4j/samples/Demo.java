package io.winhttp4j.samples;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.WinHttpEngine;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * A tour of winhttp4j against an embedded local server, written the way WinHTTP code is written
 * on Windows: the examples of the WinHttpSendRequest and WinHttpReceiveResponse reference pages,
 * ported, plus the same GET in asynchronous mode driven entirely from the status callback.
 *
 * <ol type="a">
 *   <li>synchronous GET: every notification printed as it arrives, then the status, the raw
 *       headers and the body, read with QueryDataAvailable / ReadData;</li>
 *   <li>synchronous PUT: SendRequest announces the total length, two WriteData calls send the
 *       data, ReceiveResponse ends the request;</li>
 *   <li>asynchronous GET: SENDREQUEST_COMPLETE leads to ReceiveResponse, HEADERS_AVAILABLE to
 *       QueryDataAvailable, DATA_AVAILABLE to ReadData, READ_COMPLETE to the next round, while
 *       the main thread only waits.</li>
 * </ol>
 *
 * Only the public API is used: {@link WinHttpEngine#create()} and the {@link WinHttp}
 * interface. Exits with status 0 when every step worked; otherwise prints what failed and exits
 * with 1.
 */
public final class Demo {

    private static final String USER_AGENT = "A WinHTTP Example Program/1.0";
    private static final long WAIT_SECONDS = 15;

    private final WinHttp winHttp;
    private final String host;
    private final int port;
    private final PrintStream out;

    private Demo(WinHttp winHttp, String host, int port, PrintStream out) {
        this.winHttp = winHttp;
        this.host = host;
        this.port = port;
        this.out = out;
    }

    public static void main(String[] args) {
        int status = run(System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the whole demo, printing to {@code out}; returns the process exit status. */
    public static int run(PrintStream out) {
        // Start logging before any actor system does, from one thread, so SLF4J does not have
        // to queue and replay the log calls of threads racing through its initialisation.
        LoggerFactory.getILoggerFactory();
        ActorSystem<Void> serverSystem = ActorSystem.create(Behaviors.empty(), "demo-server");
        try {
            try (DemoServer server = DemoServer.start(serverSystem)) {
                out.println("Demo server listening on http://127.0.0.1:" + server.port() + "/");
                try (WinHttp winHttp = WinHttpEngine.create()) {
                    Demo demo = new Demo(winHttp, "127.0.0.1", server.port(), out);
                    demo.synchronousGet();
                    demo.synchronousPut();
                    demo.asynchronousGet();
                }
                out.println();
                out.println("Engine closed.");
            }
            out.println("Server closed. All three examples worked.");
            return 0;
        } catch (WinHttpException e) {
            // what the C examples print after GetLastError()
            out.println("Error " + e.code() + " has occurred (" + e.getMessage() + ").");
            return 1;
        } catch (Exception e) {
            out.println("The demo failed: " + e);
            return 1;
        } finally {
            serverSystem.terminate();
            try {
                serverSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                out.println("The demo server's actor system did not stop in time: " + e);
            }
        }
    }

    // ---- (a) synchronous GET, after the WinHttpSendRequest page ----------------------------------

    private void synchronousGet() {
        section("(a) Synchronous GET /, every notification printed as it arrives");
        HInternet session = null;
        HInternet connect = null;
        HInternet request = null;
        try {
            // WINHTTP_NO_PROXY_NAME and WINHTTP_NO_PROXY_BYPASS are null in Java; no proxy for a
            // server on the loopback interface
            session = winHttp.open(USER_AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            // installed on the session before connect, so the connect and request handles inherit it
            winHttp.setStatusCallback(session, this::print, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);

            connect = winHttp.connect(session, host, port);
            // version null = HTTP/1.1, WINHTTP_NO_REFERER and WINHTTP_DEFAULT_ACCEPT_TYPES = null
            request = winHttp.openRequest(connect, "GET", "/", null, null, null, 0);

            step("sendRequest");
            // WINHTTP_NO_ADDITIONAL_HEADERS, WINHTTP_NO_REQUEST_DATA
            winHttp.sendRequest(request, null, null, 0, 0);
            step("receiveResponse");
            winHttp.receiveResponse(request);

            long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            String headers = winHttp.queryHeaders(request, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0);
            step("read the body");
            String body = readBody(request);

            out.println("Status: " + status);
            out.println("Headers:");
            headers.lines().filter(l -> !l.isEmpty()).forEach(l -> out.println("    " + l));
            out.println("Body (" + body.length() + " chars): " + body.strip());
            expect(status == 200, "GET / answered " + status);
            expect(body.equals(DemoServer.GREETING), "GET / returned an unexpected body");
        } finally {
            step("close the handles");
            closeAll(request, connect, session);
        }
    }

    /** The QueryDataAvailable / ReadData loop of the WinHTTP samples, synchronous mode. */
    private String readBody(HInternet request) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int available;
        while ((available = winHttp.queryDataAvailable(request)) > 0) {
            byte[] buffer = new byte[available];
            int read = winHttp.readData(request, buffer, 0, buffer.length);
            if (read == 0) {
                break;
            }
            body.write(buffer, 0, read);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    // ---- (b) synchronous PUT with WriteData, after the WinHttpReceiveResponse page ------------------

    private void synchronousPut() {
        section("(b) Synchronous PUT /writetst.txt with two WriteData calls");
        byte[] data = "WinHttpWriteData Example".getBytes(StandardCharsets.US_ASCII);
        HInternet session = null;
        HInternet connect = null;
        HInternet request = null;
        try {
            session = winHttp.open(USER_AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            winHttp.setStatusCallback(session, this::print, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            connect = winHttp.connect(session, host, port);
            request = winHttp.openRequest(connect, "PUT", "/writetst.txt", null, null, null, 0);

            step("sendRequest, announcing " + data.length + " bytes to come");
            winHttp.sendRequest(request, null, null, data.length, 0);

            int half = data.length / 2;
            step("writeData, first " + half + " bytes");
            int first = winHttp.writeData(request, data, 0, half);
            step("writeData, remaining " + (data.length - half) + " bytes");
            int second = winHttp.writeData(request, data, half, data.length - half);
            out.println("Bytes written: " + first + " + " + second);

            step("receiveResponse");
            winHttp.receiveResponse(request);
            long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            String reply = readBody(request);
            out.println("Status: " + status);
            out.println("Server says: " + reply.strip());
            expect(first + second == data.length, "writeData wrote " + (first + second) + " bytes");
            expect(status == 201, "PUT answered " + status);
            expect(reply.strip().equals("received " + data.length + " bytes"), "the server got something else");
        } finally {
            step("close the handles");
            closeAll(request, connect, session);
        }
    }

    // ---- (c) asynchronous GET driven from the callback ----------------------------------------------

    private void asynchronousGet() throws InterruptedException {
        section("(c) Asynchronous GET /data, driven entirely from the status callback");
        CountDownLatch finished = new CountDownLatch(1);
        CountDownLatch sessionClosed = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong status = new AtomicLong();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // WinHTTP fills this buffer in the background: untouched until READ_COMPLETE hands it back
        byte[] buffer = new byte[4096];

        StatusCallback callback = n -> {
            print(n);
            HInternet handle = n.handle();
            try {
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(handle);
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                        status.set(winHttp.queryHeadersNumber(handle, WINHTTP_QUERY_STATUS_CODE, null, 0));
                        winHttp.queryDataAvailable(handle);
                    }
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                        long available = ((StatusInfo.ByteCount) n.info()).bytes();
                        if (available == 0) {
                            finished.countDown(); // end of the body
                        } else {
                            winHttp.readData(handle, buffer, 0, (int) Math.min(available, buffer.length));
                        }
                    }
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        StatusInfo.ReadComplete read = (StatusInfo.ReadComplete) n.info();
                        if (read.bytesRead() == 0) {
                            finished.countDown();
                        } else {
                            body.write(read.buffer(), read.offset(), read.bytesRead());
                            winHttp.queryDataAvailable(handle); // next round
                        }
                    }
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                        StatusInfo.AsyncResult result = (StatusInfo.AsyncResult) n.info();
                        failure.compareAndSet(null, "REQUEST_ERROR: API " + result.api() + ", " + result.error());
                        finished.countDown();
                    }
                    case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> {
                        if (handle.handleType() == WINHTTP_HANDLE_TYPE_SESSION) {
                            sessionClosed.countDown();
                        }
                    }
                    default -> {
                        // progress notifications: printed above, nothing to do
                    }
                }
            } catch (WinHttpException e) {
                failure.compareAndSet(null, "a call from the callback failed: " + e.getMessage());
                finished.countDown();
            }
        };

        HInternet session = null;
        HInternet connect = null;
        HInternet request = null;
        try {
            session = winHttp.open(USER_AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            winHttp.setStatusCallback(session, callback, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            connect = winHttp.connect(session, host, port);
            request = winHttp.openRequest(connect, "GET", "/data", null, null, null, 0);

            step("sendRequest (returns at once; the callback takes it from here)");
            winHttp.sendRequest(request, null, null, 0, 0);
            step("main thread waiting");
            if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                failure.compareAndSet(null, "no end of the body within " + WAIT_SECONDS + " s");
            }
        } finally {
            step("close the handles");
            closeAll(request, connect, session);
        }
        if (session != null && !sessionClosed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            failure.compareAndSet(null, "no HANDLE_CLOSING for the session within " + WAIT_SECONDS + " s");
        }

        String text = body.toString(StandardCharsets.UTF_8); // the latch orders this after the writes
        out.println("Status: " + status.get());
        out.println("Body: " + text.length() + " chars in " + text.lines().count() + " lines, the first: "
                + text.lines().findFirst().orElse(""));
        expect(failure.get() == null, failure.get());
        expect(status.get() == 200, "GET /data answered " + status.get());
        expect(text.equals(DemoServer.dataBody()), "GET /data returned an unexpected body");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Closes the handles in the order given (child first), skipping those never opened. */
    private void closeAll(HInternet... handles) {
        for (HInternet h : handles) {
            if (h != null) {
                winHttp.closeHandle(h);
            }
        }
    }

    private void print(Notification n) {
        StringBuilder line = new StringBuilder("    <- ")
                .append(String.format("%-22s", statusName(n.status())))
                .append(' ').append(n.handle());
        if (!(n.info() instanceof StatusInfo.None)) {
            line.append("  ").append(n.info());
        }
        line.append("  [").append(Thread.currentThread().getName()).append(']');
        out.println(line);
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private void step(String what) {
        out.println("  " + what);
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

}
