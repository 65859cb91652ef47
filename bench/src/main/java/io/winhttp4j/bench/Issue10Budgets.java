package io.winhttp4j.bench;

import static io.winhttp4j.bench.PoolRuns.find;

import io.winhttp4j.bench.PoolRuns.Child;
import io.winhttp4j.bench.PoolRuns.Figure;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The budgets of issue 10, judged from the two children of one run: every figure as a ratio to
 * raw Pekko HTTP of the parallelism-2 child (the honest peer), winhttp4j's own figures from that
 * child too, and the JVM-defaults child for the lines about the defaults.
 */
final class Issue10Budgets {

    private final Report.Table table = new Report.Table(1, "budget (issue 10)", "target", "measured", "verdict");
    private final Child defaults;
    private final Child parallelism2;
    /** The winhttp4j rows whose defaults figure is 10% or more off its parallelism-2 figure. */
    private final StringBuilder offByTenPercent = new StringBuilder();

    private Issue10Budgets(Child defaults, Child parallelism2) {
        this.defaults = defaults;
        this.parallelism2 = parallelism2;
    }

    static void print(PrintStream out, Child defaults, Child parallelism2) {
        Issue10Budgets budgets = new Issue10Budgets(defaults, parallelism2);
        budgets.judge();
        if (budgets.table.isEmpty()) {
            return;
        }
        out.println("BUDGETS of issue 10  (ratios to raw Pekko HTTP with common-pool parallelism 2; winhttp4j from the"
                + " same child unless a line says defaults; n/a: not run)");
        budgets.table.print(out);
        if (budgets.offByTenPercent.length() > 0) {
            out.println("off by 10% or more with JVM defaults: " + budgets.offByTenPercent);
        }
        out.println();
    }

    private void judge() {
        ratio("async small GET @64, req/s", "get", 64, Report.ASYNC, Figure::requestsPerSecond, 0.9, true);
        ratio("sync small GET @1, req/s", "get", 1, Report.SYNC, Figure::requestsPerSecond, 0.9, true);
        ratio("sync small GET @1, p50", "get", 1, Report.SYNC, Figure::p50, 1.1, false);
        for (String client : List.of(Report.ASYNC, Report.SYNC)) {
            ratio("download through readData, " + client + ", bytes/s", "download", 1, client,
                    Figure::bytesPerSecond, 1.0, true);
            Figure download = find(parallelism2.figures(), "download", 1, client);
            if (download != null) {
                long growth = download.liveGrowth();
                table.row("download, " + client + ", live heap growth", "<= 64 MiB",
                        growth < 0 ? "no GC ran" : Report.bytes(growth),
                        download.requests() == 0 || growth < 0 ? "n/a" : growth <= 64L << 20 ? "PASS" : "FAIL");
            }
        }
        for (String client : List.of(Report.ASYNC, Report.SYNC)) {
            for (int level : List.of(1, 64)) {
                ratio("allocation per small GET @" + level + ", " + client, "get", level, client,
                        f -> f.allocPerRequest(), 1.5, false);
            }
        }
        HandleFootprint.Figures handles = parallelism2.handles();
        if (handles != null) {
            long each = handles.bytesPerHandle();
            table.row("idle request handle, heap each", "<= 2 KiB", Report.bytes(each), each <= 2048 ? "PASS" : "FAIL");
        }
        defaultsWithinTenPercent();
        for (int level : List.of(1, 64)) {
            aheadOfPeersWithDefaults(level);
        }
        bursts();
    }

    /** A winhttp4j figure of the parallelism-2 child over raw Pekko's of the same child. */
    private void ratio(String name, String workload, int inFlight, String client, ToDoubleFunction<Figure> of,
                       double limit, boolean atLeast) {
        Figure mine = find(parallelism2.figures(), workload, inFlight, client);
        Figure base = find(parallelism2.figures(), workload, inFlight, Report.PEKKO);
        row(name + " vs raw Pekko", mine, base, of, limit, atLeast);
    }

    private void row(String name, Figure mine, Figure base, ToDoubleFunction<Figure> of, double limit, boolean atLeast) {
        String target = (atLeast ? ">= " : "<= ") + String.format(Locale.ROOT, "%.2fx", limit);
        if (mine == null || base == null || mine.requests() == 0 || base.requests() == 0
                || of.applyAsDouble(mine) < 0 || of.applyAsDouble(base) <= 0) {
            table.row(name, target, "-", "n/a");
            return;
        }
        double value = of.applyAsDouble(mine) / of.applyAsDouble(base);
        boolean ok = atLeast ? value >= limit : value <= limit;
        table.row(name, target, String.format(Locale.ROOT, "%.2fx", value), ok ? "PASS" : "FAIL");
    }

    /** Every winhttp4j row of the defaults child within 10% of the same row with parallelism 2. */
    private void defaultsWithinTenPercent() {
        int judged = 0;
        int within = 0;
        for (Figure p : parallelism2.figures()) {
            Figure d = p.client().startsWith("w4j") ? find(defaults.figures(), p.workload(), p.inFlight(), p.client()) : null;
            double difference = d == null ? Double.NaN : PoolRuns.difference(d, p);
            if (Double.isNaN(difference)) {
                continue;
            }
            judged++;
            if (Math.abs(difference) < PoolRuns.WITHIN) {
                within++;
            } else {
                offByTenPercent.append(offByTenPercent.length() == 0 ? "" : ", ")
                        .append(p.workload()).append('@').append(p.inFlight()).append(' ').append(p.client());
            }
        }
        if (judged > 0) {
            table.row("winhttp4j with JVM defaults within 10% of its parallelism-2 figures", "all rows",
                    within + "/" + judged, within == judged ? "PASS" : "FAIL");
        }
    }

    /** With the JVM's defaults, winhttp4j async ahead of both peers with the JVM's defaults. */
    private void aheadOfPeersWithDefaults(int level) {
        Figure mine = find(defaults.figures(), "get", level, Report.ASYNC);
        for (String peer : List.of(Report.PEKKO, Report.JDK)) {
            Figure theirs = find(defaults.figures(), "get", level, peer);
            row("defaults: async small GET @" + level + ", req/s vs " + peer + " with defaults", mine, theirs,
                    Figure::requestsPerSecond, 1.0, true);
        }
    }

    /** The largest burst completes in full; its cost per request is the smallest burst's (linear). */
    private void bursts() {
        List<Figure> bursts = parallelism2.figures().stream().filter(f -> f.workload().equals("burst")).toList();
        int smallest = bursts.stream().mapToInt(Figure::inFlight).min().orElse(0);
        int largest = bursts.stream().mapToInt(Figure::inFlight).max().orElse(0);
        for (String client : List.of(Report.ASYNC, Report.SYNC)) {
            Figure big = find(bursts, "burst", largest, client);
            if (big == null) {
                continue;
            }
            boolean all = big.failures() == 0 && big.requests() == largest;
            table.row(largest + " in flight against the slow route, " + client + ", all complete",
                    largest + "/" + largest, big.requests() + "/" + largest, all ? "PASS" : "FAIL");
            if (smallest < largest) {
                Figure small = find(bursts, "burst", smallest, client);
                row(client + " burst " + largest + " vs " + smallest + ", allocation per request", big, small,
                        f -> f.allocPerRequest(), 1.5, false);
                row(client + " burst " + largest + " vs " + smallest + ", live heap growth per request", big, small,
                        f -> f.liveGrowth() < 0 ? -1 : (double) f.liveGrowth() / f.requests(), 1.5, false);
            }
        }
    }
}
