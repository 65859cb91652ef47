package io.winhttp4j.engine.transport.http1;

/** Byte classes of RFC 9110 for reading a response, as table look-ups. */
final class Chars {
    private Chars() {}

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = 0x21; c < 0x7f; c++) TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** A tchar: what a header name is made of. */
    static boolean isToken(byte b) {
        return TOKEN[b & 0xff];
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
