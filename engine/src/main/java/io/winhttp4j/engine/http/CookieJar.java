package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A session's cookies (CONFORMANCE 5.10, RFC 6265): stored from the Set-Cookie headers of every
 * response its requests receive, sent back on its later requests as one Cookie header. A session
 * starts with an empty jar; a request with WINHTTP_DISABLE_COOKIES neither stores nor sends.
 *
 * <p>Storing (RFC 6265 5.3), for the host and path the request went to:
 * <ul>
 *   <li>no Domain: a host-only cookie, sent to that host alone; a Domain (its leading dot
 *       ignored) must domain-match the host, else the cookie is refused. There is no public
 *       suffix list (none small and kept up to date is on Maven Central), so only the rule RFC
 *       6265 gives for suffixes is applied to what certainly is one: a Domain of a single label
 *       ("com", "localhost") or an IP address makes a host-only cookie when it is the host itself
 *       and is refused otherwise. A Domain such as "co.uk" is therefore accepted from
 *       "a.co.uk";</li>
 *   <li>no Path, or one not starting with '/': the default path, the request path up to its last
 *       '/' ("/" when that is the first);</li>
 *   <li>Max-Age wins over Expires whatever their order; Expires is read by RFC 6265's date
 *       algorithm; a date in the past deletes the cookie of that name, domain and path; neither
 *       makes a session cookie, kept as long as the jar;</li>
 *   <li>a cookie of the same name (case-sensitive), domain and path is replaced and keeps its
 *       place in the order;</li>
 *   <li>Secure cookies are only sent over https; HttpOnly is accepted and changes nothing for a
 *       client; SameSite and other attributes are ignored.</li>
 * </ul>
 *
 * <p>Sending (RFC 6265 5.4): the cookies whose domain and path match the request and that have
 * not expired, longer paths first, then the most recently created first: that is what Windows
 * sends ("Cookie: NAME=value; name=value" after "name" then "NAME" were set, CONFORMANCE 5.10),
 * where RFC 6265 suggests the oldest first (older Windows did that). A Cookie header the
 * application added is kept as given and the jar's cookies are appended to it after "; ", even
 * those of the same name, as Windows does.
 *
 * <p>Bounds: a cookie's name and value hold at most {@link #MAX_COOKIE_SIZE} characters, its
 * path at most 1024 (longer attribute values are ignored, a longer default path refuses the
 * cookie), a domain at most {@link #MAX_PER_DOMAIN} cookies and the jar {@link #MAX_COOKIES}
 * (RFC 6265 6.1's minimums), the oldest created evicted first, after the expired ones; so a jar
 * holds at most about 16 MiB of text whatever servers send (one byte a character). Name
 * and value must pass {@link WireText}'s rule for header values, or the cookie is refused: what
 * the jar sends is always sendable.
 *
 * <p>Thread-safety: a session's requests run on different actors and share its jar. Every
 * operation takes one lock, holds it only for map and list work on at most {@link #MAX_COOKIES}
 * entries (microseconds; parsing, date reading, sorting and building the header happen outside
 * it), does no I/O and calls nothing outside this class under it.
 */
public final class CookieJar {
    public static final int MAX_COOKIE_SIZE = SetCookie.MAX_NAME_VALUE;
    public static final int MAX_PER_DOMAIN = 50;
    public static final int MAX_COOKIES = 3000;

    /** Longer paths first, then the most recently created first. */
    private static final Comparator<Cookie> SEND_ORDER =
            Comparator.comparingInt((Cookie c) -> -c.path().length()).thenComparingLong(c -> -c.created());

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** By cookie domain; guarded by lock, as are count and sequence. */
    private final Map<String, List<Cookie>> byDomain = new HashMap<>();
    private int count;
    private long sequence;

    public CookieJar() {
        this(Clock.systemUTC());
    }

    public CookieJar(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the cookies of a response's Set-Cookie headers, in their order.
     *
     * @param host        the server name of the request (connect's, or the redirect's)
     * @param requestPath the path the request was sent to ({@link #pathOf} of its target)
     */
    public void store(String host, String requestPath, HeaderList response) {
        for (int i = 0; i < response.size(); i++) {
            Header h = response.at(i);
            if (h.is("Set-Cookie")) store(host, requestPath, h.value());
        }
    }

    /** One Set-Cookie value; true if it was stored or deleted a cookie, false if it was refused. */
    boolean store(String host, String requestPath, String setCookie) {
        SetCookie sc = SetCookie.parse(setCookie);
        if (sc == null) return false;
        String h = canonicalHost(host);
        String domain;
        boolean hostOnly;
        if (sc.domain() == null || sc.domain().isEmpty()) {
            domain = h;
            hostOnly = true;
        } else {
            String d = canonicalHost(sc.domain());
            if (d.indexOf('.') < 0 || isIp(d)) {
                // A suffix certainly public, or an address: only ever this very host (RFC 6265 5.3 step 5).
                if (!d.equals(h)) return false;
                hostOnly = true;
            } else {
                if (!domainMatches(h, d)) return false;
                hostOnly = false;
            }
            domain = d;
        }
        String path = sc.path() != null ? sc.path() : defaultPath(requestPath);
        if (path.length() > SetCookie.MAX_ATTRIBUTE) return false; // a default path from a very long URL
        long now = clock.millis();
        long expiresAt;
        boolean persistent = true;
        if (sc.maxAge() != null) {
            long age = sc.maxAge();
            expiresAt = age <= 0 ? Long.MIN_VALUE : saturatedAdd(now, age);
        } else if (sc.expires() != null) {
            expiresAt = sc.expires().toEpochMilli();
        } else {
            expiresAt = Long.MAX_VALUE;
            persistent = false;
        }
        lock.lock();
        try {
            List<Cookie> list = byDomain.computeIfAbsent(domain, k -> new ArrayList<>());
            long created = -1;
            for (Iterator<Cookie> it = list.iterator(); it.hasNext(); ) {
                Cookie c = it.next();
                if (c.name().equals(sc.name()) && c.path().equals(path)) {
                    created = c.created();
                    it.remove();
                    count--;
                    break;
                }
            }
            if (expiresAt <= now) {
                if (list.isEmpty()) byDomain.remove(domain);
                return created >= 0;
            }
            list.add(new Cookie(sc.name(), sc.value(), domain, hostOnly, path, sc.secure(), sc.httpOnly(), persistent,
                    expiresAt, created >= 0 ? created : ++sequence));
            count++;
            if (list.size() > MAX_PER_DOMAIN) {
                removeExpired(list, now);
                while (list.size() > MAX_PER_DOMAIN) removeOldest(list);
            }
            if (count > MAX_COOKIES) {
                for (Iterator<List<Cookie>> it = byDomain.values().iterator(); it.hasNext(); ) {
                    List<Cookie> l = it.next();
                    removeExpired(l, now);
                    if (l.isEmpty()) it.remove();
                }
                while (count > MAX_COOKIES) removeOldestOfAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The Cookie header value for a request, or null when no cookie matches. */
    public String cookieHeader(String host, String requestPath, boolean secure) {
        List<Cookie> matching = matching(host, requestPath, secure);
        if (matching.isEmpty()) return null;
        matching.sort(SEND_ORDER);
        StringBuilder b = new StringBuilder();
        for (Cookie c : matching) {
            if (b.length() > 0) b.append("; ");
            b.append(c.name()).append('=').append(c.value());
        }
        return WireText.check(new Header("Cookie", b.toString())).value();
    }

    /**
     * The request's headers with the jar's cookies: appended after "; " to the application's
     * Cookie header when it has one (CONFORMANCE 5.10), else as a new one. Apply to the headers
     * of each send as the application left them, not to those of a previous send.
     */
    public HeaderList addTo(HeaderList request, String host, String requestPath, boolean secure) {
        return withCookies(request, cookieHeader(host, requestPath, secure));
    }

    /** The request's headers with a {@link #cookieHeader} value (null: none) added as {@link #addTo} adds it. */
    public static HeaderList withCookies(HeaderList request, String value) {
        if (value == null) return request;
        return request.apply(new Header("Cookie", value), WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON);
    }

    /**
     * The headers before {@link #withCookies} added {@code value} to them: the jar's part taken
     * off the Cookie header again (the header removed if it was all the jar's). When the
     * application has changed that header since, so that the part is no longer at its end (or
     * its start), the header is left as it is.
     */
    public static HeaderList withoutCookies(HeaderList sent, String value) {
        if (value == null) return sent;
        String now = sent.get("Cookie", 0);
        if (now == null) return sent;
        String rest;
        if (now.equals(value)) rest = "";
        else if (now.endsWith("; " + value)) rest = now.substring(0, now.length() - value.length() - 2);
        else if (now.startsWith(value + "; ")) rest = now.substring(value.length() + 2);
        else return sent;
        return sent.apply(new Header("Cookie", rest), WINHTTP_ADDREQ_FLAG_REPLACE);
    }

    /**
     * The path cookies are matched against for a request target: an object name ("/a/b?q") or
     * an absolute URL, without query or fragment; "/" when empty or unreadable.
     */
    public static String pathOf(String target) {
        String path;
        if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                path = Urls.parse(target).urlPath();
            } catch (WinHttpException e) {
                return "/";
            }
        } else {
            int end = target.length();
            for (int i = 0; i < end; i++) {
                if (target.charAt(i) == '?' || target.charAt(i) == '#') end = i;
            }
            path = target.substring(0, end);
        }
        return path.startsWith("/") ? path : "/";
    }

    /** How many cookies the jar holds now. */
    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** A copy of every cookie held, for tests. */
    List<Cookie> cookies() {
        lock.lock();
        try {
            List<Cookie> all = new ArrayList<>(count);
            for (List<Cookie> l : byDomain.values()) all.addAll(l);
            return all;
        } finally {
            lock.unlock();
        }
    }

    // ---- RFC 6265 matching rules ----------------------------------------------------------------

    private List<Cookie> matching(String host, String requestPath, boolean secure) {
        String h = canonicalHost(host);
        String p = requestPath.isEmpty() ? "/" : requestPath;
        long now = clock.millis();
        List<Cookie> out = new ArrayList<>();
        lock.lock();
        try {
            // The domains h domain-matches: h itself, then (not for an address) each parent.
            String d = h;
            boolean ip = isIp(h);
            while (true) {
                List<Cookie> list = byDomain.get(d);
                if (list != null) {
                    removeExpired(list, now);
                    if (list.isEmpty()) byDomain.remove(d);
                    for (Cookie c : list) {
                        if (c.hostOnly() && !d.equals(h)) continue;
                        if (c.secure() && !secure) continue;
                        if (pathMatches(p, c.path())) out.add(c);
                    }
                }
                int dot = d.indexOf('.');
                if (ip || dot < 0) break;
                d = d.substring(dot + 1);
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    /** RFC 6265 5.1.3: the same, or a parent domain of a host name (never of an address). */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) return true;
        return host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.' && !isIp(host);
    }

    /** RFC 6265 5.1.4: the same, or a prefix ending at a '/' of the request path. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (!requestPath.startsWith(cookiePath)) return false;
        return requestPath.length() == cookiePath.length() || cookiePath.endsWith("/")
                || requestPath.charAt(cookiePath.length()) == '/';
    }

    /** RFC 6265 5.1.4: the request path up to its last '/', "/" when that is the first. */
    static String defaultPath(String requestPath) {
        if (!requestPath.startsWith("/")) return "/";
        int last = requestPath.lastIndexOf('/');
        return last == 0 ? "/" : requestPath.substring(0, last);
    }

    /** Lower case, IPv6 brackets off: the form domains are compared in. */
    static String canonicalHost(String host) {
        String h = SetCookie.lower(host);
        return h.length() > 2 && h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    static boolean isIp(String host) {
        return host.indexOf(':') >= 0 ? ServerName.isIpv6(host) : ServerName.isIpv4(host);
    }

    // ---- eviction (under the lock) ----------------------------------------------------------------

    private void removeExpired(List<Cookie> list, long now) {
        for (Iterator<Cookie> it = list.iterator(); it.hasNext(); ) {
            if (it.next().expiresAt() <= now) {
                it.remove();
                count--;
            }
        }
    }

    private void removeOldest(List<Cookie> list) {
        int oldest = 0;
        for (int i = 1; i < list.size(); i++) if (list.get(i).created() < list.get(oldest).created()) oldest = i;
        list.remove(oldest);
        count--;
    }

    private void removeOldestOfAll() {
        String domain = null;
        long created = Long.MAX_VALUE;
        for (Map.Entry<String, List<Cookie>> e : byDomain.entrySet()) {
            for (Cookie c : e.getValue()) {
                if (c.created() < created) {
                    created = c.created();
                    domain = e.getKey();
                }
            }
        }
        List<Cookie> list = byDomain.get(domain);
        removeOldest(list);
        if (list.isEmpty()) byDomain.remove(domain);
    }

    private static long saturatedAdd(long nowMillis, long seconds) {
        if (seconds >= (Long.MAX_VALUE - nowMillis) / 1000) return Long.MAX_VALUE - 1;
        return nowMillis + seconds * 1000;
    }

    /**
     * A cookie as the jar keeps it (RFC 6265 5.3). created orders cookies: a jar-wide count, so
     * cookies set by one response keep the order of its headers.
     */
    record Cookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
                  boolean httpOnly, boolean persistent, long expiresAt, long created) {
        /** Never shows the value: cookies often carry a session. */
        @Override
        public String toString() {
            return "Cookie[" + name + ", domain=" + domain + (hostOnly ? " (host only)" : "") + ", path=" + path
                    + (secure ? ", secure" : "") + (persistent ? ", expires at " + expiresAt : ", session") + "]";
        }
    }
}
