package io.winhttp4j.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A WinHTTP proxy bypass list: the servers a request reaches directly although a proxy is named.
 * Entries are separated by ';' or whitespace: {@code <local>} matches every server name without a
 * dot (so also an IPv6 literal); any other entry is a server name in which '*' stands for any run
 * of characters ("*.example.com", "127.*", "*"), matched without regard to case against the name
 * the request was given (never its addresses: no lookup is made to decide). An entry with a
 * character a server name cannot hold (other than '*', the brackets and ':' of IPv6 literals) or
 * another {@code <...>} is refused with the reason.
 */
public final class ProxyBypass {
    public static final ProxyBypass NONE = new ProxyBypass(false, List.of());

    private final boolean local;
    private final List<String> patterns;

    private ProxyBypass(boolean local, List<String> patterns) {
        this.local = local;
        this.patterns = patterns;
    }

    /** null or an empty list: nothing is bypassed. @throws IllegalArgumentException with the reason */
    public static ProxyBypass parse(String list) {
        if (list == null) return NONE;
        boolean local = false;
        List<String> patterns = new ArrayList<>();
        for (String item : ListText.items(list)) {
            if (item.equalsIgnoreCase("<local>")) {
                local = true;
                continue;
            }
            for (int i = 0; i < item.length(); i++) {
                char c = item.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c == '.' || c == '*' || c == ':' || c == '[' || c == ']';
                if (!ok) {
                    throw new IllegalArgumentException("the bypass entry \"" + WireText.shown(item)
                            + "\" is neither <local> nor a server name (with '*' wildcards)");
                }
            }
            patterns.add(item.toLowerCase(Locale.ROOT));
        }
        return new ProxyBypass(local, List.copyOf(patterns));
    }

    /** True when a request to host goes direct. host: as ServerName keeps it (IPv6 in brackets). */
    public boolean bypasses(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (local && name.indexOf('.') < 0) return true;
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        for (String p : patterns) {
            if (matches(p, name) || matches(p, bare)) return true;
        }
        return false;
    }

    /** Glob match, '*' = any run (empty included); iterative, linear in practice. */
    static boolean matches(String pattern, String text) {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (p < pattern.length() && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    @Override
    public String toString() { return "ProxyBypass[" + (local ? "<local> " : "") + patterns + "]"; }
}
