package io.winhttp4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Collects the run's figures and prints them once, at the end: the main table (one row per
 * client and workload, wrk's ceiling under its workload), the ratios winhttp4j / raw Pekko and
 * winhttp4j / JDK, the budgets of issue #4 with their verdicts, the idle-handle footprint, the
 * micro-benchmarks (smoke mode) and every error seen.
 */
final class Report {

    static final String PEKKO = "pekko";
    static final String JDK = "jdk";
    static final String ASYNC = "w4j-async";
    static final String ASYNC_ALL = "w4j-async-all";
    static final String SYNC = "w4j-sync";

    /** One JMH result (smoke mode runs them briefly, in process). */
    record Micro(String benchmark, String mode, double score, String unit) {
    }

    private final String header;
    private final List<Result> results = new ArrayList<>();
    private final List<Wrk.Figure> wrk = new ArrayList<>();
    private final List<Micro> micro = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private HandleFootprint.Figures handles;
    private final List<Long> burstSizes = new ArrayList<>();

    Report(String header) {
        this.header = header;
    }

    synchronized void add(Result result) {
        results.add(result);
        if (result.failures() > 0) {
            errors.add(result.workload() + " @" + result.inFlight() + " " + result.client() + ": "
                    + result.failures() + " failed, first: " + result.firstError());
        }
    }

    synchronized void add(Wrk.Figure figure) {
        wrk.add(figure);
    }

    synchronized void add(Micro figure) {
        micro.add(figure);
    }

    synchronized void handles(HandleFootprint.Figures figures) {
        handles = figures;
    }

    synchronized void burstSize(long size) {
        burstSizes.add(size);
    }

    synchronized HandleFootprint.Figures handles() {
        return handles;
    }

    synchronized void error(String message) {
        errors.add(message);
    }

    synchronized List<Result> results() {
        return List.copyOf(results);
    }

    synchronized boolean failed() {
        return !errors.isEmpty();
    }

    synchronized void print(PrintStream out) {
        out.println(header);
        out.println();
        printMain(out);
        printRatios(out, PEKKO, "raw Pekko");
        printRatios(out, JDK, "JDK HttpClient");
        printBudgets(out);
        printHandles(out);
        printMicro(out);
        if (!errors.isEmpty()) {
            out.println("ERRORS (" + errors.size() + ")");
            errors.forEach(error -> out.println("  " + error));
            out.println();
        }
        out.println(errors.isEmpty() ? "result: OK, no request failed" : "result: FAILED");
        out.flush();
    }

    // ---- the main table ----------------------------------------------------------------------

    private void printMain(PrintStream out) {
        Table table = new Table(2, "workload", "client", "in-flight", "requests", "failed", "req/s",
                "p50", "p99", "p99.9", "MiB/s", "alloc/req", "peak heap", "live heap +");
        String group = null;
        for (Result r : results) {
            String key = r.workload() + "@" + r.inFlight();
            if (group != null && !group.equals(key)) {
                addWrkRows(table, group);
                table.separator();
            }
            group = key;
            table.row(r.workload(), r.client(), Integer.toString(r.inFlight()), Long.toString(r.requests()),
                    Long.toString(r.failures()), rate(r.requestsPerSecond()), nanos(r.latencyAt(50)),
                    nanos(r.latencyAt(99)), nanos(r.latencyAt(99.9)), mibPerSecond(r.bytesPerSecond()),
                    bytes(r.allocatedPerRequest()), bytes(r.peakHeapBytes()), bytes(r.liveGrowthBytes()));
        }
        if (group != null) {
            addWrkRows(table, group);
        }
        out.println("RESULTS  (latency: start of the call to completion; alloc/req: bytes allocated in this JVM"
                + " per completed request; peak heap: highest heap occupancy; live heap +: highest occupancy after"
                + " a GC, over the occupancy after a full GC before the round, - if no GC ran)");
        table.print(out);
        out.println();
    }

    private void addWrkRows(Table table, String group) {
        for (Wrk.Figure f : wrk) {
            if ((f.workload() + "@" + f.connections()).equals(group)) {
                table.row(f.workload(), "wrk (ceiling)", Integer.toString(f.connections()), "-",
                        Long.toString(f.errors()), f.requestsPerSecond() < 0 ? "-" : rate(f.requestsPerSecond()),
                        nanos(f.p50Nanos()), nanos(f.p99Nanos()), "-", mibPerSecond(f.bytesPerSecond()), "-", "-", "-");
            }
        }
    }

    // ---- ratios ------------------------------------------------------------------------------

    private void printRatios(PrintStream out, String baseline, String baselineName) {
        Table table = new Table(2, "workload", "client", "in-flight", "req/s", "p50", "p99", "p99.9", "MiB/s",
                "alloc/req", "peak heap");
        for (Result r : results) {
            if (!r.client().startsWith("w4j")) {
                continue;
            }
            Result base = find(r.workload(), r.inFlight(), baseline);
            if (base == null) {
                continue;
            }
            table.row(r.workload(), r.client(), Integer.toString(r.inFlight()),
                    ratio(r, base, Result::requestsPerSecond), ratio(r, base, x -> x.latencyAt(50)),
                    ratio(r, base, x -> x.latencyAt(99)), ratio(r, base, x -> x.latencyAt(99.9)),
                    ratio(r, base, Result::bytesPerSecond), ratio(r, base, x -> x.allocatedPerRequest()),
                    ratio(r, base, x -> x.peakHeapBytes()));
        }
        if (table.isEmpty()) {
            return;
        }
        out.println("RATIOS winhttp4j / " + baselineName + "  (req/s and MiB/s: higher is better; latency,"
                + " alloc and heap: lower is better)");
        table.print(out);
        out.println();
    }

    private static String ratio(Result r, Result base, ToDoubleFunction<Result> figure) {
        double mine = figure.applyAsDouble(r);
        double theirs = figure.applyAsDouble(base);
        if (mine < 0 || theirs <= 0 || r.requests() == 0 || base.requests() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", mine / theirs);
    }

    // ---- budgets -----------------------------------------------------------------------------

    private void printBudgets(PrintStream out) {
        Table table = new Table(1, "budget (issue #4)", "target", "measured", "verdict");
        budgetRatio(table, "async small GET @64, completions only, req/s vs raw Pekko", "get", 64, ASYNC, PEKKO,
                Result::requestsPerSecond, 0.9, true);
        budgetRatio(table, "async small GET @64, ALL_NOTIFICATIONS, req/s vs raw Pekko", "get", 64, ASYNC_ALL, PEKKO,
                Result::requestsPerSecond, 0.8, true);
        budgetRatio(table, "async small GET @64, completions only, req/s vs JDK", "get", 64, ASYNC, JDK,
                Result::requestsPerSecond, 1.2, true);
        budgetRatio(table, "sync small GET @1, p50 vs raw Pekko p50", "get", 1, SYNC, PEKKO,
                x -> x.latencyAt(50), 1.25, false);
        for (String client : List.of(ASYNC, ASYNC_ALL, SYNC)) {
            Result download = find("download", 1, client);
            if (download == null) {
                continue;
            }
            budgetRatio(table, "download, " + client + ", bytes/s vs raw Pekko", "download", 1, client, PEKKO,
                    Result::bytesPerSecond, 0.8, true);
            long growth = download.liveGrowthBytes();
            table.row("download, " + client + ", live heap growth", "<= 64 MiB", growth < 0 ? "no GC ran" : bytes(growth),
                    download.requests() == 0 || growth < 0 ? "n/a" : growth <= 64L << 20 ? "PASS" : "FAIL");
        }
        if (handles != null) {
            long perHandle = handles.bytesPerHandle();
            table.row("idle request handle, heap each (" + handles.handles() + " open)", "<= 2 KiB", bytes(perHandle),
                    perHandle <= 2048 ? "PASS" : "FAIL");
            table.row("idle request handles closed, heap back near baseline", "yes",
                    bytes(handles.residualBytes()) + " left", handles.returned() ? "PASS" : "FAIL");
        }
        for (long burstSize : burstSizes) {
            for (String client : List.of(ASYNC, ASYNC_ALL, SYNC)) {
                Result burst = find("burst", (int) burstSize, client);
                if (burst == null) {
                    continue;
                }
                boolean all = burst.failures() == 0 && burst.requests() == burstSize;
                table.row(burstSize + " in flight at once, " + client + ", all complete", burstSize + "/" + burstSize,
                        burst.requests() + "/" + burstSize + " in " + nanos(burst.elapsedNanos()), all ? "PASS" : "FAIL");
            }
        }
        if (table.isEmpty()) {
            return;
        }
        out.println("BUDGETS  (n/a: a client or workload of the budget was not run; a smoke run is too short to judge by)");
        table.print(out);
        out.println();
    }

    private void budgetRatio(Table table, String name, String workload, int inFlight, String client, String baseline,
                             ToDoubleFunction<Result> figure, double limit, boolean atLeast) {
        Result mine = find(workload, inFlight, client);
        Result base = find(workload, inFlight, baseline);
        String target = (atLeast ? ">= " : "<= ") + String.format(Locale.ROOT, "%.2fx", limit);
        if (mine == null || base == null || mine.requests() == 0 || base.requests() == 0) {
            table.row(name, target, "-", "n/a");
            return;
        }
        double value = figure.applyAsDouble(mine) / figure.applyAsDouble(base);
        boolean ok = atLeast ? value >= limit : value <= limit;
        table.row(name, target, String.format(Locale.ROOT, "%.2fx", value), ok ? "PASS" : "FAIL");
    }

    private Result find(String workload, int inFlight, String client) {
        for (Result r : results) {
            if (r.workload().equals(workload) && r.inFlight() == inFlight && r.client().equals(client)) {
                return r;
            }
        }
        return null;
    }

    // ---- handles and micro-benchmarks --------------------------------------------------------

    private void printHandles(PrintStream out) {
        if (handles == null) {
            return;
        }
        out.println("IDLE REQUEST HANDLES  " + handles.handles() + " opened with openRequest: live heap "
                + bytes(handles.baselineBytes()) + " -> " + bytes(handles.openBytes()) + " ("
                + bytes(handles.bytesPerHandle()) + " each); after closing all: " + bytes(handles.closedBytes())
                + (handles.returned() ? " (back near baseline)" : " (NOT back near baseline)"));
        out.println();
    }

    private void printMicro(PrintStream out) {
        if (micro.isEmpty()) {
            return;
        }
        Table table = new Table(2, "micro-benchmark (JMH, smoke settings: one short iteration)", "mode", "score", "unit");
        for (Micro m : micro) {
            table.row(m.benchmark(), m.mode(), String.format(Locale.ROOT, "%.3f", m.score()), m.unit());
        }
        out.println("MICRO");
        table.print(out);
        out.println();
    }

    // ---- formatting --------------------------------------------------------------------------

    static String nanos(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String mibPerSecond(double bytesPerSecond) {
        return bytesPerSecond < 0 ? "-" : String.format(Locale.ROOT, "%.1f", bytesPerSecond / (1024 * 1024));
    }

    /** A plain-text table: the first {@code textColumns} columns left-aligned, the rest right-aligned. */
    static final class Table {
        private final int textColumns;
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();

        Table(int textColumns, String... header) {
            this.textColumns = textColumns;
            this.header = header;
        }

        void row(String... cells) {
            if (cells.length != header.length) {
                throw new IllegalArgumentException("row of " + cells.length + " cells for " + header.length + " columns");
            }
            rows.add(cells);
        }

        void separator() {
            rows.add(null);
        }

        boolean isEmpty() {
            return rows.stream().allMatch(Objects::isNull);
        }

        void print(PrintStream out) {
            int[] widths = new int[header.length];
            for (int i = 0; i < header.length; i++) {
                widths[i] = header[i].length();
            }
            for (String[] row : rows) {
                if (row != null) {
                    for (int i = 0; i < row.length; i++) {
                        widths[i] = Math.max(widths[i], row[i].length());
                    }
                }
            }
            out.println(line(header, widths));
            int total = 0;
            for (int width : widths) {
                total += width + 2;
            }
            String rule = "-".repeat(total - 2);
            out.println(rule);
            for (String[] row : rows) {
                out.println(row == null ? "" : line(row, widths));
            }
        }

        private String line(String[] cells, int[] widths) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    sb.append("  ");
                }
                String cell = cells[i];
                String pad = " ".repeat(widths[i] - cell.length());
                if (i < textColumns) {
                    sb.append(cell).append(pad);
                } else {
                    sb.append(pad).append(cell);
                }
            }
            return sb.toString().stripTrailing();
        }
    }
}
