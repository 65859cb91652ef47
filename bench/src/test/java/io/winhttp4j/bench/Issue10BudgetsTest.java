package io.winhttp4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Issue10BudgetsTest {

    @Test
    void eachBudgetIsJudgedAgainstRawPekkoOfTheParallelism2Child() {
        List<PoolRuns.Figure> parallelism2 = List.of(
                get(Report.PEKKO, 64, 10_000, 8_000), get(Report.ASYNC, 64, 9_500, 20_000),
                get(Report.PEKKO, 1, 1_000, 8_000), get(Report.SYNC, 1, 800, 10_000),
                burst(Report.ASYNC, 1_000, 1_000, 40_000, 10L << 20), burst(Report.ASYNC, 10_000, 10_000, 44_000, 200L << 20));
        List<PoolRuns.Figure> defaults = List.of(
                get(Report.PEKKO, 64, 1_200, 8_000), get(Report.JDK, 64, 1_300, 17_000),
                get(Report.ASYNC, 64, 8_000, 20_000));
        HandleFootprint.Figures handles = new HandleFootprint.Figures(1000, 0, 1_900_000, 0, true);
        String text = print(new PoolRuns.Child(defaults, null), new PoolRuns.Child(parallelism2, handles));

        assertTrue(line(text, "async small GET @64, req/s vs raw Pekko").matches(".*0\\.95x\\s+PASS"), text);
        assertTrue(line(text, "sync small GET @1, req/s").matches(".*0\\.80x\\s+FAIL"), text);
        assertTrue(line(text, "allocation per small GET @64, w4j-async").matches(".*2\\.50x\\s+FAIL"), text);
        assertTrue(line(text, "allocation per small GET @1, w4j-sync").matches(".*1\\.25x\\s+PASS"), text);
        assertTrue(line(text, "idle request handle").endsWith("PASS"), text);
        // 8,000 with defaults vs 9,500 with parallelism 2: -15.8%
        assertTrue(line(text, "within 10%").matches(".*0/1\\s+FAIL"), text);
        assertTrue(line(text, "off by 10% or more").endsWith(": get@64 w4j-async"), text);
        assertTrue(line(text, "defaults: async small GET @64, req/s vs jdk").matches(".*6\\.15x\\s+PASS"), text);
        assertTrue(line(text, "10000 in flight").endsWith("PASS"), text);
        assertTrue(line(text, "burst 10000 vs 1000, allocation").matches(".*1\\.10x\\s+PASS"), text);
        assertTrue(line(text, "burst 10000 vs 1000, live heap").matches(".*2\\.00x\\s+FAIL"), text);
        assertTrue(line(text, "download through readData, w4j-async").endsWith("n/a"), text);
    }

    @Test
    void aHandleOverTwoKibAndAnIncompleteBurstFail() {
        List<PoolRuns.Figure> parallelism2 = List.of(
                burst(Report.ASYNC, 1_000, 1_000, 40_000, 10L << 20), burst(Report.ASYNC, 10_000, 9_999, 44_000, 20L << 20));
        HandleFootprint.Figures handles = new HandleFootprint.Figures(1000, 0, 2_100_000, 0, true);
        String text = print(new PoolRuns.Child(List.of(), null), new PoolRuns.Child(parallelism2, handles));
        assertTrue(line(text, "idle request handle").endsWith("FAIL"), text);
        assertTrue(line(text, "10000 in flight").matches(".*9999/10000\\s+FAIL"), text);
    }

    private static PoolRuns.Figure get(String client, int inFlight, double perSecond, long alloc) {
        return new PoolRuns.Figure("get", inFlight, client, (long) perSecond, 0, perSecond, perSecond * 2,
                1_000_000, 2_000_000, 1_000_000_000L, alloc, -1);
    }

    private static PoolRuns.Figure burst(String client, int count, long done, long alloc, long growth) {
        return new PoolRuns.Figure("burst", count, client, done, 0, done, done * 2, 1_000_000_000, 1_500_000_000,
                2_000_000_000L, alloc, growth);
    }

    private static String print(PoolRuns.Child defaults, PoolRuns.Child parallelism2) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Issue10Budgets.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), defaults, parallelism2);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).findFirst().map(String::strip)
                .orElseThrow(() -> new AssertionError("no line with " + fragment + " in\n" + text));
    }
}
