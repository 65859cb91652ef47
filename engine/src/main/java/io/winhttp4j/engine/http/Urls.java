package io.winhttp4j.engine.http;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * WinHttpCrackUrl and WinHttpCreateUrl: the one URL model of the engine. {@link #parse} is the
 * plain split (the redirect code resolves Locations with it); {@link #crack} is parse plus the
 * ICU_ flags; {@link #create} is the way back. Errors are WinHttpExceptions, as the calls report
 * them; the rules and where they depart from Windows are in engine/README.md, "URLs".
 *
 * <p>Components: {@code userName} and {@code password} are {@code null} when the URL has none
 * (as Windows leaves the pointers NULL); an absent path or extra info is {@code ""} (Windows
 * points at the end of the URL with length 0). The host keeps an IPv6 literal's brackets.
 */
public final class Urls {
    static final int CRACK_FLAGS = ICU_ESCAPE | ICU_DECODE | ICU_REJECT_USERPWD | ICU_INCLUDE_DEFAULT_PORT
            | ICU_ESCAPE_AUTHORITY;
    static final int CREATE_FLAGS = ICU_ESCAPE | ICU_REJECT_USERPWD | ICU_INCLUDE_DEFAULT_PORT | ICU_ESCAPE_AUTHORITY;

    /** Printable ASCII that Windows' ICU_ESCAPE escapes; controls and everything from 0x7F are escaped too. */
    private static final String UNSAFE = " \"#%<>[\\]^`{|}~";
    /** Also escaped in user, password and host: what would end them when the URL is read back. */
    private static final String AUTHORITY_DELIMITERS = ":@/?";

    private Urls() {}

    /** The parts of an absolute http or https URL, as written (no flags). */
    public static UrlComponents parse(String url) {
        if (url == null) throw invalidParameter("crackUrl: null URL");
        checkCharacters(url, WinHttpError.ERROR_WINHTTP_INVALID_URL, "crackUrl: the URL");
        int colon = url.indexOf(':');
        if (colon < 0) throw new WinHttpException(WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME, "crackUrl: no scheme");
        String name = url.substring(0, colon);
        int scheme = name.equalsIgnoreCase("http") ? INTERNET_SCHEME_HTTP
                : name.equalsIgnoreCase("https") ? INTERNET_SCHEME_HTTPS : 0;
        if (scheme == 0) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME,
                    "crackUrl: scheme \"" + shorten(name) + "\" is neither http nor https");
        }
        if (!url.startsWith("//", colon + 1)) throw invalidUrl("no \"//\" after the scheme");

        int start = colon + 3;
        int end = indexOfAny(url, "/?#", start);
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@'); // the last: '@' cannot be in a host, so a raw one belongs to the user
        String user = null;
        String password = null;
        if (at >= 0) {
            String info = authority.substring(0, at);
            int c = info.indexOf(':');
            user = c < 0 ? info : info.substring(0, c);
            password = c < 0 ? null : info.substring(c + 1);
        }
        String hostPort = authority.substring(at + 1);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) throw invalidUrl("an IPv6 literal without its ']'");
            host = hostPort.substring(0, close + 1);
            if (!isIpv6(host.substring(1, close))) throw invalidUrl("\"" + shorten(host) + "\" is not an IPv6 literal");
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ':') throw invalidUrl("text after the IPv6 literal");
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int c = hostPort.indexOf(':');
            host = c < 0 ? hostPort : hostPort.substring(0, c);
            portText = c < 0 ? null : hostPort.substring(c + 1);
        }
        if (host.isEmpty()) throw invalidUrl("no host name");
        int port = portText == null || portText.isEmpty() ? defaultPort(scheme) : port(portText);

        int split = indexOfAny(url, "?#", end);
        return new UrlComponents(scheme, host, port, user, password, url.substring(end, split), url.substring(split));
    }

    /**
     * RFC 3986 section 5.2: the target of {@code reference} (a Location value) read against the
     * absolute URL {@code base}, as a string; split only, not checked (the caller passes the
     * result to {@link #parse}). Only the reference's own fragment is kept: the engine never
     * sends one, and RFC 9110 10.2.2's inherited fragment would only show in OPTION_URL.
     */
    public static String resolve(String base, String reference) {
        String[] r = split(reference);
        String[] b = split(base);
        String scheme, authority, path, query;
        if (r[0] != null) {
            scheme = r[0];
            authority = r[1];
            path = removeDotSegments(r[2]);
            query = r[3];
        } else {
            scheme = b[0];
            if (r[1] != null) {
                authority = r[1];
                path = removeDotSegments(r[2]);
                query = r[3];
            } else {
                authority = b[1];
                if (r[2].isEmpty()) {
                    path = b[2];
                    query = r[3] != null ? r[3] : b[3];
                } else {
                    path = removeDotSegments(r[2].startsWith("/") ? r[2] : merge(b[1], b[2], r[2]));
                    query = r[3];
                }
            }
        }
        StringBuilder out = new StringBuilder();
        if (scheme != null) out.append(scheme).append(':');
        if (authority != null) out.append("//").append(authority);
        out.append(path);
        if (query != null) out.append('?').append(query);
        if (r[4] != null) out.append('#').append(r[4]);
        return out.toString();
    }

    /** RFC 3986 appendix B: scheme, authority, path, query, fragment; null for an absent part (the path is never null). */
    private static String[] split(String s) {
        String scheme = null;
        int i = 0;
        int colon = s.indexOf(':');
        if (colon > 0 && isScheme(s.substring(0, colon))) {
            scheme = s.substring(0, colon);
            i = colon + 1;
        }
        String authority = null;
        if (s.startsWith("//", i)) {
            int end = indexOfAny(s, "/?#", i + 2);
            authority = s.substring(i + 2, end);
            i = end;
        }
        int q = indexOfAny(s, "?#", i);
        String path = s.substring(i, q);
        String query = null;
        int hash = s.indexOf('#', q);
        if (q < s.length() && s.charAt(q) == '?') query = s.substring(q + 1, hash < 0 ? s.length() : hash);
        String fragment = hash < 0 ? null : s.substring(hash + 1);
        return new String[] {scheme, authority, path, query, fragment};
    }

    private static boolean isScheme(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** RFC 3986 5.2.3. */
    private static String merge(String baseAuthority, String basePath, String relative) {
        if (baseAuthority != null && basePath.isEmpty()) return "/" + relative;
        int slash = basePath.lastIndexOf('/');
        return basePath.substring(0, slash + 1) + relative;
    }

    /** RFC 3986 5.2.4: "." and ".." segments removed; a ".." never climbs above the root. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                dropLastSegment(out);
            } else if (in.equals("/..")) {
                in = "/";
                dropLastSegment(out);
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.charAt(0) == '/' ? 1 : 0);
                if (next < 0) next = in.length();
                out.append(in, 0, next);
                in = in.substring(next);
            }
        }
        return out.toString();
    }

    private static void dropLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }

    /**
     * WinHttpCrackUrl. ICU_ESCAPE escapes path and extra info, ICU_ESCAPE_AUTHORITY user, password
     * and host; a component not escaped is decoded under ICU_DECODE. ICU_REJECT_USERPWD refuses
     * a URL with a user part; ICU_INCLUDE_DEFAULT_PORT changes nothing (the port is always given).
     */
    public static UrlComponents crack(String url, int flags) {
        if ((flags & ~CRACK_FLAGS) != 0) throw invalidParameter("crackUrl: unknown flags 0x" + Integer.toHexString(flags));
        UrlComponents p = parse(url);
        if ((flags & ICU_REJECT_USERPWD) != 0 && p.userName() != null) {
            throw invalidUrl("a user name or password, and ICU_REJECT_USERPWD");
        }
        boolean decode = (flags & ICU_DECODE) != 0;
        boolean escapeAuthority = (flags & ICU_ESCAPE_AUTHORITY) != 0;
        boolean escapePath = (flags & ICU_ESCAPE) != 0;
        String host = escapeAuthority && isLiteral(p.hostName()) ? p.hostName()
                : escapeOrDecode(p.hostName(), escapeAuthority, AUTHORITY_DELIMITERS, decode, "host name");
        return new UrlComponents(p.scheme(), host, p.port(),
                escapeOrDecode(p.userName(), escapeAuthority, AUTHORITY_DELIMITERS, decode, "user name"),
                escapeOrDecode(p.password(), escapeAuthority, AUTHORITY_DELIMITERS, decode, "password"),
                escapeOrDecode(p.urlPath(), escapePath, "", decode, "path"),
                escapeOrDecode(p.extraInfo(), escapePath, "", decode, "extra info"));
    }

    /**
     * WinHttpCreateUrl. Scheme 0 means http; a {@code null} host leaves the authority empty;
     * the port is written when it is not the scheme's default (always, with
     * ICU_INCLUDE_DEFAULT_PORT); a non-empty path that does not start with '/' gets one after
     * a host. Components are written as given, except that what cannot be in a URL (controls,
     * lone surrogates) is refused unless the flag for that component escapes it.
     */
    public static String create(UrlComponents c, int flags) {
        if (c == null) throw invalidParameter("createUrl: null components");
        if ((flags & ~CREATE_FLAGS) != 0) throw invalidParameter("createUrl: unknown flags 0x" + Integer.toHexString(flags));
        int scheme = c.scheme() == 0 ? INTERNET_SCHEME_HTTP : c.scheme();
        if (scheme != INTERNET_SCHEME_HTTP && scheme != INTERNET_SCHEME_HTTPS) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME,
                    "createUrl: scheme " + c.scheme() + " is neither INTERNET_SCHEME_HTTP nor INTERNET_SCHEME_HTTPS");
        }
        if (c.userName() == null && c.password() != null) throw invalidParameter("createUrl: a password without a user name");
        if ((flags & ICU_REJECT_USERPWD) != 0 && c.userName() != null) {
            throw invalidUrl("createUrl", "a user name or password, and ICU_REJECT_USERPWD");
        }
        if (c.port() < 0 || c.port() > 0xFFFF) throw invalidParameter("createUrl: port " + c.port() + " is out of range");
        boolean escapeAuthority = (flags & ICU_ESCAPE_AUTHORITY) != 0;
        boolean escapePath = (flags & ICU_ESCAPE) != 0;
        String user = written(c.userName(), escapeAuthority, AUTHORITY_DELIMITERS, "user name");
        String password = written(c.password(), escapeAuthority, AUTHORITY_DELIMITERS, "password");
        String host = c.hostName() == null ? null
                : escapeAuthority && !isLiteral(c.hostName()) ? escape(c.hostName(), AUTHORITY_DELIMITERS, "createUrl: the host name")
                : written(c.hostName(), false, "", "host name");
        String path = written(c.urlPath(), escapePath, "", "path");
        String extra = written(c.extraInfo(), escapePath, "", "extra info");

        boolean secure = scheme == INTERNET_SCHEME_HTTPS;
        StringBuilder out = new StringBuilder(secure ? "https://" : "http://");
        if (user != null) {
            out.append(user);
            if (password != null) out.append(':').append(password);
            out.append('@');
        }
        if (host != null) {
            out.append(ServerName.authority(host, c.port(), secure));
            if ((flags & ICU_INCLUDE_DEFAULT_PORT) != 0 && c.port() == defaultPort(scheme)) out.append(':').append(c.port());
            if (path != null && !path.isEmpty() && path.charAt(0) != '/') out.append('/');
        }
        if (path != null) out.append(path);
        if (extra != null) out.append(extra);
        return out.toString();
    }

    // ---- escaping --------------------------------------------------------------------------------

    /**
     * Windows' ICU_ESCAPE rule: controls, space, {@code "#%<>[\]^`{|}~} and 0x7F-0xFF become
     * %XX of their code; a character above U+00FF cannot be escaped (ERROR_INVALID_PARAMETER,
     * as on a Windows whose code page is not UTF-8). '%' is escaped too, so escaping is not
     * idempotent.
     */
    static String escape(String s, String alsoUnsafe, String what) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch > 0xFF) {
                throw invalidParameter(what + " has U+" + hex4(ch) + " at " + i + ", above U+00FF: it cannot be escaped");
            }
            boolean unsafe = ch < 0x20 || ch >= 0x7F || UNSAFE.indexOf(ch) >= 0 || alsoUnsafe.indexOf(ch) >= 0;
            if (unsafe && out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (unsafe) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(ch >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(ch & 0xF, 16)));
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? s : out.toString();
    }

    /** ICU_DECODE: each %XX (two hex digits) becomes the character with that code; other '%' stay. */
    static String decode(String s) {
        int first = s.indexOf('%');
        if (first < 0) return s;
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            int hi = ch == '%' && i + 2 < s.length() ? hexDigit(s.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hexDigit(s.charAt(i + 2)) : -1;
            if (lo >= 0) {
                out.append((char) (hi << 4 | lo));
                i += 2;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static String escapeOrDecode(String s, boolean escape, String alsoUnsafe, boolean decode, String what) {
        if (s == null) return null;
        return escape ? escape(s, alsoUnsafe, "crackUrl: the " + what) : decode ? decode(s) : s;
    }

    /** A component as createUrl writes it: escaped when its flag says so, otherwise checked. */
    private static String written(String s, boolean escape, String alsoUnsafe, String what) {
        if (s == null) return null;
        if (escape) return escape(s, alsoUnsafe, "createUrl: the " + what);
        checkCharacters(s, WinHttpError.ERROR_INVALID_PARAMETER, "createUrl: the " + what);
        return s;
    }

    // ---- pieces ----------------------------------------------------------------------------------

    /**
     * No control character (C0, DEL, C1: a raw CR or LF would split a request line) and no
     * unpaired surrogate (it has no UTF-8 form) anywhere.
     */
    private static void checkCharacters(String s, WinHttpError error, String what) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isISOControl(ch)) {
                throw new WinHttpException(error, what + " has control character U+" + hex4(ch) + " at " + i);
            }
            if (Character.isSurrogate(ch)) {
                if (!pairedSurrogateAt(s, i)) throw new WinHttpException(error, what + " has an unpaired surrogate U+" + hex4(ch) + " at " + i);
                i++;
            }
        }
    }

    /** s[i] starts a surrogate pair: the one test for "has a UTF-8 form" (here and PathEscaper). */
    static boolean pairedSurrogateAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static int port(String text) {
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') throw invalidUrl("port \"" + shorten(text) + "\" is not a number");
            port = port * 10 + (ch - '0');
            if (port > 0xFFFF) throw invalidUrl("port " + shorten(text) + " is above 65535");
        }
        return port;
    }

    static int defaultPort(int scheme) {
        return scheme == INTERNET_SCHEME_HTTPS ? INTERNET_DEFAULT_HTTPS_PORT : INTERNET_DEFAULT_HTTP_PORT;
    }

    /** An IPv6 literal (the engine's connect and Host header write it in brackets): left out of authority escaping. */
    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.indexOf(':') >= 0;
    }

    /** RFC 4291 text form, with an optional zone ("%25eth0" as RFC 6874 writes it, or "%eth0"). */
    static boolean isIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone + 1 == s.length()) return false;
            for (int i = zone + 1; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (!(ch < 0x80 && (Character.isLetterOrDigit(ch) || "-._~%".indexOf(ch) >= 0))) return false;
            }
            s = s.substring(0, zone);
        }
        return ServerName.isIpv6(s); // the one address rule; a zone is this parser's only addition
    }

    private static int hexDigit(char ch) {
        return ch < 0x80 ? Character.digit(ch, 16) : -1;
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) return i;
        }
        return s.length();
    }

    private static String hex4(char ch) {
        return String.format("%04X", (int) ch);
    }

    /** Messages quote input, but never megabytes of it. */
    private static String shorten(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static WinHttpException invalidUrl(String why) {
        return invalidUrl("crackUrl", why);
    }

    private static WinHttpException invalidUrl(String api, String why) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_URL, api + ": " + why);
    }

    private static WinHttpException invalidParameter(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }
}
