package io.winhttp4j.bench;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reusable 64 KiB read buffers for the winhttp4j clients, so that neither a thread nor an
 * exchange owns a buffer while it is not reading (10,000 exchanges in flight would otherwise hold
 * 640 MiB of buffers). A buffer is taken when body bytes are about to be read and given back when
 * the exchange ends; at most {@code MAX_KEPT} idle buffers are kept.
 */
final class BufferPool {

    static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_KEPT = 512;

    private final ArrayBlockingQueue<byte[]> idle = new ArrayBlockingQueue<>(MAX_KEPT);

    byte[] take() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[BUFFER_SIZE];
    }

    void give(byte[] buffer) {
        if (buffer != null) {
            idle.offer(buffer); // dropped when the pool is full
        }
    }
}
