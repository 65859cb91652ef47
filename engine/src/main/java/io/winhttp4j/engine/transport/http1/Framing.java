package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.ResponseHead;

/**
 * How a response body is delimited (RFC 9112 6.3), decided once from the request's verb and the
 * final head.
 *
 * @param kind     the delimiting rule
 * @param length   the body's length for {@link Kind#LENGTH}, else -1
 * @param reusable whether, framing-wise, the connection can carry another exchange once this body
 *                 has been read to its end (the head's Connection rules come on top)
 */
public record Framing(Kind kind, long length, boolean reusable) {

    public enum Kind {
        /** No body: HEAD, 1xx, 204, 304. */
        NONE,
        /** Content-Length bytes. */
        LENGTH,
        /** Transfer-Encoding ending in chunked. */
        CHUNKED,
        /** Up to the end of the connection. */
        UNTIL_CLOSE,
        /** 101, or 2xx to CONNECT: the connection leaves HTTP. */
        TUNNEL
    }

    static final Framing NONE = new Framing(Kind.NONE, -1, true);
    static final Framing CHUNKED = new Framing(Kind.CHUNKED, -1, true);
    /** Chunked, but with a sign of request smuggling or an HTTP/1.0 peer: never reused. */
    static final Framing CHUNKED_ONCE = new Framing(Kind.CHUNKED, -1, false);
    static final Framing UNTIL_CLOSE = new Framing(Kind.UNTIL_CLOSE, -1, false);
    static final Framing TUNNEL = new Framing(Kind.TUNNEL, -1, false);

    public boolean hasBody() {
        return kind == Kind.LENGTH ? length > 0 : kind == Kind.CHUNKED || kind == Kind.UNTIL_CLOSE;
    }

    /**
     * RFC 9112 6.3 in its order. Content-Length values that differ, or one that is not a number,
     * make the response ERROR_WINHTTP_INVALID_SERVER_RESPONSE: reading either length could take
     * another response for this one's body.
     */
    static Framing of(String verb, ResponseHead head) {
        int status = head.status();
        if (status == 101 || (status / 100 == 2 && "CONNECT".equals(verb))) return TUNNEL;
        if ("HEAD".equals(verb) || status / 100 == 1 || status == 204 || status == 304) return NONE;
        String lastCoding = null;
        boolean hasLength = false;
        for (int i = 0; i < head.headers().size(); i++) {
            Header h = head.headers().at(i);
            if (h.is("Transfer-Encoding")) lastCoding = lastCoding(h.value(), lastCoding);
            else if (h.is("Content-Length")) hasLength = true;
        }
        if (lastCoding != null) {
            if (!lastCoding.equalsIgnoreCase("chunked")) return UNTIL_CLOSE;
            // RFC 9112 6.1/6.3: with a Content-Length too, or from an HTTP/1.0 server, the framing
            // is suspect; decode the chunks, then close rather than trust what follows.
            return hasLength || head.version().equals("HTTP/1.0") ? CHUNKED_ONCE : CHUNKED;
        }
        if (hasLength) return new Framing(Kind.LENGTH, contentLength(head), true);
        return UNTIL_CLOSE;
    }

    /** The last coding in a Transfer-Encoding value, or {@code previous} if the value lists none. */
    private static String lastCoding(String value, String previous) {
        int end = value.length();
        while (true) {
            int comma = value.lastIndexOf(',', end - 1);
            String coding = value.substring(comma + 1, end);
            int semi = coding.indexOf(';');
            coding = (semi >= 0 ? coding.substring(0, semi) : coding).trim();
            if (!coding.isEmpty()) return coding;
            if (comma < 0) return previous == null ? "" : previous;
            end = comma;
        }
    }

    /** The one length all Content-Length values (lines and comma-separated lists) agree on. */
    private static long contentLength(ResponseHead head) {
        long length = -1;
        for (int i = 0; i < head.headers().size(); i++) {
            Header h = head.headers().at(i);
            if (!h.is("Content-Length")) continue;
            String v = h.value();
            int from = 0;
            while (true) {
                int comma = v.indexOf(',', from);
                int to = comma < 0 ? v.length() : comma;
                long n = number(v, from, to);
                if (length >= 0 && n != length) throw Errors.invalid("Content-Length values differ: \"" + v + "\"");
                length = n;
                if (comma < 0) break;
                from = comma + 1;
            }
        }
        return length;
    }

    private static long number(String v, int from, int to) {
        while (from < to && isSpace(v.charAt(from))) from++;
        while (to > from && isSpace(v.charAt(to - 1))) to--;
        while (to - from > 1 && v.charAt(from) == '0') from++;
        // 18 digits cannot overflow a long
        if (from == to || to - from > 18) throw Errors.invalid("Content-Length is not a number: \"" + v + "\"");
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw Errors.invalid("Content-Length is not a number: \"" + v + "\"");
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
