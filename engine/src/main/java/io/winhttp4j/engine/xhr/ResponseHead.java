package io.winhttp4j.engine.xhr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status and headers of a response, taken once from WINHTTP_QUERY_RAW_HEADERS_CRLF when
 * HEADERS_AVAILABLE arrives, so the getters keep working after the request handle is closed.
 */
record ResponseHead(int status, String statusText, String allHeaders, List<ResponseHead.Field> fields) {

    record Field(String name, String value) {}

    /** {@code raw}: the status line, "Name: value" lines, an empty line, each ended by CRLF. */
    static ResponseHead of(int status, String statusText, String raw) {
        int firstEnd = raw.indexOf("\r\n");
        String lines = firstEnd < 0 ? "" : raw.substring(firstEnd + 2);
        if (lines.endsWith("\r\n")) lines = lines.substring(0, lines.length() - 2); // the empty line
        List<Field> fields = new ArrayList<>();
        for (String line : lines.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            fields.add(new Field(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        return new ResponseHead(status, statusText, lines, List.copyOf(fields));
    }

    /** The values of every header of that name (case-insensitive), joined by ", "; null if none. */
    String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder sb = null;
        for (Field f : fields) {
            if (!f.name().toLowerCase(Locale.ROOT).equals(lower)) continue;
            if (sb == null) sb = new StringBuilder(f.value());
            else sb.append(", ").append(f.value());
        }
        return sb == null ? null : sb.toString();
    }
}
