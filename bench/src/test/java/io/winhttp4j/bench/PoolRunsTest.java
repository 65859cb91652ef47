package io.winhttp4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolRunsTest {

    private static final String[] ARGS = {"--duration", "1", "--workloads", "get"};

    @Test
    void theChildrenGetTheSameArgumentsAndOnlyTheirOwnPoolSetting() {
        List<String> jvm = List.of("-Xmx1g", PoolRuns.PARALLELISM + "7");
        List<String> first = PoolRuns.command("java", jvm, "cp.jar", ARGS, PoolRuns.DEFAULTS, Path.of("a.tsv"), false);
        assertEquals(List.of("java", "-Xmx1g", "-cp", "cp.jar", BenchMain.class.getName(), "--duration", "1",
                "--workloads", "get", "--one-jvm", "--results-file", "a.tsv"), first);
        List<String> second = PoolRuns.command("java", jvm, "cp.jar", ARGS, PoolRuns.PARALLELISM_2, Path.of("b.tsv"), true);
        assertEquals(List.of("java", "-Xmx1g", PoolRuns.PARALLELISM + "2", "-cp", "cp.jar", BenchMain.class.getName(),
                "--duration", "1", "--workloads", "get", "--one-jvm", "--results-file", "b.tsv", "--no-wrk"), second);
        // what a child is given parses, and makes it run once
        BenchMain.Settings child = BenchMain.Settings.parse(second.subList(6, second.size()).toArray(String[]::new));
        assertTrue(child.oneJvm());
        assertFalse(child.wrk());
    }

    @Test
    void aFigureSurvivesItsLine() {
        PoolRuns.Figure f = new PoolRuns.Figure("get", 64, Report.ASYNC, 1000, 2, 12345.5, 2468.0, 1_500_000, 9_000_000,
                3_000_000_000L, 20_480, -1);
        assertEquals(f, PoolRuns.Figure.parse(f.line()));
    }

    @Test
    void aChildsFileCarriesItsFiguresAndItsHandles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("child.tsv");
        HandleFootprint.Figures handles = new HandleFootprint.Figures(100_000, 9L << 20, 190L << 20, 17L << 20, true);
        PoolRuns.write(file, List.of(), handles);
        PoolRuns.Child child = PoolRuns.read(file);
        assertEquals(handles, child.handles());
        assertTrue(child.figures().isEmpty());
    }

    @Test
    void ratiosAreToPekkoWithParallelism2AndWinHttpIsJudgedAgainstItself() {
        List<PoolRuns.Figure> defaults = List.of(
                figure(Report.PEKKO, 3000, 2_000_000), figure(Report.JDK, 1000, 4_000_000),
                figure(Report.ASYNC, 9500, 1_000_000), figure(Report.SYNC, 7000, 1_000_000));
        List<PoolRuns.Figure> parallelism2 = List.of(
                figure(Report.PEKKO, 10000, 500_000), figure(Report.JDK, 8000, 600_000),
                figure(Report.ASYNC, 10000, 1_000_000), figure(Report.SYNC, 10000, 1_000_000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PoolRuns.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), defaults, parallelism2);
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertTrue(line(text, "pekko", "defaults").contains("0.30x"), text);
        assertTrue(line(text, "jdk", "parallelism 2").contains("0.80x"), text);
        assertTrue(line(text, "w4j-async", "defaults", "0.95x").contains("2.00x"), text); // p50 vs Pekko's 0.5 ms
        assertTrue(line(text, "w4j-async", "-5.0%").endsWith("PASS"), text);
        assertTrue(line(text, "w4j-sync", "-30.0%").endsWith("FAIL"), text);
    }

    private static PoolRuns.Figure figure(String client, double perSecond, long p50) {
        return new PoolRuns.Figure("get", 64, client, (long) perSecond, 0, perSecond, perSecond * 2, p50, p50 * 2,
                1_000_000_000L, 10_000, -1);
    }

    private static String line(String text, String... fragments) {
        return text.lines().filter(l -> List.of(fragments).stream().allMatch(l::contains)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + String.join(" + ", fragments) + " in\n" + text));
    }
}
