package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits the header text a caller passes to addRequestHeaders or sendRequest into headers.
 * Lines may end in CRLF, LF, CR or runs of them; blank lines are skipped. Each line's name and
 * value must pass {@link WireText} (ERROR_WINHTTP_INVALID_HEADER otherwise), and then the
 * caller's own check (what the transport can carry), so no API can put a CR, LF or any other
 * byte outside the rule into a header on the wire.
 */
public final class HeaderParser {
    private HeaderParser() {}

    /** The headers before the first bad line, and that line's error (null if none). */
    public record Parsed(List<Header> headers, WinHttpException failure) {}

    /** As addRequestHeaders parses: lines before a bad one still count (CONFORMANCE 4.1). */
    public static Parsed parseLeniently(String text, Consumer<Header> check) {
        List<Header> out = new ArrayList<>();
        try {
            forEachLine(text, line -> out.add(line(line, check)));
        } catch (WinHttpException e) {
            return new Parsed(out, e);
        }
        return new Parsed(out, out.isEmpty() ? noHeader(text) : null);
    }

    /** As sendRequest parses: any bad line refuses the whole text. */
    public static List<Header> parse(String text, Consumer<Header> check) {
        List<Header> out = new ArrayList<>();
        forEachLine(text, line -> out.add(line(line, check)));
        if (out.isEmpty()) throw noHeader(text);
        return out;
    }

    private static void forEachLine(String text, Consumer<String> each) {
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
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "no header in \"" + WireText.shown(text) + "\"");
    }

    private static Header line(String line, Consumer<Header> check) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                    "not a header line: \"" + WireText.shown(line) + "\"");
        }
        int v = colon + 1;
        while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) v++;
        Header h = WireText.header(line.substring(0, colon), line.substring(v));
        check.accept(h);
        return h;
    }
}
