package io.winhttp4j.engine.transport.http1;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Gathers one line of a head or of a trailer section, however many input buffers it spans,
 * within an allowance of bytes so that a line without an end cannot grow without bound. One
 * buffer serves every line of a response; a connection keeps one and lends it to each response
 * read off it in turn (they come one after the other), so a response costs no line buffer.
 */
public final class LineReader {
    /** What a reader starts with, and goes back to when lent after a long line made it grow. */
    private static final int INITIAL = 256;
    private static final int KEPT = 1024;

    private byte[] line = new byte[INITIAL];
    /** Bytes gathered, the LF excluded. */
    private int length;
    /** Bytes of the input this line took, its LF included. */
    private int taken;
    private boolean complete;
    private boolean overflowed;

    /**
     * Takes input up to and including the next LF, at most {@code allowance} bytes for the whole
     * line; returns the position after what it took. When the line cannot end within the
     * allowance it takes what fits and reports {@link #overflowed()}.
     */
    int take(ByteBuffer in, int pos, int end, int allowance) {
        if (complete) clear();
        int room = Math.max(0, allowance - taken);
        int stop = (int) Math.min(end, (long) pos + room);
        int i = pos;
        while (i < stop && in.get(i) != '\n') i++;
        int n = i - pos;
        if (length + n > line.length) line = Arrays.copyOf(line, Math.max(length + n, Math.min(line.length * 2, allowance)));
        in.get(pos, line, length, n);
        length += n;
        complete = i < stop;
        overflowed = !complete && stop < end;
        int used = complete ? n + 1 : n;
        taken += used;
        return pos + used;
    }

    /** A connection's reader, for the next response read off it. */
    public LineReader() {}

    /** Ready for a new response: nothing gathered, and no more than a small buffer kept between responses. */
    LineReader lend() {
        clear();
        if (line.length > KEPT) line = new byte[INITIAL];
        return this;
    }

    /** The last take found more input than the allowance let the line have. */
    boolean overflowed() { return overflowed; }

    boolean complete() { return complete; }

    /** The line's bytes (valid up to {@link #length()}). */
    byte[] bytes() { return line; }

    /** The line's length without its end (LF, or CR LF). */
    int length() {
        return complete && length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    }

    /** Bytes so far, the line end included: what the line costs against the limit. */
    int taken() { return taken; }

    /** Bytes gathered so far, for the early check of a status line that has not ended yet. */
    int gathered() { return length; }

    void clear() {
        length = 0;
        taken = 0;
        complete = false;
        overflowed = false;
    }

    /** The memory this reader holds, for the test that it stays within the limit. */
    int capacity() { return line.length; }
}
