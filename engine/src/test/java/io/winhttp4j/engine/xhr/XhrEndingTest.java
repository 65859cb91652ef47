package io.winhttp4j.engine.xhr;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static io.winhttp4j.xhr.XhrProperty.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * How a request ends when it does not end well: refused, stalled (TIMEOUT, abort), a failing
 * body stream, abort from inside every callback; and that nothing ever follows the final callback.
 */
class XhrEndingTest extends EngineTestBase {
    static final String TIMEOUT = "error " + HResult.toString(HResult.fromWin32(WinHttpError.ERROR_WINHTTP_TIMEOUT.code()));
    static final String ABORTED = "error " + HResult.toString(HResult.E_ABORT);

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("not within 10 s: " + what);
            Thread.sleep(5);
        }
    }

    /**
     * Runs one more request on the same XHR and waits for it: its callbacks come through the same
     * queue after anything still owed to the first request, so the first recorder must not have
     * grown by then.
     */
    static void assertNothingFollows(XmlHttpRequest2 xhr, Recorder ended) throws Exception {
        List<String> before = List.copyOf(ended.events);
        Recorder probe = new Recorder();
        xhr.open("GET", server.url("/hello"), probe, null, null, null, null);
        xhr.send(null, 0);
        probe.await();
        assertEquals(before, ended.events, "nothing after the final callback");
        assertEquals("received", probe.last());
    }

    @Test
    void aRefusedConnectionIsCannotConnect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = XhrTest.run(xhr, "GET", "http://127.0.0.1:" + port + "/", null, 0);
        r.assertClean();
        assertEquals(List.of("error " + HResult.toString(0x80072EFD)), r.events, "HRESULT_FROM_WIN32(ERROR_WINHTTP_CANNOT_CONNECT)");
        assertThrowsHResult(HResult.E_PENDING, xhr::getAllResponseHeaders);
        assertNothingFollows(xhr, r);
    }

    @Test
    void timeoutEndsAStalledRequest() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
            Recorder r = new Recorder();
            xhr.open("GET", raw.url("/stall"), r, null, null, null, null);
            xhr.setProperty(XHR_PROP_TIMEOUT, 400);
            long t0 = System.nanoTime();
            xhr.send(null, 0);
            r.await().assertClean();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(List.of(TIMEOUT), r.events);
            assertEquals(0x80072EE2, HResult.fromWin32(WinHttpError.ERROR_WINHTTP_TIMEOUT.code()));
            assertTrue(ms >= 350 && ms < 5000, "timed out after " + ms + " ms");
            assertEquals(1, raw.receivedHeads().size());
            assertNothingFollows(xhr, r);
        }
    }

    /** Each byte comes well within the per-read limit, but the whole request outlasts TIMEOUT. */
    @Test
    void timeoutBoundsTheWholeRequestNotEachWait() throws Exception {
        RawServer.Script trickle = c -> {
            c.readRequestHead();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 100_000 && !c.isClosed(); i++) {
                c.write("x");
                Thread.sleep(50);
            }
        };
        try (RawServer raw = RawServer.start(trickle)) {
            XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
            Recorder r = new Recorder();
            xhr.open("GET", raw.url("/slow"), r, null, null, null, null);
            xhr.setProperty(XHR_PROP_TIMEOUT, 1200);
            long t0 = System.nanoTime();
            xhr.send(null, 0);
            r.await().assertClean();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(List.of("headers 200 OK", TIMEOUT), r.withoutData());
            assertTrue(r.events.stream().filter("data"::equals).count() > 3, "bytes kept coming until the end: " + r.events);
            assertTrue(ms >= 1100 && ms < 6000, "timed out after " + ms + " ms");
        }
    }

    @Test
    void abortEndsAStalledRequestOnce() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
            Recorder r = new Recorder();
            xhr.open("GET", raw.url("/stall"), r, null, null, null, null);
            xhr.send(null, 0);
            waitUntil(() -> raw.receivedHeads().size() == 1, "the server got the request");
            assertThrowsHResult(HResult.E_PENDING, () -> xhr.getResponseHeader("Date"));
            xhr.abort();
            xhr.abort(); // a second abort changes nothing
            r.await().assertClean();
            assertEquals(List.of(ABORTED), r.events);
            xhr.abort(); // nor does one after the end
            assertNothingFollows(xhr, r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"headers", "data", "redirect", "received", "error"})
    void abortFromInsideACallback(String where) throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = new Recorder();
        r.hook = (event, request, stream) -> {
            if (event.startsWith(where)) request.abort();
        };
        String url = switch (where) {
            case "redirect" -> server.url("/redirect?to=/bytes?n=300000");
            case "error" -> "http://127.0.0.1:" + closedPort() + "/";
            default -> server.url("/bytes?n=1000000");
        };
        xhr.open("GET", url, r, null, null, null, null);
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1); // the XHR's own hops: onRedirect without the engine's redirects
        xhr.send(null, 0);
        r.await().assertClean();
        List<String> expected = switch (where) {
            case "headers" -> List.of("headers 200 OK", ABORTED);
            case "data" -> List.of("headers 200 OK", "data", ABORTED);
            case "redirect" -> List.of("headers 302 Found", "redirect " + server.url("/bytes?n=300000"), ABORTED);
            case "received" -> List.of("headers 200 OK", "received"); // already ended: abort does nothing
            default -> List.of("error " + HResult.toString(0x80072EFD));
        };
        if (where.equals("received")) assertEquals(expected, r.withoutData());
        else assertEquals(expected, r.events);
        assertNothingFollows(xhr, r);
    }

    @Test
    void aBodyStreamThatFailsOrEndsEarlyIsEFail() throws Exception {
        PatternStream failing = new PatternStream(500_000);
        failing.failAt = new IOException("disk gone");
        failing.failPos = 100_000;
        Recorder r = XhrTest.run(winHttp.createXmlHttpRequest2(), "POST", server.url("/upload"), failing, 500_000);
        r.assertClean();
        assertEquals(List.of("error " + HResult.toString(HResult.E_FAIL)), r.events);

        InputStream shorter = new PatternStream(1000);
        Recorder s = XhrTest.run(winHttp.createXmlHttpRequest2(), "POST", server.url("/upload"), shorter, 5000);
        assertEquals(List.of("error " + HResult.toString(HResult.E_FAIL)), s.events);
    }

    @Test
    void aCallbackThatThrowsDoesNotBreakTheRequest() throws Exception {
        Recorder r = new Recorder();
        r.hook = (event, request, stream) -> {
            throw new IllegalStateException("application bug in " + event);
        };
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        xhr.open("GET", server.url("/bytes?n=200000"), r, null, null, null, null);
        xhr.send(null, 0);
        r.await();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        assertEquals(200_000, r.bodyText().length());
        assertNothingFollows(xhr, r);
    }

    @Test
    void anEngineShutDownEndsTheRequestWithItsError() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead());
             io.winhttp4j.engine.WinHttpEngine own = io.winhttp4j.engine.WinHttpEngine.embedded(kit.system())) {
            XmlHttpRequest2 xhr = own.createXmlHttpRequest2();
            Recorder r = new Recorder();
            xhr.open("GET", raw.url("/stall"), r, null, null, null, null);
            xhr.send(null, 0);
            waitUntil(() -> raw.receivedHeads().size() == 1, "the server got the request");
            own.close();
            r.await().assertClean();
            assertEquals(List.of("error " + HResult.toString(HResult.fromWin32(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED.code()))),
                    r.events);
            XmlHttpRequestExceptionCheck.assertHResult(HResult.fromWin32(WinHttpError.ERROR_WINHTTP_SHUTDOWN.code()),
                    () -> xhr.open("GET", raw.url("/"), new Recorder(), null, null, null, null));
        }
    }

    /**
     * abort() at a random moment of a download or an upload, from the test thread or from a
     * thread started inside a random callback (seeded; the sleeps only spread the moments):
     * whatever was going on, exactly one final callback, and it is the last.
     */
    @Test
    void abortRacingTheExchangeEndsItExactlyOnce() throws Exception {
        long seed = 0x5EED_13L;
        java.util.Random random = new java.util.Random(seed);
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int i = 0; i < 40; i++) {
            long caseSeed = random.nextLong();
            java.util.Random rnd = new java.util.Random(caseSeed);
            Recorder r = new Recorder();
            int size = 64 * 1024 + rnd.nextInt(2 << 20);
            boolean upload = rnd.nextBoolean();
            boolean fromCallback = rnd.nextBoolean();
            int atEvent = rnd.nextInt(6);
            if (fromCallback) {
                java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
                r.hook = (event, request, stream) -> {
                    if (seen.getAndIncrement() == atEvent) new Thread(request::abort, "foreign-abort").start();
                };
            }
            if (upload) {
                xhr.open("POST", server.url("/upload"), r, null, null, null, null);
                xhr.send(new PatternStream(size), size);
            } else {
                xhr.open("GET", server.url("/bytes?n=" + size), r, null, null, null, null);
                xhr.send(null, 0);
            }
            if (!fromCallback) {
                Thread.sleep(rnd.nextInt(40));
                xhr.abort();
            }
            r.await();
            String context = "case " + i + " (seed " + caseSeed + ", base seed " + seed + "): " + r.withoutData();
            r.assertClean();
            List<String> finals = r.events.stream().filter(e -> e.equals("received") || e.startsWith("error")).toList();
            assertEquals(1, finals.size(), context);
            assertEquals(finals.get(0), r.last(), context);
            assertTrue(r.last().equals("received") || r.last().equals(ABORTED), context);
            String outcome = (r.events.get(0).startsWith("headers") ? "after headers, " : "before headers, ") + r.last();
            outcomes.merge(outcome, 1, Integer::sum);
        }
        Recorder last = new Recorder();
        xhr.open("GET", server.url("/hello"), last, null, null, null, null);
        xhr.send(null, 0);
        assertEquals("received", last.await().last(), "the XHR still works after all that");
        System.out.println("abort races, outcomes: " + outcomes);
    }

    @Test
    void aCustomResponseStreamThatFailsIsEFail() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/bytes?n=100000"), r, null, null, null, null);
        xhr.setCustomResponseStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("full");
            }
        });
        xhr.send(null, 0);
        r.await().assertClean();
        assertEquals(List.of("headers 200 OK", "error " + HResult.toString(HResult.E_FAIL)), r.events);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void assertThrowsHResult(int hresult, org.junit.jupiter.api.function.Executable call) {
        XmlHttpRequestExceptionCheck.assertHResult(hresult, call);
    }
}
