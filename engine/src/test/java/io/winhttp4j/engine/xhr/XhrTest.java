package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.xhr.XhrProperty.*;
import static org.junit.jupiter.api.Assertions.*;

/** The XHR's callback sequences against a local Pekko HTTP server, and what it sends. */
class XhrTest extends EngineTestBase {

    static Recorder run(XmlHttpRequest2 xhr, String method, String url, InputStream body, long length) throws Exception {
        Recorder r = new Recorder();
        xhr.open(method, url, r, null, null, null, null);
        xhr.send(body, length);
        return r.await();
    }

    static Recorder get(String url) throws Exception {
        return run(winHttp.createXmlHttpRequest2(), "GET", url, null, 0);
    }

    @Test
    void getDeliversHeadersDataAndTheEndOnXhrThreads() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = run(xhr, "GET", server.url("/hello"), null, 0);
        r.assertClean(); // XHR threads only, never two at once
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), r.events.toString());
        assertTrue(r.events.contains("data"), "the body arrived through onDataAvailable: " + r.events);
        assertEquals(LocalHttpServer.HELLO_BODY, r.bodyText());
        assertEquals("14", xhr.getResponseHeader("content-length"), "case-insensitive name");
        assertNull(xhr.getResponseHeader("X-Not-There"));
        String all = xhr.getAllResponseHeaders();
        assertTrue(all.contains("Content-Length: 14\r\n") && all.endsWith("\r\n") && !all.startsWith("HTTP/"), all);
        assertFalse(r.threads.contains(Thread.currentThread().getName()), "never on the caller's thread");
    }

    @Test
    void statusesFromTheServerAreResponsesNotErrors() throws Exception {
        Recorder notFound = get(server.url("/nope"));
        notFound.assertClean();
        assertEquals(List.of("headers 404 Not Found", "received"), notFound.withoutData());
        assertEquals("no route for /nope", notFound.bodyText());

        Recorder serverError = get(server.url("/status/500"));
        assertEquals(List.of("headers 500 Internal Server Error", "received"), serverError.withoutData());
        assertEquals("status 500", serverError.bodyText());

        Recorder noContent = get(server.url("/status/204"));
        assertEquals(List.of("headers 204 No Content", "received"), noContent.events, "no body, no onDataAvailable");
    }

    @Test
    void postFromAStreamReadsItOnAnXhrThreadAndSendsItWhole() throws Exception {
        int n = 300_000; // several chunks
        PatternStream body = new PatternStream(n);
        Recorder r = run(winHttp.createXmlHttpRequest2(), "POST", server.url("/echo"), body, n);
        r.assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        byte[] echoed = r.bodyText().getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(n, echoed.length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(echoed, 0, n, 0));
        assertFalse(body.readers.isEmpty());
        for (String t : body.readers) assertTrue(t.startsWith("winhttp4j-xhr-"), "the body was read on " + t);
    }

    @Test
    void methodCaseIsKeptAndTheBodyRuleIgnoresIt() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))) {
            PatternStream notRead = new PatternStream(10);
            Recorder get = run(winHttp.createXmlHttpRequest2(), "get", raw.url("/a"), notRead, 10);
            assertEquals(List.of("headers 200 OK", "received"), get.withoutData());
            Recorder post = run(winHttp.createXmlHttpRequest2(), "PoSt", raw.url("/b"), new PatternStream(10), 10);
            assertEquals(List.of("headers 200 OK", "received"), post.withoutData());

            List<String> heads = raw.receivedHeads();
            assertTrue(heads.get(0).startsWith("get /a HTTP/1.1\r\n"), heads.get(0));
            assertFalse(heads.get(0).toLowerCase().contains("content-length"), "a GET sends no body: " + heads.get(0));
            assertEquals(0, notRead.position(), "and its stream is not read");
            assertTrue(heads.get(1).startsWith("PoSt /b HTTP/1.1\r\n"), heads.get(1));
            assertTrue(heads.get(1).contains("Content-Length: 10\r\n"), heads.get(1));
        }
    }

    @Test
    void noStreamOrLengthZeroMeansNoBody() throws Exception {
        assertEquals("0", run(winHttp.createXmlHttpRequest2(), "POST", server.url("/upload"), null, 10).bodyText());
        PatternStream unread = new PatternStream(10);
        assertEquals("0", run(winHttp.createXmlHttpRequest2(), "POST", server.url("/upload"), unread, 0).bodyText());
        assertEquals(0, unread.position());
    }

    @Test
    void requestHeadersAreSentRepeatedNamesJoinedAndDefaultsAddedUnlessTheApplicationSetsThem() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/headers"), r, null, null, null, null);
        xhr.setRequestHeader("X-Test", "a");
        xhr.setRequestHeader("x-test", "b");
        xhr.setRequestHeader("Accept", "text/plain");
        xhr.send(null, 0);
        String seen = r.await().bodyText();
        assertTrue(seen.contains("X-Test: a, b\n"), seen);
        assertTrue(seen.contains("Accept: text/plain\n") && !seen.contains("*/*"), "the application's Accept wins: " + seen);
        assertTrue(seen.contains("User-Agent: winhttp4j-XmlHttpRequest2/1.0\n"), seen);

        Recorder plain = get(server.url("/headers"));
        assertTrue(plain.bodyText().contains("Accept: */*\n"), plain.bodyText());

        Recorder bare = new Recorder();
        xhr.open("GET", server.url("/headers"), bare, null, null, null, null);
        xhr.setProperty(XHR_PROP_NO_DEFAULT_HEADERS, 1);
        xhr.send(null, 0);
        String none = bare.await().bodyText();
        assertFalse(none.contains("Accept:") || none.contains("User-Agent:"), none);
    }

    @Test
    void aSecondOpenBeforeSendStartsOver() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder first = new Recorder();
        xhr.open("POST", server.url("/upload"), first, null, null, null, null);
        xhr.setRequestHeader("X-Dropped", "1");
        xhr.setProperty(XHR_PROP_NO_DEFAULT_HEADERS, 1);
        Recorder second = new Recorder();
        xhr.open("GET", server.url("/headers"), second, null, null, null, null);
        xhr.send(null, 0);
        String seen = second.await().bodyText();
        assertFalse(seen.contains("X-Dropped"), seen);
        assertTrue(seen.contains("Accept: */*"), "the property went with the first open: " + seen);
        assertTrue(first.events.isEmpty(), "the first open never ran: " + first.events);
    }

    @Test
    void oneStreamPerSentRequestAndOnResponseReceivedHoldsWhatWasNotRead() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder early = run(xhr, "GET", server.url("/bytes?n=200000"), null, 0);
        assertTrue(early.streams.size() >= 2, early.events.toString());
        assertTrue(early.streams.stream().allMatch(s -> s == early.streams.get(0)), "one stream for the whole request");

        Recorder late = new Recorder();
        late.readData = false; // read nothing early: everything is there at the end
        AtomicReference<byte[]> atEnd = new AtomicReference<>();
        late.hook = (event, request, stream) -> {
            if (event.equals("received")) atEnd.set(stream.readAllBytes());
        };
        xhr.open("GET", server.url("/bytes?n=200000"), late, null, null, null, null);
        xhr.send(null, 0);
        late.await().assertClean();
        assertEquals(200_000, atEnd.get().length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(atEnd.get(), 0, 200_000, 0));
        assertNotSame(early.streams.get(0), late.streams.get(0), "a new request, a new stream");
        assertEquals(-1, late.streams.get(0).read(), "read to the end, the stream stays empty");
    }

    @Test
    void aCustomResponseStreamGetsTheBodyAndTheCallbacksAnEmptyStream() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = new Recorder();
        ByteArrayOutputStream custom = new ByteArrayOutputStream();
        xhr.open("GET", server.url("/bytes?n=150000"), r, null, null, null, null);
        xhr.setCustomResponseStream(custom);
        xhr.send(null, 0);
        r.await().assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        assertTrue(r.events.contains("data"), "onDataAvailable still says bytes arrived");
        assertEquals(0, r.bodyText().length(), "the InputStream stays empty");
        byte[] got = custom.toByteArray();
        assertEquals(150_000, got.length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(got, 0, got.length, 0));
    }

    @Test
    void onDataThresholdSpacesTheCallbacksAndNeverSilencesThem() throws Exception {
        int n = 1 << 20;
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder spaced = new Recorder();
        xhr.open("GET", server.url("/bytes?n=" + n), spaced, null, null, null, null);
        xhr.setProperty(XHR_PROP_ONDATA_THRESHOLD, 256 * 1024);
        xhr.send(null, 0);
        spaced.await().assertClean();
        long data = spaced.events.stream().filter("data"::equals).count();
        assertTrue(data >= 1 && data <= 4, data + " onDataAvailable for 1 MiB, one per 256 KiB at most");
        assertEquals(n, spaced.bodyText().length(), "the rest waits for onResponseReceived");

        Recorder never = new Recorder();
        xhr.open("GET", server.url("/bytes?n=" + n), never, null, null, null, null);
        xhr.setProperty(XHR_PROP_ONDATA_THRESHOLD, XHR_PROP_ONDATA_NEVER);
        xhr.send(null, 0);
        assertEquals(List.of("headers 200 OK", "received"), never.await().events);
        assertEquals(n, never.bodyText().length());
    }

    @Test
    void callbacksMayCallTheXhrAndStartTheNextRequestFromTheLastOne() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder next = new Recorder();
        AtomicReference<String> lengthSeen = new AtomicReference<>();
        Recorder first = new Recorder();
        first.hook = (event, request, stream) -> {
            if (event.startsWith("headers")) lengthSeen.set(request.getResponseHeader("Content-Length"));
            if (event.equals("received")) {
                request.open("GET", server.url("/bytes?n=10"), next, null, null, null, null);
                request.send(null, 0);
            }
        };
        xhr.open("GET", server.url("/hello"), first, null, null, null, null);
        xhr.send(null, 0);
        first.await();
        next.await().assertClean();
        first.assertClean();
        assertEquals("14", lengthSeen.get());
        assertEquals(List.of("headers 200 OK", "received"), next.withoutData());
        assertEquals(10, next.bodyText().length());
        assertSame(xhr, first.request, "callbacks are given the XHR itself");
    }

    @Test
    void aMarkableBodyIsReadFromWhereTheStreamStands() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream("skip-this:body".getBytes(StandardCharsets.US_ASCII));
        assertEquals(10, in.skip(10));
        Recorder r = run(winHttp.createXmlHttpRequest2(), "PUT", server.url("/echo"), in, 4);
        assertEquals("body", r.bodyText());
    }
}
