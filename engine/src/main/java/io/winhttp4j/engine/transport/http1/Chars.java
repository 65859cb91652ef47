package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.WireText;

/** Byte classes of RFC 9110 for reading a response, as table look-ups. */
final class Chars {
    private Chars() {}

    /** A tchar: what a header name is made of (WireText's one rule, for a byte). */
    static boolean isToken(byte b) {
        return WireText.isTokenChar((char) (b & 0xff));
    }

    /** A control character other than HTAB: never part of a field value or reason phrase. */
    static boolean isControl(byte b) {
        int c = b & 0xff;
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    /** Whitespace inside a line (RFC 9110 OWS). */
    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }
}
