package io.winhttp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String OUTPUT = String.join("\n",
            "Running 3s test @ http://127.0.0.1:8080/small",
            "  2 threads and 64 connections",
            "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
            "    Latency   812.33us  402.10us  12.01ms   91.20%",
            "    Req/Sec    39.91k     2.10k   44.02k    70.00%",
            "  Latency Distribution",
            "     50%  735.00us",
            "     75%    0.92ms",
            "     90%    1.20ms",
            "     99%    2.50ms",
            "  238301 requests in 3.00s, 19.32MB read",
            "  Socket errors: connect 0, read 3, write 0, timeout 1",
            "  Non-2xx or 3xx responses: 2",
            "Requests/sec:  79433.67",
            "Transfer/sec:      6.44MB",
            "");

    @Test
    void readsRateTransferPercentilesAndErrors() {
        Wrk.Figure figure = Wrk.parse("get", 64, OUTPUT);
        assertEquals(79433.67, figure.requestsPerSecond(), 1e-6);
        assertEquals(6.44 * 1024 * 1024, figure.bytesPerSecond(), 1);
        assertEquals(735_000, figure.p50Nanos());
        assertEquals(2_500_000, figure.p99Nanos());
        assertEquals(6, figure.errors());
        assertEquals(64, figure.connections());
    }

    @Test
    void missingFiguresAreMinusOne() {
        Wrk.Figure figure = Wrk.parse("get", 1, "unable to connect to 127.0.0.1:1 Connection refused");
        assertEquals(-1, figure.requestsPerSecond());
        assertEquals(-1, figure.p50Nanos());
        assertEquals(0, figure.errors());
    }
}
