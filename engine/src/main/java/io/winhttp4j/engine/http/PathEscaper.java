package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.nio.charset.StandardCharsets;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Turns an object name into the request target WinHTTP sends (CONFORMANCE 5.9): UTF-8, with the
 * characters that cannot appear raw percent-encoded, depending on the open-request flags. The
 * result passes {@link WireText#requestTarget}: a name that cannot be encoded (a lone surrogate)
 * or that ESCAPE_DISABLE would send with a raw control character or DEL is refused with
 * ERROR_INVALID_PARAMETER.
 */
public final class PathEscaper {
    private static final String UNSAFE = "\"#<>[\\]^`{|}";

    private PathEscaper() {}

    /**
     * True for an absolute URL, which goes out as the request target as it is (absolute-form):
     * "http://" or "https://" (any case) and then an authority. "httpfoo" is a path.
     */
    public static boolean isAbsoluteUrl(String objectName) {
        int rest = objectName.regionMatches(true, 0, "http://", 0, 7) ? 7
                : objectName.regionMatches(true, 0, "https://", 0, 8) ? 8 : -1;
        if (rest < 0 || rest == objectName.length()) return false;
        char first = objectName.charAt(rest);
        return first != '/' && first != '?' && first != '#';
    }

    public static String escape(String objectName, int flags) {
        String path = objectName == null || objectName.isEmpty() ? "/"
                : objectName.charAt(0) == '/' || isAbsoluteUrl(objectName) ? objectName : "/" + objectName;
        boolean disable = (flags & WINHTTP_FLAG_ESCAPE_DISABLE) != 0;
        boolean disableQuery = (flags & WINHTTP_FLAG_ESCAPE_DISABLE_QUERY) != 0;
        boolean percent = (flags & WINHTTP_FLAG_ESCAPE_PERCENT) != 0;
        int query = path.indexOf('?');
        StringBuilder out = new StringBuilder(path.length() + 16);
        byte[] bytes = utf8(path);
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
        return WireText.requestTarget(out.toString());
    }

    /** The path's UTF-8 bytes; a lone surrogate has none and is refused (looked for first: getBytes would replace it). */
    private static byte[] utf8(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Urls.pairedSurrogateAt(path, i)) {
                i++;
                continue;
            }
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                    "openRequest: the object name \"" + WireText.shown(path) + "\" has no UTF-8 form (a lone surrogate)");
        }
        return path.getBytes(StandardCharsets.UTF_8);
    }

    private static void hex(StringBuilder out, int b) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
    }
}
