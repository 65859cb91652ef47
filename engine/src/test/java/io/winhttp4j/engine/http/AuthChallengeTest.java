package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The challenge grammar of RFC 9110 section 11.6.1, and what a hostile or broken header turns into. */
class AuthChallengeTest {

    private static String shape(List<AuthChallenge> cs) {
        StringBuilder b = new StringBuilder();
        for (AuthChallenge c : cs) {
            if (b.length() > 0) b.append(" | ");
            b.append(c.scheme());
            if (c.token68() != null) b.append(" t68=").append(c.token68());
            for (Map.Entry<String, String> e : c.params().entrySet()) b.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    private static String shape(String header) {
        return shape(AuthChallenge.parse(header));
    }

    @Test
    void rfc9110ExampleTwoChallengesInOneValue() {
        assertEquals("Newauth realm=apps type=1 title=Login to \"apps\" | Basic realm=simple",
                shape("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\""));
    }

    @Test
    void schemeAlone() {
        assertEquals("NTLM", shape("NTLM"));
        assertEquals("Basic | NTLM", shape("Basic, NTLM"));
        assertEquals("Basic", shape("Basic   "));
    }

    @Test
    void token68WithPadding() {
        assertEquals("Negotiate t68=YIIBhwYGKwYBBQUCoIIBezCCAXeg/+.~_-==", shape("Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg/+.~_-=="));
        assertEquals("NTLM t68=TlRMTVNTUAACAAAA | Basic realm=x", shape("NTLM TlRMTVNTUAACAAAA, Basic realm=x"));
        assertEquals("Negotiate t68=abc=", shape("Negotiate abc="));
        // The grammar reads "name=" right after the scheme as a token68; Digest then finds no realm in it.
        assertEquals("Digest t68=realm=", shape("Digest realm="));
    }

    @Test
    void paramNamesAreCaseInsensitiveValuesAreKept() {
        List<AuthChallenge> cs = AuthChallenge.parse("digest REALM=\"R\", Nonce=AbC");
        assertEquals(1, cs.size());
        assertTrue(cs.get(0).is("Digest"));
        assertEquals("R", cs.get(0).param("realm"));
        assertEquals("AbC", cs.get(0).param("nonce"));
    }

    @Test
    void blanksAroundEqualsAndEmptyListElements() {
        assertEquals("Basic realm=a charset=UTF-8 | Digest nonce=n",
                shape(" , Basic realm = \"a\" ,, charset=\tUTF-8 , , Digest nonce=n ,"));
    }

    @Test
    void quotedStringsKeepCommasAndEscapes() {
        assertEquals("Digest realm=a, b qop=auth, auth-int x=\\\"", shape("Digest realm=\"a, b\", qop=\"auth, auth-int\", x=\"\\\\\\\"\""));
        assertEquals("Basic realm=", shape("Basic realm=\"\""));
        assertEquals("Basic realm=caf\u00e9", shape("Basic realm=\"caf\u00e9\""));
    }

    @Test
    void brokenChallengesAreDroppedWholeAndParsingGoesOn() {
        assertEquals("", shape("Digest realm=\"unterminated, Basic realm=ok"), "quote never closed: the rest is inside it");
        assertEquals("", shape("Digest realm=\"unterminated"));
        assertEquals("Basic realm=ok", shape("Digest nonce=x, realm=, Basic realm=ok"), "a parameter without a value");
        assertEquals("Basic realm=ok", shape("Digest nonce=a, nonce=b, Basic realm=ok"), "the same parameter twice");
        assertEquals("Basic realm=ok", shape("Digest realm=\"a\" junk, Basic realm=ok"), "text after a value");
        assertEquals("Basic realm=ok", shape("Digest realm=\"a\u0001\", Basic realm=ok"), "a control character in a quoted string");
        assertEquals("Basic realm=ok", shape("Digest realm=\"\u0100\", Basic realm=ok"), "a character with no ISO-8859-1 byte");
        assertEquals("Basic realm=ok", shape("Negotiate abc, realm=x, Basic realm=ok"), "auth-params after a token68");
        assertEquals("Basic realm=ok", shape("=x, y=z, Basic realm=ok"), "an element with no scheme, and its parameters");
        assertEquals("Basic realm=ok", shape("Basic\"x\", Basic realm=ok"), "no blank between scheme and what follows");
        assertEquals("Basic", shape("Basic, \"x\""));
        assertEquals("", shape("Digest realm=\"a\\"));
    }

    @Test
    void schemeNamesAreWholeTokens() {
        assertEquals("Basicfoo realm=x", shape("Basicfoo realm=x"));
        assertNull(AuthScheme.named("Basicfoo"));
        assertEquals(AuthScheme.BASIC, AuthScheme.named("bAsIc"));
        assertEquals(AuthScheme.PASSPORT, AuthScheme.named("passport1.4"));
    }

    @Test
    void challengesAcrossHeadersKeepTheServersOrder() {
        HeaderList h = HeaderList.EMPTY.add("WWW-Authenticate", "Bearer").add("Content-Type", "text/plain")
                .add("www-authenticate", "Basic realm=\"a\", Digest realm=\"b\", nonce=\"n\"").add("WWW-Authenticate", "NTLM")
                .add("Proxy-Authenticate", "Basic realm=\"proxy\"");
        assertEquals("Bearer | Basic realm=a | Digest realm=b nonce=n | NTLM", shape(AuthChallenge.of(h, "WWW-Authenticate")));
        assertEquals("Basic realm=proxy", shape(AuthChallenge.of(h, "Proxy-Authenticate")));
    }

    @Test
    void toStringShowsNoValues() {
        String s = AuthChallenge.parse("Digest realm=\"r\", nonce=\"secretnonce\"").get(0).toString();
        assertFalse(s.contains("secretnonce"), s);
    }
}
