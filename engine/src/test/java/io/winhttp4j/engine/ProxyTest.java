package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.ProxyInfo;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.AuthSchemes;
import io.winhttp4j.engine.testkit.AuthServers;
import io.winhttp4j.engine.testkit.Bounded;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.TestCertificates;
import io.winhttp4j.engine.testkit.TestProxy;
import io.winhttp4j.engine.testkit.TlsServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Requests through a proxy (issue 11, proxies), against {@link TestProxy}: plain HTTP in absolute
 * form on connections pooled per proxy, https through CONNECT with TLS to the origin inside the
 * tunnel, the bypass list, the proxy's refusals and 407, the notifications that name the proxy,
 * WINHTTP_OPTION_PROXY, NO_PROXY and DEFAULT_PROXY from the JVM's properties. The engine trusts
 * the test CA through winhttp4j.tls.trust-store, so nothing JVM-wide changes but the proxy
 * properties of the DEFAULT_PROXY cases, restored in finally.
 */
class ProxyTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static TestCertificates.Standard certs;
    static ActorTestKit kit;
    static WinHttpEngine winHttp;
    static LocalHttpServer origin;
    static LocalHttpServer otherOrigin;
    /** /basic wants {@link AuthServers#USER}'s Basic credentials. */
    static LocalHttpServer authOrigin;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.standard();
        kit = ActorTestKit.create("ProxyTest", SecureRequestTest.trusting(dir, certs.ca().certificate()));
        winHttp = WinHttpEngine.embedded(kit.system());
        origin = LocalHttpServer.start(kit.system());
        otherOrigin = LocalHttpServer.start(kit.system());
        Materializer mat = Materializer.matFromSystem(kit.system());
        authOrigin = LocalHttpServer.start(kit.system(), Map.of("/basic", r -> AuthServers.after(r, mat,
                AuthServers.authorization(r).orElse("").equals(AuthServers.basic(AuthServers.USER, AuthServers.PASSWORD))
                        ? AuthServers.ok("Hello World")
                        : AuthServers.challenge(401, "WWW-Authenticate", "Basic realm=\"" + AuthServers.REALM + "\""))));
    }

    @AfterAll
    static void stop() {
        if (winHttp != null) winHttp.close();
        if (origin != null) origin.close();
        if (otherOrigin != null) otherOrigin.close();
        if (authOrigin != null) authOrigin.close();
        if (kit != null) kit.shutdownTestKit();
    }

    @BeforeEach
    void coldPool() {
        winHttp.closeIdleConnections();
        origin.clearRecorded();
        otherOrigin.clearRecorded();
        authOrigin.clearRecorded();
    }

    // ---- one request, sync or async ------------------------------------------------------------

    /** A session, a connect and a GET, every notification of the request recorded. */
    static final class Run implements AutoCloseable {
        final boolean async;
        final HInternet session;
        final HInternet request;
        final BlockingQueue<Notification> pending = new LinkedBlockingQueue<>();
        final List<Notification> all = new CopyOnWriteArrayList<>();

        Run(boolean async, int accessType, String proxy, String bypass, String host, int port, int flags) {
            this(async, accessType, proxy, bypass, host, port, "/hello", flags);
        }

        Run(boolean async, int accessType, String proxy, String bypass, String host, int port, String path, int flags) {
            this.async = async;
            session = winHttp.open("ProxyTest", accessType, proxy, bypass, async ? WINHTTP_FLAG_ASYNC : 0);
            HInternet connect = winHttp.connect(session, host, port);
            request = winHttp.openRequest(connect, "GET", path, null, null, null, flags);
            winHttp.setStatusCallback(request, n -> {
                all.add(n);
                pending.add(n);
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        }

        static Run named(boolean async, TestProxy proxy, String bypass, String host, int port, int flags) {
            return new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, proxy.address(), bypass, host, port, flags);
        }

        /** sendRequest and receiveResponse; null when both succeed, else the error (and which call, async). */
        WinHttpError send() throws Exception {
            pending.clear();
            if (!async) {
                return Bounded.call(WAIT, "sync send", () -> {
                    try {
                        winHttp.sendRequest(request, null, null, 0, 0);
                        winHttp.receiveResponse(request);
                        return null;
                    } catch (WinHttpException e) {
                        return e.error();
                    }
                });
            }
            winHttp.sendRequest(request, null, null, 0, 0);
            Notification n = await(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) return ((StatusInfo.AsyncResult) n.info()).error();
            winHttp.receiveResponse(request);
            n = await(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            return n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR ? ((StatusInfo.AsyncResult) n.info()).error() : null;
        }

        Notification await(int status) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Notification n = pending.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (n == null) throw new AssertionError("no 0x" + Integer.toHexString(status) + " within " + WAIT + "; saw " + all);
                if (n.status() == status || n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) return n;
            }
        }

        int status() { return (int) winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0); }

        String body() throws Exception {
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[4096];
            while (true) {
                int got;
                if (async) {
                    winHttp.readData(request, buf, 0, buf.length);
                    Notification n = await(WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
                    assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, n.status(), n.toString());
                    got = ((StatusInfo.ReadComplete) n.info()).bytesRead();
                } else {
                    got = Bounded.call(WAIT, "read", () -> winHttp.readData(request, buf, 0, buf.length));
                }
                if (got == 0) return sb.toString();
                sb.append(new String(buf, 0, got, StandardCharsets.ISO_8859_1));
            }
        }

        /** The payload of the first notification of this status. */
        StatusInfo info(int status) {
            return all.stream().filter(n -> n.status() == status).findFirst()
                    .orElseThrow(() -> new AssertionError("no 0x" + Integer.toHexString(status) + " in " + all)).info();
        }

        @Override
        public void close() { winHttp.closeHandle(session); }
    }

    static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    // ---- plain http --------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void plainHttpGoesToTheProxyInAbsoluteForm(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start();
             Run run = Run.named(async, proxy, null, origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(200, run.status());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            TestProxy.Seen seen = proxy.awaitSeen(1, WAIT).get(0);
            assertEquals("GET http://127.0.0.1:" + origin.port() + "/hello HTTP/1.1", seen.requestLine());
            assertEquals("127.0.0.1:" + origin.port(), seen.header("Host"), "Host is still the origin");
            assertNull(seen.header("Proxy-Connection"));
            LocalHttpServer.Recorded got = origin.awaitRequests(1, WAIT).get(0);
            assertEquals("/hello", got.uri());
        }
    }

    @Test
    void twoOriginsShareOneProxyConnection() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            for (LocalHttpServer to : List.of(origin, otherOrigin, origin)) {
                try (Run run = Run.named(false, proxy, null, to.host(), to.port(), 0)) {
                    assertNull(run.send());
                    assertEquals(LocalHttpServer.HELLO_BODY, run.body());
                }
            }
            List<TestProxy.Seen> seen = proxy.awaitSeen(3, WAIT);
            assertEquals(1, proxy.connections(), "one connection to the proxy for both origins: " + seen);
            assertTrue(seen.get(1).requestLine().contains(":" + otherOrigin.port() + "/hello"), seen.toString());
            assertEquals(2, origin.requests().size());
            assertEquals(1, otherOrigin.requests().size());
        }
    }

    // ---- https through CONNECT ----------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void httpsGoesThroughAConnectTunnel(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run run = Run.named(async, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status());
            assertEquals(TlsServer.BODY, run.body());
            TestProxy.Seen connect = proxy.awaitSeen(1, WAIT).get(0);
            assertEquals("CONNECT localhost:" + tls.port() + " HTTP/1.1", connect.requestLine());
            assertEquals("localhost:" + tls.port(), connect.header("Host"));
            assertEquals("ProxyTest", connect.header("User-Agent"));
            TlsServer.Seen inside = tls.nextConnection(WAIT);
            assertEquals("localhost", inside.sniHostName(), "SNI names the origin");
            assertTrue(inside.requestHead().startsWith("GET /hello HTTP/1.1\r\n"), inside.requestHead());
            assertTrue(inside.requestHead().contains("Host: localhost:" + tls.port() + "\r\n"), inside.requestHead());
            assertEquals(1, proxy.seen().size(), "nothing but the CONNECT reached the proxy in clear");
        }
    }

    @Test
    void theOriginsCertificateIsCheckedInsideTheTunnel() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.wrongHostLeaf()).start();
             Run run = Run.named(false, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            assertEquals(WinHttpError.ERROR_WINHTTP_SECURE_FAILURE, run.send());
            assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID,
                    ((StatusInfo.SecureFailure) run.info(WINHTTP_CALLBACK_STATUS_SECURE_FAILURE)).flags());
            assertEquals("CONNECT localhost:" + tls.port() + " HTTP/1.1", proxy.awaitSeen(1, WAIT).get(0).requestLine());
        }
    }

    @Test
    void eachNewTunnelSendsItsOwnConnect() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.leaf()).start()) {
            for (int i = 0; i < 2; i++) {
                try (Run run = Run.named(false, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
                    assertNull(run.send());
                    assertEquals(TlsServer.BODY, run.body());
                }
                tls.nextConnection(WAIT);
            }
            // TlsServer closes after each answer, so each request needs a tunnel of its own
            assertEquals(2, proxy.awaitSeen(2, WAIT).stream().filter(s -> s.requestLine().startsWith("CONNECT ")).count());
        }
    }

    @ParameterizedTest(name = "status {0}")
    @ValueSource(ints = {403, 502})
    void aRefusedConnectCannotConnect(int status) throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            try (TestProxy proxy = TestProxy.start(null, status);
                 Run run = Run.named(async, proxy, null, "localhost", 443, WINHTTP_FLAG_SECURE)) {
                assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, run.send(), "async=" + async);
                assertEquals("CONNECT localhost:443 HTTP/1.1", proxy.awaitSeen(1, WAIT).get(0).requestLine(),
                        "the proxy refused the tunnel");
                if (async) {
                    StatusInfo.AsyncResult r = (StatusInfo.AsyncResult) run.info(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
                    assertEquals(API_SEND_REQUEST, r.api());
                }
            }
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void a407ToConnectIsTheResponseAndProxyAuthorizationGoesOnTheNextConnect(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start("Basic dXNlcjpwYXNz", 0);
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run run = Run.named(async, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            assertNull(run.send());
            assertEquals(407, run.status());
            assertEquals("Basic realm=\"test proxy\"", winHttp.queryHeaders(run.request, WINHTTP_QUERY_PROXY_AUTHENTICATE, null, 0));
            assertEquals(TestProxy.CHALLENGE_BODY, run.body());
            assertEquals(Boolean.TRUE, winHttp.queryOption(run.request, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE));

            // what the authentication step does: the header on the request, then send again
            winHttp.addRequestHeaders(run.request, "Proxy-Authorization: Basic dXNlcjpwYXNz", WINHTTP_ADDREQ_FLAG_ADD);
            assertNull(run.send());
            assertEquals(200, run.status());
            assertEquals(TlsServer.BODY, run.body());
            assertEquals(Boolean.FALSE, winHttp.queryOption(run.request, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE), "the origin's answer");
            List<TestProxy.Seen> seen = proxy.awaitSeen(2, WAIT);
            assertEquals(List.of(1, 1), seen.stream().map(TestProxy.Seen::connection).toList(), "the second CONNECT on the same connection");
            assertNull(seen.get(0).header("Proxy-Authorization"));
            assertEquals("Basic dXNlcjpwYXNz", seen.get(1).header("Proxy-Authorization"));
            String inner = tls.nextConnection(WAIT).requestHead();
            assertFalse(inner.toLowerCase().contains("proxy-authorization"), "the origin never sees the proxy's credentials: " + inner);
        }
    }

    @Test
    void plainHttpCarriesProxyAuthorizationToTheProxyOnly() throws Exception {
        try (TestProxy proxy = TestProxy.start("Basic dXNlcjpwYXNz", 0);
             Run run = Run.named(false, proxy, null, origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(407, run.status());
            assertEquals(TestProxy.CHALLENGE_BODY, run.body());
            assertEquals(Boolean.FALSE, winHttp.queryOption(run.request, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE), "no CONNECT for plain http");
            winHttp.addRequestHeaders(run.request, "Proxy-Authorization: Basic dXNlcjpwYXNz", WINHTTP_ADDREQ_FLAG_ADD);
            assertNull(run.send());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertTrue(origin.awaitRequests(1, WAIT).get(0).header("Proxy-Authorization").isEmpty(), "the test proxy strips it");
            assertEquals(1, proxy.connections());
        }
    }

    // ---- proxy authentication: the engine answers the proxy's 407 ------------------------------

    static final String PROXY_USER = "puser";
    static final String PROXY_PASSWORD = "pr0xy-pa55";
    static final String PROXY_BASIC = AuthServers.basic(PROXY_USER, PROXY_PASSWORD);

    /** The proxy's credentials on the request: by setCredentials (target PROXY) or by the PROXY_USERNAME / PASSWORD options. */
    static void proxyCredentials(Run run, String how, String password) {
        if (how.equals("credentials")) {
            winHttp.setCredentials(run.request, WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, PROXY_USER, password);
        } else {
            winHttp.setOption(run.request, WINHTTP_OPTION_PROXY_USERNAME, PROXY_USER);
            winHttp.setOption(run.request, WINHTTP_OPTION_PROXY_PASSWORD, password);
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void theProxyOptionsAnswerAPlainRequestsProxy407(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             Run run = Run.named(async, proxy, null, origin.host(), origin.port(), 0)) {
            proxyCredentials(run, "options", PROXY_PASSWORD);
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status(), "receiveResponse answered the 407 itself");
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            List<TestProxy.Seen> seen = proxy.awaitSeen(2, WAIT);
            assertNull(seen.get(0).header("Proxy-Authorization"), "the options go only when asked");
            assertEquals(PROXY_BASIC, seen.get(1).header("Proxy-Authorization"));
            assertEquals("GET http://127.0.0.1:" + origin.port() + "/hello HTTP/1.1", seen.get(1).requestLine(),
                    "the answer is in absolute form too");
            assertEquals(List.of(1, 1), seen.stream().map(TestProxy.Seen::connection).toList(), "the answer on the 407's connection");
            LocalHttpServer.Recorded got = origin.awaitRequests(1, WAIT).get(0);
            assertTrue(got.header("Authorization").isEmpty(), "proxy credentials are no server's");
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void proxyBasicSetBeforeTheFirstSendGoesPreemptivelyToTheProxyOnly(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             Run run = Run.named(async, proxy, null, origin.host(), origin.port(), 0)) {
            proxyCredentials(run, "credentials", PROXY_PASSWORD);
            assertNull(run.send());
            assertEquals(200, run.status());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            List<TestProxy.Seen> seen = proxy.awaitSeen(1, WAIT);
            assertEquals(PROXY_BASIC, seen.get(0).header("Proxy-Authorization"));
            assertEquals(1, proxy.seen().size(), "no 407: the credentials went with the first request");
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void queryAuthSchemesAfterAProxys407TargetsTheProxyAndSetCredentialsAnswersIt(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             Run run = Run.named(async, proxy, null, origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(407, run.status(), "no credentials: the 407 is the response");
            assertEquals(new AuthSchemes(WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_TARGET_PROXY),
                    winHttp.queryAuthSchemes(run.request));
            assertEquals(TestProxy.CHALLENGE_BODY, run.body());
            proxyCredentials(run, "credentials", PROXY_PASSWORD);
            assertNull(run.send());
            assertEquals(200, run.status());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertEquals(PROXY_BASIC, proxy.awaitSeen(2, WAIT).get(1).header("Proxy-Authorization"));
        }
    }

    @ParameterizedTest(name = "async={0}, {1}")
    @CsvSource({"false,options", "true,options", "false,credentials", "true,credentials"})
    void aTunnelsConnectGetsProxyAuthorizationAndTheOriginNeverSeesIt(boolean async, String how) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run run = Run.named(async, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            proxyCredentials(run, how, PROXY_PASSWORD);
            winHttp.setCredentials(run.request, WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "alice", "server-secret");
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status());
            assertEquals(TlsServer.BODY, run.body());
            assertEquals(Boolean.FALSE, winHttp.queryOption(run.request, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE), "the origin's answer");
            List<TestProxy.Seen> seen = proxy.seen();
            TestProxy.Seen last = seen.get(seen.size() - 1);
            assertEquals("CONNECT localhost:" + tls.port() + " HTTP/1.1", last.requestLine());
            assertEquals(PROXY_BASIC, last.header("Proxy-Authorization"));
            if (how.equals("options")) {
                assertEquals(2, seen.size(), "a 407, then the CONNECT that answers it: " + seen);
                assertNull(seen.get(0).header("Proxy-Authorization"));
                assertEquals(List.of(1, 1), seen.stream().map(TestProxy.Seen::connection).toList(), "the second CONNECT on the same connection");
            } else {
                assertEquals(1, seen.size(), "setCredentials' Basic goes on the first CONNECT: " + seen);
            }
            for (TestProxy.Seen s : seen) assertNull(s.header("Authorization"), "server credentials never go to the proxy: " + s.head());
            String inner = tls.nextConnection(WAIT).requestHead();
            assertFalse(inner.toLowerCase().contains("proxy-authorization"), "the origin never sees the proxy's credentials: " + inner);
            assertTrue(inner.contains("Authorization: " + AuthServers.basic("alice", "server-secret") + "\r\n"), "the server's go inside: " + inner);
        }
    }

    @ParameterizedTest(name = "async={0}, {1}")
    @CsvSource({"false,options", "true,options", "false,credentials", "true,credentials"})
    void wrongProxyCredentialsEndWithThe407NotALoop(boolean async, String how) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run plain = Run.named(async, proxy, null, origin.host(), origin.port(), 0);
             Run secure = Run.named(async, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            for (Run run : List.of(plain, secure)) {
                int before = proxy.seen().size();
                proxyCredentials(run, how, "wrong");
                assertNull(run.send());
                assertEquals(407, run.status());
                assertEquals(TestProxy.CHALLENGE_BODY, run.body());
                // options: the 407, then one answer; setCredentials: its Basic went first, so the 407 to it is the end
                int tries = how.equals("options") ? 2 : 1;
                assertEquals(tries, proxy.awaitSeen(before + tries, WAIT).size() - before, proxy.seen().toString());
            }
            assertEquals(Boolean.TRUE, winHttp.queryOption(secure.request, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE));
            assertEquals(0, origin.requests().size(), "nothing reached the origin");
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aServers401ThroughAPlainProxyIsAnsweredInAbsoluteForm(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start();
             Run run = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, proxy.address(), null, authOrigin.host(), authOrigin.port(),
                     "/basic", 0)) {
            winHttp.setOption(run.request, WINHTTP_OPTION_USERNAME, AuthServers.USER);
            winHttp.setOption(run.request, WINHTTP_OPTION_PASSWORD, AuthServers.PASSWORD);
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status(), () -> "the proxy saw " + proxy.seen());
            assertEquals("Hello World", run.body());
            List<TestProxy.Seen> seen = proxy.awaitSeen(2, WAIT);
            for (TestProxy.Seen s : seen) assertEquals("GET " + authOrigin.url("/basic") + " HTTP/1.1", s.requestLine());
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aProxy407ThenAServer401AreBothAnswered(boolean async) throws Exception {
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             Run run = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, proxy.address(), null, authOrigin.host(), authOrigin.port(),
                     "/basic", 0)) {
            proxyCredentials(run, "options", PROXY_PASSWORD);
            winHttp.setOption(run.request, WINHTTP_OPTION_USERNAME, AuthServers.USER);
            winHttp.setOption(run.request, WINHTTP_OPTION_PASSWORD, AuthServers.PASSWORD);
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status());
            assertEquals("Hello World", run.body());
            List<TestProxy.Seen> seen = proxy.awaitSeen(3, WAIT);
            assertEquals(3, seen.size(), "407, 401, 200: " + seen);
            assertNull(seen.get(0).header("Proxy-Authorization"));
            assertNull(seen.get(0).header("Authorization"));
            assertEquals(PROXY_BASIC, seen.get(1).header("Proxy-Authorization"));
            assertNull(seen.get(1).header("Authorization"));
            assertEquals(PROXY_BASIC, seen.get(2).header("Proxy-Authorization"), "the proxy's answer stays for the server's");
            assertEquals(AuthServers.basic(AuthServers.USER, AuthServers.PASSWORD), seen.get(2).header("Authorization"));
            List<LocalHttpServer.Recorded> got = authOrigin.awaitRequests(2, WAIT);
            assertTrue(got.get(0).header("Authorization").isEmpty());
            assertEquals(AuthServers.basic(AuthServers.USER, AuthServers.PASSWORD), got.get(1).header("Authorization").orElse(""));
        }
    }

    /**
     * Credentials never follow a redirect to another origin, but the proxy's are the proxy's: a hop
     * through the same proxy keeps its answer, so the proxy does not ask again (and the 407 to a
     * send whose proxy answer was already tried would be the end).
     */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aRedirectToAnotherOriginThroughTheSameProxyKeepsTheProxysAnswer(boolean async) throws Exception {
        String to = java.net.URLEncoder.encode(otherOrigin.url("/hello"), StandardCharsets.UTF_8);
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             Run run = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, proxy.address(), null, origin.host(), origin.port(),
                     "/redirect?to=" + to, 0)) {
            proxyCredentials(run, "options", PROXY_PASSWORD);
            winHttp.setOption(run.request, WINHTTP_OPTION_USERNAME, AuthServers.USER);
            winHttp.setOption(run.request, WINHTTP_OPTION_PASSWORD, AuthServers.PASSWORD);
            assertNull(run.send(), () -> "notifications " + run.all);
            assertEquals(200, run.status(), () -> "the proxy saw " + proxy.seen());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            List<TestProxy.Seen> seen = proxy.awaitSeen(3, WAIT);
            assertEquals(3, seen.size(), "407, 302, 200: " + seen);
            assertEquals("GET " + otherOrigin.url("/hello") + " HTTP/1.1", seen.get(2).requestLine());
            assertEquals(PROXY_BASIC, seen.get(2).header("Proxy-Authorization"));
            assertTrue(otherOrigin.awaitRequests(1, WAIT).get(0).header("Authorization").isEmpty(), "no server credentials to another origin");
        }
    }

    /** A writeData body cannot go again: the proxy's 407 is ERROR_WINHTTP_RESEND_REQUEST, and the next send carries the answer. */
    @Test
    void aWriteDataBodyAndAProxys407MakeTheApplicationSendAgain() throws Exception {
        byte[] body = "written".getBytes(StandardCharsets.US_ASCII);
        try (TestProxy proxy = TestProxy.start(PROXY_BASIC, 0);
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run plain = Run.named(false, proxy, null, origin.host(), origin.port(), 0);
             Run secure = Run.named(false, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            for (Run run : List.of(plain, secure)) {
                int before = proxy.seen().size();
                proxyCredentials(run, "options", PROXY_PASSWORD);
                for (int attempt = 0; attempt < 2; attempt++) {
                    WinHttpError error = Bounded.call(WAIT, "send with writeData", () -> {
                        try {
                            // a GET gets no Content-Length of WinHTTP's: the test names it, so the proxy can frame the body
                            winHttp.sendRequest(run.request, "Content-Length: " + body.length, null, body.length, 0);
                            winHttp.writeData(run.request, body, 0, body.length);
                            winHttp.receiveResponse(run.request);
                            return null;
                        } catch (WinHttpException e) {
                            return e.error();
                        }
                    });
                    String which = (run == secure ? "https" : "http") + ", attempt " + attempt;
                    assertEquals(attempt == 0 ? WinHttpError.ERROR_WINHTTP_RESEND_REQUEST : null, error, () -> which + ", the proxy saw " + proxy.seen());
                }
                assertEquals(200, run.status());
                List<TestProxy.Seen> seen = proxy.awaitSeen(before + 2, WAIT).subList(before, before + 2);
                assertNull(seen.get(0).header("Proxy-Authorization"));
                assertEquals(PROXY_BASIC, seen.get(1).header("Proxy-Authorization"), "the application's send carried the answer");
            }
            assertEquals(TlsServer.BODY, secure.body());
            assertEquals(7, origin.awaitRequests(1, WAIT).get(0).bodyLength(), "the body went with the answered send");
        }
    }

    @Test
    void aProxysDigestChallengeIsAnsweredForPlainRequestsAndConnects() throws Exception {
        try (TestProxy proxy = TestProxy.digest(PROXY_USER, PROXY_PASSWORD);
             TlsServer tls = TlsServer.with(certs.leaf()).start()) {
            for (boolean async : new boolean[] {false, true}) {
                try (Run plain = Run.named(async, proxy, null, origin.host(), origin.port(), 0);
                     Run secure = Run.named(async, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
                    for (Run run : List.of(plain, secure)) {
                        int before = proxy.seen().size();
                        proxyCredentials(run, "options", PROXY_PASSWORD);
                        assertNull(run.send(), () -> "notifications " + run.all);
                        assertEquals(200, run.status(), "async=" + async + ", the proxy saw " + proxy.seen());
                        List<TestProxy.Seen> seen = proxy.seen().subList(before, proxy.seen().size());
                        assertEquals(2, seen.size(), seen.toString());
                        String answer = seen.get(1).header("Proxy-Authorization");
                        String target = seen.get(1).requestLine().split(" ")[1];
                        assertTrue(answer.contains("uri=\"" + target + "\""), "Digest names the request line's target: " + answer);
                    }
                    assertEquals(LocalHttpServer.HELLO_BODY, plain.body());
                    assertEquals(TlsServer.BODY, secure.body());
                }
                tls.nextConnection(WAIT);
            }
        }
    }

    // ---- failures ----------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void anUnreachableProxyCannotConnect(boolean async) throws Exception {
        String list = "127.0.0.1:" + refusedPort();
        try (Run plain = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, origin.host(), origin.port(), 0);
             Run secure = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, "localhost", 443, WINHTTP_FLAG_SECURE)) {
            assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, plain.send());
            assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, secure.send());
        }
        assertTrue(origin.requests().isEmpty());
    }

    /** A proxy that reads the request (or the CONNECT) and resets: CONNECTION_ERROR, as for a server that does. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aProxyThatResetsIsAConnectionError(boolean async) throws Exception {
        try (RawServer resetting = RawServer.start(c -> {
            c.readRequestHead();
            c.reset();
        })) {
            String list = resetting.host() + ":" + resetting.port();
            try (Run plain = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, origin.host(), origin.port(), 0);
                 Run secure = new Run(async, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, "localhost", 443, WINHTTP_FLAG_SECURE)) {
                assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, plain.send());
                assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, secure.send());
            }
            List<String> heads = resetting.receivedHeads();
            assertTrue(heads.stream().anyMatch(h -> h.startsWith("GET http://127.0.0.1:" + origin.port() + "/hello ")), heads.toString());
            assertTrue(heads.stream().anyMatch(h -> h.startsWith("CONNECT localhost:443 ")), heads.toString());
        }
        assertTrue(origin.requests().isEmpty());
    }

    // ---- notifications ---------------------------------------------------------------------------

    @Test
    void connectionNotificationsNameTheProxy() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run run = Run.named(true, proxy, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            assertNull(run.send());
            assertEquals(TlsServer.BODY, run.body());
            assertEquals(new StatusInfo.ServerName("127.0.0.1"), run.info(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME),
                    "the proxy's name, not the origin's (localhost)");
            assertEquals(new StatusInfo.ServerAddress("127.0.0.1"), run.info(WINHTTP_CALLBACK_STATUS_NAME_RESOLVED));
            assertEquals(new StatusInfo.ServerAddress("127.0.0.1"), run.info(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER));
            List<Integer> order = run.all.stream().map(Notification::status).filter(s -> s == WINHTTP_CALLBACK_STATUS_RESOLVING_NAME
                    || s == WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER || s == WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER
                    || s == WINHTTP_CALLBACK_STATUS_SENDING_REQUEST || s == WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE).toList();
            assertEquals(List.of(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER,
                    WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST,
                    WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE), order, "notifications " + run.all);
        }
    }

    @Test
    void plainNotificationsNameTheProxyToo() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             Run run = new Run(true, WINHTTP_ACCESS_TYPE_NAMED_PROXY, "http=localhost:" + proxy.port(), null,
                     origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertEquals(new StatusInfo.ServerName("localhost"), run.info(WINHTTP_CALLBACK_STATUS_RESOLVING_NAME));
            assertEquals(new StatusInfo.ServerAddress("127.0.0.1"), run.info(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER));
        }
    }

    // ---- bypass, NO_PROXY ----------------------------------------------------------------------

    @ParameterizedTest(name = "bypass \"{0}\"")
    @ValueSource(strings = {"127.*", "*.0.0.1", "*", "other.example;127.0.0.1", "other.example 127.0.*"})
    void aBypassedServerIsReachedDirectly(String bypass) throws Exception {
        try (TestProxy proxy = TestProxy.start();
             Run run = Run.named(false, proxy, bypass, origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertEquals("/hello", origin.awaitRequests(1, WAIT).get(0).uri());
            assertEquals(0, proxy.connections());
        }
    }

    @Test
    void localBypassesNamesWithoutADot() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.leaf()).start();
             Run run = Run.named(false, proxy, "<local>", "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
            assertNull(run.send());
            assertEquals(TlsServer.BODY, run.body());
            assertEquals(0, proxy.connections(), "localhost has no dot: direct");
        }
        try (TestProxy proxy = TestProxy.start();
             Run run = Run.named(false, proxy, "<local> *.example.com", origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertEquals(1, proxy.awaitSeen(1, WAIT).size(), "127.0.0.1 has dots and matches no pattern: through the proxy");
        }
    }

    @Test
    void aProxyForAnotherSchemeOnlyMeansDirect() throws Exception {
        try (TestProxy proxy = TestProxy.start();
             Run run = new Run(false, WINHTTP_ACCESS_TYPE_NAMED_PROXY, "https=" + proxy.address(), null,
                     origin.host(), origin.port(), 0)) {
            assertNull(run.send());
            assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            assertEquals(0, proxy.connections());
        }
    }

    @Test
    void theFirstProxyForTheSchemeIsUsed() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            String list = "https=127.0.0.1:1; http=" + proxy.address() + " http=127.0.0.1:2 127.0.0.1:3";
            try (Run run = new Run(false, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, origin.host(), origin.port(), 0)) {
                assertNull(run.send());
                assertEquals(LocalHttpServer.HELLO_BODY, run.body());
                assertEquals(1, proxy.awaitSeen(1, WAIT).size());
            }
        }
    }

    // ---- WINHTTP_OPTION_PROXY --------------------------------------------------------------------

    @Test
    void proxyOptionOnSessionAndRequest() throws Exception {
        try (TestProxy proxy = TestProxy.start()) {
            HInternet session = winHttp.open("ProxyTest", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            try {
                assertEquals(new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null), winHttp.queryOption(session, WINHTTP_OPTION_PROXY));
                ProxyInfo named = new ProxyInfo(WINHTTP_ACCESS_TYPE_NAMED_PROXY, proxy.address(), "*.example.com");
                winHttp.setOption(session, WINHTTP_OPTION_PROXY, named);
                assertEquals(named, winHttp.queryOption(session, WINHTTP_OPTION_PROXY));
                HInternet connect = winHttp.connect(session, origin.host(), origin.port());

                HInternet through = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
                assertEquals(named, winHttp.queryOption(through, WINHTTP_OPTION_PROXY), "inherited");
                winHttp.sendRequest(through, null, null, 0, 0);
                winHttp.receiveResponse(through);
                assertEquals(1, proxy.awaitSeen(1, WAIT).size());

                HInternet direct = winHttp.openRequest(connect, "GET", "/hello", null, null, null, 0);
                ProxyInfo none = new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null);
                winHttp.setOption(direct, WINHTTP_OPTION_PROXY, none);
                assertEquals(none, winHttp.queryOption(direct, WINHTTP_OPTION_PROXY));
                assertEquals(named, winHttp.queryOption(session, WINHTTP_OPTION_PROXY), "the request's change stays its own");
                winHttp.sendRequest(direct, null, null, 0, 0);
                winHttp.receiveResponse(direct);
                assertEquals(200, winHttp.queryHeadersNumber(direct, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(1, proxy.seen().size(), "the NO_PROXY request went direct");
                assertEquals(2, origin.awaitRequests(2, WAIT).size(), "one forwarded by the proxy, one direct");
            } finally {
                winHttp.closeHandle(session);
            }
        }
    }

    @Test
    void badListsAreRefusedWithInvalidParameter() {
        for (String list : new String[] {"", " ; ", "ftp=proxy:21", "proxy:0", "proxy:65536", "proxy:8o", "pro xy:80:1",
                "user@proxy:80", "https://proxy:443", "[::1", "http=", "proxy:"}) {
            WinHttpException e = assertThrows(WinHttpException.class,
                    () -> winHttp.open(null, WINHTTP_ACCESS_TYPE_NAMED_PROXY, list, null, 0), list);
            assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error(), list);
        }
        for (String bypass : new String[] {"<remote>", "a/b", "host?x", "caf\u00e9.example"}) {
            assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                    () -> winHttp.open(null, WINHTTP_ACCESS_TYPE_NAMED_PROXY, "proxy:8080", bypass, 0), bypass);
        }
        HInternet session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        try {
            WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.setOption(session, WINHTTP_OPTION_PROXY,
                    new ProxyInfo(WINHTTP_ACCESS_TYPE_NAMED_PROXY, "http=proxy:99999", null)));
            assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error());
            assertTrue(e.getMessage().contains("port"), e.getMessage());
            assertEquals(new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null), winHttp.queryOption(session, WINHTTP_OPTION_PROXY),
                    "a refused value changes nothing");
        } finally {
            winHttp.closeHandle(session);
        }
    }

    // ---- DEFAULT_PROXY: the JVM's settings -----------------------------------------------------

    @Test
    void defaultProxyReadsTheJvmsProxyProperties() throws Exception {
        String[] names = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts", "https.proxyHost", "https.proxyPort"};
        String[] before = new String[names.length];
        for (int i = 0; i < names.length; i++) before[i] = System.getProperty(names[i]);
        try (TestProxy proxy = TestProxy.start();
             TlsServer tls = TlsServer.with(certs.leaf()).start()) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.port()));
            System.setProperty("https.proxyHost", "127.0.0.1");
            System.setProperty("https.proxyPort", Integer.toString(proxy.port()));
            // the JDK adds localhost, 127.* and [::1] to any non-empty list (and uses them when it is unset); "" bypasses nothing
            System.setProperty("http.nonProxyHosts", "");
            for (int access : new int[] {WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY}) {
                try (Run run = new Run(false, access, null, null, origin.host(), origin.port(), 0)) {
                    assertNull(run.send());
                    assertEquals(LocalHttpServer.HELLO_BODY, run.body());
                }
            }
            try (Run run = new Run(false, WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, null, null, "localhost", tls.port(), WINHTTP_FLAG_SECURE)) {
                assertNull(run.send());
                assertEquals(TlsServer.BODY, run.body());
            }
            List<TestProxy.Seen> seen = proxy.awaitSeen(3, WAIT);
            assertEquals("GET http://127.0.0.1:" + origin.port() + "/hello HTTP/1.1", seen.get(0).requestLine());
            assertEquals("CONNECT localhost:" + tls.port() + " HTTP/1.1", seen.get(2).requestLine());

            System.clearProperty("http.nonProxyHosts"); // the JDK's default: loopback goes direct
            try (Run run = new Run(false, WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, null, null, origin.host(), origin.port(), 0)) {
                assertNull(run.send());
                assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            }
            assertEquals(3, proxy.seen().size());
            try (Run run = new Run(false, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, origin.host(), origin.port(), 0)) {
                System.setProperty("http.nonProxyHosts", "");
                assertNull(run.send());
                assertEquals(LocalHttpServer.HELLO_BODY, run.body());
            }
            assertEquals(3, proxy.seen().size(), "NO_PROXY ignores the JVM's settings");
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) System.clearProperty(names[i]); else System.setProperty(names[i], before[i]);
            }
        }
    }
}
