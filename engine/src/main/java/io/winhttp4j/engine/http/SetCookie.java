package io.winhttp4j.engine.http;

import java.time.Instant;

/**
 * One Set-Cookie header value read with RFC 6265 5.2's rules: the name and value before the
 * first ';' (split at the first '=', blanks trimmed; no '=' or an empty name: no cookie), then
 * the attributes, unknown ones (SameSite, Priority, ...) ignored, and for each known one the last
 * valid occurrence kept. What the attributes mean for the jar is {@link CookieJar}'s business.
 *
 * @param maxAge   the last valid Max-Age in seconds (zero or negative: expire now), or null
 * @param expires  the last readable Expires date, or null
 * @param domain   the last non-empty Domain, lower-cased, its leading '.' removed ("" for a lone
 *                 "."), or null when there is none
 * @param path     the last Path that starts with '/'; null when there is none or the last is not
 *                 such a path (both mean the default path)
 * @param httpOnly accepted; it only hides cookies from scripts, which a client does not have
 */
record SetCookie(String name, String value, Long maxAge, Instant expires, String domain, String path, boolean secure,
                 boolean httpOnly) {
    /** The most name and value may hold together, as RFC 6265 6.1 asks a user agent to keep at least. */
    static final int MAX_NAME_VALUE = 4096;
    /** A longer attribute value is ignored (RFC 6265bis), which also bounds the date parse. */
    static final int MAX_ATTRIBUTE = 1024;

    /** The cookie, or null when this value sets none (malformed, too large, or not sendable back). */
    static SetCookie parse(String header) {
        int n = header.length();
        int semi = header.indexOf(';');
        int pairEnd = semi < 0 ? n : semi;
        int eq = header.indexOf('=');
        if (eq < 0 || eq > pairEnd) return null;
        String name = trim(header, 0, eq);
        String value = trim(header, eq + 1, pairEnd);
        if (name.isEmpty() || name.length() + value.length() > MAX_NAME_VALUE) return null;
        // What goes back in a Cookie header must pass the one wire-text rule.
        if (WireText.valueProblem(name) != null || WireText.valueProblem(value) != null) return null;

        Long maxAge = null;
        Instant expires = null;
        String domain = null, path = null;
        boolean secure = false, httpOnly = false;
        int at = pairEnd;
        while (at < n) {
            int end = header.indexOf(';', at + 1);
            if (end < 0) end = n;
            int avEq = at + 1;
            while (avEq < end && header.charAt(avEq) != '=') avEq++; // within this attribute: linear in all
            boolean hasValue = avEq < end;
            String key = trim(header, at + 1, hasValue ? avEq : end);
            String v = hasValue ? trim(header, avEq + 1, end) : "";
            at = end;
            if (v.length() > MAX_ATTRIBUTE) continue;
            if (is(key, "expires")) {
                Instant d = CookieDates.parse(v);
                if (d != null) expires = d;
            } else if (is(key, "max-age")) {
                Long age = maxAge(v);
                if (age != null) maxAge = age;
            } else if (is(key, "domain")) {
                if (!v.isEmpty()) domain = lower(v.charAt(0) == '.' ? v.substring(1) : v);
            } else if (is(key, "path")) {
                path = v.startsWith("/") ? v : null;
            } else if (is(key, "secure")) {
                secure = true;
            } else if (is(key, "httponly")) {
                httpOnly = true;
            }
        }
        return new SetCookie(name, value, maxAge, expires, domain, path, secure, httpOnly);
    }

    /** RFC 6265 5.2.2: an optional '-' then digits only; more than 18 digits saturate. */
    private static Long maxAge(String v) {
        boolean negative = v.startsWith("-");
        int from = negative ? 1 : 0;
        if (v.length() == from) return null;
        for (int i = from; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return null;
        String digits = v.substring(from);
        long seconds = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        return negative ? -seconds : seconds;
    }

    /** Without leading and trailing SP and HTAB (RFC 6265's WSP; not String.trim's controls). */
    private static String trim(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) from++;
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) to--;
        return s.substring(from, to);
    }

    /** ASCII case-insensitive, as RFC 6265 compares attribute names. */
    private static boolean is(String key, String name) {
        if (key.length() != name.length()) return false;
        for (int i = 0; i < key.length(); i++) if (CookieDates.lower(key.charAt(i)) != name.charAt(i)) return false;
        return true;
    }

    static String lower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = CookieDates.lower(s.charAt(i));
            if (c != s.charAt(i) && b == null) b = new StringBuilder(s.substring(0, i));
            if (b != null) b.append(c);
        }
        return b == null ? s : b.toString();
    }

    /** Never shows the value: cookies often carry a session. */
    @Override
    public String toString() {
        return "SetCookie[" + name + ", domain=" + domain + ", path=" + path + ", maxAge=" + maxAge + ", expires=" + expires
                + (secure ? ", secure" : "") + "]";
    }
}
