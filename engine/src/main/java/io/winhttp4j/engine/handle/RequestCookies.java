package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.CookieJar;
import io.winhttp4j.engine.http.HeaderList;

import static io.winhttp4j.WinHttpConstants.WINHTTP_DISABLE_COOKIES;
import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_DISABLE_FEATURE;

/**
 * The session's cookie jar as one request uses it (CONFORMANCE 5.10): the Set-Cookie headers of
 * every response head it gets (redirects and challenges included) are stored for where that
 * request went, and every send (re-sends and redirect hops included) carries the jar's Cookie
 * header for where it goes, after the application's own Cookie header if it has one. A request
 * with WINHTTP_DISABLE_COOKIES does neither. The jar's part of what was sent is kept with the
 * request, so that the next send starts from the headers as the application left them and never
 * carries an earlier send's cookies twice.
 */
final class RequestCookies {
    private RequestCookies() {}

    /** A send's headers and the part of their Cookie header that came from the jar (null: none). */
    record Sent(HeaderList headers, String fromJar) {}

    static boolean disabled(OptionValues o) {
        return (o.dword(WINHTTP_OPTION_DISABLE_FEATURE) & WINHTTP_DISABLE_COOKIES) != 0;
    }

    /** A response head came back from d. */
    static void store(CookieJar jar, OptionValues o, Destination d, HeaderList response) {
        if (!disabled(o)) jar.store(d.host(), CookieJar.pathOf(d.target()), response);
    }

    /** The headers that go to d: these (the previous send's cookies already off) with the jar's for d. */
    static Sent add(CookieJar jar, OptionValues o, Destination d, HeaderList headers) {
        if (disabled(o)) return new Sent(headers, null);
        String value = jar.cookieHeader(d.host(), CookieJar.pathOf(d.target()), d.secure());
        return new Sent(CookieJar.withCookies(headers, value), value);
    }

    /** The headers of the last send without the jar's part: where the next send starts. */
    static HeaderList before(HeaderList sent, String fromJar) {
        return CookieJar.withoutCookies(sent, fromJar);
    }
}
