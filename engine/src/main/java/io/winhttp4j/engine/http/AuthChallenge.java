package io.winhttp4j.engine.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a WWW-Authenticate or Proxy-Authenticate header (RFC 9110 section 11.6.1):
 * the scheme as the server spelled it, then either a token68 or auth-params.
 *
 * <p>{@link #parse} reads a header value with the RFC's grammar: several challenges in one
 * value, separated by commas as auth-params are; quoted strings with backslash escapes; empty
 * list elements skipped. The server is not trusted: a challenge that breaks the grammar (an
 * unterminated quote, a control character, a parameter without a value, the same parameter
 * twice) is dropped whole, because half of a challenge could make us answer something the server
 * did not ask, and parsing resumes at the next comma outside a quoted string. It never throws, it
 * runs in one pass, and what it returns is never larger than its input.
 *
 * @param scheme  the scheme name as sent (compare with {@link #is})
 * @param token68 the token68 form's value, or null
 * @param params  the auth-params, names in lower case, values unquoted, in the server's order
 */
record AuthChallenge(String scheme, String token68, Map<String, String> params) {

    boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** A parameter's value (the name in lower case), or null. */
    String param(String name) {
        return params.get(name);
    }

    /** Every challenge of every header with this name, in the server's order. */
    static List<AuthChallenge> of(HeaderList headers, String headerName) {
        List<AuthChallenge> all = new ArrayList<>();
        for (Header h : headers.all()) {
            if (h.is(headerName)) all.addAll(parse(h.value()));
        }
        return all;
    }

    /** The challenges of one header value; malformed ones left out (see the class comment). */
    static List<AuthChallenge> parse(String value) {
        return new Parser(value).challenges();
    }

    @Override
    public String toString() {
        // Challenges carry nothing secret, but nonces need not fill logs either.
        return "AuthChallenge[" + scheme + (token68 != null ? " <token68>" : " " + params.keySet()) + "]";
    }

    private static final class Parser {
        private final String s;
        private int pos;
        private final List<AuthChallenge> out = new ArrayList<>();

        // The challenge being read; null between challenges.
        private String scheme;
        private String token68;
        private Map<String, String> params;
        private boolean broken;

        Parser(String s) {
            this.s = s;
        }

        List<AuthChallenge> challenges() {
            while (true) {
                skipListSeparators();
                if (atEnd()) break;
                if (scheme != null && looksLikeParam()) {
                    // Another auth-param of the challenge being read (or after a token68: an error).
                    if (token68 != null) broken = true;
                    if (!param()) recover();
                    continue;
                }
                finish();
                startChallenge();
            }
            finish();
            return out;
        }

        /** Reads "scheme [1*SP (token68 / auth-param)]" up to the next list separator. */
        private void startChallenge() {
            int start = pos;
            while (!atEnd() && WireText.isTokenChar(s.charAt(pos))) pos++;
            // A nameless element still opens a (broken) challenge, so that the parameters after it are dropped with it.
            scheme = s.substring(start, pos);
            token68 = null;
            params = new LinkedHashMap<>();
            broken = false;
            if (pos == start) {
                recover();
                return;
            }
            int spaces = skipBlanks();
            if (atEnd() || s.charAt(pos) == ',') return;
            if (spaces == 0) {
                broken = true;
                recover();
                return;
            }
            if (!tryToken68() && !param()) recover();
        }

        /** A token68 stands alone: its characters, optional '=' padding, then the end or a comma. */
        private boolean tryToken68() {
            int start = pos;
            int p = pos;
            while (p < s.length() && isToken68Char(s.charAt(p))) p++;
            if (p == start) return false;
            while (p < s.length() && s.charAt(p) == '=') p++;
            int end = p;
            while (p < s.length() && isBlank(s.charAt(p))) p++;
            if (p < s.length() && s.charAt(p) != ',') return false;
            token68 = s.substring(start, end);
            pos = p;
            return true;
        }

        /** token BWS "=" BWS (token / quoted-string); false (and the challenge broken) if not. */
        private boolean param() {
            int start = pos;
            while (!atEnd() && WireText.isTokenChar(s.charAt(pos))) pos++;
            if (pos == start) return fail();
            String name = s.substring(start, pos).toLowerCase(Locale.ROOT);
            skipBlanks();
            if (atEnd() || s.charAt(pos) != '=') return fail();
            pos++;
            skipBlanks();
            String value;
            if (!atEnd() && s.charAt(pos) == '"') {
                value = quoted();
                if (value == null) return fail();
            } else {
                int v = pos;
                while (!atEnd() && WireText.isTokenChar(s.charAt(pos))) pos++;
                if (pos == v) return fail();
                value = s.substring(v, pos);
            }
            skipBlanks();
            if (!atEnd() && s.charAt(pos) != ',') return fail();
            if (params.putIfAbsent(name, value) != null) broken = true; // a repeated name is ambiguous
            return true;
        }

        /**
         * A quoted-string starting at the quote; its unescaped content, or null if malformed. A bad
         * character does not stop the scan before the closing quote, so recovery starts outside the string.
         */
        private String quoted() {
            StringBuilder b = new StringBuilder();
            boolean bad = false;
            pos++;
            while (!atEnd()) {
                char c = s.charAt(pos++);
                if (c == '"') return bad ? null : b.toString();
                if (c == '\\') {
                    if (atEnd()) return null;
                    c = s.charAt(pos++);
                    if (!isQuotedPairChar(c)) bad = true;
                    else b.append(c);
                } else if (isQdText(c)) {
                    b.append(c);
                } else {
                    bad = true;
                }
            }
            return null;
        }

        /** After "name =": is the element at pos an auth-param rather than a new challenge? */
        private boolean looksLikeParam() {
            int p = pos;
            while (p < s.length() && WireText.isTokenChar(s.charAt(p))) p++;
            if (p == pos) return false;
            while (p < s.length() && isBlank(s.charAt(p))) p++;
            return p < s.length() && s.charAt(p) == '=';
        }

        private boolean fail() {
            broken = true;
            return false;
        }

        /** Skips to the next comma that is not inside a quoted string (or the end). */
        private void recover() {
            broken = true;
            boolean inQuote = false;
            while (!atEnd()) {
                char c = s.charAt(pos);
                if (inQuote) {
                    if (c == '\\') pos++;
                    else if (c == '"') inQuote = false;
                } else if (c == '"') {
                    inQuote = true;
                } else if (c == ',') {
                    return;
                }
                pos++;
            }
            pos = s.length();
        }

        private void finish() {
            if (scheme != null && !broken) {
                out.add(new AuthChallenge(scheme, token68, Collections.unmodifiableMap(params)));
            }
            scheme = null;
            token68 = null;
            params = null;
            broken = false;
        }

        private void skipListSeparators() {
            while (!atEnd() && (s.charAt(pos) == ',' || isBlank(s.charAt(pos)))) pos++;
        }

        private int skipBlanks() {
            int start = pos;
            while (!atEnd() && isBlank(s.charAt(pos))) pos++;
            return pos - start;
        }

        private boolean atEnd() {
            return pos >= s.length();
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    /** qdtext: HTAB, SP, visible ASCII but '"' and '\', obs-text (U+0080-U+00FF). */
    private static boolean isQdText(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e)
                || (c >= 0x80 && c <= 0xff);
    }

    /** What may follow a backslash in a quoted-string: HTAB, SP, VCHAR, obs-text. */
    private static boolean isQuotedPairChar(char c) {
        return c == '\t' || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff);
    }
}
