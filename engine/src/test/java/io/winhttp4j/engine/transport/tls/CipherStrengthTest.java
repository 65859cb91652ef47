package io.winhttp4j.engine.transport.tls;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** SECURITY_KEY_BITNESS from the cipher suite's name, and the STRENGTH_* bit from the bits. */
class CipherStrengthTest {

    @Test
    void theBulkCiphersKeyLengthIsReadFromTheName() {
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("TLS_AES_128_GCM_SHA256", 128),
                Map.entry("TLS_AES_256_GCM_SHA384", 256),
                Map.entry("TLS_CHACHA20_POLY1305_SHA256", 256),
                Map.entry("TLS_AES_128_CCM_8_SHA256", 128),
                Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 256),
                Map.entry("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 128),
                Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256),
                Map.entry("TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", 256),
                Map.entry("TLS_RSA_WITH_ARIA_128_GCM_SHA256", 128),
                Map.entry("SSL_RSA_WITH_3DES_EDE_CBC_SHA", 168),
                Map.entry("SSL_RSA_WITH_RC4_128_SHA", 128),
                Map.entry("SSL_RSA_WITH_DES_CBC_SHA", 56),
                Map.entry("SSL_RSA_EXPORT_WITH_RC4_40_MD5", 40),
                Map.entry("SSL_RSA_EXPORT_WITH_DES40_CBC_SHA", 40),
                Map.entry("TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", 40),
                Map.entry("TLS_RSA_WITH_NULL_SHA256", 0),
                Map.entry("TLS_EMPTY_RENEGOTIATION_INFO_SCSV", 0),
                Map.entry("SSL_NULL_WITH_NULL_NULL", 0));
        expected.forEach((suite, bits) -> assertEquals(bits, CipherStrength.keyBits(suite), suite));
        assertEquals(0, CipherStrength.keyBits(null));
    }

    @Test
    void everySuiteTheJdkEnablesHasAKnownStrength() throws Exception {
        // a suite added to the JDK without an entry here would report 0 bits (WEAK): catch it
        for (String suite : SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites()) {
            if (suite.endsWith("_SCSV")) continue;
            assertTrue(CipherStrength.keyBits(suite) >= 128, suite);
        }
    }

    @Test
    void strengthBitsFollowWinesThresholds() {
        assertEquals(SECURITY_FLAG_STRENGTH_STRONG, CipherStrength.strengthFlag(256));
        assertEquals(SECURITY_FLAG_STRENGTH_STRONG, CipherStrength.strengthFlag(128));
        assertEquals(SECURITY_FLAG_STRENGTH_MEDIUM, CipherStrength.strengthFlag(127));
        assertEquals(SECURITY_FLAG_STRENGTH_MEDIUM, CipherStrength.strengthFlag(56));
        assertEquals(SECURITY_FLAG_STRENGTH_WEAK, CipherStrength.strengthFlag(40));
        assertEquals(SECURITY_FLAG_STRENGTH_WEAK, CipherStrength.strengthFlag(0));
    }
}
