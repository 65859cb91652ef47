package io.winhttp4j.engine.transport.ws;

import java.nio.ByteBuffer;

/**
 * Checks that bytes are well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF), fed in any number of runs: a code point may be split between runs, so
 * a text message is checked frame by frame and piece by piece without being gathered.
 *
 * <p>The state between runs is how many continuation bytes the current code point still needs
 * and the range the next one must fall in (only the second byte of a sequence has a narrower
 * range than 80-BF, which is what rules out overlongs, surrogates and values past U+10FFFF).
 */
final class Utf8Validator {
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int needed;
    private int low = 0x80;
    private int high = 0xBF;

    /**
     * Checks {@code in[from, to)} (absolute indices) after everything checked before.
     *
     * @return the index of the first byte that cannot continue valid UTF-8, or -1; after a
     *         non-negative answer the validator must be {@link #reset()} before further use
     */
    int scan(ByteBuffer in, int from, int to) {
        int i = from;
        while (i < to) {
            if (needed == 0) {
                // ASCII runs are the common case: skip them eight bytes at a time
                while (i + 8 <= to && (in.getLong(i) & HIGH_BITS) == 0) i += 8;
                if (i == to) break;
                int b = in.get(i) & 0xFF;
                if (b < 0x80) {
                    i++;
                    continue;
                }
                if (!lead(b)) return i;
            } else {
                int b = in.get(i) & 0xFF;
                if (b < low || b > high) return i;
                needed--;
                low = 0x80;
                high = 0xBF;
            }
            i++;
        }
        return -1;
    }

    /** True when the bytes checked so far end on a code point boundary. */
    boolean complete() {
        return needed == 0;
    }

    void reset() {
        needed = 0;
        low = 0x80;
        high = 0xBF;
    }

    /** Sets up the continuation for a lead byte; false when {@code b} cannot start a code point. */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b == 0xE0) {
            needed = 2;
            low = 0xA0; // below: overlong (fits in two bytes)
        } else if (b == 0xED) {
            needed = 2;
            high = 0x9F; // above: U+D800-DFFF, the surrogates
        } else if (b >= 0xE1 && b <= 0xEF) {
            needed = 2;
        } else if (b == 0xF0) {
            needed = 3;
            low = 0x90; // below: overlong (fits in three bytes)
        } else if (b >= 0xF1 && b <= 0xF3) {
            needed = 3;
        } else if (b == 0xF4) {
            needed = 3;
            high = 0x8F; // above: past U+10FFFF
        } else {
            return false; // a continuation byte, C0/C1 (always overlong) or F5-FF
        }
        return true;
    }
}
