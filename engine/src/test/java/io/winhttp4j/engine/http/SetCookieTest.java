package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** RFC 6265 5.2's parse of one Set-Cookie value ({@link SetCookie}). */
class SetCookieTest {
    static SetCookie parse(String s) {
        return SetCookie.parse(s);
    }

    @Test
    void nameAndValue() {
        SetCookie c = parse(" name = value ");
        assertEquals("name", c.name());
        assertEquals("value", c.value());
        assertEquals("NAME", parse("NAME=value").name(), "names keep their case");
        assertEquals("", parse("a=").value());
        assertEquals("b=c", parse("a=b=c").value(), "split at the first '='");
        assertEquals("\"b c\"", parse("a=\"b c\"").value(), "quotes are part of the value");
        assertEquals("x y", parse("\tx y\t=1").name(), "only SP and HTAB are trimmed");
        assertEquals("b\tc", parse("a=b\tc").value(), "HTAB inside a value is sendable");
        assertEquals("\u00e9", parse("a=\u00e9").value(), "Latin-1 goes back as its own byte");
    }

    @Test
    void valuesThatSetNoCookie() {
        for (String s : new String[] {"", "novalue", "=b", " = b", ";a=b", "novalue; a=b", "a\u0001=b", "a=b\u0000", "a=\r\n",
                "a=\u0100", "a=\ud800", "a=b\u007f"}) {
            assertNull(parse(s), s.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    @Test
    void theSizeLimitCountsNameAndValue() {
        assertNotNull(parse("n=" + "v".repeat(4095)));
        assertNull(parse("n=" + "v".repeat(4096)));
        assertNotNull(parse("n".repeat(4000) + "=" + "v".repeat(96) + "; Path=/" + "p".repeat(1000)), "attributes do not count");
        assertNull(parse("n=v; Path=/" + "p".repeat(1024)).path(), "an attribute value over 1024 is ignored");
    }

    @Test
    void attributesAnyCaseLastValidWins() {
        SetCookie c = parse("a=b; PATH=/x; DOMAIN=.Example.COM; SECURE; HTTPONLY; max-AGE=10; SameSite=Strict; Foo");
        assertEquals("/x", c.path());
        assertEquals("example.com", c.domain());
        assertTrue(c.secure());
        assertTrue(c.httpOnly());
        assertEquals(10L, c.maxAge());
        assertEquals("/b", parse("a=b; Path=/a; Path=/b").path());
        assertNull(parse("a=b; Path=/a; Path=x").path(), "a last Path not starting with '/' means the default path");
        assertNull(parse("a=b; Path=/a; Path=").path());
        assertEquals("a.com", parse("a=b; Domain=a.com; Domain=").domain(), "an empty Domain is ignored");
        assertEquals("", parse("a=b; Domain=a.com; Domain=.").domain(), "a lone '.' leaves an empty domain");
        assertEquals("x.org", parse("a=b;domain = x.org ;").domain());
        assertFalse(parse("a=b; \u017fecure").secure(), "attribute names compare in ASCII only");
        assertFalse(parse("a=b; Secured").secure());
        assertTrue(parse("a=b;secure=no").secure(), "Secure's value does not matter");
    }

    @Test
    void maxAge() {
        assertEquals(-5L, parse("a=b; Max-Age=-5").maxAge());
        assertEquals(0L, parse("a=b; Max-Age=0").maxAge());
        for (String bad : new String[] {"abc", "+5", "", "-", "5s", " 5 x", "1.5", "0x10"}) {
            assertNull(parse("a=b; Max-Age=" + bad).maxAge(), bad);
        }
        assertEquals(10L, parse("a=b; Max-Age=10; Max-Age=x").maxAge(), "an invalid one is not appended");
        assertEquals(Long.MAX_VALUE, parse("a=b; Max-Age=" + "9".repeat(30)).maxAge());
        assertEquals(-Long.MAX_VALUE, parse("a=b; Max-Age=-" + "9".repeat(30)).maxAge());
    }

    @Test
    void expires() {
        assertEquals(Instant.parse("2021-01-13T22:23:01Z"), parse("name2=value; Domain = localhost; Path=/cookie5;Expires=Wed, 13 Jan 2021 22:23:01 GMT; HttpOnly; ").expires());
        assertNull(parse("a=b; Expires=soon").expires());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), parse("a=b; Expires=1 Jan 2030 00:00:00; Expires=never").expires());
    }

    @Test
    void toStringKeepsTheValueOut() {
        String shown = parse("session=s3cr3t; Path=/").toString();
        assertTrue(shown.contains("session"), shown);
        assertFalse(shown.contains("s3cr3t"), shown);
    }
}
