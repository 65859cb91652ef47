package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The server name a connect handle was given, and the authority ("host" or "host:port") built
 * from it: the one rule for the Host header and for WINHTTP_OPTION_URL.
 *
 * <p>A server name is a host name (labels of ASCII letters, digits, '-' and '_', 1 to 63
 * characters each, separated by dots, at most 255 characters, one trailing dot allowed), an IPv4
 * literal (which that already covers), or an IPv6 literal with or without brackets. Anything else
 * would build a broken Host header or URL ("user@host", "host/path", "host:port", a space, a
 * scheme) and is refused by connect with ERROR_INVALID_PARAMETER; a well-formed name that does not
 * resolve still fails at send with ERROR_WINHTTP_NAME_NOT_RESOLVED, as on Windows. IPv6 literals
 * are kept in brackets, the form the Host header, the URL and Pekko HTTP's URI model all use.
 */
public final class ServerName {
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;

    private ServerName() {}

    /** The name as the engine keeps it: as given, IPv6 literals in brackets. */
    public static String parse(String name) {
        if (name == null || name.isEmpty()) throw invalid("connect: no server name");
        boolean bracketed = name.length() > 2 && name.charAt(0) == '[' && name.charAt(name.length() - 1) == ']';
        String bare = bracketed ? name.substring(1, name.length() - 1) : name;
        if (bare.indexOf(':') >= 0) {
            if (!isIpv6(bare)) throw invalid("connect: \"" + WireText.shown(name) + "\" is not an IPv6 address");
            return "[" + bare + "]";
        }
        if (bracketed || !isHostName(name)) {
            throw invalid("connect: \"" + WireText.shown(name) + "\" is neither a host name nor an IP address");
        }
        return name;
    }

    /** The port a request goes to: INTERNET_DEFAULT_PORT means the scheme's own. */
    public static int port(int port, boolean secure) {
        if (port != INTERNET_DEFAULT_PORT) return port;
        return secure ? INTERNET_DEFAULT_HTTPS_PORT : INTERNET_DEFAULT_HTTP_PORT;
    }

    /** "host", or "host:port" when the port is not the scheme's default; IPv6 literals in brackets. */
    public static String authority(String host, int port, boolean secure) {
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == port(INTERNET_DEFAULT_PORT, secure) ? name : name + ":" + port;
    }

    /** "http://authority" or "https://authority". */
    public static String origin(String host, int port, boolean secure) {
        return (secure ? "https://" : "http://") + authority(host, port, secure);
    }

    static boolean isHostName(String name) {
        int n = name.length();
        if (n > MAX_NAME) return false;
        int end = name.charAt(n - 1) == '.' ? n - 1 : n; // one trailing dot: a fully qualified name
        int label = 0;
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0) return false;
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                if (++label > MAX_LABEL) return false;
            } else {
                return false;
            }
        }
        return label > 0;
    }

    /** RFC 4291 text form: eight groups of 1-4 hex digits, "::" once for a run of zero groups, an IPv4 tail. No zone. */
    static boolean isIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return false;
        int groups;
        if (gap < 0) {
            groups = groups(s, true);
            return groups == 8;
        }
        String head = s.substring(0, gap);
        String tail = s.substring(gap + 2);
        int h = head.isEmpty() ? 0 : groups(head, false);
        int t = tail.isEmpty() ? 0 : groups(tail, true);
        return h >= 0 && t >= 0 && h + t <= 7;
    }

    /** The number of 16-bit groups in a ':'-separated run (an IPv4 tail counts two), or -1 if malformed. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) return -1;
                groups += 2;
            } else if (isHexGroup(p)) {
                groups++;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String p) {
        if (p.isEmpty() || p.length() > 4) return false;
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), 16) < 0 || p.charAt(i) > 0x7f) return false;
        }
        return true;
    }

    /** Four dot-separated decimal octets of one to three digits, each at most 255 (asked per request: no split). */
    static boolean isIpv4(String p) {
        int octets = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= p.length(); i++) {
            char c = i < p.length() ? p.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255 || ++octets > 4) return false;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                if (++digits > 3) return false;
                value = value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    private static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }
}
