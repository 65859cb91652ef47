package io.winhttp4j.engine.handle;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.PathEscaper;
import io.winhttp4j.engine.http.ServerName;
import io.winhttp4j.engine.http.Urls;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The redirect step around one exchange, as java.net.http's RedirectFilter is around its
 * exchanges: a pure function of the response (status, Location), the request that got it and
 * the options, saying what receiveResponse does next. The request actor runs it on every
 * response head and never decides a redirect itself (CONFORMANCE 5.4; DESIGN.md's decisions).
 */
final class RedirectFilter {
    private RedirectFilter() {}

    /** The options that decide: REDIRECT_POLICY, MAX_HTTP_AUTOMATIC_REDIRECTS, WINHTTP_DISABLE_REDIRECTS, REJECT_USERPWD_IN_URL. */
    record Rules(int policy, int maxRedirects, boolean disabled, boolean rejectUserInfo) {
        static Rules of(OptionValues o) {
            return new Rules(o.dword(WINHTTP_OPTION_REDIRECT_POLICY), o.dword(WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS),
                    (o.dword(WINHTTP_OPTION_DISABLE_FEATURE) & WINHTTP_DISABLE_REDIRECTS) != 0,
                    Boolean.TRUE.equals(o.get(WINHTTP_OPTION_REJECT_USERPWD_IN_URL)));
        }
    }

    /**
     * The request a response answered: where it went, whether its body was written with
     * writeData (which the engine cannot send again; optional data it can), and how many
     * redirects this receiveResponse has followed already.
     */
    record Current(Destination where, boolean bodyWritten, int hops) {}

    sealed interface Outcome permits Deliver, Follow, Resend, Refuse {}

    /** This response is the final one. */
    record Deliver() implements Outcome {}

    /** Send the next request: to next, with sendRequest's optional data again (keepsBody) or with no body. */
    record Follow(Destination next, boolean keepsBody) implements Outcome {}

    /** The next request needs a body written with writeData: ERROR_WINHTTP_RESEND_REQUEST, and the request now points at next. */
    record Resend(Destination next) implements Outcome {}

    /** ERROR_WINHTTP_REDIRECT_FAILED, for this reason. */
    record Refuse(String reason) implements Outcome {}

    static final Deliver DELIVER = new Deliver();

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Statuses 301, 302, 303, 307 and 308 with a Location are followed, unless redirects are
     * disabled or the policy is NEVER; without a Location the 3xx is the response. A Location
     * that does not resolve to an http(s) URL, an https → http hop under DISALLOW_HTTPS_TO_HTTP,
     * or one hop more than MAX_HTTP_AUTOMATIC_REDIRECTS: REDIRECT_FAILED. 303 turns the verb into
     * GET (HEAD stays HEAD), 301/302 turn POST into GET, both without a body; otherwise verb and
     * body are kept.
     */
    static Outcome decide(int status, HeaderList responseHeaders, Current current, Rules rules) {
        if (!isRedirect(status) || rules.disabled() || rules.policy() == WINHTTP_OPTION_REDIRECT_POLICY_NEVER) return DELIVER;
        String location = responseHeaders.get("Location", 0);
        if (location == null) return DELIVER;
        String url = Urls.resolve(current.where().url(), location.trim());
        UrlComponents u;
        String host;
        String target;
        try {
            u = Urls.parse(url);
            host = ServerName.parse(u.hostName());
            String query = u.extraInfo();
            int hash = query.indexOf('#');
            target = PathEscaper.escape(u.urlPath() + (hash < 0 ? query : query.substring(0, hash)), 0);
        } catch (WinHttpException e) {
            return new Refuse("the Location \"" + shown(location) + "\" is not an http or https URL the engine can go to ("
                    + e.getMessage() + ")");
        }
        if (u.userName() != null && rules.rejectUserInfo()) {
            return new Refuse("the Location carries a user name or password, and REJECT_USERPWD_IN_URL is set");
        }
        boolean secure = u.scheme() == INTERNET_SCHEME_HTTPS;
        if (current.where().secure() && !secure && rules.policy() == WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP) {
            return new Refuse("a redirect from https to http, and REDIRECT_POLICY is DISALLOW_HTTPS_TO_HTTP");
        }
        if (Integer.toUnsignedLong(current.hops()) >= Integer.toUnsignedLong(rules.maxRedirects())) {
            return new Refuse("more than MAX_HTTP_AUTOMATIC_REDIRECTS (" + Integer.toUnsignedLong(rules.maxRedirects())
                    + ") redirects");
        }
        String verb = current.where().verb();
        boolean toGet = (status == 303 && !"HEAD".equals(verb)) || ((status == 301 || status == 302) && "POST".equals(verb));
        Destination next = new Destination(toGet ? "GET" : verb, secure, host, u.port(), target,
                ServerName.origin(host, u.port(), secure) + target);
        if (toGet) return new Follow(next, false);
        if (current.bodyWritten()) return new Resend(next);
        return new Follow(next, true);
    }

    /**
     * The request headers the next request starts from, before WinHTTP's defaults are added
     * again: without Host (the new one is added), without the body's headers when the body is
     * dropped, and, on a hop to another origin, without Authorization and Proxy-Authorization:
     * credentials given for one origin never go to another. The proxy's are the proxy's: they stay
     * when the hop goes through the same proxy ({@code sameProxy}).
     */
    static HeaderList carried(HeaderList sent, Destination from, Destination to, boolean keepsBody, boolean sameProxy) {
        HeaderList h = sent.without("Host");
        if (!keepsBody) h = h.without("Content-Length").without("Transfer-Encoding").without("Content-Type");
        if (!from.sameOrigin(to)) {
            h = h.without("Authorization");
            if (!sameProxy) h = h.without("Proxy-Authorization");
        }
        return h;
    }

    private static String shown(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
