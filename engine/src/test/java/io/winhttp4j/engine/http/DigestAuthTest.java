package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Digest against the published examples of RFC 7616 (3.9.1, 3.9.2) and RFC 2617 (3.5), and its refusals. */
class DigestAuthTest {
    private static final String RFC7616_COMMON = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final Credentials MUFASA = new Credentials("Mufasa", "Circle of Life");

    static DigestAuth.Offer offer(String header) {
        List<AuthChallenge> cs = AuthChallenge.parse(header);
        assertEquals(1, cs.size(), header);
        return DigestAuth.Offer.of(cs.get(0));
    }

    static Map<String, String> params(String authorization) {
        List<AuthChallenge> parsed = AuthChallenge.parse(authorization);
        assertEquals(1, parsed.size(), authorization);
        assertTrue(parsed.get(0).is("Digest"));
        return parsed.get(0).params();
    }

    @Test
    void rfc7616Md5Example() {
        String v = DigestAuth.answer(offer("Digest " + RFC7616_COMMON + ", algorithm=MD5"), MUFASA, "GET", "/dir/index.html",
                null, 1, RFC7616_CNONCE);
        Map<String, String> p = params(v);
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", p.get("response"), v);
        assertEquals("Mufasa", p.get("username"));
        assertEquals("http-auth@example.org", p.get("realm"));
        assertEquals("/dir/index.html", p.get("uri"));
        assertEquals("MD5", p.get("algorithm"));
        assertEquals("00000001", p.get("nc"));
        assertEquals(RFC7616_CNONCE, p.get("cnonce"));
        assertEquals("auth", p.get("qop"));
        assertEquals("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", p.get("opaque"));
    }

    @Test
    void rfc7616Sha256Example() {
        String v = DigestAuth.answer(offer("Digest " + RFC7616_COMMON + ", algorithm=SHA-256"), MUFASA, "GET",
                "/dir/index.html", null, 1, RFC7616_CNONCE);
        assertEquals("Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
                + "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
                + "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
                + "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
                + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", v);
    }

    @Test
    void rfc2617Example() {
        String challenge = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        String v = DigestAuth.answer(offer(challenge), new Credentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html",
                null, 1, "0a4f113b");
        Map<String, String> p = params(v);
        assertEquals("6629fae49393a05397450978507c4ef1", p.get("response"), v);
        assertNull(p.get("algorithm"), "no algorithm was sent, so none is echoed (RFC 2617 servers)");
    }

    @Test
    void userhashHashesNameAndRealmAndLeavesTheResponseAlone() throws Exception {
        // RFC 7616 section 3.9.2's setting (SHA-512-256, userhash, a user name outside ASCII). Its published
        // values are not asserted: erratum 4897 reports that they cannot be reproduced. The user hash is
        // checked against the JDK's digest of the RFC's own octets instead, and the response must be
        // the one the same request gets without userhash (the hash only replaces the username parameter).
        String challenge = "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, "
                + "nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\", "
                + "opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\", charset=UTF-8";
        Credentials jason = new Credentials("J\u00e4s\u00f8n Doe", "Secret, or not?");
        String cnonce = "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v";
        Map<String, String> hashed = params(DigestAuth.answer(offer(challenge + ", userhash=true"), jason, "GET", "/doe.json",
                null, 1, cnonce));
        Map<String, String> plain = params(DigestAuth.answer(offer(challenge), jason, "GET", "/doe.json", null, 1, cnonce));

        byte[] octets = {0x4A, (byte) 0xC3, (byte) 0xA4, 0x73, (byte) 0xC3, (byte) 0xB8, 0x6E, 0x20, 0x44, 0x6F, 0x65};
        byte[] input = new byte[octets.length + 16];
        System.arraycopy(octets, 0, input, 0, octets.length);
        System.arraycopy(":api@example.org".getBytes(StandardCharsets.US_ASCII), 0, input, octets.length, 16);
        byte[] d = java.security.MessageDigest.getInstance("SHA-512/256").digest(input);
        assertEquals(java.util.HexFormat.of().formatHex(d), hashed.get("username"));
        assertEquals("true", hashed.get("userhash"));
        assertEquals(plain.get("response"), hashed.get("response"));
        assertNull(plain.get("username"), "a name outside ASCII goes as username*, not as raw bytes");
    }
}
