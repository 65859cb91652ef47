package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Interim responses on the raw wire (issue 8): every 1xx head but 101 is one INTERMEDIATE_RESPONSE
 * carrying its status, in order, then the final head; RESPONSE_RECEIVED counts the final head's
 * bytes as received. A server sending heads without end costs no stack: a thousand "100 Continue"
 * in one write are reported one by one, and their bytes count against MAX_RESPONSE_HEADER_SIZE
 * (HEADER_SIZE_OVERFLOW beyond it, INVALID_SERVER_RESPONSE when the connection ends among them);
 * the engine, the server's next request and other servers' requests work on afterwards.
 */
class InterimResponseTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    static final String INTERIMS = CONTINUE + "HTTP/1.1 102 Processing\r\n\r\n"
            + "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nLink: </b.js>; rel=preload\r\n\r\n";
    static final String FINAL_HEAD = "HTTP/1.1 200 OK\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\n";
    static final String PLAIN = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nplain";

    static TestProbe<Notification> probe() {
        return kit.createTestProbe();
    }

    static HInternet connect(RawServer raw, TestProbe<Notification> probe, boolean async) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.setTimeouts(s, 0, 5000, 5000, 5000); // a lost response fails in seconds, not at the default 30
        return winHttp.connect(s, raw.host(), raw.port());
    }

    static Notification next(TestProbe<Notification> probe, HInternet r, int status) {
        Notification n = probe.expectMessageClass(Notification.class, WAIT);
        assertEquals(statusName(status), statusName(n.status()), n.toString());
        assertSame(r, n.handle(), n.toString());
        return n;
    }

    static void intermediate(TestProbe<Notification> probe, HInternet r, int code) {
        assertEquals(new StatusInfo.StatusCode(code), next(probe, r, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE).info());
    }

    static List<Notification> upTo(TestProbe<Notification> probe, HInternet r, int status) {
        return ConnectionReuseTest.until(probe, r, status, new ArrayList<>());
    }

    static long count(List<Notification> ns, int status) {
        return ns.stream().filter(n -> n.status() == status).count();
    }

    /** The final response's checks: 200, its own header, not the interim heads' Link. */
    static void assertFinal(HInternet r) {
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("yes", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "X-Final", 0));
        assertError(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, () -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "Link", 0));
        assertEquals(FINAL_HEAD, winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
    }

    /** Async, the server answering once receiveResponse was called: the exact sequence. */
    @Test
    void eachInterimHeadIsOneIntermediateResponseThenTheFinalHead() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            assertTrue(answer.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            c.write(INTERIMS + FINAL_HEAD + "ok");
            c.readRequestHead();
        })) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, true), "GET", "/", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.receiveResponse(r);
            next(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE);
            answer.countDown();
            intermediate(probe, r, 100);
            intermediate(probe, r, 102);
            intermediate(probe, r, 103);
            assertEquals(new StatusInfo.ByteCount(FINAL_HEAD.length()), next(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED).info());
            next(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertFinal(r);
            winHttp.closeHandle(r);
            next(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        }
    }

    /** Interim heads that arrive before receiveResponse are reported as they come; the final head waits for it. */
    @Test
    void interimHeadsBeforeReceiveResponseAreReportedAtOnce() {
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            c.write(INTERIMS + FINAL_HEAD + "ok");
            c.readRequestHead();
        })) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, true), "GET", "/", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            List<Notification> before = upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            List<Notification> interims = new ArrayList<>(before.stream()
                    .filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE).toList());
            while (interims.size() < 3) interims.add(next(probe, r, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            assertEquals(List.of(new StatusInfo.StatusCode(100), new StatusInfo.StatusCode(102), new StatusInfo.StatusCode(103)),
                    interims.stream().map(Notification::info).toList());
            probe.expectNoMessage(Duration.ofMillis(100)); // the final head is in, but not reported before receiveResponse
            winHttp.receiveResponse(r);
            next(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE);
            assertEquals(new StatusInfo.ByteCount(FINAL_HEAD.length()), next(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED).info());
            next(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertFinal(r);
            winHttp.closeHandle(r);
        }
    }

    @Test
    void synchronousModeReportsThemDuringReceiveResponse() {
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            c.write(INTERIMS);
            c.write(FINAL_HEAD + "ok");
            c.readRequestHead();
        })) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
            assertEquals(List.of(new StatusInfo.StatusCode(100), new StatusInfo.StatusCode(102), new StatusInfo.StatusCode(103)),
                    seen.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE).map(Notification::info).toList());
            assertEquals(new StatusInfo.ByteCount(FINAL_HEAD.length()), seen.get(seen.size() - 1).info());
            assertFinal(r);
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(r);
        }
    }

    /** "100 Continue" while the body is still owed: reported in `sent`, then the body goes and the final head comes. */
    @Test
    void continueBeforeTheBodyIsWritten() throws Exception {
        CountDownLatch bodyRead = new CountDownLatch(1);
        StringBuilder body = new StringBuilder();
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            c.write(CONTINUE);
            body.append(new String(c.readBytes(10), java.nio.charset.StandardCharsets.ISO_8859_1));
            bodyRead.countDown();
            c.write(FINAL_HEAD + "ok");
            c.readRequestHead();
        })) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, true), "PUT", "/", null, null, null, 0);
            winHttp.sendRequest(r, "Expect: 100-continue", null, 10, 0);
            List<Notification> sent = upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            if (count(sent, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE) == 0) intermediate(probe, r, 100);
            else assertEquals(1, count(sent, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            winHttp.writeData(r, "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 10);
            assertEquals(new StatusInfo.ByteCount(10), next(probe, r, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE).info());
            assertTrue(bodyRead.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("0123456789", body.toString());
            winHttp.receiveResponse(r);
            next(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE);
            assertEquals(new StatusInfo.ByteCount(FINAL_HEAD.length()), next(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED).info());
            next(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            winHttp.closeHandle(r);
        }
    }

    /**
     * RESPONSE_RECEIVED is the final head's size as the server sent it (not as RAW_HEADERS_CRLF
     * rebuilds it): runs of spaces, spaces before a colon, bare LF line ends, interim heads before.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1    200     Fine    Thanks\r\nName   :   value\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\nX-Lf: only\nContent-Length: 2\n\n",
        "HTTP/1.1 200\r\nContent-Length:2\r\n\r\n",
    })
    void responseReceivedCountsTheFinalHeadAsReceived(String head) {
        try (RawServer raw = RawServer.start(c -> {
            c.readRequestHead();
            c.write(CONTINUE + "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n" + head + "ok");
            c.readRequestHead();
        })) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
            assertEquals(2, count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            assertEquals(new StatusInfo.ByteCount(head.length()), seen.get(seen.size() - 1).info(), WireHead.shown(head));
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(r);
        }
    }

    // ---- a thousand 100 Continue heads --------------------------------------------------------------

    static RawRoutes continues() {
        return new RawRoutes()
                .handler("/1000", (c, head) -> {
                    c.write(CONTINUE.repeat(1000) + FINAL_HEAD + "ok");
                    return true;
                })
                .handler("/1000-then-close", (c, head) -> {
                    c.write(CONTINUE.repeat(1000));
                    return false;
                })
                .handler("/3000", (c, head) -> {
                    c.write(CONTINUE.repeat(3000) + FINAL_HEAD + "ok");
                    return true;
                })
                .fixed("/plain", PLAIN);
    }

    /** The next request to the server works, on a connection of its own: the failed one was closed, not pooled. */
    static void serverStillAnswers(RawServer raw, String failedPath) {
        assertEquals("plain", ConnectionReuseTest.syncGet(raw, "/plain", null));
        assertNotEquals(ConnectionReuseTest.connectionOf(raw, failedPath), ConnectionReuseTest.connectionOf(raw, "/plain"),
                "the connection of " + failedPath + " was not reused");
        HInternet c = connectTo(null, server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(r), "another server's requests work too");
        winHttp.closeHandle(r);
    }

    @Test
    void aThousandContinuesInOneWriteAreAThousandIntermediateResponses() {
        try (RawServer raw = RawServer.start(continues())) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, true), "GET", "/1000", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.receiveResponse(r);
            seen.addAll(upTo(probe, r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE));
            assertEquals(1000, count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            assertTrue(seen.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE)
                    .allMatch(n -> n.info().equals(new StatusInfo.StatusCode(100))));
            assertEquals(new StatusInfo.ByteCount(FINAL_HEAD.length()),
                    seen.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED).findFirst().orElseThrow().info());
            assertFinal(r);
            assertEquals(WinHttp.PENDING, winHttp.readData(r, new byte[10], 0, 10));
            assertEquals(2, ((StatusInfo.ReadComplete) next(probe, r, WINHTTP_CALLBACK_STATUS_READ_COMPLETE).info()).bytesRead());
            winHttp.readData(r, new byte[10], 0, 10);
            assertEquals(0, ((StatusInfo.ReadComplete) next(probe, r, WINHTTP_CALLBACK_STATUS_READ_COMPLETE).info()).bytesRead());
            winHttp.closeHandle(r);
            assertEquals("plain", ConnectionReuseTest.syncGet(raw, "/plain", null));
            assertEquals(ConnectionReuseTest.connectionOf(raw, "/1000"), ConnectionReuseTest.connectionOf(raw, "/plain"),
                    "a response after interim heads leaves its connection reusable");
        }
    }

    @Test
    void aThousandContinuesThenTheEndOfTheConnectionIsInvalidServerResponse() {
        try (RawServer raw = RawServer.start(continues())) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/1000-then-close", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            assertError(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, () -> winHttp.receiveResponse(r));
            winHttp.closeHandle(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertEquals(1000, count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            assertEquals(0, count(seen, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED));
            serverStillAnswers(raw, "/1000-then-close");
        }
    }

    /** 3000 heads are 75,000 bytes, over the default 64 KiB: the heads that fit are reported, then the overflow. */
    @Test
    void interimHeadsCountAgainstMaxResponseHeaderSize() {
        try (RawServer raw = RawServer.start(continues())) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/3000", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            assertError(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, () -> winHttp.receiveResponse(r));
            winHttp.closeHandle(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertEquals(64 * 1024 / CONTINUE.length(), count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE),
                    "every interim head that fits in 64 KiB");
            serverStillAnswers(raw, "/3000");
        }
    }

    /** Under a raised limit, ten thousand heads from a few socket reads: each reported, none costing stack. */
    @Test
    void tenThousandContinuesUnderARaisedLimit() {
        try (RawServer raw = RawServer.start(new RawRoutes().handler("/10000", (c, head) -> {
            c.write(CONTINUE.repeat(10_000) + FINAL_HEAD + "ok");
            return true;
        }))) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/10000", null, null, null, 0);
            winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, 1 << 20);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
            assertEquals(10_000, count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            assertFinal(r);
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(r);
        }
    }

    @Test
    void aSmallerMaxResponseHeaderSizeStopsTheThousandSooner() {
        try (RawServer raw = RawServer.start(continues())) {
            TestProbe<Notification> probe = probe();
            HInternet r = winHttp.openRequest(connect(raw, probe, false), "GET", "/1000", null, null, null, 0);
            winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, 16 * 1024);
            winHttp.sendRequest(r, null, null, 0, 0);
            assertError(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, () -> winHttp.receiveResponse(r));
            winHttp.closeHandle(r);
            List<Notification> seen = upTo(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
            assertEquals(16 * 1024 / CONTINUE.length(), count(seen, WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE));
            serverStillAnswers(raw, "/1000");
        }
    }
}
