package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The one header model of the engine, for request and response headers alike: an ordered list
 * that keeps duplicates apart, matches names case-insensitively, and applies WinHTTP's
 * add/replace/coalesce modifiers. Immutable; every change returns a new list.
 */
public final class HeaderList {
    public static final HeaderList EMPTY = new HeaderList(List.of());

    private final List<Header> headers;

    private HeaderList(List<Header> headers) {
        this.headers = headers;
    }

    public static HeaderList of(List<Header> headers) {
        return headers.isEmpty() ? EMPTY : new HeaderList(List.copyOf(headers));
    }

    public List<Header> all() { return headers; }
    public boolean isEmpty() { return headers.isEmpty(); }

    /** The value of the index-th header with this name, or null. */
    public String get(String name, int index) {
        int seen = 0;
        for (Header h : headers) {
            if (h.is(name) && seen++ == index) return h.value();
        }
        return null;
    }

    public boolean has(String name) { return get(name, 0) != null; }

    /** True if a comma-separated header such as Connection carries this token. */
    public boolean hasToken(String name, String token) {
        for (Header h : headers) {
            if (!h.is(name)) continue;
            for (String part : h.value().split(",")) {
                if (part.trim().equalsIgnoreCase(token)) return true;
            }
        }
        return false;
    }

    /** The one "is this body chunked" rule: Transfer-Encoding carries the chunked token. */
    public boolean chunked() {
        return hasToken("Transfer-Encoding", "chunked");
    }

    public HeaderList add(String name, String value) {
        List<Header> copy = new ArrayList<>(headers.size() + 1);
        copy.addAll(headers);
        copy.add(new Header(name, value));
        return new HeaderList(Collections.unmodifiableList(copy));
    }

    /** Every header of that name removed (case-insensitive). */
    public HeaderList without(String name) {
        if (!has(name)) return this;
        List<Header> kept = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (!h.is(name)) kept.add(h);
        }
        return of(kept);
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
            List<Header> copy = new ArrayList<>(headers);
            if (first >= 0) copy.remove(first);
            if (!h.value().isEmpty()) copy.add(h);
            return of(copy);
        }
        String separator = (flags & WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON) != 0 ? "; "
                : (flags & WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA) != 0 ? ", " : null;
        if (separator != null && first >= 0) {
            List<Header> copy = new ArrayList<>(headers);
            Header old = copy.get(first);
            copy.set(first, new Header(old.name(), old.value() + separator + h.value()));
            return of(copy);
        }
        return add(h.name(), h.value());
    }

    private int indexOf(String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).is(name)) return i;
        }
        return -1;
    }

    /** "first line CRLF (Name: value CRLF)* CRLF", as RAW_HEADERS_CRLF reports it. */
    public String renderCrlf(String firstLine) {
        StringBuilder sb = new StringBuilder(firstLine.length() + headers.size() * 32);
        sb.append(firstLine).append("\r\n");
        for (Header h : headers) sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        return sb.append("\r\n").toString();
    }

    /** The same lines each ended by NUL, then one more NUL: RAW_HEADERS' double-NUL list. */
    public String renderNul(String firstLine) {
        StringBuilder sb = new StringBuilder();
        sb.append(firstLine).append('\0');
        for (Header h : headers) sb.append(h.name()).append(": ").append(h.value()).append('\0');
        return sb.append('\0').toString();
    }

    /** Bytes these headers take on the wire, for the REQUEST_SENT / RESPONSE_RECEIVED counts. */
    public int wireSize() {
        int n = 2;
        for (Header h : headers) n += h.name().length() + h.value().length() + 4;
        return n;
    }

    @Override
    public String toString() { return headers.toString(); }
}
