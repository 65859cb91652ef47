package io.winhttp4j.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request head exactly as a {@link io.winhttp4j.engine.testkit.RawServer} read it, split into
 * its request line and header lines. Names compare case-insensitively; the order of the lines is
 * Pekko's, so tests assert presence, absence and values only.
 */
final class WireHead {
    final String raw;
    final String requestLine;
    /** {name, value} per header line, value without the leading blanks. */
    final List<String[]> headers = new ArrayList<>();
    /** The header lines as they arrived (without their CRLF). */
    final List<String> lines = new ArrayList<>();

    private WireHead(String raw) {
        this.raw = raw;
        assertTrue(raw.endsWith("\r\n\r\n"), "a request head ends with an empty line: " + raw);
        String[] split = raw.substring(0, raw.length() - 4).split("\r\n", -1);
        requestLine = split[0];
        for (int i = 1; i < split.length; i++) {
            String line = split[i];
            lines.add(line);
            int colon = line.indexOf(':');
            assertTrue(colon > 0, "header line without a name: \"" + line + "\" in " + raw);
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).stripLeading()});
        }
    }

    static WireHead of(String raw) {
        return new WireHead(raw);
    }

    /** The value of the first header of that name, or null. */
    String value(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) return h[1];
        }
        return null;
    }

    List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
        }
        return out;
    }

    boolean has(String name) {
        return value(name) != null;
    }

    List<String> namesLowerCase() {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) out.add(h[0].toLowerCase(Locale.ROOT));
        return out;
    }

    /** No line of the head carries a CR or LF of its own: every line break is a CRLF pair. */
    void assertNoBareCrOrLf() {
        assertFalse(requestLine.indexOf('\r') >= 0 || requestLine.indexOf('\n') >= 0, "bare CR/LF in " + requestLine);
        for (String line : lines) {
            assertFalse(line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0,
                    "bare CR/LF inside the header line \"" + line.replace("\r", "\\r").replace("\n", "\\n") + "\"");
        }
    }

    /**
     * The head as a whole obeys the wire-text rule: lines end in CRLF and hold no other control
     * byte (HTAB only inside a header value) and no DEL; the request line is visible ASCII and two
     * single spaces; header names are tokens; bytes above 0x7F appear only in header values
     * (ISO-8859-1 text). Independent of the engine's own WireText, so it can catch it out.
     */
    static void assertWithinTheRule(String raw) {
        assertTrue(raw.endsWith("\r\n\r\n"), "a request head ends with an empty line: " + shown(raw));
        String[] lines = raw.substring(0, raw.length() - 4).split("\r\n", -1);
        String[] line = lines[0].split(" ", -1);
        assertTrue(line.length == 3 && !line[0].isEmpty() && !line[1].isEmpty(), "request line " + shown(lines[0]));
        for (char c : lines[0].toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7f, "byte 0x" + Integer.toHexString(c) + " in the request line " + shown(lines[0]));
        }
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            int colon = l.indexOf(':');
            assertTrue(colon > 0, "header line without a name: " + shown(l));
            for (char c : l.substring(0, colon).toCharArray()) {
                assertTrue(c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0,
                        "byte 0x" + Integer.toHexString(c) + " in the header name of " + shown(l));
            }
            for (char c : l.substring(colon + 1).toCharArray()) {
                assertTrue(c <= 0xFF && (c == '\t' || (c >= 0x20 && c != 0x7f)),
                        "byte 0x" + Integer.toHexString(c) + " in the header value of " + shown(l));
            }
        }
    }

    /** Controls and non-ASCII written as \\uXXXX, for messages; long text cut. */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 300); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04X", (int) c)); else sb.append(c);
        }
        if (s.length() > 300) sb.append("... (").append(s.length()).append(" chars)");
        return sb.toString();
    }

    @Override
    public String toString() {
        return raw.replace("\r\n", "\\r\\n\n");
    }
}
