package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.engine.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every problem of a chain is found, each as its own bit, without a handshake. */
class CertificateProblemsTest {
    private static TestCertificates.Standard certs;
    private static TrustSource trust;

    @BeforeAll
    static void make() {
        certs = TestCertificates.standard();
        trust = TrustSource.of(certs.ca().trustStore());
    }

    private static int find(X509Certificate[] chain, String host, Instant at) {
        return new CertificateProblems(trust, false, Clock.fixed(at, ZoneOffset.UTC)).find(chain, host, "UNKNOWN");
    }

    private static int find(X509Certificate[] chain) {
        return find(chain, "localhost", Instant.now());
    }

    private static X509Certificate[] chain(KeyStore.PrivateKeyEntry e) {
        return Arrays.stream(e.getCertificateChain()).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    private static void assertFlags(int expected, int actual) {
        assertEquals(expected, actual, () -> "expected " + TlsFailure.describe(expected) + ", found " + TlsFailure.describe(actual));
    }

    @Test
    void aGoodChainHasNoProblem() {
        assertFlags(0, find(chain(certs.leaf())));
        assertFlags(0, find(new X509Certificate[] {TestCertificates.certificate(certs.leaf())}), "the root need not be sent");
    }

    private static void assertFlags(int expected, int actual, String why) {
        assertEquals(expected, actual, () -> why + ": expected " + TlsFailure.describe(expected) + ", found " + TlsFailure.describe(actual));
    }

    @Test
    void datesAreCheckedAgainstTheClock() {
        X509Certificate[] good = chain(certs.leaf());
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID, find(good, "localhost", Instant.now().plus(Duration.ofDays(60))),
                "expired later");
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID, find(good, "localhost", Instant.now().minus(Duration.ofDays(10))),
                "not yet valid");
    }

    @Test
    void everyProblemIsItsOwnBitAndAllAreFound() {
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID,
                find(chain(certs.expiredWrongHostLeaf())));
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID,
                find(chain(certs.unknownCaLeaf()), "other.example", Instant.now()));
        KeyStore.PrivateKeyEntry clientOnly = certs.ca().leaf("localhost").dns("localhost").clientAuth().issue();
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE, find(chain(clientOnly)));
    }

    @Test
    void theKeyUsageMustFitTheKeyExchange() {
        // an EC leaf allows digitalSignature only
        CertificateProblems p = new CertificateProblems(trust, false, Clock.systemUTC());
        X509Certificate[] ec = chain(certs.leaf());
        assertFlags(0, p.find(ec, "localhost", "ECDHE_ECDSA"));
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE, p.find(ec, "localhost", "RSA"), "RSA key transport");
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE, p.find(ec, "localhost", "ECDH_ECDSA"), "static ECDH");
    }

    @Test
    void theChainMayComeInAnyOrderWithExtras() {
        TestCertificates.Authority intermediate = certs.ca().subordinate("order intermediate", true);
        X509Certificate[] c = chain(intermediate.leaf("localhost").dns("localhost").issue()); // leaf, intermediate, root
        assertFlags(0, find(c));
        assertFlags(0, find(new X509Certificate[] {c[0], c[2], c[1]}), "root before intermediate");
        assertFlags(0, find(new X509Certificate[] {c[0], certs.unknownCa().certificate(), c[1]}), "an unrelated extra");
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA, find(new X509Certificate[] {c[0]}),
                "without its intermediate the leaf reaches no trusted CA");
    }

    @Test
    void aBadSignatureIsInvalidCertEvenFromAnUnknownCa() throws Exception {
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT,
                find(new X509Certificate[] {tampered(TestCertificates.certificate(certs.leaf())), certs.ca().certificate()}));
        // SECURITY_FLAG_IGNORE_UNKNOWN_CA must not excuse a broken chain
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT,
                find(new X509Certificate[] {tampered(TestCertificates.certificate(certs.unknownCaLeaf())),
                        certs.unknownCa().certificate()}));
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT
                        | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE,
                find(new X509Certificate[] {tampered(certs.unknownCa().certificate())}), "a lone self-signed certificate, forged");
    }

    @Test
    void aSelfSignedCertificateIsAnUnknownCa() {
        // a CA certificate as a server's: unknown root, no name, no server usage, but sound
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA | WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID
                        | WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE,
                find(new X509Certificate[] {certs.unknownCa().certificate()}));
    }

    @Test
    void aChainThatIsNeverValidAsAWholeIsInvalidCert() {
        // the leaf ended before its issuer began: no moment to check the chain at, and "expired"
        // alone would let SECURITY_FLAG_IGNORE_CERT_DATE_INVALID pass an unchecked chain
        TestCertificates.Authority young = certs.ca().subordinate("young intermediate", true);
        KeyStore.PrivateKeyEntry old = young.leaf("localhost").dns("localhost")
                .validity(Instant.now().minus(Duration.ofDays(2000)), Instant.now().minus(Duration.ofDays(1000))).issue();
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID | WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT, find(chain(old)));
    }

    @Test
    void nothingIsTrustedWithAnEmptyTrustStore() {
        TrustSource none = TrustSource.of(TestCertificates.trustStore());
        int found = new CertificateProblems(none, false, Clock.systemUTC()).find(chain(certs.leaf()), "localhost", "UNKNOWN");
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA, found);
    }

    @Test
    void anEmptyChainIsInvalidCert() {
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT, find(new X509Certificate[0]));
    }

    @Test
    void withRevocationOnAStatusThatCannotBeFoundIsRevFailed() {
        // no CRL distribution point and no OCSP responder: nothing to ask, no network touched
        int found = new CertificateProblems(trust, true, Clock.systemUTC()).find(chain(certs.leaf()), "localhost", "UNKNOWN");
        assertFlags(WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED, found);
        assertFlags(0, find(chain(certs.leaf())), "and nothing without revocation checking");
    }

    /** The certificate with one bit of its signature flipped. */
    private static X509Certificate tampered(X509Certificate c) throws Exception {
        byte[] der = c.getEncoded();
        der[der.length - 1] ^= 0x01;
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
