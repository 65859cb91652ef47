package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_READ_COMPLETE;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Memory stays bounded both ways: a 1 GiB upload read from a generated stream chunk by chunk, a
 * 100 MiB download read in onDataAvailable. "Retained" is the heap in use after a full
 * collection, sampled along the way; holding the body anywhere would show as hundreds of MiB.
 */
class XhrBackPressureTest extends EngineTestBase {
    static final long MiB = 1 << 20;
    /** Far below either body; generous for what the engine, Pekko and the test itself keep. */
    static final long RETAINED_LIMIT = 64 * MiB;

    @Test
    void aGibibyteUploadsWithBoundedMemory() throws Exception {
        long size = 1024 * MiB;
        List<Long> retained = Collections.synchronizedList(new ArrayList<>());
        long baseline = Heap.retained();
        PatternStream body = new PatternStream(size, 128 * MiB, pos -> retained.add(Heap.retained()));
        long t0 = System.nanoTime();
        Recorder r = XhrTest.run(winHttp.createXmlHttpRequest2(), "POST", server.url("/upload"), body, size);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        r.assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), r.events.toString());
        assertEquals(Long.toString(size), r.bodyText(), "the server counted every byte");
        assertEquals(8, retained.size(), retained.toString());
        long worst = Collections.max(retained) - baseline;
        assertTrue(worst < RETAINED_LIMIT, "retained " + worst / MiB + " MiB over the baseline during the upload: " + retained);
        System.out.println("1 GiB upload through the XHR: " + ms + " ms, worst retained growth " + worst / MiB + " MiB");
    }

    @Test
    void aHundredMebibyteBodyFlowsThroughOnDataAvailableWithBoundedMemory() throws Exception {
        long size = 100 * MiB;
        AtomicLong seen = new AtomicLong();
        AtomicLong mismatch = new AtomicLong(-1);
        List<Long> retained = Collections.synchronizedList(new ArrayList<>());
        byte[] buffer = new byte[64 * 1024];
        Recorder r = new Recorder();
        r.readData = false;
        r.hook = (event, request, stream) -> {
            if (stream == null) return;
            int n;
            while ((n = stream.read(buffer, 0, buffer.length)) > 0) {
                long at = seen.getAndAdd(n);
                long bad = LocalHttpServer.firstPatternMismatch(buffer, 0, n, at);
                if (bad >= 0) mismatch.compareAndSet(-1, bad);
                if ((at + n) / (25 * MiB) != at / (25 * MiB)) retained.add(Heap.retained());
            }
        };
        long baseline = Heap.retained();
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        xhr.open("GET", server.url("/bytes?n=" + size), r, null, null, null, null);
        xhr.send(null, 0);
        r.await().assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
        assertEquals(size, seen.get());
        assertEquals(-1, mismatch.get(), "first wrong byte");
        assertEquals(4, retained.size(), retained.toString());
        long worst = Collections.max(retained) - baseline;
        assertTrue(worst < RETAINED_LIMIT, "retained " + worst / MiB + " MiB over the baseline during the download: " + retained);
    }

    /**
     * While onDataAvailable runs nothing more is received: no read is in flight, so no
     * READ_COMPLETE reaches the XHR during a slow callback, the stream it leaves unread does not
     * grow under it, and each callback finds at most one read's worth of new bytes.
     */
    @Test
    void receivingWaitsWhileOnDataAvailableRuns() throws Exception {
        int size = 2 * 1024 * 1024;
        Recording recording = new Recording(winHttp);
        List<Integer> available = Collections.synchronizedList(new ArrayList<>());
        List<String> duringCallback = Collections.synchronizedList(new ArrayList<>());
        Recorder r = new Recorder();
        r.readData = false; // read nothing early
        r.hook = (event, request, stream) -> {
            if (!event.equals("data")) return;
            int before = stream.available();
            available.add(before);
            if (available.size() <= 3) {
                int reads = recording.delivered(WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
                Thread.sleep(150); // a window in which a receiver that did not wait would complete a read
                if (recording.delivered(WINHTTP_CALLBACK_STATUS_READ_COMPLETE) != reads) duringCallback.add("a READ_COMPLETE");
                if (stream.available() != before) duringCallback.add(before + " -> " + stream.available() + " bytes");
            }
        };
        XmlHttpRequest2 xhr = Xhr.create(recording.winHttp);
        xhr.open("GET", server.url("/bytes?n=" + size), r, null, null, null, null);
        xhr.send(null, 0);
        r.await().assertClean();
        assertTrue(duringCallback.isEmpty(), "received while onDataAvailable ran: " + duringCallback);
        int previous = 0;
        for (int a : available) {
            assertTrue(a > previous && a - previous <= Exchange.READ_BUFFER, "from " + previous + " to " + a);
            previous = a;
        }
        assertEquals(size, previous, "the last onDataAvailable saw the whole body, unread");
    }
}
