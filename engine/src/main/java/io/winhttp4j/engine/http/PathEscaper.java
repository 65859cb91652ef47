package io.winhttp4j.engine.http;

import java.nio.charset.StandardCharsets;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Turns an object name into the request target WinHTTP sends (CONFORMANCE 5.9): UTF-8, with the
 * characters that cannot appear raw percent-encoded, depending on the open-request flags.
 */
public final class PathEscaper {
    private static final String UNSAFE = "\"#<>[\\]^`{|}";

    private PathEscaper() {}

    public static String escape(String objectName, int flags) {
        String path = objectName == null || objectName.isEmpty() ? "/"
                : objectName.charAt(0) == '/' || objectName.startsWith("http") ? objectName : "/" + objectName;
        boolean disable = (flags & WINHTTP_FLAG_ESCAPE_DISABLE) != 0;
        boolean disableQuery = (flags & WINHTTP_FLAG_ESCAPE_DISABLE_QUERY) != 0;
        boolean percent = (flags & WINHTTP_FLAG_ESCAPE_PERCENT) != 0;
        int query = path.indexOf('?');
        StringBuilder out = new StringBuilder(path.length() + 16);
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        int charIndex = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean inQuery = query >= 0 && charIndex >= query;
            boolean minimal = disable || (disableQuery && inQuery);
            if (b < 0x80) charIndex++;
            else if ((b & 0xC0) != 0x80) charIndex += (b >= 0xF0 ? 2 : 1);
            if (minimal) {
                if (b == '\r' || b == '\n') continue;
                if (b == ' ' || b >= 0x80) hex(out, b); else out.append((char) b);
            } else if (b <= 0x20 || b >= 0x7f || UNSAFE.indexOf(b) >= 0 || (percent && b == '%')) {
                hex(out, b);
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static void hex(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}
