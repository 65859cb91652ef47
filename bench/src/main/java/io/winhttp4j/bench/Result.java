package io.winhttp4j.bench;

import org.HdrHistogram.Histogram;

/**
 * One client's figures for one workload, summed over its rounds (peak and live growth: the
 * largest of the rounds). Latencies in nanoseconds; {@code bytes} are body bytes moved;
 * {@code liveGrowthBytes} is -1 when no GC ran during any of the rounds.
 */
record Result(String workload, int inFlight, String client,
              long requests, long failures, long bytes, long elapsedNanos, Histogram latency,
              long allocatedBytes, long peakHeapBytes, long liveGrowthBytes, String firstError) {

    static Result of(String workload, int inFlight, String client, LoadDriver.Outcome outcome, MemoryProbe.Sample memory) {
        Histogram latency = new Histogram(LoadDriver.HIGHEST_LATENCY_NANOS, 3);
        latency.add(outcome.latency());
        return new Result(workload, inFlight, client, outcome.completed(), outcome.failed(), outcome.bytes(),
                outcome.elapsedNanos(), latency, memory.allocatedBytes(), memory.peakHeapBytes(),
                memory.liveGrowthBytes(), outcome.firstError());
    }

    /** This round and another round of the same client and workload. */
    Result plus(Result other) {
        Histogram merged = latency.copy();
        merged.add(other.latency);
        return new Result(workload, inFlight, client, requests + other.requests, failures + other.failures,
                bytes + other.bytes, elapsedNanos + other.elapsedNanos, merged,
                allocatedBytes + other.allocatedBytes, Math.max(peakHeapBytes, other.peakHeapBytes),
                Math.max(liveGrowthBytes, other.liveGrowthBytes), firstError != null ? firstError : other.firstError);
    }

    double requestsPerSecond() {
        return elapsedNanos == 0 ? 0 : requests * 1e9 / elapsedNanos;
    }

    double bytesPerSecond() {
        return elapsedNanos == 0 ? 0 : bytes * 1e9 / elapsedNanos;
    }

    long allocatedPerRequest() {
        return requests == 0 ? -1 : allocatedBytes / requests;
    }

    /** Latency at a percentile (e.g. 99.9), in nanoseconds; -1 when nothing completed. */
    long latencyAt(double percentile) {
        return latency.getTotalCount() == 0 ? -1 : latency.getValueAtPercentile(percentile);
    }
}
