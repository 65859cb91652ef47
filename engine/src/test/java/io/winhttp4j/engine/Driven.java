package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.Bounded;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * One session driven the same way in both modes, for tests that check what a call gives and not
 * its notifications: synchronous calls run bounded on a thread of their own; asynchronous calls
 * wait (bounded) for their completion notification, and a REQUEST_ERROR becomes the
 * WinHttpException the synchronous call would have thrown.
 */
final class Driven implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final WinHttp winHttp;
    final boolean async;
    final HInternet session;
    private final BlockingQueue<Notification> seen = new LinkedBlockingQueue<>();
    private final java.util.List<HInternet> opened = new java.util.ArrayList<>();

    Driven(WinHttp winHttp, boolean async, String agent) {
        this.winHttp = winHttp;
        this.async = async;
        session = winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        // handles opened afterwards inherit the session's callback
        winHttp.setStatusCallback(session, seen::add, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
    }

    HInternet connect(String host, int port) {
        return keep(winHttp.connect(session, host, port));
    }

    HInternet request(HInternet connect, String verb, String path) {
        return keep(winHttp.openRequest(connect, verb, path, null, null, null, 0));
    }

    private HInternet keep(HInternet h) {
        opened.add(h);
        return h;
    }

    /** sendRequest (with these headers, or null) then receiveResponse. */
    void send(HInternet request, String headers) throws Exception {
        call(request, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, () -> {
            winHttp.sendRequest(request, headers, null, 0, 0);
            return 0;
        });
        call(request, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, () -> {
            winHttp.receiveResponse(request);
            return 0;
        });
    }

    /** readData into buf: the byte count, 0 at the end. */
    int read(HInternet request, byte[] buf, int off, int len) throws Exception {
        Notification n = call(request, WINHTTP_CALLBACK_STATUS_READ_COMPLETE, () -> winHttp.readData(request, buf, off, len));
        return n == null ? last : ((StatusInfo.ReadComplete) n.info()).bytesRead();
    }

    int available(HInternet request) throws Exception {
        Notification n = call(request, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, () -> winHttp.queryDataAvailable(request));
        return n == null ? last : (int) ((StatusInfo.ByteCount) n.info()).bytes();
    }

    /** The rest of the body. */
    byte[] body(HInternet request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = read(request, buf, 0, buf.length)) > 0) out.write(buf, 0, n);
        return out.toByteArray();
    }

    String text(HInternet request) throws Exception {
        return new String(body(request), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private int last;
    /** Inside {@link #bounded}: synchronous calls run on its thread, one bound for all. */
    private volatile boolean direct;

    /** Runs many calls under one bound (a thread for each synchronous call would cost more than the call). */
    <T> T bounded(Duration limit, java.util.concurrent.Callable<T> calls) throws Exception {
        direct = true;
        try {
            return Bounded.call(limit, "driven", calls);
        } finally {
            direct = false;
        }
    }

    /** Sync: the call's result in last, null returned. Async: the completion notification. */
    private Notification call(HInternet request, int completion, java.util.concurrent.Callable<Integer> c) throws Exception {
        if (!async) {
            last = direct ? c.call() : Bounded.call(WAIT, "sync call", c);
            return null;
        }
        c.call();
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Notification n = seen.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (n == null) throw new AssertionError("no notification 0x" + Integer.toHexString(completion) + " within " + WAIT);
            if (n.handle() != request) continue;
            if (n.status() == completion) return n;
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) {
                StatusInfo.AsyncResult a = (StatusInfo.AsyncResult) n.info();
                throw new WinHttpException(a.error(), "REQUEST_ERROR for API " + a.api());
            }
        }
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) winHttp.closeHandle(opened.get(i));
        winHttp.closeHandle(session);
    }
}
