package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.HeaderList;

import java.nio.ByteBuffer;

/**
 * Reads the heads of one exchange (interim ones, then the final one) and the trailer section of a
 * chunked body, line by line, against one byte budget: every byte of every head and of the
 * trailers counts against MAX_RESPONSE_HEADER_SIZE, so a server cannot make the exchange hold
 * more than that however many heads it sends.
 */
final class HeadReader {
    private final LineReader line;
    private final FieldLines fields;
    private final int limit;
    /** Bytes of all heads and trailers so far. */
    private int spent;
    /** {@code spent} when the current section began. */
    private int start;
    /** The current head's status line; null while it is still being read (or for trailers). */
    private StatusLine status;
    private boolean trailers;
    private boolean complete;

    /** With a connection's line reader, lent to this response. */
    HeadReader(Limits limits, LineReader line) {
        this.line = line.lend();
        this.limit = limits.maxHeaderBytes();
        this.fields = new FieldLines(limits.maxHeaderCount());
    }

    /** Begins the next head: a status line, field lines, an empty line. */
    void startHead() {
        start = spent;
        status = null;
        trailers = false;
        complete = false;
    }

    /** Begins a trailer section: field lines and an empty line, no status line. */
    void startTrailers() {
        start = spent;
        trailers = true;
        complete = false;
        fields.begin(true);
    }

    /** Takes input until the section is complete or the input runs out; returns where it stopped. */
    int take(ByteBuffer in, int pos, int end) {
        while (pos < end && !complete) {
            pos = line.take(in, pos, end, limit - spent);
            if (!line.complete()) {
                // refused as soon as it cannot be a status line, before any limit, so that the
                // error does not depend on how the bytes were split
                if (!trailers && status == null && !StatusLine.canStart(line.bytes(), line.gathered())) {
                    throw StatusLine.notAStatusLine(line.bytes(), line.gathered());
                }
                if (line.overflowed()) throw Errors.headerTooLarge(limit);
                break;
            }
            spent += line.taken();
            byte[] b = line.bytes();
            int len = line.length();
            if (!trailers && status == null) {
                status = StatusLine.parse(b, len);
                fields.begin(!isInterim());
            } else if (len == 0) {
                complete = true;
            } else {
                fields.add(b, len);
            }
        }
        return pos;
    }

    boolean complete() { return complete; }

    /** True for a 1xx head other than 101: WinHTTP reports its status and reads on. */
    boolean isInterim() {
        return status.status() / 100 == 1 && status.status() != 101;
    }

    StatusLine status() { return status; }

    /** The headers of the section just completed. */
    HeaderList headers() { return fields.end(); }

    /** Bytes of the section just completed, as received. */
    int size() { return spent - start; }

    int capacity() { return line.capacity(); }
}
