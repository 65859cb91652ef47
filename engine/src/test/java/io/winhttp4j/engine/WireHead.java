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

    @Override
    public String toString() {
        return raw.replace("\r\n", "\\r\\n\n");
    }
}
