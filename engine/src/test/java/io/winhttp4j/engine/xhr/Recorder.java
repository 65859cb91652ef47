package io.winhttp4j.engine.xhr;

import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A callback that records every event in order ("headers 200 OK", "data", "redirect URL",
 * "received", "error 0x..."), the body it read, the threads it ran on, the streams it was given,
 * and whether two callbacks ever overlapped. By default onDataAvailable and onResponseReceived
 * read everything available; {@link #hook} runs first in every callback (abort tests use it).
 */
class Recorder implements XmlHttpRequest2Callback {
    interface Hook {
        void on(String event, XmlHttpRequest2 request, InputStream stream) throws Exception;
    }

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final List<InputStream> streams = Collections.synchronizedList(new ArrayList<>());
    final List<Throwable> hookFailures = Collections.synchronizedList(new ArrayList<>());
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger running = new AtomicInteger();
    volatile boolean overlapped;
    volatile boolean readData = true;
    volatile Hook hook;
    /** The request the last callback was given. */
    volatile XmlHttpRequest2 request;

    @Override
    public void onRedirect(XmlHttpRequest2 request, String redirectUrl) {
        run("redirect " + redirectUrl, request, null);
    }

    @Override
    public void onHeadersAvailable(XmlHttpRequest2 request, int status, String statusText) {
        run("headers " + status + " " + statusText, request, null);
    }

    @Override
    public void onDataAvailable(XmlHttpRequest2 request, InputStream responseStream) {
        run("data", request, responseStream);
    }

    @Override
    public void onResponseReceived(XmlHttpRequest2 request, InputStream responseStream) {
        run("received", request, responseStream);
        finished.countDown();
    }

    @Override
    public void onError(XmlHttpRequest2 request, int hresult) {
        run("error " + HResult.toString(hresult), request, null);
        finished.countDown();
    }

    private void run(String event, XmlHttpRequest2 request, InputStream stream) {
        if (running.incrementAndGet() != 1) overlapped = true;
        try {
            events.add(event);
            this.request = request;
            threads.add(Thread.currentThread().getName());
            if (stream != null) streams.add(stream);
            Hook h = hook;
            if (h != null) {
                try {
                    h.on(event, request, stream);
                } catch (Throwable t) {
                    hookFailures.add(t);
                }
            }
            if (stream != null && readData) {
                try {
                    byte[] all = stream.readAllBytes();
                    synchronized (body) {
                        body.write(all);
                    }
                } catch (java.io.IOException e) {
                    hookFailures.add(e);
                }
            }
        } finally {
            running.decrementAndGet();
        }
    }

    /** Waits (bounded) for the final callback. */
    Recorder await() throws InterruptedException {
        if (!finished.await(30, TimeUnit.SECONDS)) fail("no final callback within 30 s; events so far: " + events);
        return this;
    }

    String bodyText() {
        synchronized (body) {
            return body.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** The events with every "data" left out (how many there are depends on how the bytes arrive). */
    List<String> withoutData() {
        synchronized (events) {
            return events.stream().filter(e -> !e.equals("data")).toList();
        }
    }

    String last() {
        synchronized (events) {
            return events.get(events.size() - 1);
        }
    }

    void assertClean() {
        assertTrue(hookFailures.isEmpty(), "a hook failed: " + hookFailures);
        assertTrue(!overlapped, "two callbacks ran at the same time");
        synchronized (threads) {
            for (String t : threads) {
                assertTrue(t.startsWith("winhttp4j-xhr-") && !t.startsWith("winhttp4j-xhr-timer")
                        && !t.startsWith("winhttp4j-xhr-cleaner"), "a callback ran on " + t);
            }
        }
    }
}
