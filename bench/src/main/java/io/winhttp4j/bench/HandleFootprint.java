package io.winhttp4j.bench;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;

/**
 * Heap per open, idle request handle: open {@code count} request handles with openRequest (never
 * sent), measure the live heap after full GCs, close them all, and check that the live heap comes
 * back near where it started. Runs in its own engine, before any load, so the heap is quiet.
 */
final class HandleFootprint {

    /** Heap figures in bytes. {@code returned}: the heap came back within the tolerance after closing. */
    record Figures(int handles, long baselineBytes, long openBytes, long closedBytes, boolean returned) {

        long bytesPerHandle() {
            return (openBytes - baselineBytes) / handles;
        }

        long residualBytes() {
            return closedBytes - baselineBytes;
        }
    }

    private static final int WARM_UP_HANDLES = 2_000;
    private static final long TOLERANCE_FLOOR = 4L << 20; // 4 MiB of noise from the rest of the JVM
    private static final long SETTLE_MILLIS = 10_000;

    private HandleFootprint() {
    }

    static Figures measure(int count, String host, int port) {
        try (WinHttp winHttp = WinHttpEngine.create()) {
            HInternet session = winHttp.open(WinHttpClient.USER_AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet connect = winHttp.connect(session, host, port);
            HInternet[] handles = new HInternet[Math.max(count, WARM_UP_HANDLES)]; // allocated before the baseline
            openAll(winHttp, connect, handles, WARM_UP_HANDLES); // first use: classes, JIT, lazy engine state
            closeAll(winHttp, handles, WARM_UP_HANDLES);

            long baseline = MemoryProbe.settledHeap();
            openAll(winHttp, connect, handles, count);
            long open = MemoryProbe.settledHeap();
            closeAll(winHttp, handles, count);

            // closing is asynchronous inside the engine (actors stop after the call returns): wait for it
            long tolerance = Math.max(TOLERANCE_FLOOR, (open - baseline) / 20);
            long closed = MemoryProbe.settledHeap();
            for (long waitUntil = System.currentTimeMillis() + SETTLE_MILLIS;
                 closed - baseline > tolerance && System.currentTimeMillis() < waitUntil; ) {
                closed = MemoryProbe.settledHeap();
            }
            winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
            return new Figures(count, baseline, open, closed, closed - baseline <= tolerance);
        }
    }

    private static void openAll(WinHttp winHttp, HInternet connect, HInternet[] handles, int count) {
        for (int i = 0; i < count; i++) {
            handles[i] = winHttp.openRequest(connect, "GET", "/small", null, null, null, 0);
        }
    }

    private static void closeAll(WinHttp winHttp, HInternet[] handles, int count) {
        for (int i = 0; i < count; i++) {
            winHttp.closeHandle(handles[i]);
            handles[i] = null;
        }
    }
}
