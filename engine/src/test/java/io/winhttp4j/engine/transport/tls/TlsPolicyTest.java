package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyStore;
import java.security.Security;
import java.util.Arrays;
import java.util.Locale;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** The policy value: its checks at set time, and its equality as part of a pool key. */
class TlsPolicyTest {
    private static TestCertificates.Standard certs;

    @BeforeAll
    static void make() {
        certs = TestCertificates.standard();
    }

    private static void assertInvalidParameter(Runnable r) {
        WinHttpException e = assertThrows(WinHttpException.class, r::run);
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error(), e.getMessage());
    }

    // ---- SECURITY_FLAGS --------------------------------------------------------------------

    @Test
    void onlyTheFourIgnoreFlagsCanBeSet() {
        assertEquals(0, SecurityFlags.checkSettable(0));
        assertEquals(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS, SecurityFlags.checkSettable(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS));
        for (int bit : new int[] {SECURITY_FLAG_IGNORE_UNKNOWN_CA, SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE,
                SECURITY_FLAG_IGNORE_CERT_CN_INVALID, SECURITY_FLAG_IGNORE_CERT_DATE_INVALID}) {
            assertEquals(bit, SecurityFlags.checkSettable(bit));
        }
        for (int queryOnly : new int[] {SECURITY_FLAG_SECURE, SECURITY_FLAG_STRENGTH_WEAK, SECURITY_FLAG_STRENGTH_MEDIUM,
                SECURITY_FLAG_STRENGTH_STRONG, SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_SECURE, 0x4}) {
            assertInvalidParameter(() -> SecurityFlags.checkSettable(queryOnly));
            assertInvalidParameter(() -> TlsPolicy.forHost("h").withIgnoreFlags(queryOnly));
        }
    }

    @Test
    void eachIgnoreFlagToleratesItsOneProblem() {
        assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA, SecurityFlags.tolerated(SECURITY_FLAG_IGNORE_UNKNOWN_CA));
        assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID, SecurityFlags.tolerated(SECURITY_FLAG_IGNORE_CERT_CN_INVALID));
        assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID, SecurityFlags.tolerated(SECURITY_FLAG_IGNORE_CERT_DATE_INVALID));
        assertEquals(WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE, SecurityFlags.tolerated(SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE));
        int all = SecurityFlags.tolerated(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS);
        assertEquals(0, all & (WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT | WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED
                | WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED | WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR),
                "nothing tolerates a broken chain, a revocation or a failed channel");
    }

    @Test
    void afterTheHandshakeTheFlagsAddSecureAndTheStrength() {
        TlsSession strong = new TlsSession("TLSv1.3", "TLS_AES_128_GCM_SHA256", new java.security.cert.X509Certificate[0]);
        assertEquals(SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG, strong.securityFlags(0));
        assertEquals(SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG,
                strong.securityFlags(SECURITY_FLAG_IGNORE_CERT_CN_INVALID));
        TlsSession medium = new TlsSession("TLSv1", "SSL_RSA_WITH_DES_CBC_SHA", new java.security.cert.X509Certificate[0]);
        assertEquals(SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_MEDIUM, medium.securityFlags(0));
        TlsSession weak = new TlsSession("TLSv1", "SSL_RSA_EXPORT_WITH_RC4_40_MD5", new java.security.cert.X509Certificate[0]);
        assertEquals(SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_WEAK, weak.securityFlags(0));
    }

    // ---- SECURE_PROTOCOLS ------------------------------------------------------------------

    @Test
    void tls12AndTls13AreWhatTheJdkDoes() {
        assertArrayEquals(new String[] {"TLSv1.2"}, SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2));
        assertArrayEquals(new String[] {"TLSv1.3"}, SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3));
        assertArrayEquals(new String[] {"TLSv1.2", "TLSv1.3"}, SecureProtocols.check(SecureProtocols.DEFAULT));
        assertArrayEquals(new String[] {"TLSv1.2", "TLSv1.3"}, TlsPolicy.forHost("h").protocolNames());
    }

    @Test
    void whatTheJdkCannotDoIsInvalidParameter() {
        assertInvalidParameter(() -> SecureProtocols.check(0));
        assertInvalidParameter(() -> SecureProtocols.check(0x4));
        assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_SSL2));
        assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_SSL2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2));
        // SSL 3 has been off in every JDK's jdk.tls.disabledAlgorithms for years
        assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_SSL3));
        assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_ALL));
        assertInvalidParameter(() -> TlsPolicy.forHost("h").withProtocols(WINHTTP_FLAG_SECURE_PROTOCOL_SSL2));
    }

    @Test
    void tls10And11FollowTheJvmsSecurityConfiguration() {
        // the probe asks the JDK; this checks its answer against the configuration it read
        String disabled = String.valueOf(Security.getProperty("jdk.tls.disabledAlgorithms")).toLowerCase(Locale.ROOT);
        boolean tls1Off = Arrays.stream(disabled.split(",")).map(String::trim).anyMatch("tlsv1"::equals);
        boolean tls11Off = Arrays.stream(disabled.split(",")).map(String::trim).anyMatch("tlsv1.1"::equals);
        if (tls1Off) assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1));
        else assertArrayEquals(new String[] {"TLSv1"}, SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1));
        if (tls11Off) assertInvalidParameter(() -> SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1));
        else assertArrayEquals(new String[] {"TLSv1.1"}, SecureProtocols.check(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1));
    }

    // ---- CLIENT_CERT_CONTEXT ---------------------------------------------------------------

    @Test
    void aClientCertificateIsChecked() {
        assertNull(TlsPolicy.checkClientCertificate(null));
        assertSame(certs.clientCertificate(), TlsPolicy.checkClientCertificate(certs.clientCertificate()));
        TlsPolicy none = TlsPolicy.forHost("h").withClientCertificate(null);
        assertTrue(none.clientCertificateSet());
        assertNull(none.clientCertificate());
        assertFalse(TlsPolicy.forHost("h").clientCertificateSet());
    }

    // ---- equality (pool key) ---------------------------------------------------------------

    @Test
    void policiesAreEqualExactlyWhenAConnectionCanServeBoth() {
        TrustSource trust = TrustSource.of(certs.ca().trustStore());
        TlsPolicy base = TlsPolicy.forHost("LocalHost").withTrust(trust);
        assertEquals(base, TlsPolicy.forHost("localhost").withTrust(trust), "host names are case-insensitive");
        assertEquals(base.hashCode(), TlsPolicy.forHost("localhost").withTrust(trust).hashCode());
        assertEquals(base, base.withIgnoreFlags(0).withRevocation(false).withProtocols(SecureProtocols.DEFAULT));

        assertNotEquals(base, TlsPolicy.forHost("127.0.0.1").withTrust(trust));
        assertNotEquals(base, base.withIgnoreFlags(SECURITY_FLAG_IGNORE_UNKNOWN_CA));
        assertNotEquals(base.withIgnoreFlags(SECURITY_FLAG_IGNORE_UNKNOWN_CA), base.withIgnoreFlags(SECURITY_FLAG_IGNORE_CERT_CN_INVALID));
        assertNotEquals(base, base.withProtocols(WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2));
        assertNotEquals(base, base.withRevocation(true));
        assertNotEquals(base, base.withTrust(TrustSource.of(certs.ca().trustStore())), "trust sources by identity");
        assertNotEquals(base, base.withClientCertificate(null), "not set is not WINHTTP_NO_CLIENT_CERT_CONTEXT");
        assertNotEquals(base.withClientCertificate(null), base.withClientCertificate(certs.clientCertificate()));
        KeyStore.PrivateKeyEntry other = certs.ca().leaf("other client").clientAuth().issue();
        assertNotEquals(base.withClientCertificate(other), base.withClientCertificate(certs.clientCertificate()));
    }

    @Test
    void theSameClientCertificateLoadedTwiceSharesConnections() throws Exception {
        // a second PrivateKeyEntry object for the same key and chain, as reading a store twice gives
        KeyStore store = TestCertificates.keyStore(certs.clientCertificate());
        KeyStore.PrivateKeyEntry reloaded = (KeyStore.PrivateKeyEntry) store.getEntry(TestCertificates.KEY_ALIAS,
                new KeyStore.PasswordProtection(TestCertificates.PASSWORD));
        assertNotSame(certs.clientCertificate(), reloaded);
        TlsPolicy a = TlsPolicy.forHost("h").withClientCertificate(certs.clientCertificate());
        TlsPolicy b = TlsPolicy.forHost("h").withClientCertificate(reloaded);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }
}
