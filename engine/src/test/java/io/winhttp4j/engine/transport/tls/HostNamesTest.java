package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.engine.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The host name check (RFC 6125 / 9525, JSSE's rules without its public-suffix list). */
class HostNamesTest {
    private static TestCertificates.Authority ca;

    @BeforeAll
    static void make() {
        ca = TestCertificates.Authority.create("host names CA");
    }

    private static X509Certificate cert(TestCertificates.LeafBuilder b) {
        return TestCertificates.certificate(b.issue());
    }

    @Test
    void presentedNamesMatchCaseInsensitivelyWithoutATrailingDot() {
        assertTrue(HostNames.nameMatches("www.example.com", "www.example.com"));
        assertTrue(HostNames.nameMatches("WWW.Example.COM", "www.example.com"));
        assertTrue(HostNames.nameMatches("www.example.com.", "www.example.com"));
        assertFalse(HostNames.nameMatches("www.example.com", "example.com"));
        assertFalse(HostNames.nameMatches("example.com", "www.example.com"));
        assertFalse(HostNames.nameMatches("", "example.com"));
    }

    @Test
    void aWildcardIsOneWholeLeftmostLabel() {
        assertTrue(HostNames.nameMatches("*.example.com", "www.example.com"));
        assertFalse(HostNames.nameMatches("*.example.com", "example.com"), "the wildcard needs a label");
        assertFalse(HostNames.nameMatches("*.example.com", "a.b.example.com"), "one label only");
        assertFalse(HostNames.nameMatches("*.com", "example.com"), "two labels after the wildcard");
        assertFalse(HostNames.nameMatches("w*.example.com", "www.example.com"), "no partial-label wildcard");
        assertFalse(HostNames.nameMatches("www.*.com", "www.example.com"), "leftmost label only");
        assertFalse(HostNames.nameMatches("*.*.example.com", "a.b.example.com"));
        assertFalse(HostNames.nameMatches("*", "localhost"));
        assertFalse(HostNames.nameMatches("*.example.com.", "www.example.com.x"));
    }

    @Test
    void aWildcardNeverSpansLabelsFuzz() {
        long seed = 0x7A11_5EEDL;
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            long caseSeed = random.nextLong();
            Random r = new Random(caseSeed);
            String suffix = label(r) + "." + label(r);
            int extra = 1 + r.nextInt(3);
            StringBuilder host = new StringBuilder();
            for (int k = 0; k < extra; k++) host.append(label(r)).append('.');
            host.append(suffix);
            boolean expected = extra == 1;
            assertEquals(expected, HostNames.nameMatches("*." + suffix, host.toString()),
                    "seed " + caseSeed + ": *." + suffix + " vs " + host);
        }
    }

    private static String label(Random r) {
        int n = 1 + r.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + r.nextInt(26)));
        return sb.toString();
    }

    @Test
    void internationalNamesAreComparedInTheirAsciiForm() {
        assertTrue(HostNames.nameMatches("xn--bcher-kva.example", HostNames.ascii("bücher.example")));
    }

    @Test
    void anIpAddressMatchesOnlyAnIpAddressName() throws Exception {
        X509Certificate both = cert(ca.leaf("127.0.0.1").dns("localhost").ip("127.0.0.1"));
        assertTrue(HostNames.matches(both, "127.0.0.1"));
        assertTrue(HostNames.matches(both, "localhost"));
        assertFalse(HostNames.matches(both, "127.0.0.2"));
        // a CN that spells the address does not count for an address
        X509Certificate cnOnly = cert(ca.leaf("127.0.0.1"));
        assertFalse(HostNames.matches(cnOnly, "127.0.0.1"));
        X509Certificate v6 = cert(ca.leaf("v6").ip("::1"));
        assertTrue(HostNames.matches(v6, "[::1]"));
        assertTrue(HostNames.matches(v6, "0:0:0:0:0:0:0:1"));
        assertFalse(HostNames.matches(v6, "::2"));
    }

    @Test
    void theCommonNameCountsOnlyWithoutDnsNames() throws Exception {
        assertTrue(HostNames.matches(cert(ca.leaf("localhost")), "localhost"), "no SAN: the CN");
        assertTrue(HostNames.matches(cert(ca.leaf("localhost").ip("127.0.0.1")), "localhost"), "no dNSName: the CN");
        assertFalse(HostNames.matches(cert(ca.leaf("localhost").dns("other.example")), "localhost"),
                "a dNSName hides the CN");
        assertTrue(HostNames.matches(cert(ca.leaf("x").dns("other.example").dns("*.example.org")), "www.example.org"));
    }

    @Test
    void literalsAreNeverResolved() {
        assertNotNull(HostNames.ipLiteral("10.1.2.3"));
        assertNotNull(HostNames.ipLiteral("fe80::1%1"));
        assertNull(HostNames.ipLiteral("999.1.1.1"), "not an address");
        assertNull(HostNames.ipLiteral("localhost"));
        assertNull(HostNames.ipLiteral("zz:1"), "a name with a colon is not sent to the resolver");
        assertNull(HostNames.ipLiteral("1.2.3"));
    }
}
