package io.winhttp4j.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A WinHTTP proxy list (open's proxy name, WINHTTP_PROXY_INFO's lpszProxy): entries separated by
 * ';' or whitespace, each {@code [scheme=][http://]host[:port]}. An entry with "http=" or
 * "https=" serves only targets of that scheme; one without serves both. The port defaults to 80.
 * IPv6 literals go in brackets when a port follows ("[::1]:8080").
 *
 * <p>{@link #forScheme} picks one proxy: the first entry naming the target's scheme, else the
 * first entry naming none, else none (the request goes direct). The other entries are never
 * tried, not even when the chosen proxy cannot be reached (the send fails as for any server).
 * Anything else (an unknown scheme, a proxy spoken to over TLS, a host ServerName refuses, a
 * port outside 1-65535, an empty list) is refused with the reason, so open and setOption fail
 * with ERROR_INVALID_PARAMETER rather than a send going somewhere unexpected.
 */
public final class ProxyList {
    /** scheme: "http", "https", or null for an entry that serves both. */
    private record Entry(String scheme, ProxyServer proxy) {}

    private final List<Entry> entries;

    private ProxyList(List<Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalArgumentException with the reason, for a list that is not one */
    public static ProxyList parse(String list) {
        if (list == null) throw new IllegalArgumentException("no proxy list");
        List<Entry> entries = new ArrayList<>();
        for (String item : ListText.items(list)) entries.add(entry(item));
        if (entries.isEmpty()) throw new IllegalArgumentException("the proxy list \"" + WireText.shown(list) + "\" names no proxy");
        return new ProxyList(List.copyOf(entries));
    }

    /** The proxy for a target of this scheme, or null: direct. */
    public ProxyServer forScheme(boolean secure) {
        String scheme = secure ? "https" : "http";
        for (Entry e : entries) if (scheme.equals(e.scheme())) return e.proxy();
        for (Entry e : entries) if (e.scheme() == null) return e.proxy();
        return null;
    }

    private static Entry entry(String item) {
        String scheme = null;
        String rest = item;
        int eq = item.indexOf('=');
        if (eq >= 0) {
            scheme = item.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("the proxy entry \"" + WireText.shown(item)
                        + "\" is for a scheme other than http and https");
            }
            rest = item.substring(eq + 1);
        }
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            if (!rest.substring(0, sep).equalsIgnoreCase("http")) {
                throw new IllegalArgumentException("the proxy entry \"" + WireText.shown(item)
                        + "\": only a proxy spoken to in plain HTTP (http://) is supported");
            }
            rest = rest.substring(sep + 3);
        }
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1); // "http://proxy:8080/"
        return new Entry(scheme, proxy(item, rest));
    }

    private static ProxyServer proxy(String item, String hostPort) {
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) throw bad(item, "an IPv6 literal without its ']'");
            host = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw bad(item, "text after the IPv6 literal");
                port = after.substring(1);
            }
        } else {
            int colon = hostPort.indexOf(':');
            // one colon: host:port; more: a bare IPv6 literal, which then has no port
            if (colon >= 0 && colon == hostPort.lastIndexOf(':')) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        String kept;
        try {
            kept = ServerName.parse(host);
        } catch (RuntimeException e) {
            throw bad(item, "\"" + WireText.shown(host) + "\" is neither a host name nor an IP address");
        }
        return new ProxyServer(kept, port == null ? 80 : port(item, port));
    }

    private static int port(String item, String digits) {
        if (digits.isEmpty() || digits.length() > 5) throw bad(item, "the port is not a number from 1 to 65535");
        int p = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') throw bad(item, "the port is not a number from 1 to 65535");
            p = p * 10 + (c - '0');
        }
        if (p < 1 || p > 65535) throw bad(item, "the port is not a number from 1 to 65535");
        return p;
    }

    private static IllegalArgumentException bad(String item, String why) {
        return new IllegalArgumentException("the proxy entry \"" + WireText.shown(item) + "\": " + why);
    }

    @Override
    public String toString() { return "ProxyList" + entries; }
}
