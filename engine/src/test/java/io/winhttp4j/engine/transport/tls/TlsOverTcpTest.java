package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.TestCertificates;
import io.winhttp4j.engine.testkit.TlsServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.stream.TLSClosing$;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The TLS piece on real bytes: Pekko Streams' TLS stage with a {@link TlsChannel}'s engine over
 * {@code Tcp.outgoingConnection} to a local TLS server, a fixed HTTP/1.1 request written as
 * bytes and the response read as bytes. No Pekko HTTP client anywhere.
 */
class TlsOverTcpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REQUEST = "GET /tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

    private static ActorTestKit kit;
    private static TestCertificates.Standard certs;
    private static TrustSource trustTestCa;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        certs = TestCertificates.standard();
        trustTestCa = TrustSource.of(certs.ca().trustStore());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** What one exchange ended with. */
    private record Exchange(TlsChannel channel, String response, Throwable failure) {
        TlsFailure tlsFailure() {
            assertNotNull(failure, "the exchange succeeded: " + response);
            return TlsFailure.in(failure).orElseThrow(() -> new AssertionError("not a TlsFailure", failure));
        }
    }

    /** Connects to 127.0.0.1:port under the policy, sends REQUEST, reads until the server closes. */
    private static Exchange exchange(TlsPolicy policy, int port) {
        return exchange(new TlsContext(policy), port);
    }

    private static Exchange exchange(TlsContext context, int port) {
        TlsChannel channel = context.newChannel(port);
        var tcp = Tcp.get(kit.system()).outgoingConnection(new InetSocketAddress("127.0.0.1", port),
                Optional.empty(), List.of(), true, Optional.of(WAIT), Optional.empty());
        CompletableFuture<ByteString> reply = Source.<TLSProtocol.SslTlsOutbound>single(
                        new TLSProtocol.SendBytes(ByteString.fromString(REQUEST, StandardCharsets.US_ASCII)))
                .via(channel.stage(TLSClosing$.MODULE$.ignoreComplete()).join(tcp))
                .filter(in -> in instanceof TLSProtocol.SessionBytes)
                .map(in -> ((TLSProtocol.SessionBytes) in).bytes())
                .runFold(ByteString.emptyByteString(), ByteString::concat, kit.system())
                .toCompletableFuture();
        try {
            ByteString bytes = reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return new Exchange(channel, bytes.decodeString(StandardCharsets.ISO_8859_1), null);
        } catch (ExecutionException e) {
            return new Exchange(channel, null, e.getCause());
        } catch (Exception e) {
            throw new AssertionError("the exchange did not end within " + WAIT, e);
        }
    }

    private static TlsPolicy localhost() {
        return TlsPolicy.forHost("localhost").withTrust(trustTestCa);
    }

    private static void assertAnswered(Exchange x) {
        assertNull(x.failure(), () -> "failed: " + x.failure());
        assertTrue(x.response().startsWith("HTTP/1.1 200 OK\r\n"), x.response());
        assertTrue(x.response().endsWith("\r\n\r\n" + TlsServer.BODY), x.response());
    }

    private static void assertSecureFailure(Exchange x, int expectedFlags) {
        TlsFailure f = x.tlsFailure();
        assertEquals(WinHttpError.ERROR_WINHTTP_SECURE_FAILURE, f.error(), f.getMessage());
        assertEquals(expectedFlags, f.secureFailureFlags(), () -> "flags 0x" + Integer.toHexString(f.secureFailureFlags()));
    }

    // ---- server certificates -------------------------------------------------------------

    @Test
    void aCertificateFromTheTrustedCaIsAccepted() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Exchange x = exchange(localhost(), server.port());
            assertAnswered(x);
            TlsServer.Seen seen = server.nextConnection(WAIT);
            assertEquals(REQUEST, seen.requestHead());

            TlsSession session = x.channel().session().orElseThrow();
            X509Certificate[] peer = session.peerCertificates();
            assertEquals(2, peer.length, "leaf and CA, as the server sent them");
            assertEquals(TestCertificates.certificate(certs.leaf()), peer[0]);
            assertEquals(certs.ca().certificate(), peer[1]);
            assertEquals(CipherStrength.keyBits(session.cipherSuite()), session.keyBits());
            assertTrue(session.keyBits() >= 128, session.toString());
            assertEquals(SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG, session.securityFlags(0));
        }
    }

    @Test
    void anUnknownCaIsInvalidCaAndNothingIsSent() throws Exception {
        try (TlsServer server = TlsServer.with(certs.unknownCaLeaf()).start()) {
            Exchange x = exchange(localhost(), server.port());
            assertSecureFailure(x, WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA);
            TlsServer.Seen seen = server.nextConnection(WAIT);
            assertNotNull(seen.handshakeFailure(), "the client ended the handshake with an alert");
            assertNull(seen.requestHead());
            assertTrue(x.channel().session().isEmpty());
        }
    }

    @Test
    void ignoreUnknownCaAcceptsAnUnknownCa() throws Exception {
        try (TlsServer server = TlsServer.with(certs.unknownCaLeaf()).start()) {
            Exchange x = exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_UNKNOWN_CA), server.port());
            assertAnswered(x);
            assertEquals(SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG,
                    x.channel().session().orElseThrow().securityFlags(SECURITY_FLAG_IGNORE_UNKNOWN_CA));
        }
    }

    @Test
    void anExpiredCertificateIsDateInvalid() throws Exception {
        try (TlsServer server = TlsServer.with(certs.expiredLeaf()).start()) {
            assertSecureFailure(exchange(localhost(), server.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID);
            assertAnswered(exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_DATE_INVALID), server.port()));
        }
    }

    @Test
    void aCertificateForAnotherHostIsCnInvalid() throws Exception {
        try (TlsServer server = TlsServer.with(certs.wrongHostLeaf()).start()) {
            assertSecureFailure(exchange(localhost(), server.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID);
            assertAnswered(exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_CN_INVALID), server.port()));
        }
    }

    @Test
    void anIpAddressIsCheckedAgainstTheIpAddressNames() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start();
             TlsServer other = TlsServer.with(certs.wrongHostLeaf()).start()) {
            TlsPolicy ip = TlsPolicy.forHost("127.0.0.1").withTrust(trustTestCa);
            assertAnswered(exchange(ip, server.port()));
            assertSecureFailure(exchange(ip, other.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID);
        }
    }

    @Test
    void expiredAndForAnotherHostReportsBothAndIgnoringOneIsNotEnough() throws Exception {
        int both = WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID;
        try (TlsServer server = TlsServer.with(certs.expiredWrongHostLeaf()).start()) {
            assertSecureFailure(exchange(localhost(), server.port()), both);

            Exchange onlyDate = exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_DATE_INVALID), server.port());
            assertSecureFailure(onlyDate, both);
            assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID, onlyDate.tlsFailure().refusedFlags());

            Exchange onlyName = exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_CN_INVALID), server.port());
            assertSecureFailure(onlyName, both);
            assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID, onlyName.tlsFailure().refusedFlags());

            assertAnswered(exchange(localhost().withIgnoreFlags(
                    SECURITY_FLAG_IGNORE_CERT_DATE_INVALID | SECURITY_FLAG_IGNORE_CERT_CN_INVALID), server.port()));
        }
    }

    @Test
    void ignoreAllCertErrorsAcceptsEveryCertificateProblemItNames() throws Exception {
        KeyStore.PrivateKeyEntry everything = certs.unknownCa().leaf("wrong.example").dns("wrong.example")
                .validity(java.time.Instant.now().minus(Duration.ofDays(9)), java.time.Instant.now().minus(Duration.ofDays(2)))
                .clientAuth().issue();
        try (TlsServer server = TlsServer.with(everything).start()) {
            assertSecureFailure(exchange(localhost(), server.port()),
                    WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID
                            | WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE);
            assertAnswered(exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS), server.port()));
        }
    }

    @Test
    void aCertificateNotForServersIsWrongUsage() throws Exception {
        KeyStore.PrivateKeyEntry clientOnly = certs.ca().leaf("localhost").dns("localhost").clientAuth().issue();
        try (TlsServer server = TlsServer.with(clientOnly).start()) {
            assertSecureFailure(exchange(localhost(), server.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE);
            assertAnswered(exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE), server.port()));
        }
    }

    @Test
    void aBrokenChainIsInvalidCertWhichNoFlagExcuses() throws Exception {
        // the leaf's issuer says it is no CA
        TestCertificates.Authority notACa = certs.ca().subordinate("not a CA", false);
        KeyStore.PrivateKeyEntry leaf = notACa.leaf("localhost").dns("localhost").issue();
        try (TlsServer server = TlsServer.with(leaf).start()) {
            assertSecureFailure(exchange(localhost(), server.port()), WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT);
            assertSecureFailure(exchange(localhost().withIgnoreFlags(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS), server.port()),
                    WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT);
        }
    }

    @Test
    void aChainThroughAnIntermediateIsAccepted() throws Exception {
        KeyStore.PrivateKeyEntry leaf = certs.ca().subordinate("winhttp4j intermediate", true)
                .leaf("localhost").dns("localhost").issue();
        try (TlsServer server = TlsServer.with(leaf).start()) {
            Exchange x = exchange(localhost(), server.port());
            assertAnswered(x);
            assertEquals(3, x.channel().session().orElseThrow().peerCertificates().length);
        }
    }

    @Test
    void theJdkDefaultTrustStoreDoesNotTrustTheTestCa() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            assertSecureFailure(exchange(TlsPolicy.forHost("localhost"), server.port()),
                    WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA);
        }
    }

    @Test
    void oneContextServesManyConnectionsEachWithItsOwnOutcome() throws Exception {
        try (TlsServer good = TlsServer.with(certs.leaf()).start();
             TlsServer bad = TlsServer.with(certs.wrongHostLeaf()).start()) {
            TlsContext context = new TlsContext(localhost());
            for (int i = 0; i < 3; i++) {
                assertAnswered(exchange(context, good.port()));
                assertSecureFailure(exchange(context, bad.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID);
            }
        }
    }

    // ---- handshake failures that are not the certificate's --------------------------------

    @Test
    void noCommonProtocolIsASecurityChannelError() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).protocols("TLSv1.2").start()) {
            Exchange x = exchange(localhost().withProtocols(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3), server.port());
            assertSecureFailure(x, WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR);
            assertNotNull(server.nextConnection(WAIT).handshakeFailure());
        }
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsASecurityChannelError() {
        // a plain HTTP server takes the ClientHello for a bad request
        try (RawServer plain = RawServer.start(c -> {
            c.readBytes(5);
            c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        })) {
            assertSecureFailure(exchange(localhost(), plain.port()), WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR);
        }
    }

    @Test
    void aFailureBeforeTlsStaysAsItIs() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Exchange x = exchange(localhost(), closedPort);
        assertNotNull(x.failure());
        assertTrue(TlsFailure.in(x.failure()).isEmpty(), () -> "a refused connection is not TLS's: " + x.failure());
    }

    // ---- protocols and SNI ---------------------------------------------------------------

    @Test
    void tls12OnlyNegotiatesTls12() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Exchange x = exchange(localhost().withProtocols(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2), server.port());
            assertAnswered(x);
            assertEquals("TLSv1.2", x.channel().session().orElseThrow().protocol());
            assertEquals("TLSv1.2", server.nextConnection(WAIT).protocol());
        }
    }

    @Test
    void tls13OnlyNegotiatesTls13() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            Exchange x = exchange(localhost().withProtocols(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3), server.port());
            assertAnswered(x);
            assertEquals("TLSv1.3", x.channel().session().orElseThrow().protocol());
            assertEquals("TLSv1.3", server.nextConnection(WAIT).protocol());
        }
    }

    @Test
    void theServerSeesTheHostNameAsSniAndNoneForAnAddress() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            assertAnswered(exchange(localhost(), server.port()));
            assertEquals("localhost", server.nextConnection(WAIT).sniHostName());
            assertAnswered(exchange(TlsPolicy.forHost("127.0.0.1").withTrust(trustTestCa), server.port()));
            assertEquals(List.of(), server.nextConnection(WAIT).serverNames());
        }
    }

    // ---- client certificates -------------------------------------------------------------

    private TlsServer requiringClientCertificate(TlsServer.ClientAuth mode, String... protocols) {
        return TlsServer.with(certs.leaf()).protocols(protocols).clientAuth(mode, certs.ca().trustStore()).start();
    }

    @Test
    void aRequiredClientCertificateNotSetIsClientAuthCertNeeded() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (TlsServer server = requiringClientCertificate(TlsServer.ClientAuth.NEED, protocol)) {
                TlsFailure f = exchange(localhost(), server.port()).tlsFailure();
                assertEquals(WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, f.error(), protocol + ": " + f);
                assertEquals(0, f.secureFailureFlags(), "no SECURE_FAILURE for a missing client certificate");
                assertNull(server.nextConnection(WAIT).requestHead(), protocol);
            }
        }
    }

    @Test
    void aRequiredClientCertificateSetToNoneIsClientAuthCertNeeded() throws Exception {
        // TLS 1.2 refuses within the handshake; TLS 1.3 refuses after the client has finished it
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (TlsServer server = requiringClientCertificate(TlsServer.ClientAuth.NEED, protocol)) {
                TlsFailure f = exchange(localhost().withClientCertificate(null), server.port()).tlsFailure();
                assertEquals(WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, f.error(), protocol + ": " + f);
                assertNull(server.nextConnection(WAIT).requestHead(), protocol);
            }
        }
    }

    @Test
    void aRequiredClientCertificateThatIsSetIsSent() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (TlsServer server = requiringClientCertificate(TlsServer.ClientAuth.NEED, protocol)) {
                assertAnswered(exchange(localhost().withClientCertificate(certs.clientCertificate()), server.port()));
                TlsServer.Seen seen = server.nextConnection(WAIT);
                assertNotNull(seen.clientCertificates(), protocol);
                assertEquals(TestCertificates.certificate(certs.clientCertificate()), seen.clientCertificates()[0], protocol);
            }
        }
    }

    @Test
    void aClientCertificateTheServerRefusesIsASecurityChannelError() throws Exception {
        // TLS 1.2 refuses within the handshake; TLS 1.3 after the client has finished it, before any reply
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (TlsServer server = TlsServer.with(certs.leaf()).protocols(protocol)
                    .clientAuth(TlsServer.ClientAuth.NEED, certs.unknownCa().trustStore()).start()) {
                Exchange x = exchange(localhost().withClientCertificate(certs.clientCertificate()), server.port());
                assertSecureFailure(x, WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR);
                assertNull(server.nextConnection(WAIT).requestHead(), protocol);
            }
        }
    }

    @Test
    void anOptionalClientCertificateNeedsNoClientCertContextToGoOnWithout() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (TlsServer server = requiringClientCertificate(TlsServer.ClientAuth.WANT, protocol)) {
                // as on Windows: asked for a certificate, a request that never set CLIENT_CERT_CONTEXT
                // fails, and again on the next connection (the refused session is not resumed)
                TlsContext unset = new TlsContext(localhost());
                for (int i = 0; i < 2; i++) {
                    TlsFailure f = exchange(unset, server.port()).tlsFailure();
                    assertEquals(WinHttpError.ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, f.error(), protocol + ": " + f);
                    assertNull(server.nextConnection(WAIT).requestHead(), "refused before the request went out");
                }
                assertAnswered(exchange(localhost().withClientCertificate(null), server.port()));
                assertNull(server.nextConnection(WAIT).clientCertificates(), protocol);
            }
        }
    }

    @Test
    void noClientCertificateRequestedNeedsNoClientCertContext() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            assertAnswered(exchange(localhost(), server.port()));
            assertAnswered(exchange(localhost().withClientCertificate(certs.clientCertificate()), server.port()));
            server.nextConnection(WAIT);
            assertNull(server.nextConnection(WAIT).clientCertificates(), "not sent when not asked for");
        }
    }

    // ---- revocation ----------------------------------------------------------------------

    @Test
    void revocationIsCheckedOnlyWhenEnabled() throws Exception {
        Map<String, byte[]> crls = new java.util.concurrent.ConcurrentHashMap<>();
        LocalHttpServer crlServer = LocalHttpServer.start(kit.system(), Map.of(
                "/good.crl", r -> crl(crls.get("/good.crl")),
                "/revoked.crl", r -> crl(crls.get("/revoked.crl"))));
        try {
            String base = "http://127.0.0.1:" + crlServer.port();
            KeyStore.PrivateKeyEntry good = certs.ca().leaf("localhost").dns("localhost").crl(base + "/good.crl").issue();
            KeyStore.PrivateKeyEntry revoked = certs.ca().leaf("localhost").dns("localhost").crl(base + "/revoked.crl").issue();
            KeyStore.PrivateKeyEntry unreachable = certs.ca().leaf("localhost").dns("localhost").crl(base + "/missing.crl").issue();
            KeyStore.PrivateKeyEntry noWhere = certs.ca().leaf("localhost").dns("localhost").issue();
            crls.put("/good.crl", certs.ca().crl());
            crls.put("/revoked.crl", certs.ca().crl(TestCertificates.certificate(revoked)));

            TlsPolicy checking = localhost().withRevocation(true);
            try (TlsServer s = TlsServer.with(good).start()) {
                assertAnswered(exchange(checking, s.port()));
                assertTrue(crlServer.requests().stream().anyMatch(r -> r.uri().endsWith("/good.crl")), "the CRL was fetched");
            }
            try (TlsServer s = TlsServer.with(revoked).start()) {
                assertAnswered(exchange(localhost(), s.port()));
                assertSecureFailure(exchange(checking, s.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED);
                assertSecureFailure(exchange(checking.withIgnoreFlags(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS), s.port()),
                        WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED);
            }
            try (TlsServer s = TlsServer.with(unreachable).start()) {
                assertSecureFailure(exchange(checking, s.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED);
                assertTrue(crlServer.requests().stream().anyMatch(r -> r.uri().endsWith("/missing.crl")), "a fetch was tried");
            }
            try (TlsServer s = TlsServer.with(noWhere).start()) {
                // no CRL distribution point and no OCSP responder: the status cannot be found
                assertSecureFailure(exchange(checking, s.port()), WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED);
            }
        } finally {
            crlServer.close();
        }
    }

    private static java.util.concurrent.CompletionStage<HttpResponse> crl(byte[] der) {
        HttpResponse response = der == null ? HttpResponse.create().withStatus(StatusCodes.NOT_FOUND)
                : HttpResponse.create().withEntity(HttpEntities.create(
                        ContentTypes.APPLICATION_OCTET_STREAM, der));
        return CompletableFuture.completedFuture(response);
    }
}
