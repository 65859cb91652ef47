package io.winhttp4j.engine.xhr;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The response stream of one sent request: the body bytes received and not read yet, in
 * arrival order. The exchange appends on its serial queue; the application reads from any
 * thread. Read bytes are dropped at once, so an application that reads in onDataAvailable keeps
 * memory bounded.
 *
 * <p>It never blocks: with nothing buffered, {@code read} returns -1 at once, even when more
 * bytes may still come (they are announced by the next onDataAvailable). A blocking read inside
 * onDataAvailable would wait for bytes that only arrive after that callback returns.
 */
final class ResponseStream extends InputStream {
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    /** Read position in the first chunk. */
    private int offset;
    private long buffered;

    synchronized void append(byte[] chunk) {
        if (chunk.length == 0) return;
        chunks.addLast(chunk);
        buffered += chunk.length;
    }

    @Override
    public synchronized int read() {
        byte[] first = chunks.peekFirst();
        if (first == null) return -1;
        int b = first[offset++] & 0xFF;
        consumed(first, 1);
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (chunks.isEmpty()) return -1;
        int done = 0;
        while (done < len && !chunks.isEmpty()) {
            byte[] first = chunks.peekFirst();
            int n = Math.min(len - done, first.length - offset);
            System.arraycopy(first, offset, b, off + done, n);
            offset += n;
            done += n;
            consumed(first, n);
        }
        return done;
    }

    @Override
    public synchronized long skip(long n) {
        long done = 0;
        while (done < n && !chunks.isEmpty()) {
            byte[] first = chunks.peekFirst();
            int step = (int) Math.min(n - done, first.length - offset);
            offset += step;
            done += step;
            consumed(first, step);
        }
        return done;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(buffered, Integer.MAX_VALUE);
    }

    private void consumed(byte[] first, int n) {
        buffered -= n;
        if (offset == first.length) {
            chunks.pollFirst();
            offset = 0;
        }
    }
}
