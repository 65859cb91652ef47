package io.winhttp4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;

/**
 * Every comparison twice, in two child JVMs: one with the JVM's defaults, one with the common
 * ForkJoinPool's parallelism set to 2. On a machine with 1-2 CPUs the default parallelism is 1,
 * and then every CompletableFuture *Async step without an executor starts a new thread; clients
 * built on such steps (the JDK's HttpClient, Pekko's Java API) slow down, and winhttp4j must not.
 * Each child runs the whole bench with the same arguments (its own server, its own table on
 * stdout) and writes its figures to a file; then this JVM prints the ratios of every client to
 * raw Pekko HTTP of the parallelism-2 run, and winhttp4j's figures under both settings.
 */
final class PoolRuns {
    static final String PARALLELISM = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=";
    /** winhttp4j's figures may differ by less than this between the two runs (issue 10). */
    static final double WITHIN = 0.10;

    /**
     * One client's figures for one workload, as a child wrote them (allocPerRequest and
     * liveGrowth in bytes, -1 when unknown).
     */
    record Figure(String workload, int inFlight, String client, long requests, long failures,
                  double requestsPerSecond, double bytesPerSecond, long p50, long p99,
                  long elapsedNanos, long allocPerRequest, long liveGrowth) {

        static Figure of(Result r) {
            return new Figure(r.workload(), r.inFlight(), r.client(), r.requests(), r.failures(),
                    r.requestsPerSecond(), r.bytesPerSecond(), r.latencyAt(50), r.latencyAt(99),
                    r.elapsedNanos(), r.allocatedPerRequest(), r.liveGrowthBytes());
        }

        String line() {
            return String.join("\t", workload, Integer.toString(inFlight), client, Long.toString(requests),
                    Long.toString(failures), Double.toString(requestsPerSecond), Double.toString(bytesPerSecond),
                    Long.toString(p50), Long.toString(p99), Long.toString(elapsedNanos),
                    Long.toString(allocPerRequest), Long.toString(liveGrowth));
        }

        static Figure parse(String line) {
            String[] f = line.split("\t");
            return new Figure(f[0], Integer.parseInt(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                    Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]));
        }

        /** The figure a workload is judged by: bytes/s for the download, req/s for the rest. */
        double throughput() {
            return workload.equals("download") ? bytesPerSecond : requestsPerSecond;
        }
    }

    /** What one child measured: its figures, and the idle-handle footprint (null if not run). */
    record Child(List<Figure> figures, HandleFootprint.Figures handles) {}

    private static final String HANDLES = "handles";

    /** One child: its name in the output and the JVM option it adds (null: the JVM's defaults). */
    record Run(String name, String option) {}

    static final Run DEFAULTS = new Run("JVM defaults", null);
    static final Run PARALLELISM_2 = new Run("common-pool parallelism 2", PARALLELISM + 2);

    private PoolRuns() {}

    /** Runs both children one after the other; the exit status is the worse of theirs. */
    static int run(String[] args, boolean wrk) throws IOException, InterruptedException {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<Child> children = new ArrayList<>();
        int status = 0;
        for (Run run : List.of(DEFAULTS, PARALLELISM_2)) {
            Path results = Files.createTempFile("winhttp4j-bench-", ".tsv");
            try {
                // wrk measures the machine, not a JVM setting: once is enough
                List<String> command = command(java, jvm, classPath, args, run, results, wrk && run != DEFAULTS);
                System.out.println("======== " + run.name() + " ========");
                System.out.flush();
                System.err.println("bench: child JVM: " + String.join(" ", command));
                Process child = new ProcessBuilder(command).inheritIO().start();
                Thread stopChild = new Thread(child::destroy); // an interrupted bench leaves no child running
                Runtime.getRuntime().addShutdownHook(stopChild);
                status = Math.max(status, child.waitFor());
                Runtime.getRuntime().removeShutdownHook(stopChild);
                children.add(read(results));
            } finally {
                Files.deleteIfExists(results);
            }
        }
        print(System.out, children.get(0).figures(), children.get(1).figures());
        Issue10Budgets.print(System.out, children.get(0), children.get(1));
        return status;
    }

    /**
     * The child's command line: this JVM's options but the common pool's, the run's option, the
     * same arguments, to run once and write its figures to results (noWrk: and skip wrk).
     */
    static List<String> command(String java, List<String> jvmOptions, String classPath, String[] args, Run run,
                                Path results, boolean noWrk) {
        List<String> command = new ArrayList<>();
        command.add(java);
        jvmOptions.stream().filter(o -> !o.startsWith(PARALLELISM)).forEach(command::add);
        if (run.option() != null) {
            command.add(run.option());
        }
        command.addAll(List.of("-cp", classPath, BenchMain.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--one-jvm", "--results-file", results.toString()));
        if (noWrk) {
            command.add("--no-wrk");
        }
        return command;
    }

    /** Written by a child at its end: one line per result, and one for the idle handles. */
    static void write(Path file, List<Result> results, HandleFootprint.Figures handles) throws IOException {
        List<String> lines = new ArrayList<>(results.stream().map(r -> Figure.of(r).line()).toList());
        if (handles != null) {
            lines.add(String.join("\t", HANDLES, Integer.toString(handles.handles()), Long.toString(handles.baselineBytes()),
                    Long.toString(handles.openBytes()), Long.toString(handles.closedBytes()),
                    Boolean.toString(handles.returned())));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static Child read(Path file) throws IOException {
        List<Figure> figures = new ArrayList<>();
        HandleFootprint.Figures handles = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(HANDLES + "\t")) {
                String[] f = line.split("\t");
                handles = new HandleFootprint.Figures(Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Boolean.parseBoolean(f[5]));
            } else if (!line.isBlank()) {
                figures.add(Figure.parse(line));
            }
        }
        return new Child(List.copyOf(figures), handles);
    }

    /** The two comparisons of the runs' figures. */
    static void print(PrintStream out, List<Figure> defaults, List<Figure> parallelism2) {
        out.println("======== both pool settings (this JVM: " + ForkJoinPool.getCommonPoolParallelism()
                + " common-pool parallelism, the children's are in their headers) ========");
        out.println();
        Report.Table ratios = new Report.Table(3, "workload", "client", "run", "in-flight", "req/s", "p50", "p99", "MiB/s");
        String group = null;
        for (Figure p : parallelism2) {
            Figure base = find(parallelism2, p.workload(), p.inFlight(), Report.PEKKO);
            if (base == null) {
                continue;
            }
            String key = p.workload() + "@" + p.inFlight();
            if (group != null && !group.equals(key)) {
                ratios.separator();
            }
            group = key;
            for (Run run : List.of(DEFAULTS, PARALLELISM_2)) {
                Figure f = run == DEFAULTS ? find(defaults, p.workload(), p.inFlight(), p.client()) : p;
                if (f == null) {
                    continue;
                }
                ratios.row(f.workload(), f.client(), run == DEFAULTS ? "defaults" : "parallelism 2",
                        Integer.toString(f.inFlight()), ratio(f, base, Figure::requestsPerSecond),
                        ratio(f, base, Figure::p50), ratio(f, base, Figure::p99), ratio(f, base, Figure::bytesPerSecond));
            }
        }
        if (!ratios.isEmpty()) {
            out.println("RATIOS to raw Pekko HTTP with common-pool parallelism 2  (req/s and MiB/s: higher is better;"
                    + " latency: lower is better)");
            ratios.print(out);
            out.println();
        }
        Report.Table own = new Report.Table(2, "workload", "client", "in-flight", "defaults", "parallelism 2",
                "difference", "p50 defaults", "p50 parallelism 2", "within 10%");
        for (Figure p : parallelism2) {
            if (!p.client().startsWith("w4j")) {
                continue;
            }
            Figure d = find(defaults, p.workload(), p.inFlight(), p.client());
            if (d == null) {
                continue;
            }
            double difference = difference(d, p);
            boolean judged = !Double.isNaN(difference);
            String unit = p.workload().equals("download") ? " MiB/s" : " req/s";
            own.row(p.workload(), p.client(), Integer.toString(p.inFlight()), figure(d) + unit, figure(p) + unit,
                    judged ? String.format(Locale.ROOT, "%+.1f%%", difference * 100) : "-",
                    Report.nanos(d.p50()), Report.nanos(p.p50()),
                    !judged ? "n/a" : Math.abs(difference) < WITHIN ? "PASS" : "FAIL");
        }
        if (!own.isEmpty()) {
            out.println("winhttp4j, JVM defaults vs common-pool parallelism 2  (download: MiB/s, else req/s;"
                    + " difference: defaults / parallelism 2 - 1)");
            own.print(out);
            out.println();
        }
    }

    /** A winhttp4j row's throughput with the defaults over the same with parallelism 2, minus 1; NaN if either ran nothing. */
    static double difference(Figure defaults, Figure parallelism2) {
        boolean judged = defaults.requests() > 0 && parallelism2.requests() > 0 && parallelism2.throughput() > 0;
        return judged ? defaults.throughput() / parallelism2.throughput() - 1 : Double.NaN;
    }

    private static String figure(Figure f) {
        return f.workload().equals("download") ? Report.mibPerSecond(f.bytesPerSecond()) : Report.rate(f.requestsPerSecond());
    }

    private static String ratio(Figure f, Figure base, ToDoubleFunction<Figure> of) {
        double mine = of.applyAsDouble(f);
        double theirs = of.applyAsDouble(base);
        if (mine < 0 || theirs <= 0 || f.requests() == 0 || base.requests() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", mine / theirs);
    }

    static Figure find(List<Figure> figures, String workload, int inFlight, String client) {
        for (Figure f : figures) {
            if (f.workload().equals(workload) && f.inFlight() == inFlight && f.client().equals(client)) {
                return f;
            }
        }
        return null;
    }
}
