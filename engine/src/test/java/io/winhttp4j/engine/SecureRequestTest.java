package io.winhttp4j.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.winhttp4j.ConnectionInfo;
import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.Bounded;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.TestCertificates;
import io.winhttp4j.engine.testkit.TlsServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Secure requests through the public API, against a local TLS server showing certificates made
 * at test time: the engine trusts the test CA through winhttp4j.tls.trust-store (a PKCS12 file
 * written here), so nothing JVM-wide is changed. Each case runs sync and async where the two
 * report differently (an exception against REQUEST_ERROR).
 */
class SecureRequestTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final int STRENGTH_BITS = SECURITY_FLAG_STRENGTH_WEAK | SECURITY_FLAG_STRENGTH_MEDIUM | SECURITY_FLAG_STRENGTH_STRONG;

    @TempDir
    static Path dir;
    static TestCertificates.Standard certs;
    static ActorTestKit kit;
    static WinHttpEngine winHttp;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.standard();
        kit = ActorTestKit.create("SecureRequestTest", trusting(dir, certs.ca().certificate()));
        winHttp = WinHttpEngine.embedded(kit.system());
    }

    @AfterAll
    static void stop() {
        if (winHttp != null) winHttp.close();
        if (kit != null) kit.shutdownTestKit();
    }

    @BeforeEach
    void coldPool() {
        winHttp.closeIdleConnections();
    }

    /** A configuration whose winhttp4j.tls.trust-store is a new PKCS12 file trusting only {@code ca}. */
    static Config trusting(Path dir, X509Certificate ca) throws Exception {
        Path file = Files.createTempFile(dir, "trust", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            TestCertificates.trustStore(ca).store(out, TestCertificates.PASSWORD);
        }
        return ConfigFactory.parseString("winhttp4j.tls.trust-store = \"" + file.toString().replace("\\", "\\\\") + "\"\n"
                        + "winhttp4j.tls.trust-store-password = \"" + new String(TestCertificates.PASSWORD) + "\"")
                .withFallback(ConfigFactory.load());
    }

    // ---- a request, driven sync or async ----------------------------------------------------------

    /** One secure request with every notification recorded; send() runs sendRequest + receiveResponse. */
    static final class Run {
        final boolean async;
        final HInternet session;
        final HInternet request;
        final BlockingQueue<Notification> seen = new LinkedBlockingQueue<>();
        /** Every notification ever delivered, in order. */
        final List<Notification> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Sync: how many notifications had been delivered when the failing call threw. */
        volatile int deliveredAtFailure = -1;

        Run(boolean async, String host, int port) {
            this(async, host, port, WINHTTP_FLAG_SECURE);
        }

        Run(boolean async, String host, int port, int flags) {
            this.async = async;
            session = winHttp.open("SecureRequestTest", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            HInternet connect = winHttp.connect(session, host, port);
            request = winHttp.openRequest(connect, "GET", "/tls", null, null, null, flags);
            winHttp.setStatusCallback(request, n -> {
                all.add(n);
                seen.add(n);
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        }

        /** sendRequest then receiveResponse: null when both succeed, else the error and the API that failed. */
        Failure send() throws Exception {
            seen.clear();
            if (!async) {
                return Bounded.call(WAIT, "sync send", () -> {
                    try {
                        winHttp.sendRequest(request, null, null, 0, 0);
                    } catch (WinHttpException e) {
                        deliveredAtFailure = all.size();
                        return new Failure(API_SEND_REQUEST, e.error());
                    }
                    try {
                        winHttp.receiveResponse(request);
                    } catch (WinHttpException e) {
                        deliveredAtFailure = all.size();
                        return new Failure(API_RECEIVE_RESPONSE, e.error());
                    }
                    return null;
                });
            }
            winHttp.sendRequest(request, null, null, 0, 0);
            Notification n = awaitEither(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) return Failure.of(n);
            winHttp.receiveResponse(request);
            n = awaitEither(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            return n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR ? Failure.of(n) : null;
        }

        /** The next notification that is {@code status} or REQUEST_ERROR. */
        Notification awaitEither(int status) throws InterruptedException {
            long end = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Notification n = seen.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (n == null) throw new AssertionError("no notification 0x" + Integer.toHexString(status) + " within " + WAIT + "; saw " + all);
                if (n.status() == status || n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) return n;
            }
        }

        int status() {
            return (int) winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
        }

        /** The body, read to its end (sync reads; async: queryDataAvailable/readData with their notifications). */
        String body() throws Exception {
            if (!async) return Bounded.call(WAIT, "read", () -> readAll(request));
            StringBuilder sb = new StringBuilder();
            byte[] buf = new byte[4096];
            while (true) {
                winHttp.readData(request, buf, 0, buf.length);
                Notification n = awaitEither(WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
                assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, n.status(), n.toString());
                int got = ((StatusInfo.ReadComplete) n.info()).bytesRead();
                if (got == 0) return sb.toString();
                sb.append(new String(buf, 0, got, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }

        /** The payloads of the SECURE_FAILURE notifications so far. */
        List<Integer> secureFailures() {
            return all.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_SECURE_FAILURE)
                    .map(n -> ((StatusInfo.SecureFailure) n.info()).flags()).toList();
        }

        /** The position of the first notification with this status, or -1. */
        int indexOf(int status) {
            for (int i = 0; i < all.size(); i++) if (all.get(i).status() == status) return i;
            return -1;
        }

        Object query(int option) {
            return winHttp.queryOption(request, option);
        }

        void close() {
            winHttp.closeHandle(session);
        }
    }

    record Failure(int api, WinHttpError error) {
        static Failure of(Notification n) {
            StatusInfo.AsyncResult r = (StatusInfo.AsyncResult) n.info();
            return new Failure(r.api(), r.error());
        }
    }

    static String readAll(HInternet request) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        while ((n = winHttp.readData(request, buf, 0, buf.length)) > 0) {
            sb.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    /**
     * The request failed with SECURE_FAILURE: one SECURE_FAILURE notification carrying exactly
     * {@code flags}, before the error, which sendRequest reports (as WinHTTP, whose send does the
     * handshake); async: REQUEST_ERROR for API_SEND_REQUEST after SECURE_FAILURE.
     */
    static void assertSecureFailure(Run run, Failure f, int flags) {
        assertNotNull(f, "the request succeeded; notifications " + run.all);
        assertEquals(new Failure(API_SEND_REQUEST, WinHttpError.ERROR_WINHTTP_SECURE_FAILURE), f, "notifications " + run.all);
        assertEquals(List.of(flags), run.secureFailures(), "SECURE_FAILURE payloads");
        int secure = run.indexOf(WINHTTP_CALLBACK_STATUS_SECURE_FAILURE);
        int error = run.async ? run.indexOf(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) : run.deliveredAtFailure;
        assertTrue(secure >= 0 && secure < error, "SECURE_FAILURE before the error (" + error + "): " + run.all);
        assertEquals(-1, run.indexOf(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE), "no SENDREQUEST_COMPLETE: " + run.all);
    }

    // ---- a trusted certificate ---------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void trustedCertificateAnswersTheTlsQueries(boolean async) throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                assertEquals(0, run.query(WINHTTP_OPTION_SECURITY_FLAGS), "SECURITY_FLAGS before the send");
                assertNull(run.send(), "notifications " + run.all);
                assertEquals(200, run.status());
                assertEquals(List.of(), run.secureFailures());
                int flags = (Integer) run.query(WINHTTP_OPTION_SECURITY_FLAGS);
                assertEquals(SECURITY_FLAG_SECURE, flags & SECURITY_FLAG_SECURE, "SECURITY_FLAGS 0x" + Integer.toHexString(flags));
                assertEquals(1, Integer.bitCount(flags & STRENGTH_BITS), "one strength bit: 0x" + Integer.toHexString(flags));
                assertEquals(0, flags & ~(SECURITY_FLAG_SECURE | STRENGTH_BITS), "nothing else: 0x" + Integer.toHexString(flags));

                X509Certificate[] chain = (X509Certificate[]) run.query(WINHTTP_OPTION_SERVER_CERT_CONTEXT);
                assertArrayEquals(certs.leaf().getCertificateChain(), chain, "the server's chain, leaf first");
                assertEquals(TestCertificates.certificate(certs.leaf()), run.query(WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT));
                assertTrue((Integer) run.query(WINHTTP_OPTION_SECURITY_KEY_BITNESS) > 0);

                ConnectionInfo info = (ConnectionInfo) run.query(WINHTTP_OPTION_CONNECTION_INFO);
                assertEquals(server.port(), info.remote().getPort());
                assertEquals("127.0.0.1", info.remote().getAddress().getHostAddress());
                assertEquals("127.0.0.1", info.local().getAddress().getHostAddress());
                assertTrue(info.local().getPort() > 0);

                assertEquals(TlsServer.BODY, run.body());
                // CONFORMANCE 5.7: still there after the whole body was read
                assertArrayEquals(chain, (X509Certificate[]) run.query(WINHTTP_OPTION_SERVER_CERT_CONTEXT));
                TlsServer.Seen seen = server.nextConnection(WAIT);
                assertNull(seen.handshakeFailure());
                assertTrue(seen.requestHead().startsWith("GET /tls HTTP/1.1\r\n"), seen.requestHead());
            } finally {
                run.close();
            }
        }
    }

    /** As on Windows, the TLS answers are there once sendRequest has completed, before receiveResponse. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void tlsQueriesAnswerRightAfterTheSend(boolean async) throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                if (async) {
                    winHttp.sendRequest(run.request, null, null, 0, 0);
                    Notification n = run.awaitEither(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                    assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, n.status(), n.toString());
                } else {
                    Bounded.run(WAIT, "send", () -> winHttp.sendRequest(run.request, null, null, 0, 0));
                }
                assertArrayEquals(certs.leaf().getCertificateChain(), (X509Certificate[]) run.query(WINHTTP_OPTION_SERVER_CERT_CONTEXT));
                int flags = (Integer) run.query(WINHTTP_OPTION_SECURITY_FLAGS);
                assertEquals(SECURITY_FLAG_SECURE, flags & SECURITY_FLAG_SECURE, "0x" + Integer.toHexString(flags));
                assertTrue((Integer) run.query(WINHTTP_OPTION_SECURITY_KEY_BITNESS) > 0);
            } finally {
                run.close();
            }
        }
    }

    @Test
    void connectionInfoOfAPlainRequest() throws Exception {
        try (LocalHttpServer plain = LocalHttpServer.start(kit.system())) {
            Run run = new Run(false, LocalHttpServer.HOST, plain.port(), 0);
            try {
                assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> run.query(WINHTTP_OPTION_CONNECTION_INFO));
                assertNull(run.send());
                ConnectionInfo info = (ConnectionInfo) run.query(WINHTTP_OPTION_CONNECTION_INFO);
                assertEquals(plain.port(), info.remote().getPort());
                assertEquals(LocalHttpServer.HOST, info.remote().getAddress().getHostAddress());
                assertEquals(LocalHttpServer.HOST, info.local().getAddress().getHostAddress());
                assertEquals(0, run.query(WINHTTP_OPTION_SECURITY_FLAGS), "a plain request is not secure");
                assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> run.query(WINHTTP_OPTION_SERVER_CERT_CONTEXT));
            } finally {
                run.close();
            }
        }
    }

    // ---- certificate problems ----------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void unknownCaIsASecureFailureUnlessIgnored(boolean async) throws Exception {
        try (TlsServer server = TlsServer.with(certs.unknownCaLeaf()).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                assertSecureFailure(run, run.send(), WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA);
            } finally {
                run.close();
            }
            Run ignoring = new Run(async, "localhost", server.port());
            try {
                winHttp.setOption(ignoring.request, WINHTTP_OPTION_SECURITY_FLAGS, SECURITY_FLAG_IGNORE_UNKNOWN_CA);
                assertNull(ignoring.send(), "notifications " + ignoring.all);
                assertEquals(200, ignoring.status());
                assertEquals(List.of(), ignoring.secureFailures());
                int flags = (Integer) ignoring.query(WINHTTP_OPTION_SECURITY_FLAGS);
                assertEquals(SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_SECURE,
                        flags & (SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_SECURE), "0x" + Integer.toHexString(flags));
            } finally {
                ignoring.close();
            }
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void expiredCertificate(boolean async) throws Exception {
        try (TlsServer server = TlsServer.with(certs.expiredLeaf()).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                assertSecureFailure(run, run.send(), WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID);
            } finally {
                run.close();
            }
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void wrongHostName(boolean async) throws Exception {
        try (TlsServer server = TlsServer.with(certs.wrongHostLeaf()).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                assertSecureFailure(run, run.send(), WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID);
            } finally {
                run.close();
            }
        }
    }

    @Test
    void bothProblemsAreReportedAndIgnoringOneStillFails() throws Exception {
        int both = WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID;
        try (TlsServer server = TlsServer.with(certs.expiredWrongHostLeaf()).start()) {
            for (int ignore : new int[] {0, SECURITY_FLAG_IGNORE_CERT_DATE_INVALID, SECURITY_FLAG_IGNORE_CERT_CN_INVALID}) {
                Run run = new Run(false, "localhost", server.port());
                try {
                    winHttp.setOption(run.request, WINHTTP_OPTION_SECURITY_FLAGS, ignore);
                    assertSecureFailure(run, run.send(), both);
                } finally {
                    run.close();
                }
            }
            Run run = new Run(true, "localhost", server.port());
            try {
                winHttp.setOption(run.request, WINHTTP_OPTION_SECURITY_FLAGS,
                        SECURITY_FLAG_IGNORE_CERT_DATE_INVALID | SECURITY_FLAG_IGNORE_CERT_CN_INVALID);
                assertNull(run.send(), "notifications " + run.all);
                assertEquals(200, run.status());
                assertEquals(List.of(), run.secureFailures());
            } finally {
                run.close();
            }
        }
    }

    // ---- SNI ---------------------------------------------------------------------------------------

    @Test
    void sniCarriesTheHostNameAndNothingForAnIpLiteral() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                Run run = new Run(false, host, server.port());
                try {
                    assertNull(run.send(), host + ": " + run.all);
                    assertEquals(TlsServer.BODY, run.body());
                } finally {
                    run.close();
                }
                TlsServer.Seen seen = server.nextConnection(WAIT);
                assertEquals(host.equals("localhost") ? "localhost" : null, seen.sniHostName(), host);
            }
        }
    }

    // ---- SECURE_PROTOCOLS --------------------------------------------------------------------------

    @ParameterizedTest(name = "bits=0x{0}")
    @ValueSource(ints = {WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3})
    void secureProtocolsIsWhatTheServerNegotiates(int bits) throws Exception {
        String expected = bits == WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 ? "TLSv1.2" : "TLSv1.3";
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Run run = new Run(false, "localhost", server.port());
            try {
                winHttp.setOption(run.session, WINHTTP_OPTION_SECURE_PROTOCOLS, bits);
                // a request opened after the change takes it: SECURE_PROTOCOLS is inherited when opened
                HInternet connect = winHttp.connect(run.session, "localhost", server.port());
                HInternet request = winHttp.openRequest(connect, "GET", "/", null, null, null, WINHTTP_FLAG_SECURE);
                Bounded.run(WAIT, "send", () -> {
                    winHttp.sendRequest(request, null, null, 0, 0);
                    winHttp.receiveResponse(request);
                });
                assertEquals(200L, winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(expected, server.nextConnection(WAIT).protocol());
            } finally {
                run.close();
            }
        }
    }

    @Test
    void secureProtocolsTheServerDoesNotSpeakIsAChannelError() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).protocols("TLSv1.3").start()) {
            HInternet session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            try {
                winHttp.setOption(session, WINHTTP_OPTION_SECURE_PROTOCOLS, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2);
                HInternet connect = winHttp.connect(session, "localhost", server.port());
                HInternet request = winHttp.openRequest(connect, "GET", "/", null, null, null, WINHTTP_FLAG_SECURE);
                List<Integer> secure = new java.util.concurrent.CopyOnWriteArrayList<>();
                winHttp.setStatusCallback(request, n -> secure.add(((StatusInfo.SecureFailure) n.info()).flags()),
                        WINHTTP_CALLBACK_FLAG_SECURE_FAILURE);
                WinHttpException e = assertThrows(WinHttpException.class,
                        () -> Bounded.run(WAIT, "send", () -> winHttp.sendRequest(request, null, null, 0, 0)));
                assertEquals(WinHttpError.ERROR_WINHTTP_SECURE_FAILURE, e.error(), e.getMessage());
                assertEquals(List.of(WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR), secure);
            } finally {
                winHttp.closeHandle(session);
            }
        }
    }

    @Test
    void secureProtocolsTheJdkCannotDoAreRefusedAtSetOption() {
        HInternet session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        try {
            for (int bits : new int[] {WINHTTP_FLAG_SECURE_PROTOCOL_SSL2, WINHTTP_FLAG_SECURE_PROTOCOL_SSL2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2, 0}) {
                assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                        () -> winHttp.setOption(session, WINHTTP_OPTION_SECURE_PROTOCOLS, bits), "0x" + Integer.toHexString(bits));
            }
            winHttp.setOption(session, WINHTTP_OPTION_SECURE_PROTOCOLS, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2);
        } finally {
            winHttp.closeHandle(session);
        }
    }

    static void assertError(WinHttpError expected, org.junit.jupiter.api.function.Executable call) {
        io.winhttp4j.engine.testkit.WinHttpAssertions.assertError(expected, call);
    }

    static void assertError(WinHttpError expected, org.junit.jupiter.api.function.Executable call, String what) {
        io.winhttp4j.engine.testkit.WinHttpAssertions.assertError(expected, call, what);
    }

    // ---- client certificates -----------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void requiredClientCertificateThenSetAndSentAgain(boolean async) throws Exception {
        KeyStore trusted = certs.ca().trustStore();
        try (TlsServer server = TlsServer.with(certs.leaf()).clientAuth(TlsServer.ClientAuth.NEED, trusted).start()) {
            Run run = new Run(async, "localhost", server.port());
            try {
                Failure f = run.send();
                assertNotNull(f, "succeeded without a certificate: " + run.all);
                assertEquals(WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, f.error(), "notifications " + run.all);
                assertEquals(List.of(), run.secureFailures(), "CLIENT_AUTH_CERT_NEEDED has no SECURE_FAILURE");
                assertNotNull(server.nextConnection(WAIT).handshakeFailure());

                winHttp.setOption(run.request, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, certs.clientCertificate());
                assertNull(run.send(), "the re-send: " + run.all);
                assertEquals(200, run.status());
                assertEquals(TlsServer.BODY, run.body());
                TlsServer.Seen seen = server.nextConnection(WAIT);
                assertNotNull(seen.clientCertificates(), "the server saw no client certificate");
                assertEquals(TestCertificates.certificate(certs.clientCertificate()), seen.clientCertificates()[0]);
            } finally {
                run.close();
            }
        }
    }

    @Test
    void noClientCertificateContextLetsAServerThatAsksGoOn() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).clientAuth(TlsServer.ClientAuth.WANT, certs.ca().trustStore()).start()) {
            Run unset = new Run(false, "localhost", server.port());
            try {
                Failure f = unset.send();
                assertEquals(new Failure(API_SEND_REQUEST, WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED), f,
                        "never set, and the server asked: " + unset.all);
            } finally {
                unset.close();
            }
            server.nextConnection(WAIT);
            Run none = new Run(false, "localhost", server.port());
            try {
                winHttp.setOption(none.request, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, null);
                assertNull(none.send(), "notifications " + none.all);
                assertEquals(200, none.status());
                assertEquals(TlsServer.BODY, none.body());
                assertNull(server.nextConnection(WAIT).clientCertificates());
            } finally {
                none.close();
            }
        }
    }

    // ---- pooling by TLS policy ---------------------------------------------------------------------

    /**
     * A keep-alive HTTPS server (Pekko HTTP) that asks for, but does not require, a client
     * certificate, and keeps each connection it accepts in {@code accepted}.
     */
    static org.apache.pekko.http.javadsl.ServerBinding keepAliveServer(List<java.net.InetSocketAddress> accepted) throws Exception {
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TestCertificates.keyStore(certs.leaf()), TestCertificates.PASSWORD);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(certs.ca().trustStore());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        org.apache.pekko.http.javadsl.HttpsConnectionContext https = org.apache.pekko.http.javadsl.ConnectionContext.httpsServer(() -> {
            javax.net.ssl.SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setWantClientAuth(true);
            return engine;
        });
        org.apache.pekko.stream.Materializer mat = org.apache.pekko.stream.Materializer.matFromSystem(kit.system());
        org.apache.pekko.stream.javadsl.Flow<org.apache.pekko.http.javadsl.model.HttpRequest, org.apache.pekko.http.javadsl.model.HttpResponse,
                org.apache.pekko.NotUsed> handler = org.apache.pekko.stream.javadsl.Flow.of(org.apache.pekko.http.javadsl.model.HttpRequest.class)
                .map(req -> {
                    req.discardEntityBytes(mat);
                    return org.apache.pekko.http.javadsl.model.HttpResponse.create().withEntity("pooled");
                });
        return org.apache.pekko.http.javadsl.Http.get(kit.system()).newServerAt(LocalHttpServer.HOST, 0).enableHttps(https)
                .connectionSource()
                .to(org.apache.pekko.stream.javadsl.Sink.foreach(conn -> {
                    accepted.add(conn.remoteAddress());
                    conn.handleWith(handler, mat);
                }))
                .run(mat).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Requests one after the other on one connect handle, each read to its end so its connection
     * goes back to the pool: a request with other SECURITY_FLAGS or another client certificate
     * (or none set against WINHTTP_NO_CLIENT_CERT_CONTEXT) gets a new connection; one with the
     * same settings as an earlier one reuses that one's.
     */
    @Test
    void connectionsAreNotSharedAcrossTlsPolicies() throws Exception {
        List<java.net.InetSocketAddress> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.pekko.http.javadsl.ServerBinding binding = keepAliveServer(accepted);
        int port = binding.localAddress().getPort();
        HInternet session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        try {
            HInternet connect = winHttp.connect(session, "localhost", port);
            // {SECURITY_FLAGS, client certificate: 0 never set, 1 WINHTTP_NO_CLIENT_CERT_CONTEXT, 2 the certificate}, new connection?
            int[][] steps = {
                    {0, 1, 1},
                    {0, 1, 0},                                       // same policy: reused
                    {SECURITY_FLAG_IGNORE_UNKNOWN_CA, 1, 1},          // other SECURITY_FLAGS
                    {SECURITY_FLAG_IGNORE_UNKNOWN_CA, 1, 0},
                    {0, 2, 1},                                       // a client certificate
                    {0, 2, 0},
                    {0, 1, 0},                                       // back to the first policy: its idle connection
                    {SECURITY_FLAG_IGNORE_CERT_DATE_INVALID, 2, 1},  // certificate with other flags
            };
            int expected = 0;
            for (int i = 0; i < steps.length; i++) {
                int[] step = steps[i];
                HInternet request = winHttp.openRequest(connect, "GET", "/pool/" + i, null, null, null, WINHTTP_FLAG_SECURE);
                winHttp.setOption(request, WINHTTP_OPTION_SECURITY_FLAGS, step[0]);
                if (step[1] > 0) winHttp.setOption(request, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, step[1] == 2 ? certs.clientCertificate() : null);
                String body = Bounded.call(WAIT, "request " + i, () -> {
                    winHttp.sendRequest(request, null, null, 0, 0);
                    winHttp.receiveResponse(request);
                    return readAll(request);
                });
                assertEquals("pooled", body, "request " + i);
                expected += step[2];
                assertEquals(expected, accepted.size(), "connections the server accepted after request " + i + ": " + accepted);
                winHttp.closeHandle(request);
            }
        } finally {
            winHttp.closeHandle(session);
            binding.unbind().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
