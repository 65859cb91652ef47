package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Redirects as receiveResponse follows them (CONFORMANCE 5.4 and 2.3), on two local servers:
 * {@code origin} and {@code other} (another port, so another origin). Route {@code /go} (also
 * under {@code /a/b/go}) answers status {@code s} (default 302) with Location {@code to} (none
 * when absent) and a body of {@code pad} bytes (default "moved"); {@code /hops?n=N} redirects
 * N times before /hello; {@code /loop} redirects to itself.
 */
class RedirectTest extends EngineTestBase {
    static LocalHttpServer origin;
    static LocalHttpServer other;

    @BeforeAll
    static void startServers() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        LocalHttpServer.Handler go = r -> {
            var q = r.getUri().query();
            int status = Integer.parseInt(q.get("s").orElse("302"));
            String body = q.get("pad").map(n -> "x".repeat(Integer.parseInt(n))).orElse("moved");
            return answer(r, mat, status, q.get("to").orElse(null), body);
        };
        Map<String, LocalHttpServer.Handler> routes = Map.of(
                "/go", go,
                "/a/b/go", go,
                "/loop", r -> answer(r, mat, 302, "/loop", "again"),
                "/hops", r -> {
                    int n = Integer.parseInt(r.getUri().query().get("n").orElse("0"));
                    return answer(r, mat, 302, n <= 1 ? "/hello" : "/hops?n=" + (n - 1), "hop");
                });
        origin = LocalHttpServer.start(kit.system(), routes);
        other = LocalHttpServer.start(kit.system(), routes);
    }

    @AfterAll
    static void stopServers() {
        if (origin != null) origin.close();
        if (other != null) other.close();
    }

    static CompletionStage<HttpResponse> answer(HttpRequest r, Materializer mat, int status, String location, String body) {
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> {
            HttpResponse response = HttpResponse.create().withStatus(StatusCodes.get(status))
                    .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body));
            return location == null ? response : response.addHeader(RawHeader.create("Location", location));
        });
    }

    static String go(int status, String to) {
        return "/go?s=" + status + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    record Opened(HInternet session, HInternet connect, HInternet request, TestProbe<Notification> probe, boolean async) {}

    Opened open(boolean async, LocalHttpServer to, String verb, String path) {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open("redirect-test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = winHttp.connect(s, to.host(), to.port());
        HInternet r = winHttp.openRequest(c, verb, path, null, null, null, 0);
        List<Notification> created = upTo(probe, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        if (created.get(created.size() - 1).handle() != r) upTo(probe, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        return new Opened(s, c, r, probe, async);
    }

    /** Notifications up to and including the first with this status, 5 s at most each. */
    static List<Notification> upTo(TestProbe<Notification> probe, int status) {
        List<Notification> seen = new ArrayList<>();
        while (true) {
            Notification n = probe.expectMessageClass(Notification.class, Duration.ofSeconds(5));
            seen.add(n);
            if (n.status() == status) return seen;
        }
    }

    static List<String> names(List<Notification> ns) {
        return ns.stream().map(n -> statusName(n.status())).toList();
    }

    static List<String> names(int... statuses) {
        List<String> out = new ArrayList<>();
        for (int s : statuses) out.add(statusName(s));
        return out;
    }

    void close(Opened o) {
        winHttp.closeHandle(o.request());
        winHttp.closeHandle(o.connect());
        winHttp.closeHandle(o.session());
    }

    static Notification only(List<Notification> ns, int status) {
        List<Notification> found = ns.stream().filter(n -> n.status() == status).toList();
        assertEquals(1, found.size(), statusName(status) + " once in " + names(ns));
        return found.get(0);
    }

    // ---- the sequences of CONFORMANCE 2.3 -----------------------------------------------------------

    @Test
    void synchronousRedirectSequence() {
        origin.clearRecorded();
        Opened o = open(false, origin, "GET", go(302, "/hello"));
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        assertEquals(names(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER,
                WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT),
                names(upTo(o.probe(), WINHTTP_CALLBACK_STATUS_REQUEST_SENT)));
        String first = (String) winHttp.queryOption(o.request(), WINHTTP_OPTION_URL);
        assertEquals(origin.url(go(302, "/hello")), first);

        winHttp.receiveResponse(o.request());
        // synchronous: every notification ran on this thread before receiveResponse returned
        List<Notification> ns = o.probe().receiveSeveralMessages(7, Duration.ofSeconds(5));
        assertEquals(names(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_REDIRECT, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED), names(ns),
                "same server: the redirect's connection serves the next request, so no connection notifications");
        assertEquals(new StatusInfo.Url(origin.url("/hello")), ns.get(2).info(), "REDIRECT carries the absolute URL");
        o.probe().expectNoMessage(Duration.ofMillis(100)); // no HEADERS_AVAILABLE in synchronous mode
        assertFinal(o.request(), origin.url("/hello"));
        List<LocalHttpServer.Recorded> seen = origin.requests();
        assertEquals(2, seen.size());
        assertEquals(seen.get(0).connectionId(), seen.get(1).connectionId(), "the drained redirect's connection was reused");
        close(o);
        assertEquals(names(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING,
                WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), names(o.probe().receiveSeveralMessages(3, Duration.ofSeconds(5))));
    }

    /** The final response is what the queries see: status, headers, body and URL. */
    void assertFinal(HInternet r, String url) {
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                () -> winHttp.queryHeaders(r, WINHTTP_QUERY_LOCATION, null, 0), "the 302's Location is gone");
        assertEquals(url, winHttp.queryOption(r, WINHTTP_OPTION_URL));
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(r));
    }

    @Test
    void asynchronousRedirectSequence() {
        Opened o = open(true, origin, "GET", go(301, "/hello"));
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        List<Notification> sent = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        assertEquals(names(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE), names(sent.subList(sent.size() - 3, sent.size())));
        winHttp.receiveResponse(o.request());
        List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        assertEquals(names(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_REDIRECT, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE), names(ns), "no SENDREQUEST_COMPLETE for the re-sent request");
        assertEquals(new StatusInfo.Url(origin.url("/hello")), ns.get(2).info());
        o.probe().expectNoMessage(Duration.ofMillis(100)); // HEADERS_AVAILABLE once
        assertEquals(200, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(origin.url("/hello"), winHttp.queryOption(o.request(), WINHTTP_OPTION_URL));
        close(o);
    }

    // ---- cross-origin hops ---------------------------------------------------------------------------

    @Test
    void aHopToAnotherPortOpensAConnectionThereWithItsHostAndWithoutAuthorization() {
        origin.clearRecorded();
        other.clearRecorded();
        Opened o = open(false, origin, "GET", go(302, other.url("/headers")));
        winHttp.addRequestHeaders(o.request(), "Authorization: Bearer t0ken\r\nProxy-Authorization: Basic cA==\r\nX-Kept: 1",
                WINHTTP_ADDREQ_FLAG_ADD);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_REDIRECT);
        ns = o.probe().receiveSeveralMessages(6, Duration.ofSeconds(5)).stream().toList();
        List<String> after = names(ns);
        assertTrue(after.contains(statusName(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER)), "a new connection: " + after);
        assertEquals(200, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(other.url("/headers"), winHttp.queryOption(o.request(), WINHTTP_OPTION_URL));

        LocalHttpServer.Recorded there = other.requests().get(0);
        assertEquals("127.0.0.1:" + other.port(), there.header("Host").orElse(null));
        assertTrue(there.header("Authorization").isEmpty(), "Authorization stays with its origin");
        assertTrue(there.header("Proxy-Authorization").isEmpty());
        assertEquals("1", there.header("X-Kept").orElse(null), "other headers follow");
        assertEquals("Bearer t0ken", origin.requests().get(0).header("Authorization").orElse(null));
        String echoed = readAll(o.request());
        assertFalse(echoed.contains("Authorization"), echoed);
        assertEquals("127.0.0.1:" + other.port(), winHttp.queryHeaders(o.request(),
                WINHTTP_QUERY_HOST | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0), "the request headers are the ones sent last");
        close(o);
    }

    @Test
    void aSameOriginHopKeepsAuthorization() {
        origin.clearRecorded();
        Opened o = open(false, origin, "GET", go(307, "/headers"));
        winHttp.addRequestHeaders(o.request(), "Authorization: Bearer t0ken", WINHTTP_ADDREQ_FLAG_ADD);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertEquals("Bearer t0ken", origin.requests().get(1).header("Authorization").orElse(null));
        close(o);
    }

    // ---- Locations ----------------------------------------------------------------------------------

    @Test
    void relativeLocationsResolveAgainstTheCurrentUrl() {
        Opened o = open(false, origin, "GET", "/a/b/go?to=" + URLEncoder.encode("../../hello", StandardCharsets.UTF_8));
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertFinal(o.request(), origin.url("/hello"));
        close(o);
        o = open(false, origin, "GET", "/a/b/go?to=" + URLEncoder.encode("go?s=302&to=/hello", StandardCharsets.UTF_8));
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertFinal(o.request(), origin.url("/hello"));
        close(o);
    }

    @Test
    void aLocationThatIsNotHttpFailsAndAMissingOneReturnsTheRedirect() {
        for (boolean async : new boolean[] {false, true}) {
            Opened o = open(async, origin, "GET", go(302, "ftp://127.0.0.1/file"));
            assertReceiveFails(o, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED);
            close(o);
        }
        Opened o = open(false, origin, "GET", "/go?s=302");
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertEquals(302, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("moved", readAll(o.request()));
        close(o);
    }

    /** receiveResponse fails with error: the exception in synchronous mode, REQUEST_ERROR in asynchronous mode. */
    void assertReceiveFails(Opened o, WinHttpError error) {
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        boolean async = o.async();
        if (!async) {
            assertError(error, () -> winHttp.receiveResponse(o.request()));
            return;
        }
        upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(o.request());
        List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
        assertEquals(new StatusInfo.AsyncResult(API_RECEIVE_RESPONSE, error), ns.get(ns.size() - 1).info());
        assertTrue(names(ns).stream().noneMatch(n -> n.equals(statusName(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE))));
    }

    // ---- options ------------------------------------------------------------------------------------

    @Test
    void theLimitOfAutomaticRedirects() {
        for (boolean async : new boolean[] {false, true}) {
            Opened o = open(async, origin, "GET", "/hops?n=3");
            winHttp.setOption(o.request(), WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 2);
            assertReceiveFails(o, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED);
            close(o);
        }
        Opened o = open(false, origin, "GET", "/hops?n=2");
        winHttp.setOption(o.request(), WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 2);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertFinal(o.request(), origin.url("/hello"));
        close(o);

        origin.clearRecorded();
        o = open(false, origin, "GET", "/loop");
        assertReceiveFails(o, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED);
        assertEquals(11, origin.requests().size(), "the default limit: 10 redirects followed, the 11th refused");
        close(o);
    }

    @Test
    void disabledRedirectsAndPolicyNeverReturnTheRedirect() {
        Opened o = open(false, origin, "GET", go(302, "/hello"));
        winHttp.setOption(o.request(), WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_REDIRECTS);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertEquals(302, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("/hello", winHttp.queryHeaders(o.request(), WINHTTP_QUERY_LOCATION, null, 0));
        assertEquals(origin.url(go(302, "/hello")), winHttp.queryOption(o.request(), WINHTTP_OPTION_URL));
        close(o);

        o = open(false, origin, "GET", go(308, "/hello"));
        winHttp.setOption(o.session(), WINHTTP_OPTION_REDIRECT_POLICY, WINHTTP_OPTION_REDIRECT_POLICY_NEVER);
        winHttp.setOption(o.request(), WINHTTP_OPTION_REDIRECT_POLICY, WINHTTP_OPTION_REDIRECT_POLICY_NEVER);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertEquals(308, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertTrue(names(o.probe().receiveSeveralMessages(4, Duration.ofSeconds(5))).stream()
                .noneMatch(n -> n.equals(statusName(WINHTTP_CALLBACK_STATUS_REDIRECT))));
        close(o);
    }

    // ---- verbs and bodies on the wire ---------------------------------------------------------------

    @Test
    void postBecomesGetOn301And302AndEverythingOn303() {
        String[][] cases = {{"POST", "301"}, {"POST", "302"}, {"POST", "303"}, {"PUT", "303"}};
        for (String[] c : cases) {
            origin.clearRecorded();
            Opened o = open(false, origin, c[0], go(Integer.parseInt(c[1]), "/headers"));
            winHttp.sendRequest(o.request(), "Content-Type: text/plain", "hello".getBytes(StandardCharsets.ISO_8859_1), 5, 0);
            winHttp.receiveResponse(o.request());
            List<LocalHttpServer.Recorded> seen = origin.requests();
            assertEquals(c[0], seen.get(0).method());
            assertEquals(5, seen.get(0).bodyLength());
            LocalHttpServer.Recorded next = seen.get(1);
            assertEquals("GET", next.method(), c[0] + " " + c[1]);
            assertEquals(0, next.bodyLength());
            assertTrue(next.header("Content-Length").isEmpty() && next.header("Content-Type").isEmpty(), next.headers().toString());
            assertEquals("GET", winHttp.queryHeaders(o.request(), WINHTTP_QUERY_REQUEST_METHOD, null, 0));
            close(o);
        }
        origin.clearRecorded();
        Opened o = open(false, origin, "PUT", go(302, "/upload"));
        winHttp.sendRequest(o.request(), null, "hello".getBytes(StandardCharsets.ISO_8859_1), 5, 0);
        winHttp.receiveResponse(o.request());
        assertEquals("PUT", origin.requests().get(1).method(), "301/302 keep a verb other than POST, and its body");
        assertEquals("5", readAll(o.request()));
        close(o);
    }

    @Test
    void temporaryAndPermanentRedirectsSendTheOptionalDataAgain() {
        for (int status : new int[] {307, 308}) {
            for (boolean async : new boolean[] {false, true}) {
                origin.clearRecorded();
                Opened o = open(async, origin, "POST", go(status, "/echo"));
                winHttp.sendRequest(o.request(), null, "hello".getBytes(StandardCharsets.ISO_8859_1), 5, 0);
                if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                winHttp.receiveResponse(o.request());
                if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
                LocalHttpServer.Recorded next = origin.requests().get(1);
                assertEquals("POST", next.method());
                assertEquals(5, next.bodyLength());
                if (!async) assertEquals("hello", readAll(o.request()));
                close(o);
            }
        }
    }

    @Test
    void aRedirectAfterWriteDataAsksTheApplicationToSendAgain() {
        for (boolean async : new boolean[] {false, true}) {
            origin.clearRecorded();
            Opened o = open(async, origin, "POST", go(307, other.url("/echo")));
            winHttp.sendRequest(o.request(), null, null, 5, 0);
            if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.writeData(o.request(), "hello".getBytes(StandardCharsets.ISO_8859_1), 0, 5);
            if (async) {
                upTo(o.probe(), WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE);
                winHttp.receiveResponse(o.request());
                List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
                assertEquals(new StatusInfo.AsyncResult(API_RECEIVE_RESPONSE, WinHttpError.ERROR_WINHTTP_RESEND_REQUEST),
                        ns.get(ns.size() - 1).info());
            } else {
                assertError(WinHttpError.ERROR_WINHTTP_RESEND_REQUEST, () -> winHttp.receiveResponse(o.request()));
            }
            assertEquals(other.url("/echo"), winHttp.queryOption(o.request(), WINHTTP_OPTION_URL));
            other.clearRecorded();
            winHttp.sendRequest(o.request(), null, null, 5, 0);
            if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.writeData(o.request(), "again".getBytes(StandardCharsets.ISO_8859_1), 0, 5);
            if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE);
            winHttp.receiveResponse(o.request());
            if (async) upTo(o.probe(), WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            assertEquals(200, winHttp.queryHeadersNumber(o.request(), WINHTTP_QUERY_STATUS_CODE, null, 0));
            LocalHttpServer.Recorded there = other.requests().get(0);
            assertEquals("POST", there.method());
            assertEquals("/echo", there.uri().replaceFirst("^http://[^/]+", ""));
            assertEquals("127.0.0.1:" + other.port(), there.header("Host").orElse(null));
            assertEquals(5, there.bodyLength());
            assertEquals(1, origin.requests().size(), "nothing more went to the first server");
            close(o);
        }
    }

    // ---- draining and closing ------------------------------------------------------------------------

    @Test
    void aRedirectBodyOverTheDrainLimitCostsItsConnectionOnly() {
        origin.clearRecorded();
        Opened o = open(false, origin, "GET", go(302, "/hello") + "&pad=100000");
        winHttp.setOption(o.request(), WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, 1000);
        winHttp.sendRequest(o.request(), null, null, 0, 0);
        winHttp.receiveResponse(o.request());
        assertFinal(o.request(), origin.url("/hello"));
        List<LocalHttpServer.Recorded> seen = origin.requests();
        assertNotEquals(seen.get(0).connectionId(), seen.get(1).connectionId(), "the redirect's connection was dropped");
        close(o);
    }

    @Test
    void closingInTheMiddleOfARedirectChainCancels() throws Exception {
        for (boolean async : new boolean[] {true, false}) {
            origin.clearRecorded();
            Opened o = open(async, origin, "GET", go(302, "/delay?ms=10000"));
            winHttp.sendRequest(o.request(), null, null, 0, 0);
            if (async) {
                upTo(o.probe(), WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                winHttp.receiveResponse(o.request());
                origin.awaitRequests(2, Duration.ofSeconds(5)); // the redirect's request reached the server
                winHttp.closeHandle(o.request());
                List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                assertTrue(names(ns).contains(statusName(WINHTTP_CALLBACK_STATUS_REDIRECT)), names(ns).toString());
                Notification error = ns.get(ns.size() - 2);
                assertEquals(new StatusInfo.AsyncResult(API_RECEIVE_RESPONSE, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED),
                        error.info(), names(ns).toString());
            } else {
                Thread closer = new Thread(() -> {
                    try {
                        origin.awaitRequests(2, Duration.ofSeconds(5));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    winHttp.closeHandle(o.request());
                });
                closer.start();
                assertError(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, () -> winHttp.receiveResponse(o.request()));
                closer.join(5000);
                List<Notification> ns = upTo(o.probe(), WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                assertTrue(names(ns).contains(statusName(WINHTTP_CALLBACK_STATUS_REDIRECT)), names(ns).toString());
            }
            o.probe().expectNoMessage(Duration.ofMillis(100)); // HANDLE_CLOSING was last
            winHttp.closeHandle(o.connect());
            winHttp.closeHandle(o.session());
        }
    }
}
