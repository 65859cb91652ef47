package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.HeaderList;
import org.junit.jupiter.api.Test;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** RedirectFilter alone: every rule of CONFORMANCE 5.4 and DESIGN.md's decisions, no server. */
class RedirectFilterTest {
    static final Destination HTTP = new Destination("GET", false, "127.0.0.1", 8080, "/a/b?x", "http://127.0.0.1:8080/a/b?x");
    static final Destination HTTPS = new Destination("GET", true, "127.0.0.1", 8443, "/s", "https://127.0.0.1:8443/s");
    static final RedirectFilter.Rules DEFAULTS = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, 10, false, false);

    static HeaderList location(String value) {
        return HeaderList.EMPTY.add("Content-Length", "3").add("Location", value);
    }

    static RedirectFilter.Outcome decide(int status, String location, Destination where, boolean written, int hops,
                                         RedirectFilter.Rules rules) {
        HeaderList h = location == null ? HeaderList.EMPTY : location(location);
        return RedirectFilter.decide(status, h, new RedirectFilter.Current(where, written, hops), rules);
    }

    static RedirectFilter.Follow follows(int status, String location, Destination where) {
        RedirectFilter.Outcome o = decide(status, location, where, false, 0, DEFAULTS);
        return assertInstanceOf(RedirectFilter.Follow.class, o, status + " " + location);
    }

    static Destination verb(Destination d, String verb) {
        return new Destination(verb, d.secure(), d.host(), d.port(), d.target(), d.url());
    }

    @Test
    void theFiveRedirectStatusesAreFollowedAndNoOther() {
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            assertEquals("http://127.0.0.1:8080/next", follows(status, "/next", HTTP).next().url());
        }
        for (int status : new int[] {200, 300, 304, 305, 306, 309, 401, 500}) {
            assertInstanceOf(RedirectFilter.Deliver.class, decide(status, "/next", HTTP, false, 0, DEFAULTS), "" + status);
        }
    }

    @Test
    void withoutLocationTheRedirectIsTheResponse() {
        assertInstanceOf(RedirectFilter.Deliver.class, decide(302, null, HTTP, false, 0, DEFAULTS));
    }

    @Test
    void disabledOrNeverReturnsTheRedirect() {
        var disabled = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS, 10, true, false);
        var never = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_NEVER, 10, false, false);
        assertInstanceOf(RedirectFilter.Deliver.class, decide(302, "/n", HTTP, false, 0, disabled));
        assertInstanceOf(RedirectFilter.Deliver.class, decide(307, "/n", HTTP, false, 0, never));
        assertInstanceOf(RedirectFilter.Deliver.class, decide(302, "http://x/", HTTPS, false, 0, never),
                "NEVER wins over the https → http refusal");
    }

    @Test
    void relativeAndAbsoluteLocationsResolveAgainstTheCurrentUrl() {
        RedirectFilter.Follow f = follows(302, "c?y=1#frag", HTTP);
        assertEquals(new Destination("GET", false, "127.0.0.1", 8080, "/a/c?y=1", "http://127.0.0.1:8080/a/c?y=1"), f.next(),
                "the fragment is never sent");
        f = follows(301, "https://Other.Example/p", HTTP);
        assertEquals(new Destination("GET", true, "Other.Example", 443, "/p", "https://Other.Example/p"), f.next());
        f = follows(302, "//127.0.0.1:9090", HTTP);
        assertEquals(new Destination("GET", false, "127.0.0.1", 9090, "/", "http://127.0.0.1:9090/"), f.next(), "no path: \"/\"");
        f = follows(302, "  /sp ace  ", HTTP);
        assertEquals("/sp%20ace", f.next().target(), "blanks around the value are trimmed, inside it escaped");
        f = follows(302, "http://[::1]:81/v6", HTTP);
        assertEquals("[::1]", f.next().host());
        assertEquals("http://[::1]:81/v6", f.next().url());
    }

    @Test
    void aLocationThatIsNotAnHttpUrlFails() {
        for (String bad : new String[] {"ftp://h/f", "mailto:a@b", "http://", "http:///x", "http://h:99999/", "http://bad host/",
                "javascript:alert(1)", "http://h/a\u0001b"}) {
            assertInstanceOf(RedirectFilter.Refuse.class, decide(302, bad, HTTP, false, 0, DEFAULTS), bad);
        }
    }

    @Test
    void httpsToHttpFollowsThePolicy() {
        assertInstanceOf(RedirectFilter.Refuse.class, decide(302, "http://127.0.0.1:8080/", HTTPS, false, 0, DEFAULTS));
        var always = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS, 10, false, false);
        assertInstanceOf(RedirectFilter.Follow.class, decide(302, "http://127.0.0.1:8080/", HTTPS, false, 0, always));
        assertInstanceOf(RedirectFilter.Follow.class, decide(302, "https://127.0.0.1:1/", HTTP, false, 0, DEFAULTS),
                "http → https is always followed");
        assertInstanceOf(RedirectFilter.Follow.class, decide(302, "/same", HTTPS, false, 0, DEFAULTS));
    }

    @Test
    void theLimitCountsHopsAlreadyFollowed() {
        var two = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, 2, false, false);
        assertInstanceOf(RedirectFilter.Follow.class, decide(302, "/n", HTTP, false, 1, two));
        RedirectFilter.Outcome third = decide(302, "/n", HTTP, false, 2, two);
        assertTrue(assertInstanceOf(RedirectFilter.Refuse.class, third).reason().contains("MAX_HTTP_AUTOMATIC_REDIRECTS"));
        var none = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, 0, false, false);
        assertInstanceOf(RedirectFilter.Refuse.class, decide(302, "/n", HTTP, false, 0, none));
        var huge = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, -1, false, false);
        assertInstanceOf(RedirectFilter.Follow.class, decide(302, "/n", HTTP, false, 1000, huge), "0xFFFFFFFF is unsigned");
    }

    @Test
    void verbsAndBodies() {
        Destination post = verb(HTTP, "POST");
        Destination put = verb(HTTP, "PUT");
        Destination head = verb(HTTP, "HEAD");
        for (int status : new int[] {301, 302}) {
            RedirectFilter.Follow f = follows(status, "/n", post);
            assertEquals("GET", f.next().verb());
            assertFalse(f.keepsBody());
            f = follows(status, "/n", put);
            assertEquals("PUT", f.next().verb(), "only POST changes");
            assertTrue(f.keepsBody());
        }
        for (Destination d : new Destination[] {post, put, HTTP}) {
            RedirectFilter.Follow f = follows(303, "/n", d);
            assertEquals("GET", f.next().verb());
            assertFalse(f.keepsBody());
        }
        assertEquals("HEAD", follows(303, "/n", head).next().verb());
        for (int status : new int[] {307, 308}) {
            for (Destination d : new Destination[] {post, put, verb(HTTP, "DELETE")}) {
                RedirectFilter.Follow f = follows(status, "/n", d);
                assertEquals(d.verb(), f.next().verb());
                assertTrue(f.keepsBody());
            }
        }
    }

    @Test
    void aBodyWrittenWithWriteDataCannotGoAgain() {
        for (int status : new int[] {307, 308}) {
            RedirectFilter.Outcome o = decide(status, "http://127.0.0.1:9/t", verb(HTTP, "POST"), true, 0, DEFAULTS);
            assertEquals(new Destination("POST", false, "127.0.0.1", 9, "/t", "http://127.0.0.1:9/t"),
                    assertInstanceOf(RedirectFilter.Resend.class, o).next());
        }
        RedirectFilter.Outcome o = decide(302, "/n", verb(HTTP, "POST"), true, 0, DEFAULTS);
        assertFalse(assertInstanceOf(RedirectFilter.Follow.class, o).keepsBody(), "POST → GET needs no body");
    }

    @Test
    void userInfoInTheLocationUnderRejectUserPwd() {
        var reject = new RedirectFilter.Rules(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, 10, false, true);
        assertInstanceOf(RedirectFilter.Refuse.class, decide(302, "http://u:p@127.0.0.1/", HTTP, false, 0, reject));
        RedirectFilter.Follow f = follows(302, "http://u:p@127.0.0.1/", HTTP);
        assertEquals("http://127.0.0.1/", f.next().url(), "the user part is never kept");
    }

    @Test
    void carriedHeadersLoseHostBodyHeadersAndCrossOriginCredentials() {
        HeaderList sent = HeaderList.EMPTY.add("Host", "127.0.0.1:8080").add("Authorization", "Basic x")
                .add("Proxy-Authorization", "Basic y").add("Content-Type", "text/plain").add("Content-Length", "5")
                .add("X-Mine", "1");
        Destination sameOrigin = new Destination("GET", false, "127.0.0.1", 8080, "/o", "http://127.0.0.1:8080/o");
        Destination otherPort = new Destination("GET", false, "127.0.0.1", 8081, "/o", "http://127.0.0.1:8081/o");
        Destination otherScheme = new Destination("GET", true, "127.0.0.1", 8080, "/o", "https://127.0.0.1:8080/o");
        HeaderList kept = RedirectFilter.carried(sent, HTTP, sameOrigin, true, false);
        assertEquals(HeaderList.EMPTY.add("Authorization", "Basic x").add("Proxy-Authorization", "Basic y")
                .add("Content-Type", "text/plain").add("Content-Length", "5").add("X-Mine", "1").all(), kept.all());
        for (Destination other : new Destination[] {otherPort, otherScheme}) {
            HeaderList cross = RedirectFilter.carried(sent, HTTP, other, false, false);
            assertEquals(HeaderList.EMPTY.add("X-Mine", "1").all(), cross.all(), other.url());
            assertEquals(HeaderList.EMPTY.add("Proxy-Authorization", "Basic y").add("X-Mine", "1").all(),
                    RedirectFilter.carried(sent, HTTP, other, false, true).all(), "through the same proxy its answer stays");
        }
        Destination upperCase = new Destination("GET", false, "LOCALHOST", 8080, "/", "http://LOCALHOST:8080/");
        Destination lower = new Destination("GET", false, "localhost", 8080, "/", "http://localhost:8080/");
        assertTrue(RedirectFilter.carried(sent, upperCase, lower, true, false).has("Authorization"), "host names compare case-insensitively");
    }
}
