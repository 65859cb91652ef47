package io.winhttp4j.samples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import io.winhttp4j.engine.testkit.TestCertificates;
import io.winhttp4j.engine.testkit.TlsServer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -k, --cacert and --cert against a local TLS server with certificates made for the test. */
class WinHttpCliTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    static TestCertificates.Standard certs;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.standard();
    }

    private Path pem(X509Certificate certificate) throws Exception {
        Path file = dir.resolve("ca.pem");
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    @Test
    void anUnknownAuthorityFailsWith60UnlessInsecure() {
        try (TlsServer server = TlsServer.with(certs.unknownCaLeaf()).start()) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            CliRun refused = CliRun.of(url);
            assertEquals(ExitCodes.PEER_CERTIFICATE, refused.status(), refused.all());
            assertTrue(refused.stderr().contains("ERROR_WINHTTP_SECURE_FAILURE"), refused.all());

            CliRun insecure = CliRun.of("-k", url);
            assertEquals(0, insecure.status(), insecure.all());
            assertEquals(TlsServer.BODY, insecure.stdout(), insecure.all());
        }
    }

    @Test
    void caCertTrustsTheServersAuthority() throws Exception {
        try (TlsServer server = TlsServer.with(certs.leaf()).start()) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            CliRun untrusted = CliRun.of(url);
            assertEquals(ExitCodes.PEER_CERTIFICATE, untrusted.status(), "the JDK's cacerts do not hold the test CA: " + untrusted.all());

            CliRun trusted = CliRun.of("--cacert", pem(certs.ca().certificate()).toString(), url);
            assertEquals(0, trusted.status(), trusted.all());
            assertEquals(TlsServer.BODY, trusted.stdout(), trusted.all());
        }
        CliRun missing = CliRun.of("--cacert", dir.resolve("none.pem").toString(), "https://127.0.0.1:1/");
        assertEquals(ExitCodes.LOCAL_CERTIFICATE, missing.status(), missing.all());
    }

    @Test
    void certPresentsAPkcs12ClientCertificate() throws Exception {
        Path p12 = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            TestCertificates.keyStore(certs.clientCertificate()).store(out, TestCertificates.PASSWORD);
        }
        String ca = pem(certs.ca().certificate()).toString();
        try (TlsServer server = TlsServer.with(certs.leaf()).clientAuth(TlsServer.ClientAuth.NEED, certs.ca().trustStore()).start()) {
            String url = "https://127.0.0.1:" + server.port() + "/";
            CliRun without = CliRun.of("--cacert", ca, url);
            assertEquals(ExitCodes.LOCAL_CERTIFICATE, without.status(), without.all());
            assertTrue(without.stderr().contains("ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED"), without.all());
            assertNotNull(server.nextConnection(WAIT).handshakeFailure());

            CliRun with = CliRun.of("--cacert", ca, "--cert", p12 + ":" + new String(TestCertificates.PASSWORD), url);
            assertEquals(0, with.status(), with.all());
            assertEquals(TlsServer.BODY, with.stdout(), with.all());
            TlsServer.Seen seen = server.nextConnection(WAIT);
            assertNotNull(seen.clientCertificates(), "the server saw no client certificate");
            assertEquals(TestCertificates.certificate(certs.clientCertificate()), seen.clientCertificates()[0]);
        }
        CliRun badPassword = CliRun.of("--cert", p12 + ":wrong", "https://127.0.0.1:1/");
        assertEquals(ExitCodes.LOCAL_CERTIFICATE, badPassword.status(), badPassword.all());
    }
}
