package io.winhttp4j.engine.transport.http1;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Decoding a typical small response allocates little, and nothing per byte: a large body in one
 * buffer costs what a small one does. Measured with the JVM's per-thread allocation counter after
 * a warm-up, as an average over many responses.
 */
class AllocationTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\nServer: test\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nCache-Control: no-cache\r\n";
    private static final Consumer<ResponsePart> DROP = p -> { };

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** Bytes allocated per decode of {@code response}, averaged after a warm-up. */
    private static long perResponse(com.sun.management.ThreadMXBean t, ByteString response) {
        for (int i = 0; i < 20_000; i++) decode(response);
        long id = Thread.currentThread().getId();
        int n = 20_000;
        long before = t.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) decode(response);
        return (t.getThreadAllocatedBytes(id) - before) / n;
    }

    private static void decode(ByteString response) {
        ResponseDecoder d = new ResponseDecoder("GET", Limits.DEFAULT);
        d.feed(response, DROP);
        if (!d.complete()) throw new AssertionError("not complete");
    }

    @Test
    void aSmallResponseAllocatesLittleAndNothingPerByte() {
        com.sun.management.ThreadMXBean t = threads();
        assumeTrue(t != null, "this JVM does not count allocations per thread");
        ByteString small = Decoding.bytes(HEAD + "Content-Length: 5\r\n\r\nhello");
        String big = "x".repeat(1 << 20);
        ByteString large = Decoding.bytes(HEAD + "Content-Length: " + big.length() + "\r\n\r\n" + big);
        ByteString chunked = Decoding.bytes(HEAD + "Transfer-Encoding: chunked\r\n\r\n100000\r\n" + big + "\r\n0\r\n\r\n");
        long perSmall = perResponse(t, small);
        long perLarge = perResponse(t, large);
        long perChunked = perResponse(t, chunked);
        String seen = "small " + perSmall + " B, 1 MiB body " + perLarge + " B, 1 MiB chunk " + perChunked + " B per response";
        // about 1.8 KiB on HotSpot 17 with compressed oops: the decoder and its 256-byte line buffer,
        // six headers' strings and records, the head, the parts; the bound leaves room for other layouts
        assertTrue(perSmall < 3072, seen);
        assertTrue(Math.abs(perLarge - perSmall) < 200, "the body's size must not matter: " + seen);
        assertTrue(perChunked - perSmall < 300, "nor in chunks: " + seen);
    }
}
