package io.winhttp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

    /** A result of {@code requests} exchanges in one second, every latency {@code latencyNanos}. */
    private static Result result(String workload, int inFlight, String client, long requests, long latencyNanos, long bytes) {
        Histogram latency = new Histogram(LoadDriver.HIGHEST_LATENCY_NANOS, 3);
        latency.recordValueWithCount(latencyNanos, requests);
        return new Result(workload, inFlight, client, requests, 0, bytes, 1_000_000_000L, latency,
                requests * 1000, 100L << 20, 1L << 20, null);
    }

    private static String print(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String lineWith(String text, String... fragments) {
        return text.lines().filter(line -> {
            for (String fragment : fragments) {
                if (!line.contains(fragment)) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no line with " + String.join(" + ", fragments) + " in\n" + text));
    }

    @Test
    void budgetsAreJudgedFromTheRatios() {
        Report report = new Report("test");
        report.add(result("get", 64, Report.PEKKO, 10_000, 1_000_000, 20_000));
        report.add(result("get", 64, Report.JDK, 5_000, 2_000_000, 10_000));
        report.add(result("get", 64, Report.ASYNC, 9_500, 1_100_000, 19_000));      // 0.95x Pekko, 1.9x JDK
        report.add(result("get", 64, Report.ASYNC_ALL, 7_000, 1_500_000, 14_000));  // 0.70x Pekko
        report.add(result("get", 1, Report.PEKKO, 1_000, 100_000, 2_000));
        report.add(result("get", 1, Report.SYNC, 1_000, 120_000, 2_000));          // p50 1.2x

        String text = print(report);

        assertTrue(lineWith(text, "completions only, req/s vs raw Pekko").endsWith("PASS"));
        assertTrue(lineWith(text, "ALL_NOTIFICATIONS, req/s vs raw Pekko").endsWith("FAIL"));
        assertTrue(lineWith(text, "completions only, req/s vs JDK").contains("1.90x"));
        assertTrue(lineWith(text, "sync small GET @1, p50").endsWith("PASS"));
        lineWith(text, "get", "w4j-async-all", "0.70x"); // the table row shows the ratio to raw Pekko
        assertFalse(report.failed());
        assertTrue(text.contains("result: OK"));
    }

    @Test
    void failuresMakeTheRunFail() {
        Report report = new Report("test");
        Result ok = result("post", 4, Report.PEKKO, 10, 1_000, 20);
        report.add(new Result("post", 4, Report.JDK, 9, 1, 18, 1_000_000_000L, ok.latency(), 0, 0, 0, "boom"));
        assertTrue(report.failed());
        String text = print(report);
        assertTrue(text.contains("boom"));
        assertTrue(text.contains("result: FAILED"));
    }

    @Test
    void roundsAddUp() {
        Result a = result("get", 1, Report.PEKKO, 100, 1_000, 200);
        Result b = result("get", 1, Report.PEKKO, 300, 3_000, 600);
        Result sum = a.plus(b);
        assertEquals(400, sum.requests());
        assertEquals(200.0, sum.requestsPerSecond(), 1e-9);
        assertEquals(3_000, sum.latencyAt(50), 3_000 / 500);
        assertEquals(1000, sum.allocatedPerRequest());
    }

    @Test
    void unitsAreReadable() {
        assertEquals("850 ns", Report.nanos(850));
        assertEquals("85.0 us", Report.nanos(85_000));
        assertEquals("1.25 ms", Report.nanos(1_250_000));
        assertEquals("2.00 s", Report.nanos(2_000_000_000L));
        assertEquals("512 B", Report.bytes(512));
        assertEquals("1.5 KiB", Report.bytes(1536));
        assertEquals("64.0 MiB", Report.bytes(64L << 20));
        assertEquals("-", Report.bytes(-1));
    }
}
