package io.winhttp4j.engine.transport.http1;

import java.nio.charset.StandardCharsets;

/**
 * A status line read with Windows' tolerance (CONFORMANCE 4.4): any run of spaces between its
 * parts, and no reason phrase at all (then the reason is ""). The reason is kept as sent.
 *
 * @param text the line as sent, without its line end
 */
record StatusLine(String version, int status, String reason, String text) {
    private static final byte[] PREFIX = {'H', 'T', 'T', 'P', '/'};

    /**
     * False once the first bytes of a line cannot begin a status line, so a server that answers
     * with something else is refused without waiting for its line to end.
     */
    static boolean canStart(byte[] b, int len) {
        for (int i = 0; i < Math.min(len, PREFIX.length); i++) {
            if (b[i] != PREFIX[i]) return false;
        }
        return true;
    }

    /** "HTTP/1.x", spaces, three digits, then nothing or spaces and the reason. */
    static StatusLine parse(byte[] b, int len) {
        if (len < 12 || !canStart(b, len) || b[5] != '1' || b[6] != '.' || !digit(b[7]) || b[8] != ' ') {
            throw notAStatusLine(b, len);
        }
        int i = 8;
        while (i < len && b[i] == ' ') i++;
        if (len - i < 3 || !digit(b[i]) || !digit(b[i + 1]) || !digit(b[i + 2])) throw notAStatusLine(b, len);
        int status = (b[i] - '0') * 100 + (b[i + 1] - '0') * 10 + (b[i + 2] - '0');
        if (status < 100) throw notAStatusLine(b, len);
        i += 3;
        if (i < len && b[i] != ' ') throw notAStatusLine(b, len);
        while (i < len && b[i] == ' ') i++;
        for (int k = i; k < len; k++) {
            if (Chars.isControl(b[k])) throw Errors.invalid("control character in the status line " + Errors.quote(b, len));
        }
        String text = new String(b, 0, len, StandardCharsets.ISO_8859_1);
        String reason = len - i == 2 && b[i] == 'O' && b[i + 1] == 'K' ? "OK" : text.substring(i); // the usual one: no copy
        return new StatusLine(version(b[7]), status, reason, text);
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The two versions servers send come as constants; no string per response. */
    private static String version(byte minor) {
        return switch (minor) {
            case '1' -> "HTTP/1.1";
            case '0' -> "HTTP/1.0";
            default -> "HTTP/1." + (char) minor;
        };
    }

    static io.winhttp4j.WinHttpException notAStatusLine(byte[] b, int len) {
        return Errors.invalid("the reply does not start with a status line: " + Errors.quote(b, len));
    }
}
