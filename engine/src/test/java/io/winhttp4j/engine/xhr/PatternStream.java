package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.LocalHttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * A request body made up as it is read: {@code size} bytes of {@link LocalHttpServer#patternByte},
 * nothing kept, so a test can upload a gigabyte without holding one. Notes the threads it is read
 * on; {@code progress} is told the position every {@code every} bytes.
 */
class PatternStream extends InputStream {
    private static final byte[] PERIOD = new byte[251];

    static {
        for (int k = 0; k < PERIOD.length; k++) PERIOD[k] = LocalHttpServer.patternByte(k);
    }

    final Set<String> readers = ConcurrentHashMap.newKeySet();
    private final long size;
    private final long every;
    private final LongConsumer progress;
    private long pos;
    private long nextReport;
    volatile IOException failAt;
    volatile long failPos = -1;

    PatternStream(long size) {
        this(size, Long.MAX_VALUE, p -> { });
    }

    PatternStream(long size, long every, LongConsumer progress) {
        this.size = size;
        this.every = every;
        this.progress = progress;
        this.nextReport = every;
    }

    long position() {
        return pos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readers.add(Thread.currentThread().getName());
        if (failPos >= 0 && pos >= failPos) throw failAt;
        if (pos >= size) return -1;
        int n = (int) Math.min(len, size - pos);
        for (int done = 0; done < n; ) { // copied from one period of the pattern: a gigabyte must be cheap to make
            int start = (int) ((pos + done) % PERIOD.length);
            int step = Math.min(n - done, PERIOD.length - start);
            System.arraycopy(PERIOD, start, b, off + done, step);
            done += step;
        }
        pos += n;
        if (pos >= nextReport) {
            nextReport += every;
            progress.accept(pos);
        }
        return n;
    }
}
