package io.winhttp4j.engine.xhr;

/** Retained heap, roughly: what is still in use after a full collection. */
final class Heap {
    private Heap() {}

    static long retained() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) { // twice: the first collection may leave finalizable garbage behind
            System.gc();
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
