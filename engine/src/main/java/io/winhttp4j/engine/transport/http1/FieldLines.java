package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the field lines of a head or a trailer section into headers, names and values as sent, in
 * the server's order, with Windows' tolerance: spaces before the colon are dropped
 * ("Name  :  value" is "Name" = "value"). Counts the lines of the final head and its trailers
 * against one limit. The lines of interim heads are checked but not kept.
 */
final class FieldLines {
    private final int limit;
    private int count;
    /** The kept lines of the section, {@code size} of them; handed to the HeaderList at its end. */
    private Header[] section;
    private int size;
    private boolean keep;
    /** Whether the section has a line yet: an obs-fold continuation needs one to continue. */
    private boolean any;

    FieldLines(int limit) {
        this.limit = limit;
    }

    /** Starts a section; {@code keep} false for an interim head, whose headers WinHTTP drops. */
    void begin(boolean keep) {
        this.keep = keep;
        this.any = false;
        this.section = null;
        this.size = 0;
    }

    /** One line without its line end; not empty (the empty line ends the section). */
    void add(byte[] b, int len) {
        if (Chars.isSpace(b[0])) {
            continuation(b, len);
            return;
        }
        int colon = 0;
        while (colon < len && b[colon] != ':') colon++;
        if (colon == len) throw Errors.invalid("a header line without a colon: " + Errors.quote(b, len));
        int nameEnd = colon;
        while (nameEnd > 0 && Chars.isSpace(b[nameEnd - 1])) nameEnd--;
        if (nameEnd == 0) throw Errors.invalid("a header line without a name: " + Errors.quote(b, len));
        for (int i = 0; i < nameEnd; i++) {
            if (!Chars.isToken(b[i])) throw Errors.invalid("a bad header name: " + Errors.quote(b, len));
        }
        int from = colon + 1;
        int to = valueEnd(b, from, len);
        from = skipSpace(b, from, to);
        any = true;
        if (!keep) return;
        if (++count > limit) throw Errors.tooManyHeaders(limit);
        if (section == null) section = new Header[12];
        else if (size == section.length) section = Arrays.copyOf(section, size * 2);
        section[size++] = new Header(KnownNames.name(b, nameEnd), latin1(b, from, to - from));
    }

    /**
     * RFC 9112 5.2: a line starting with whitespace continues the previous value; a user agent
     * replaces the line break with a space.
     */
    private void continuation(byte[] b, int len) {
        if (!any) throw Errors.invalid("a header line starts with whitespace: " + Errors.quote(b, len));
        int to = valueEnd(b, 0, len);
        int from = skipSpace(b, 0, to);
        if (!keep || from == to) return;
        Header last = section[size - 1];
        String more = latin1(b, from, to - from);
        section[size - 1] = new Header(last.name(), last.value().isEmpty() ? more : last.value() + " " + more);
    }

    /** Checks the value's bytes and returns where it ends, trailing whitespace excluded (RFC 9112 5.1). */
    private static int valueEnd(byte[] b, int from, int len) {
        for (int i = from; i < len; i++) {
            if (Chars.isControl(b[i])) throw Errors.invalid("a control character in a header: " + Errors.quote(b, len));
        }
        int to = len;
        while (to > from && Chars.isSpace(b[to - 1])) to--;
        return to;
    }

    private static int skipSpace(byte[] b, int from, int to) {
        while (from < to && Chars.isSpace(b[from])) from++;
        return from;
    }

    /** The headers of the section just read; Latin-1 keeps every byte the server sent. */
    HeaderList end() {
        return section == null ? HeaderList.EMPTY : HeaderList.ofFirst(section, size);
    }

    private static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
