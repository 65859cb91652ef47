package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link CookieJar}: CONFORMANCE 5.10's sequence as Windows answers it, RFC 6265's storage and
 * matching rules as tables, expiry on a clock the test moves, and the bounds.
 */
class CookieJarTest {
    /** A clock the test sets. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    final CookieJar jar = new CookieJar(clock);

    static HeaderList setCookies(String... values) {
        HeaderList h = HeaderList.EMPTY.add("Content-Type", "text/plain");
        for (String v : values) h = h.add("Set-Cookie", v);
        return h;
    }

    String sent(String host, String path) {
        return jar.cookieHeader(host, path, false);
    }

    // ---- CONFORMANCE 5.10 ----------------------------------------------------------------------

    @Test
    void windowsCookieSequence() {
        jar.store("localhost", "/cookie", setCookies("name = value ", "NAME = value "));
        assertEquals("NAME=value; name=value", sent("localhost", "/cookie2"), "newest first, names case-sensitive");
        HeaderList callers = HeaderList.EMPTY.add("Cookie", "name=value2");
        assertEquals("name=value2; NAME=value; name=value", jar.addTo(callers, "localhost", "/cookie3", false).get("Cookie", 0),
                "the application's Cookie header first, kept as given");
        assertEquals(1, jar.addTo(callers, "localhost", "/cookie3", false).all().stream().filter(h -> h.is("Cookie")).count());
        assertNull(new CookieJar(clock).cookieHeader("localhost", "/cookie2", false), "a new session starts empty");

        CookieJar other = new CookieJar(clock);
        other.store("localhost", "/cookie4",
                setCookies("name2=value; Domain = localhost; Path=/cookie5;Expires=Wed, 13 Jan 2021 22:23:01 GMT; HttpOnly; "));
        assertNull(other.cookieHeader("localhost", "/cookie5", false), "expired in 2021: not sent");
        assertEquals(0, other.size(), "nor kept");
        CookieJar earlier = new CookieJar(new TestClock(Instant.parse("2020-01-01T00:00:00Z")));
        earlier.store("localhost", "/cookie4",
                setCookies("name2=value; Domain = localhost; Path=/cookie5;Expires=Wed, 13 Jan 2021 22:23:01 GMT; HttpOnly; "));
        assertEquals("name2=value", earlier.cookieHeader("localhost", "/cookie5", false), "before 2021 it is sent");
        assertNull(earlier.cookieHeader("localhost", "/cookie4", false), "to its path only");
    }

    @Test
    void addToWithoutCookiesChangesNothing() {
        HeaderList h = HeaderList.EMPTY.add("Cookie", "mine=1");
        assertSame(h, jar.addTo(h, "localhost", "/", false));
        jar.store("localhost", "/", setCookies("a=1"));
        assertEquals(List.of(new Header("X", "y"), new Header("Cookie", "a=1")),
                jar.addTo(HeaderList.EMPTY.add("X", "y"), "localhost", "/", false).all());
    }

    // ---- domains ----------------------------------------------------------------------------------

    @Test
    void domainTable() {
        record Row(String from, String setCookie, String to, boolean sent) {}
        List<Row> rows = List.of(
                new Row("www.example.com", "a=1", "www.example.com", true),
                new Row("www.example.com", "a=1", "WWW.Example.COM", true),
                new Row("www.example.com", "a=1", "sub.www.example.com", false),
                new Row("www.example.com", "a=1", "example.com", false),
                new Row("www.example.com", "a=1; Domain=example.com", "example.com", true),
                new Row("www.example.com", "a=1; Domain=example.com", "a.b.example.com", true),
                new Row("www.example.com", "a=1; Domain=.EXAMPLE.com", "www.example.com", true),
                new Row("www.example.com", "a=1; Domain=example.com", "notexample.com", false),
                new Row("www.example.com", "a=1; Domain=example.com", "example.org", false),
                new Row("www.example.com", "a=1; Domain=www.example.com", "sub.www.example.com", true),
                new Row("www.example.com", "a=1; Domain=other.com", "other.com", false),
                new Row("www.example.com", "a=1; Domain=com", "www.example.com", false),
                new Row("www.example.com", "a=1; Domain=sub.www.example.com", "sub.www.example.com", false),
                new Row("www.example.com", "a=1; Domain=ample.com", "www.example.com", false),
                new Row("www.example.com", "a=1; Domain=example.com.", "www.example.com", false),
                new Row("www.example.com", "a=1; Domain=.", "www.example.com", true),
                new Row("www.example.com", "a=1; Domain=.", "sub.www.example.com", false),
                new Row("localhost", "a=1; Domain=localhost", "localhost", true),
                new Row("localhost", "a=1; Domain=localhost", "sub.localhost", false),
                new Row("sub.localhost", "a=1; Domain=localhost", "sub.localhost", false),
                new Row("127.0.0.1", "a=1", "127.0.0.1", true),
                new Row("127.0.0.1", "a=1; Domain=127.0.0.1", "127.0.0.1", true),
                new Row("127.0.0.1", "a=1; Domain=127.0.0.1", "x.127.0.0.1", false),
                new Row("127.0.0.1", "a=1; Domain=0.0.1", "127.0.0.1", false),
                new Row("127.0.0.1", "a=1; Domain=1", "127.0.0.1", false),
                new Row("127.0.0.2", "a=1; Domain=127.0.0.1", "127.0.0.1", false),
                new Row("[::1]", "a=1", "[::1]", true),
                new Row("[::1]", "a=1", "::1", true),
                new Row("[::1]", "a=1; Domain=::1", "[::1]", true),
                new Row("[::1]", "a=1; Domain=[::2]", "[::2]", false));
        for (Row r : rows) {
            CookieJar j = new CookieJar(clock);
            j.store(r.from(), "/", setCookies(r.setCookie()));
            assertEquals(r.sent() ? "a=1" : null, j.cookieHeader(r.to(), "/", false), r.toString());
        }
    }

    @Test
    void aRefusedDomainStoresNothing() {
        assertFalse(jar.store("www.example.com", "/", "a=1; Domain=evil.com"));
        assertFalse(jar.store("www.example.com", "/", "a=1; Domain=com"));
        assertEquals(0, jar.size());
    }

    // ---- paths --------------------------------------------------------------------------------------

    @Test
    void defaultPaths() {
        String[][] table = {{"/", "/"}, {"/cookie", "/"}, {"/a/b", "/a"}, {"/a/b/", "/a/b"}, {"", "/"}, {"x", "/"}, {"/a//b", "/a/"}};
        for (String[] t : table) assertEquals(t[1], CookieJar.defaultPath(t[0]), t[0]);
    }

    @Test
    void pathMatching() {
        Object[][] table = {{"/a", "/a", true}, {"/a/b", "/a", true}, {"/ab", "/a", false}, {"/a/", "/a/", true},
                {"/a/b", "/a/", true}, {"/", "/a", false}, {"/a", "/a/", false}, {"/anything", "/", true}, {"/A", "/a", false}};
        for (Object[] t : table) assertEquals(t[2], CookieJar.pathMatches((String) t[0], (String) t[1]), t[0] + " vs " + t[1]);
    }

    @Test
    void pathAttributeAndDefaultPathOnTheWire() {
        jar.store("h.test", "/x", setCookies("a=1; Path=/docs"));
        jar.store("h.test", "/dir/page", setCookies("b=2"));
        assertEquals("a=1", sent("h.test", "/docs"));
        assertEquals("a=1", sent("h.test", "/docs/"));
        assertEquals("a=1", sent("h.test", "/docs/a"));
        assertNull(sent("h.test", "/doc"));
        assertNull(sent("h.test", "/docsx"));
        assertNull(sent("h.test", "/"));
        assertEquals("b=2", sent("h.test", "/dir"));
        assertEquals("b=2", sent("h.test", "/dir/other"));
        assertNull(sent("h.test", "/directory"));
    }

    @Test
    void requestTargetsToPaths() {
        String[][] table = {{"/a/b?q=1", "/a/b"}, {"/a#f", "/a"}, {"", "/"}, {"?x", "/"}, {"x/y", "/"},
                {"http://h:1/p/q?x", "/p/q"}, {"HTTPS://h", "/"}, {"https://h?x=/y", "/"}, {"http://[bad/p", "/"}};
        for (String[] t : table) assertEquals(t[1], CookieJar.pathOf(t[0]), t[0]);
    }

    // ---- order, replacement, attributes -------------------------------------------------------------

    @Test
    void longerPathsFirstThenNewest() {
        jar.store("h.test", "/", setCookies("a=1; Path=/", "b=2; Path=/x", "c=3; Path=/"));
        jar.store("h.test", "/", setCookies("d=4; Path=/x/y"));
        assertEquals("d=4; b=2; c=3; a=1", sent("h.test", "/x/y"));
        assertEquals("b=2; c=3; a=1", sent("h.test", "/x"));
    }

    @Test
    void replacingKeepsThePlaceAndNamesAreCaseSensitive() {
        jar.store("h.test", "/", setCookies("a=1", "b=2", "a=3", "A=4"));
        assertEquals("A=4; b=2; a=3", sent("h.test", "/"));
        assertEquals(3, jar.size());
        jar.store("h.test", "/", setCookies("a=5; Path=/p"));
        assertEquals("a=5; A=4; b=2; a=3", sent("h.test", "/p"), "same name, other path: another cookie");
        jar.store("h.test", "/", setCookies("a=6; Domain=h.test"));
        assertEquals("A=4; b=2; a=6", sent("h.test", "/"), "same name, domain and path: replaced, host-only or not");
        assertEquals("A=4; b=2; a=6", sent("h.test", "/"));
        assertEquals("a=6", sent("sub.h.test", "/"));
    }

    @Test
    void secureCookiesOnlyOverHttps() {
        jar.store("h.test", "/", setCookies("s=1; Secure", "p=2; HttpOnly"));
        assertEquals("p=2", jar.cookieHeader("h.test", "/", false));
        assertEquals("p=2; s=1", jar.cookieHeader("h.test", "/", true));
    }

    // ---- expiry ----------------------------------------------------------------------------------

    @Test
    void maxAgeExpiresOnTheClock() {
        jar.store("h.test", "/", setCookies("a=1; Max-Age=10"));
        clock.advance(Duration.ofMillis(9999));
        assertEquals("a=1", sent("h.test", "/"));
        clock.advance(Duration.ofMillis(1));
        assertNull(sent("h.test", "/"));
        assertEquals(0, jar.size(), "an expired cookie is dropped when seen");
    }

    @Test
    void expiresAtItsDate() {
        jar.store("h.test", "/", setCookies("a=1; Expires=Sun, 01 Jun 2025 12:00:05 GMT"));
        assertEquals("a=1", sent("h.test", "/"));
        clock.advance(Duration.ofSeconds(5));
        assertNull(sent("h.test", "/"));
    }

    @Test
    void maxAgeWinsOverExpiresInEitherOrder() {
        jar.store("h.test", "/", setCookies("a=1; Max-Age=0; Expires=Fri, 01 Jan 2100 00:00:00 GMT"));
        assertNull(sent("h.test", "/"));
        jar.store("h.test", "/", setCookies("b=2; Expires=Fri, 01 Jan 2100 00:00:00 GMT; Max-Age=1"));
        clock.advance(Duration.ofSeconds(2));
        assertNull(sent("h.test", "/"), "Max-Age=1 ended it, not 2100");
        jar.store("h.test", "/", setCookies("c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=100"));
        assertEquals("c=3", sent("h.test", "/"), "Max-Age=100 keeps it, whatever the past Expires");
    }

    @Test
    void aPastDateOrMaxAgeZeroDeletes() {
        jar.store("h.test", "/", setCookies("a=1", "b=2", "c=3"));
        assertTrue(jar.store("h.test", "/", "a=x; Max-Age=0"));
        assertTrue(jar.store("h.test", "/", "b=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assertTrue(jar.store("h.test", "/", "c=x; Max-Age=-1"));
        assertFalse(jar.store("h.test", "/", "d=x; Max-Age=0"), "nothing to delete");
        assertEquals(0, jar.size());
        jar.store("h.test", "/", setCookies("e=1; Path=/p"));
        jar.store("h.test", "/", setCookies("e=1; Max-Age=0"));
        assertEquals("e=1", sent("h.test", "/p"), "deleting needs the same path");
    }

    @Test
    void sessionCookiesLastAsLongAsTheJar() {
        jar.store("h.test", "/", setCookies("a=1", "b=2; Expires=nonsense"));
        clock.advance(Duration.ofDays(365 * 100));
        assertEquals("b=2; a=1", sent("h.test", "/"));
        assertFalse(jar.cookies().stream().anyMatch(CookieJar.Cookie::persistent));
    }

    @Test
    void aHugeMaxAgeDoesNotOverflow() {
        jar.store("h.test", "/", setCookies("a=1; Max-Age=" + "9".repeat(40), "b=2; Max-Age=9223372036854775"));
        clock.advance(Duration.ofDays(365 * 1000));
        assertEquals("b=2; a=1", sent("h.test", "/"));
    }

    // ---- bounds and the wire ---------------------------------------------------------------------------

    @Test
    void perCookieLimit() {
        assertTrue(jar.store("h.test", "/", "n=" + "v".repeat(CookieJar.MAX_COOKIE_SIZE - 1)));
        assertFalse(jar.store("h.test", "/", "m=" + "v".repeat(CookieJar.MAX_COOKIE_SIZE)));
        assertFalse(jar.store("h.test", "/" + "p/".repeat(600), "d=1"), "a default path over 1024 characters");
        assertEquals(1, jar.size());
    }

    @Test
    void perDomainLimitEvictsTheOldest() {
        for (int i = 0; i < CookieJar.MAX_PER_DOMAIN + 10; i++) jar.store("h.test", "/", "c" + i + "=" + i);
        assertEquals(CookieJar.MAX_PER_DOMAIN, jar.size());
        String header = sent("h.test", "/");
        assertTrue(header.startsWith("c59=59; c58=58"), header);
        assertTrue(header.endsWith("c10=10"), header);
        jar.store("other.test", "/", "x=1");
        assertEquals("x=1", sent("other.test", "/"), "another domain has its own count");
    }

    @Test
    void expiredCookiesGoBeforeTheOldest() {
        for (int i = 0; i < CookieJar.MAX_PER_DOMAIN; i++) {
            jar.store("h.test", "/", "c" + i + "=" + i + (i >= 40 ? "; Max-Age=1" : ""));
        }
        clock.advance(Duration.ofSeconds(1));
        jar.store("h.test", "/", "new=1");
        assertEquals(41, jar.size(), "the ten expired went; the oldest stayed");
        assertTrue(sent("h.test", "/").endsWith("c1=1; c0=0"));
    }

    @Test
    void jarLimitEvictsTheOldestOfAll() {
        int domains = CookieJar.MAX_COOKIES / CookieJar.MAX_PER_DOMAIN;
        for (int d = 0; d < domains; d++) {
            for (int i = 0; i < CookieJar.MAX_PER_DOMAIN; i++) jar.store("d" + d + ".test", "/", "c" + i + "=" + i);
        }
        assertEquals(CookieJar.MAX_COOKIES, jar.size());
        jar.store("last.test", "/", "z=1");
        assertEquals(CookieJar.MAX_COOKIES, jar.size());
        assertFalse(sent("d0.test", "/").contains("c0=0"), "the first cookie of all went");
        assertTrue(sent("d0.test", "/").contains("c1=1"));
        assertEquals("z=1", sent("last.test", "/"));
    }

    @Test
    void whatIsSentPassesTheWireRule() {
        assertFalse(jar.store("h.test", "/", "a=b\u0007"));
        assertFalse(jar.store("h.test", "/", "a=\u20ac"));
        assertTrue(jar.store("h.test", "/", "a=\u00e9\tx"));
        String v = sent("h.test", "/");
        assertEquals("a=\u00e9\tx", v);
        assertNull(WireText.valueProblem(v));
    }

    @Test
    void cookiesToStringKeepValuesOut() {
        jar.store("h.test", "/", "session=s3cr3t");
        String shown = jar.cookies().toString();
        assertTrue(shown.contains("session"), shown);
        assertFalse(shown.contains("s3cr3t"), shown);
    }
}
