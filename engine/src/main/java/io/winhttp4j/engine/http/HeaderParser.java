package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the header text a caller passes to addRequestHeaders or sendRequest into headers.
 * Lines may end in CRLF, LF, CR or runs of them; blank lines are skipped. Because lines are
 * split on every CR and LF, and names are checked as tokens, no API can put a CR or LF inside
 * a header on the wire.
 */
public final class HeaderParser {
    private HeaderParser() {}

    /** The headers before the first bad line, and that line's error (null if none). */
    public record Parsed(List<Header> headers, WinHttpException failure) {}

    /** As addRequestHeaders parses: lines before a bad one still count (CONFORMANCE 4.1). */
    public static Parsed parseLeniently(String text) {
        List<Header> out = new ArrayList<>();
        try {
            forEachLine(text, line -> out.add(line(line)));
        } catch (WinHttpException e) {
            return new Parsed(out, e);
        }
        return new Parsed(out, out.isEmpty() ? noHeader(text) : null);
    }

    public static List<Header> parse(String text) {
        List<Header> out = new ArrayList<>();
        forEachLine(text, line -> out.add(line(line)));
        if (out.isEmpty()) throw noHeader(text);
        return out;
    }

    private static void forEachLine(String text, java.util.function.Consumer<String> each) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = i;
            while (end < n && text.charAt(end) != '\r' && text.charAt(end) != '\n') end++;
            if (end > i) each.accept(text.substring(i, end));
            i = end;
            while (i < n && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) i++;
        }
    }

    private static WinHttpException noHeader(String text) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "no header in \"" + text + "\"");
    }

    private static Header line(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "not a header line: \"" + line + "\"");
        }
        String name = line.substring(0, colon);
        if (!isToken(name)) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "bad header name: \"" + name + "\"");
        }
        int v = colon + 1;
        while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) v++;
        String value = line.substring(v);
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "control character in the value of " + name);
            }
        }
        return new Header(name, value);
    }

    /** RFC 9110 token: no separators, spaces or control characters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) return false;
        }
        return true;
    }
}
