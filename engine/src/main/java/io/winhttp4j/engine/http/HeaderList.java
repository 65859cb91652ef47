package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The one header model of the engine, for request and response headers alike: an ordered list
 * that keeps duplicates apart, matches names case-insensitively, and applies WinHTTP's
 * add/replace/coalesce modifiers. Immutable; every change returns a new list.
 * Kept as an array and a count, walked by index: a request reads its headers many times
 * (framing, defaults, rendering, cookies), and neither copies nor iterators are made for that.
 */
public final class HeaderList {
    public static final HeaderList EMPTY = new HeaderList(new Header[0], 0);

    /** The first {@code size} entries are the list; never changed once the list is made, never handed out. */
    private final Header[] headers;
    private final int size;
    /** all(), made when first asked for. */
    private List<Header> view;

    private HeaderList(Header[] headers, int size) {
        this.headers = headers;
        this.size = size;
    }

    private HeaderList(Header[] headers) {
        this(headers, headers.length);
    }

    public static HeaderList of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new HeaderList(headers.toArray(new Header[0]));
    }

    /**
     * The first {@code count} headers of an array the caller gives up: it must not change any
     * of it afterwards (the response decoder fills one array per head and hands it over).
     */
    public static HeaderList ofFirst(Header[] headers, int count) {
        return count == 0 ? EMPTY : new HeaderList(headers, count);
    }

    public List<Header> all() {
        List<Header> v = view;
        if (v == null) view = v = Collections.unmodifiableList(Arrays.asList(headers).subList(0, size)); // a benign race: equal views
        return v;
    }

    public boolean isEmpty() { return size == 0; }

    /** How many header lines there are. */
    public int size() { return size; }

    /** The i-th header line, in order. */
    public Header at(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return headers[i];
    }

    /** The value of the index-th header with this name, or null. */
    public String get(String name, int index) {
        int seen = 0;
        for (int i = 0; i < size; i++) {
            Header h = headers[i];
            if (h.is(name) && seen++ == index) return h.value();
        }
        return null;
    }

    public boolean has(String name) { return get(name, 0) != null; }

    /** True if a comma-separated header such as Connection carries this token. */
    public boolean hasToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            Header h = headers[i];
            if (h.is(name) && carries(h.value(), token)) return true;
        }
        return false;
    }

    /** Whether one of the comma-separated parts of value, trimmed, is token (any case). */
    static boolean carries(String value, String token) {
        int n = value.length();
        int from = 0;
        while (from <= n) {
            int comma = value.indexOf(',', from);
            int end = comma < 0 ? n : comma;
            int a = from;
            int b = end;
            while (a < b && value.charAt(a) <= ' ') a++; // what String.trim drops
            while (b > a && value.charAt(b - 1) <= ' ') b--;
            if (b - a == token.length() && value.regionMatches(true, a, token, 0, token.length())) return true;
            if (comma < 0) return false;
            from = comma + 1;
        }
        return false;
    }

    /** The one "is this body chunked" rule: Transfer-Encoding carries the chunked token. */
    public boolean chunked() {
        return hasToken("Transfer-Encoding", "chunked");
    }

    public HeaderList add(String name, String value) {
        Header[] copy = Arrays.copyOf(headers, size + 1);
        copy[size] = new Header(name, value);
        return new HeaderList(copy);
    }

    /** Every header of this name removed (what a decoded body no longer has). */
    public HeaderList without(String name) {
        if (!has(name)) return this;
        Header[] kept = new Header[size];
        int n = 0;
        for (int i = 0; i < size; i++) if (!headers[i].is(name)) kept[n++] = headers[i];
        return ofFirst(kept, n);
    }

    /** A run of additions to a copy of this list, in one array (the send-time defaults). */
    Additions additions(int atMost) {
        return new Additions(Arrays.copyOf(headers, size + atMost), size);
    }

    /** Headers added in place to a list being made; the list is made once, at the end. */
    static final class Additions {
        private Header[] headers;
        private int size;

        private Additions(Header[] headers, int size) {
            this.headers = headers;
            this.size = size;
        }

        boolean has(String name) {
            for (int i = 0; i < size; i++) if (headers[i].is(name)) return true;
            return false;
        }

        Additions add(String name, String value) {
            if (size == headers.length) headers = java.util.Arrays.copyOf(headers, size + 4); // more than the room asked for
            headers[size++] = new Header(name, value);
            return this;
        }

        /** As {@link HeaderList#addIfAbsent}. */
        Additions addIfAbsent(String name, String value) {
            return has(name) ? this : add(name, value);
        }

        /** The list; nothing may be added afterwards (the array is the list's). */
        HeaderList done() {
            return ofFirst(headers, size);
        }
    }

    /** Adds unless a header of that name exists already (no error: used for defaults). */
    public HeaderList addIfAbsent(String name, String value) {
        return has(name) ? this : add(name, value);
    }

    /**
     * Applies one header with WinHttpAddRequestHeaders' modifier bits (CONFORMANCE 4.2). The
     * index bits of the modifier are ignored, as in Wine.
     */
    public HeaderList apply(Header h, int modifiers) {
        int flags = modifiers & WINHTTP_ADDREQ_FLAGS_MASK;
        boolean add = (flags & WINHTTP_ADDREQ_FLAG_ADD) != 0;
        int first = indexOf(h.name());
        if ((flags & WINHTTP_ADDREQ_FLAG_ADD_IF_NEW) != 0) {
            if (first >= 0) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_HEADER_ALREADY_EXISTS, h.name() + " is already set");
            }
            return add(h.name(), h.value());
        }
        if ((flags & WINHTTP_ADDREQ_FLAG_REPLACE) != 0) {
            if (first < 0 && !add) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, h.name() + " is not set");
            }
            Header[] copy = new Header[size + 1];
            int n = 0;
            for (int i = 0; i < size; i++) if (i != first) copy[n++] = headers[i];
            if (!h.value().isEmpty()) copy[n++] = h;
            return ofFirst(copy, n);
        }
        String separator = (flags & WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON) != 0 ? "; "
                : (flags & WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA) != 0 ? ", " : null;
        if (separator != null && first >= 0) {
            Header[] copy = Arrays.copyOf(headers, size);
            Header old = copy[first];
            copy[first] = new Header(old.name(), old.value() + separator + h.value());
            return new HeaderList(copy);
        }
        return add(h.name(), h.value());
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (headers[i].is(name)) return i;
        }
        return -1;
    }

    /** "first line CRLF (Name: value CRLF)* CRLF", as RAW_HEADERS_CRLF reports it. */
    public String renderCrlf(String firstLine) {
        StringBuilder sb = new StringBuilder(firstLine.length() + size * 32);
        sb.append(firstLine).append("\r\n");
        for (int i = 0; i < size; i++) sb.append(headers[i].name()).append(": ").append(headers[i].value()).append("\r\n");
        return sb.append("\r\n").toString();
    }

    /** The same lines each ended by NUL, then one more NUL: RAW_HEADERS' double-NUL list. */
    public String renderNul(String firstLine) {
        StringBuilder sb = new StringBuilder();
        sb.append(firstLine).append('\0');
        for (int i = 0; i < size; i++) sb.append(headers[i].name()).append(": ").append(headers[i].value()).append('\0');
        return sb.append('\0').toString();
    }

    /** Bytes these headers take on the wire, for the REQUEST_SENT / RESPONSE_RECEIVED counts. */
    public int wireSize() {
        int n = 2;
        for (int i = 0; i < size; i++) n += headers[i].name().length() + headers[i].value().length() + 4;
        return n;
    }

    @Override
    public String toString() { return all().toString(); }
}
