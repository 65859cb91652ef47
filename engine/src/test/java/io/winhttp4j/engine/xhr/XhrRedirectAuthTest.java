package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.AuthServers;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.TestProxy;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.xhr.XhrProperty.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Redirects and authentication through the public API as WinHTTP exposes them. The XHR follows
 * hops itself only with REPORT_REDIRECT_STATUS (WINHTTP_DISABLE_REDIRECTS set); otherwise the
 * engine follows them (REDIRECT notifications). A 401/407 is answered through
 * WinHttpQueryAuthSchemes, SetCredentials and a re-send, with open()'s credentials only.
 */
class XhrRedirectAuthTest {
    static final String BASIC_USER_PWD = "Basic dXNlcjpwd2Q="; // user:pwd
    static final String BASIC_PROXY = "Basic cHVzZXI6cHB3ZA=="; // puser:ppwd
    static final String REDIRECT_FAILED = "error " + HResult.toString(0x80072F7C); // HRESULT_FROM_WIN32(12156)

    /** A Digest (SHA-256, qop=auth) resource checked by the test's own RFC 7616 code. */
    static final AuthServers.Digest DIGEST = new AuthServers.Digest("SHA-256", false);

    static ActorTestKit kit;
    static LocalHttpServer server;
    static WinHttpEngine engine;
    Recording recording;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        Materializer mat = Materializer.matFromSystem(kit.system());
        Map<String, LocalHttpServer.Handler> routes = Map.of(
                "/auth", r -> challenge(r, mat, "Authorization", BASIC_USER_PWD, 401, "WWW-Authenticate", "welcome"),
                "/proxy-auth", r -> challenge(r, mat, "Proxy-Authorization", BASIC_PROXY, 407, "Proxy-Authenticate", "through"),
                "/loop", r -> redirect(r, mat, 302, "/loop"),
                "/see-other", r -> redirect(r, mat, 303, "/headers"),
                "/found", r -> redirect(r, mat, 302, "/headers"),
                "/temporary", r -> redirect(r, mat, 307, "/echo"),
                "/to-ftp", r -> redirect(r, mat, 302, "ftp://127.0.0.1/file"),
                "/digest", r -> AuthServers.after(r, mat, DIGEST.answer(r)));
        server = LocalHttpServer.start(kit.system(), routes);
        engine = WinHttpEngine.embedded(kit.system());
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.close();
        kit.shutdownTestKit();
    }

    @BeforeEach
    void fresh() {
        server.clearRecorded();
        recording = new Recording(engine);
    }

    /** Reads (and so counts) the request body before it answers. */
    static CompletionStage<HttpResponse> challenge(HttpRequest r, Materializer mat, String header, String expected, int status,
                                                  String challengeHeader, String welcome) {
        String got = r.getHeader(header).map(HttpHeader::value).orElse("");
        HttpResponse response = got.equals(expected)
                ? HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, welcome))
                : HttpResponse.create().withStatus(status).addHeader(RawHeader.create(challengeHeader, "Basic realm=\"xhr\""))
                        .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "Unauthorized"));
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> response);
    }

    static CompletionStage<HttpResponse> redirect(HttpRequest r, Materializer mat, int status, String location) {
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> HttpResponse.create()
                .withStatus(StatusCodes.get(status)).addHeader(RawHeader.create("Location", location))
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "moved")));
    }

    XmlHttpRequest2 xhr() {
        return Xhr.create(recording.winHttp);
    }

    static Recorder send(XmlHttpRequest2 xhr, Recorder r, java.io.InputStream body, long length) throws Exception {
        xhr.send(body, length);
        return r.await();
    }

    // ---- redirects the XHR follows itself ----------------------------------------------------------------

    @Test
    void reportRedirectStatusReportsEachHopAndFollowsIt() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/redirect?to=hello"), r, null, null, null, null); // relative to /redirect
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
        send(xhr, r, null, 0).assertClean();
        assertEquals(List.of("headers 302 Found", "redirect " + server.url("/hello"), "headers 200 OK", "received"),
                r.withoutData());
        assertEquals(LocalHttpServer.HELLO_BODY, r.bodyText(), "only the final body is delivered");
        assertEquals("14", xhr.getResponseHeader("Content-Length"), "the final response's headers");
        assertEquals(List.of("/redirect?to=hello", "/hello"), server.requests().stream().map(LocalHttpServer.Recorded::uri).toList());
        assertEquals(List.of(WINHTTP_DISABLE_REDIRECTS, WINHTTP_DISABLE_REDIRECTS), recording.optionValues(WINHTTP_OPTION_DISABLE_FEATURE),
                "the engine's redirects are off on both requests");
        assertTrue(recording.open.isEmpty(), "every handle of both hops closed: " + recording.open);
    }

    @Test
    void aPostBecomesAGetAfter302And303() throws Exception {
        for (String path : new String[] {"/found", "/see-other"}) {
            server.clearRecorded();
            XmlHttpRequest2 xhr = xhr();
            Recorder r = new Recorder();
            xhr.open("POST", server.url(path), r, null, null, null, null);
            xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
            send(xhr, r, new ByteArrayInputStream(new byte[100]), 100);
            assertEquals("received", r.last(), r.events.toString());
            List<LocalHttpServer.Recorded> seen = server.requests();
            assertEquals(2, seen.size());
            assertEquals("POST", seen.get(0).method());
            assertEquals(100, seen.get(0).bodyLength());
            assertEquals("GET", seen.get(1).method(), path);
            assertEquals(0, seen.get(1).bodyLength(), path);
        }
    }

    @Test
    void a307KeepsMethodAndBodyWhenTheStreamCanGoAgainAndIsFinalOtherwise() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("POST", server.url("/temporary"), r, null, null, null, null);
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
        send(xhr, r, new ByteArrayInputStream("replayed".getBytes(StandardCharsets.US_ASCII)), 8);
        assertEquals(List.of("headers 307 Temporary Redirect", "redirect " + server.url("/echo"), "headers 200 OK", "received"),
                r.withoutData());
        assertEquals("replayed", r.bodyText());

        Recorder once = new Recorder();
        xhr.open("POST", server.url("/temporary"), once, null, null, null, null);
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
        send(xhr, once, new PatternStream(8), 8); // a stream that cannot be read twice
        assertEquals(List.of("headers 307 Temporary Redirect", "received"), once.withoutData());
        assertEquals("moved", once.bodyText());
    }

    @Test
    void moreThanTenHopsOrALocationThatIsNotHttpIsRedirectFailed() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/loop"), r, null, null, null, null);
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
        send(xhr, r, null, 0).assertClean();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("headers 302 Found");
            expected.add("redirect " + server.url("/loop"));
        }
        expected.add("headers 302 Found");
        expected.add(REDIRECT_FAILED);
        assertEquals(expected, r.events);
        assertEquals(11, server.requests().size());

        Recorder ftp = new Recorder();
        xhr.open("GET", server.url("/to-ftp"), ftp, null, null, null, null);
        xhr.setProperty(XHR_PROP_REPORT_REDIRECT_STATUS, 1);
        send(xhr, ftp, null, 0);
        assertEquals(List.of("headers 302 Found", REDIRECT_FAILED), ftp.events);
        assertTrue(recording.open.isEmpty(), "every handle closed: " + recording.open);
    }

    // ---- redirects the engine follows (issue 9) -------------------------------------------------------------

    @Test
    void theEnginesRedirectsArriveAsOnRedirect() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/redirect?to=/hello"), r, null, null, null, null);
        send(xhr, r, null, 0).assertClean();
        List<String> events = r.withoutData();
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("redirect ") && events.get(0).endsWith("/hello"), events.get(0));
        assertEquals(List.of("headers 200 OK", "received"), events.subList(1, 3), "no onHeadersAvailable for the 302");
        assertEquals(LocalHttpServer.HELLO_BODY, r.bodyText());
        assertTrue(recording.optionValues(WINHTTP_OPTION_DISABLE_FEATURE).isEmpty());
    }

    // ---- authentication -----------------------------------------------------------------------------------

    @Test
    void withoutCredentialsA401IsTheResponse() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/auth"), r, null, null, null, null);
        send(xhr, r, null, 0).assertClean();
        assertEquals(List.of("headers 401 Unauthorized", "received"), r.withoutData());
        assertEquals("Unauthorized", r.bodyText());
        assertEquals("Basic realm=\"xhr\"", xhr.getResponseHeader("WWW-Authenticate"));
        assertTrue(recording.named("queryAuthSchemes").isEmpty(), "nothing to answer with");
    }

    @Test
    void credentialsAreNeverSentBeforeAChallengeAsksForThem() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/auth"), r, "user", "pwd", null, null);
        send(xhr, r, null, 0).assertClean();
        assertEquals("received", r.last(), "the exchange ends normally");
        assertTrue(server.requests().get(0).header("Authorization").isEmpty(), "no pre-emptive Authorization");
        assertEquals(1, recording.named("queryAuthSchemes").size(), "the challenge was taken up");
        assertTrue(recording.open.isEmpty(), "every handle closed: " + recording.open);
    }

    @Test
    void noAuthNoneLeavesTheChallengeToTheApplication() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/auth"), r, "user", "pwd", null, null);
        xhr.setProperty(XHR_PROP_NO_AUTH, XHR_AUTH_NONE);
        send(xhr, r, null, 0);
        assertEquals(List.of("headers 401 Unauthorized", "received"), r.withoutData());
        assertEquals(List.of(WINHTTP_DISABLE_AUTHENTICATION), recording.optionValues(WINHTTP_OPTION_DISABLE_FEATURE));
        assertTrue(recording.named("queryAuthSchemes").isEmpty());

        Recorder proxyOnly = new Recorder();
        xhr.open("GET", server.url("/auth"), proxyOnly, "user", "pwd", null, null);
        xhr.setProperty(XHR_PROP_NO_AUTH, XHR_AUTH_PROXY); // answers 407s only
        send(xhr, proxyOnly, null, 0);
        assertEquals(List.of("headers 401 Unauthorized", "received"), proxyOnly.withoutData());
        assertTrue(recording.named("queryAuthSchemes").isEmpty());
    }

    @Test
    void aBodyThatCannotGoAgainLeavesTheChallengeAsTheResponse() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("POST", server.url("/auth"), r, "user", "pwd", null, null);
        send(xhr, r, new PatternStream(1000), 1000);
        assertEquals(List.of("headers 401 Unauthorized", "received"), r.withoutData());
        assertTrue(recording.named("queryAuthSchemes").isEmpty(), "a re-send could not carry the body");
    }

    @Test
    void a401IsAnsweredWithTheCredentialsOfOpen() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/auth"), r, "user", "pwd", null, null);
        send(xhr, r, null, 0).assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), "the 401 is not reported");
        assertEquals("welcome", r.bodyText());
        List<LocalHttpServer.Recorded> seen = server.requests();
        assertEquals(2, seen.size());
        assertTrue(seen.get(0).header("Authorization").isEmpty());
        assertEquals(BASIC_USER_PWD, seen.get(1).header("Authorization").orElse(""));
    }

    /**
     * Digest needs the server's nonce: the XHR gives open()'s credentials to setCredentials(DIGEST)
     * and sends again; that send gets a challenge the engine answers itself, inside
     * receiveResponse, so the XHR sees one 401 handled and then the 200.
     */
    @Test
    void aDigestChallengeIsAnsweredWithTheCredentialsOfOpen() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/digest"), r, AuthServers.USER, AuthServers.PASSWORD, null, null);
        send(xhr, r, null, 0).assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), "problems the server saw: " + DIGEST.problems);
        assertEquals("digest ok", r.bodyText());
        assertEquals(List.of(WINHTTP_AUTH_SCHEME_DIGEST), recording.named("setCredentials").stream().map(c -> c.arg(2)).toList());
        assertEquals(3, server.requests().size(), "the first request, the XHR's re-send, the engine's answer");
        assertTrue(server.requests().get(1).header("Authorization").isEmpty(), "Digest never goes unasked");
    }

    @Test
    void aPostWithAMarkableBodyIsSentAgainWithCredentials() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("POST", server.url("/auth"), r, "user", "pwd", null, null);
        send(xhr, r, new ByteArrayInputStream(new byte[500]), 500);
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        List<LocalHttpServer.Recorded> seen = server.requests();
        assertEquals(2, seen.size());
        assertEquals(500, seen.get(1).bodyLength(), "the body went again");
    }

    @Test
    void wrongCredentialsAreTriedOnceThenTheChallengeIsTheResponse() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/auth"), r, "user", "wrong", null, null);
        send(xhr, r, null, 0);
        assertEquals(List.of("headers 401 Unauthorized", "received"), r.withoutData());
        assertEquals(2, server.requests().size());
    }

    @Test
    void credentialsInTheUrlAnswerA401() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", "http://user:pwd@127.0.0.1:" + server.port() + "/auth", r, null, null, null, null);
        send(xhr, r, null, 0);
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        assertEquals("welcome", r.bodyText());
    }

    /**
     * open()'s proxy credentials answer a 407 through setCredentials(PROXY), but the engine sends
     * proxy credentials only to a proxy (engine/README.md, Authentication): a 407 from a server
     * reached directly stays the response, and the proxy credentials never reach that server.
     * A real proxy's 407 is a407IsAnsweredWithTheProxyCredentialsOfOpen's.
     */
    @Test
    void a407FromAServerReachedWithoutAProxyIsTheResponse() throws Exception {
        XmlHttpRequest2 xhr = xhr();
        Recorder r = new Recorder();
        xhr.open("GET", server.url("/proxy-auth"), r, "user", "pwd", "puser", "ppwd");
        send(xhr, r, null, 0).assertClean();
        assertEquals(List.of("headers 407 Proxy Authentication Required", "received"), r.withoutData());
        assertEquals(1, recording.named("setCredentials").size(), "the XHR answered the challenge once");
        List<LocalHttpServer.Recorded> seen = server.requests();
        assertEquals(2, seen.size());
        assertTrue(seen.stream().allMatch(x -> x.header("Proxy-Authorization").isEmpty()), "no proxy credentials to a server: " + seen);
    }

    /**
     * An XHR names no proxy (IXMLHttpRequest2 has no property for one): its session asks for
     * WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, which on the JVM is the JVM's proxy setting
     * (engine/README.md, Proxies). So the test points http.proxyHost at the test proxy, restored
     * in finally; the proxy's 407 is then answered with open()'s proxy credentials through
     * queryAuthSchemes, setCredentials(PROXY) and a re-send, and never reaches the server.
     */
    @Test
    void a407IsAnsweredWithTheProxyCredentialsOfOpen() throws Exception {
        String[] names = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] before = new String[names.length];
        for (int i = 0; i < names.length; i++) before[i] = System.getProperty(names[i]);
        try (TestProxy proxy = TestProxy.start(BASIC_PROXY, 0)) {
            System.setProperty("http.proxyHost", proxy.host());
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            System.setProperty("http.nonProxyHosts", ""); // the JDK's default would send loopback direct
            XmlHttpRequest2 xhr = xhr();
            Recorder r = new Recorder();
            xhr.open("GET", server.url("/hello"), r, "user", "pwd", "puser", "ppwd");
            send(xhr, r, null, 0).assertClean();
            assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), "the 407 is not reported");
            assertEquals(LocalHttpServer.HELLO_BODY, r.bodyText());
            assertEquals(List.of(WINHTTP_AUTH_TARGET_PROXY), recording.named("setCredentials").stream().map(c -> c.arg(1)).toList());
            List<TestProxy.Seen> seen = proxy.awaitSeen(2, java.time.Duration.ofSeconds(10));
            assertEquals(2, seen.size(), seen.toString());
            assertEquals("GET " + server.url("/hello") + " HTTP/1.1", seen.get(0).requestLine());
            assertNull(seen.get(0).header("Proxy-Authorization"), "open()'s credentials go only when asked");
            assertEquals(BASIC_PROXY, seen.get(1).header("Proxy-Authorization"));
            assertNull(seen.get(1).header("Authorization"), "server credentials are not the proxy's");
            assertEquals(1, server.requests().size(), "only the answered request reached the server");
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) System.clearProperty(names[i]); else System.setProperty(names[i], before[i]);
            }
        }
    }
}
