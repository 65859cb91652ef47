package io.winhttp4j.bench;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The benchmark run: parses the arguments and, unless {@code --one-jvm} is given, runs the whole
 * bench twice in child JVMs, with the JVM's defaults and with common-pool parallelism 2
 * ({@link PoolRuns}). One run ({@code --one-jvm}, what each child does) forks {@link BenchServer}
 * in its own JVM (same java binary, same classpath) unless {@code --url} names another local
 * server, then runs every workload with every client, interleaved, and prints one table. {@code --jmh [JMH options]}
 * runs the JMH micro-benchmarks instead. Exit status: 0 when no request failed, 1 when one did,
 * 2 for bad arguments. See bench/README.md.
 */
public final class BenchMain {

    static final List<String> CLIENTS = List.of(Report.PEKKO, Report.JDK, Report.ASYNC, Report.ASYNC_ALL, Report.SYNC);
    static final List<String> WORKLOADS = List.of("handles", "get", "download", "post", "burst");

    private static final String USAGE = String.join("\n",
            "usage: java -jar bench/target/winhttp4j-bench.jar [options]",
            "       java -jar bench/target/winhttp4j-bench.jar --jmh [JMH options]",
            "  --smoke                  a few seconds, tiny counts, every client and workload; exit 1 on any failure",
            "  --url BASE               use the server at BASE (loopback only) instead of forking BenchServer;",
            "                           it must answer BenchServer's routes (/small, /bytes/{n}, /upload, /slow/{ms})",
            "  --clients LIST           of " + String.join(",", CLIENTS) + " (default: all)",
            "  --workloads LIST         of " + String.join(",", WORKLOADS) + " (default: all)",
            "  --rounds N               interleaved rounds per workload (default 3)",
            "  --duration SECONDS       length of one client's round of get and post (default 3)",
            "  --warmup SECONDS         warm-up per client before each get and post level (default 3)",
            "  --concurrency LIST       small-GET in-flight levels (default 1,64,256)",
            "  --download-bytes SIZE    body of the download workload (default 1g; k, m, g suffixes)",
            "  --post-bytes SIZE        body of each POST (default 1m)",
            "  --post-concurrency N     POSTs in flight (default 16)",
            "  --burst LIST             requests started at once against /slow, one burst per count (default 1000,10000)",
            "  --slow-ms N              how long /slow waits before answering (default 1000)",
            "  --handles N              idle request handles opened for the footprint (default 100000)",
            "  --no-wrk                 do not run wrk even if it is on the PATH",
            "  --server-jvm-options STR options of the forked server JVM (default \"-Xms1g -Xmx1g\")",
            "  --one-jvm                run once, in this JVM, with its own settings (by default the bench runs",
            "                           twice, in two child JVMs: the JVM's defaults, then common-pool parallelism 2)",
            "  --results-file PATH      with --one-jvm: also write the figures to PATH (what the parent JVM reads)");

    /** Everything a run depends on. Sizes in bytes. */
    record Settings(boolean smoke, URI url, List<String> clients, List<String> workloads, int rounds,
                    Duration duration, Duration warmup, List<Integer> concurrency, long downloadBytes,
                    long downloadWarmupBytes, int postBytes, int postConcurrency, List<Integer> burst, int slowMillis,
                    int handles, Duration grace, boolean wrk, List<String> serverJvmOptions, boolean oneJvm,
                    Path resultsFile) {

        static Settings parse(String... args) {
            boolean smoke = Arrays.asList(args).contains("--smoke");
            // defaults: the full run, or the smoke run's tiny version of it
            URI url = null;
            List<String> clients = CLIENTS;
            List<String> workloads = WORKLOADS;
            int rounds = smoke ? 1 : 3;
            Duration duration = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(3);
            Duration warmup = smoke ? Duration.ofMillis(200) : Duration.ofSeconds(3);
            List<Integer> concurrency = smoke ? List.of(1, 16) : List.of(1, 64, 256);
            long downloadBytes = smoke ? 8L << 20 : 1L << 30;
            int postBytes = smoke ? 64 << 10 : 1 << 20;
            int postConcurrency = smoke ? 4 : 16;
            List<Integer> burst = smoke ? List.of(100) : List.of(1_000, 10_000);
            int slowMillis = smoke ? 200 : 1000;
            int handles = smoke ? 2_000 : 100_000;
            boolean wrk = true;
            List<String> serverJvmOptions = List.of("-Xms1g", "-Xmx1g");
            boolean oneJvm = false;
            Path resultsFile = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--smoke")) {
                    continue;
                }
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("");
                }
                if (arg.equals("--no-wrk")) {
                    wrk = false;
                    continue;
                }
                if (arg.equals("--one-jvm")) {
                    oneJvm = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--url" -> {
                        url = URI.create(value.endsWith("/") ? value : value + "/");
                        requireLoopback(url);
                    }
                    case "--clients" -> clients = names(value, CLIENTS, "client");
                    case "--workloads" -> workloads = names(value, WORKLOADS, "workload");
                    case "--rounds" -> rounds = positive(arg, Integer.parseInt(value));
                    case "--duration" -> duration = seconds(value);
                    case "--warmup" -> warmup = seconds(value);
                    case "--concurrency" -> concurrency = counts(arg, value);
                    case "--download-bytes" -> downloadBytes = positive(arg, size(value));
                    case "--post-bytes" -> postBytes = Math.toIntExact(positive(arg, size(value)));
                    case "--post-concurrency" -> postConcurrency = positive(arg, Integer.parseInt(value));
                    case "--burst" -> burst = counts(arg, value);
                    case "--slow-ms" -> slowMillis = Integer.parseInt(value);
                    case "--handles" -> handles = positive(arg, Integer.parseInt(value));
                    case "--results-file" -> resultsFile = Path.of(value);
                    case "--server-jvm-options" -> serverJvmOptions = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (resultsFile != null && !oneJvm) {
                throw new IllegalArgumentException("--results-file goes with --one-jvm");
            }
            long downloadWarmupBytes = Math.min(downloadBytes, smoke ? 1L << 20 : 64L << 20);
            Duration grace = smoke ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
            return new Settings(smoke, url, clients, workloads, rounds, duration, warmup, concurrency, downloadBytes,
                    downloadWarmupBytes, postBytes, postConcurrency, burst, slowMillis, handles, grace, wrk,
                    serverJvmOptions, oneJvm, resultsFile);
        }

        private static List<Integer> counts(String option, String list) {
            return Arrays.stream(list.split(",")).map(n -> positive(option, Integer.parseInt(n.trim()))).toList();
        }

        private static List<String> names(String list, List<String> known, String what) {
            List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown " + what + " '" + name + "', known: " + String.join(",", known));
                }
            }
            return known.stream().filter(names::contains).toList(); // the canonical order
        }

        private static Duration seconds(String value) {
            return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }

        private static long size(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            int shift = switch (v.charAt(v.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                default -> 0;
            };
            return Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1)) << shift;
        }

        private static <N extends Number> N positive(String option, N value) {
            if (value.longValue() <= 0) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return value;
        }

        boolean winHttpClients() {
            return clients.stream().anyMatch(c -> c.startsWith("w4j"));
        }

        int maxInFlight() {
            int max = postConcurrency;
            for (int count : workloads.contains("burst") ? burst : List.<Integer>of()) {
                max = Math.max(max, count);
            }
            for (int level : concurrency) {
                max = Math.max(max, level);
            }
            return max;
        }
    }

    private final Settings settings;
    private final MemoryProbe probe = new MemoryProbe();
    private final Report report;

    private BenchMain(Settings settings) {
        this.settings = settings;
        this.report = new Report(describe(settings));
    }

    public static void main(String[] args) throws Exception {
        LoggerFactory.getILoggerFactory(); // Logback ready before any actor system logs from another thread
        if (args.length > 0 && args[0].equals("--jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (RuntimeException e) {
            if (e.getMessage() != null && !e.getMessage().isEmpty()) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int status;
        try {
            status = settings.oneJvm() ? new BenchMain(settings).run() : PoolRuns.run(args, settings.wrk());
        } catch (Exception e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // engines and actor systems that failed to stop must not keep the JVM
    }

    private int run() throws Exception {
        try (Server server = settings.url() == null ? Server.fork(settings.serverJvmOptions()) : Server.external(settings.url())) {
            URI base = server.base();
            progress("server " + base + (settings.url() == null ? " (forked JVM)" : " (external)"));
            if (settings.workloads().contains("handles") && settings.winHttpClients()) {
                measureHandles(base);
            }
            List<Client> clients = openClients();
            try {
                runWorkloads(base, clients);
            } finally {
                for (Client client : clients) {
                    try {
                        client.close();
                    } catch (RuntimeException e) {
                        report.error("closing " + client.name() + ": " + e);
                    }
                }
            }
            if (settings.wrk()) {
                runWrk(base);
            }
            if (settings.smoke() && settings.winHttpClients()) {
                progress("micro-benchmarks (JMH, one short iteration each)");
                MicroQuick.run(report);
            }
        }
        report.print(System.out);
        if (settings.resultsFile() != null) {
            PoolRuns.write(settings.resultsFile(), report.results(), report.handles());
        }
        return report.failed() ? 1 : 0;
    }

    // ---- clients -----------------------------------------------------------------------------

    private List<Client> openClients() {
        List<Client> clients = new ArrayList<>();
        for (String name : settings.clients()) {
            try {
                clients.add(switch (name) {
                    case Report.PEKKO -> new PekkoClient(settings.maxInFlight());
                    case Report.JDK -> new JdkClient();
                    case Report.ASYNC -> new WinHttpAsyncClient(name, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
                    case Report.ASYNC_ALL -> new WinHttpAsyncClient(name, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
                    case Report.SYNC -> new WinHttpSyncClient();
                    default -> throw new IllegalArgumentException(name);
                });
            } catch (RuntimeException | LinkageError e) {
                report.error("client " + name + " could not start: " + e);
                progress("client " + name + " could not start: " + e);
            }
        }
        return clients;
    }

    // ---- workloads ---------------------------------------------------------------------------

    private void runWorkloads(URI base, List<Client> clients) {
        boolean own = settings.url() == null; // BenchServer: every body length is known
        if (settings.workloads().contains("get")) {
            URI small = base.resolve("small");
            Function<Client, CompletableFuture<Long>> get = c -> c.get(small);
            for (int level : settings.concurrency()) {
                interleaved("get", level, clients,
                        timed(get, own ? 2 : -1, level, settings.warmup()),
                        timed(get, own ? 2 : -1, level, settings.duration()), settings.rounds());
            }
        }
        if (settings.workloads().contains("download")) {
            long size = settings.downloadBytes();
            long warmSize = settings.downloadWarmupBytes();
            URI big = base.resolve("bytes/" + size);
            URI warmBig = base.resolve("bytes/" + warmSize);
            Duration timeout = settings.grace().plusSeconds(size >> 23); // + 1 s per 8 MiB
            interleaved("download", 1, clients,
                    c -> new LoadDriver(() -> c.download(warmBig), warmSize).closedLoop(1, timeout, 1, Duration.ZERO),
                    c -> new LoadDriver(() -> c.download(big), size).closedLoop(1, timeout, 1, Duration.ZERO),
                    settings.rounds());
        }
        if (settings.workloads().contains("post")) {
            byte[] body = new byte[settings.postBytes()];
            ThreadLocalRandom.current().nextBytes(body);
            URI upload = base.resolve("upload");
            long sent = body.length;
            // bytes moved by one POST: the request body plus the response body ("ok" from BenchServer)
            Function<Client, CompletableFuture<Long>> post = c -> c.post(upload, body).thenApply(received -> received + sent);
            int level = settings.postConcurrency();
            interleaved("post", level, clients,
                    timed(post, own ? sent + 2 : -1, level, settings.warmup()),
                    timed(post, own ? sent + 2 : -1, level, settings.duration()), settings.rounds());
        }
        if (settings.workloads().contains("burst")) {
            URI slow = base.resolve("slow/" + settings.slowMillis());
            Duration timeout = settings.grace().plusMillis(settings.slowMillis());
            // no warm-up (the get levels warmed the clients) and one round: it is a test of capacity;
            // several counts show whether the cost per request stays flat as the burst grows
            for (int count : settings.burst()) {
                report.burstSize(count);
                interleaved("burst", count, clients, null,
                        c -> new LoadDriver(() -> c.get(slow), own ? 2 : -1).burst(count, timeout), 1);
            }
        }
    }

    /** A closed loop of {@code exchange} with {@code inFlight} workers for {@code duration}. */
    private Function<Client, LoadDriver.Outcome> timed(Function<Client, CompletableFuture<Long>> exchange,
                                                       long expectedBytes, int inFlight, Duration duration) {
        return c -> new LoadDriver(() -> exchange.apply(c), expectedBytes)
                .closedLoop(inFlight, duration, Long.MAX_VALUE, settings.grace());
    }

    /**
     * Warm-up for each client, then {@code rounds} rounds in which every client runs once; the
     * order rotates by one each round (A B C, B C A, …) so that drift and position hit all alike.
     * Each measured run starts with a full GC (see {@link MemoryProbe}).
     */
    private void interleaved(String workload, int inFlight, List<Client> clients,
                             Function<Client, LoadDriver.Outcome> warmup, Function<Client, LoadDriver.Outcome> run,
                             int rounds) {
        String label = workload + " @" + inFlight;
        for (Client client : clients) {
            client.prepare(inFlight);
        }
        if (warmup != null) {
            for (Client client : clients) {
                LoadDriver.Outcome outcome = warmup.apply(client);
                progress(label + " warm-up " + client.name() + ": " + outcome.completed() + " done, " + outcome.failed() + " failed");
                if (outcome.failed() > 0) {
                    report.error(label + " warm-up " + client.name() + ": " + outcome.failed() + " failed, first: " + outcome.firstError());
                }
            }
        }
        Map<String, Result> merged = new LinkedHashMap<>();
        for (Client client : clients) {
            merged.put(client.name(), null); // table order = client order
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < clients.size(); i++) {
                Client client = clients.get((i + round) % clients.size());
                probe.begin();
                LoadDriver.Outcome outcome = run.apply(client);
                MemoryProbe.Sample memory = probe.end();
                Result result = Result.of(workload, inFlight, client.name(), outcome, memory);
                merged.merge(client.name(), result, (a, b) -> a == null ? b : a.plus(b));
                progress(String.format(Locale.ROOT, "%s round %d/%d %s: %s req/s, p50 %s, %.1f MiB/s, %d failed",
                        label, round + 1, rounds, client.name(), Report.rate(result.requestsPerSecond()),
                        Report.nanos(result.latencyAt(50)), result.bytesPerSecond() / (1 << 20), result.failures()));
            }
        }
        for (Result result : merged.values()) {
            if (result != null) {
                if (result.requests() == 0 && result.failures() == 0) {
                    report.error(label + " " + result.client() + ": no request completed");
                }
                report.add(result);
            }
        }
    }

    private void measureHandles(URI base) {
        progress("handles: opening " + settings.handles() + " idle request handles");
        try {
            HandleFootprint.Figures figures = HandleFootprint.measure(settings.handles(), base.getHost(), base.getPort());
            report.handles(figures);
            progress("handles: " + Report.bytes(figures.bytesPerHandle()) + " each, "
                    + Report.bytes(figures.residualBytes()) + " left after closing");
            if (!figures.returned()) {
                report.error("handles: heap not back near baseline after closing: " + Report.bytes(figures.residualBytes()) + " left");
            }
        } catch (RuntimeException | LinkageError e) {
            report.error("handles: " + e);
        }
    }

    private void runWrk(URI base) {
        Optional<Path> wrk = Wrk.find();
        if (wrk.isEmpty()) {
            return;
        }
        Duration length = settings.smoke() ? Duration.ofSeconds(1) : settings.duration().multipliedBy(settings.rounds());
        if (settings.workloads().contains("get")) {
            for (int level : settings.concurrency()) {
                progress("wrk get @" + level);
                Optional.ofNullable(Wrk.run(wrk.get(), "get", base.resolve("small"), level, length)).ifPresent(report::add);
            }
        }
        if (settings.workloads().contains("download")) {
            progress("wrk download @1");
            Optional.ofNullable(Wrk.run(wrk.get(), "download", base.resolve("bytes/" + settings.downloadBytes()), 1, length))
                    .ifPresent(report::add);
        }
    }

    // ---- the server --------------------------------------------------------------------------

    /** The server under load: a forked BenchServer JVM, or a server given by --url. */
    private static final class Server implements AutoCloseable {
        private final URI base;
        private final Process process;

        private Server(URI base, Process process) {
            this.base = base;
            this.process = process;
        }

        static Server external(URI base) {
            requireLoopback(base);
            return new Server(base, null);
        }

        /** Same java binary, same classpath; the first line on its stdout is its port. */
        static Server fork(List<String> jvmOptions) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
                    "--host", "127.0.0.1", "--port", "0", "--exit-on-stdin-eof"));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                port.complete(readPort(out));
                readPort(out); // anything else it prints
            }, "bench-server-stdout"); // a thread of its own: nothing of the bench runs on the common pool
            reader.setDaemon(true);
            reader.start();
            try {
                int bound = port.get(60, TimeUnit.SECONDS);
                return new Server(URI.create("http://127.0.0.1:" + bound + "/"), process);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IOException("BenchServer did not report its port: " + e, e);
            }
        }

        private static int readPort(BufferedReader out) {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.strip().matches("\\d+")) {
                        return Integer.parseInt(line.strip());
                    }
                }
            } catch (IOException e) {
                // fall through
            }
            return -1;
        }

        URI base() {
            return base;
        }

        @Override
        public void close() {
            if (process == null) {
                return;
            }
            try {
                process.getOutputStream().close(); // end of its stdin: it stops
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Load goes to this machine only. */
    static void requireLoopback(URI url) {
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("--url must be http://host:port/ on this machine, got " + url);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: unknown host " + url.getHost(), e);
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("--url must name this machine (a loopback address, 127.0.0.0/8 or ::1): "
                        + url.getHost() + " is " + address.getHostAddress() + ", which is not");
            }
        }
    }

    // ---- output ------------------------------------------------------------------------------

    private static String describe(Settings s) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT,
                "winhttp4j-bench %s%s  java %s  %d cpus  common-pool parallelism %d  max heap %s%n"
                        + "clients %s; %d interleaved round(s) of %s per client (warm-up %s); small GET (2 B) @%s;"
                        + " download %s; POST %s @%d; burst %s against /slow/%d",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), s.smoke() ? "  SMOKE" : "",
                System.getProperty("java.version"), runtime.availableProcessors(),
                ForkJoinPool.getCommonPoolParallelism(), Report.bytes(runtime.maxMemory()),
                String.join(",", s.clients()), s.rounds(), s.duration(), s.warmup(),
                s.concurrency().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""),
                Report.bytes(s.downloadBytes()), Report.bytes(s.postBytes()), s.postConcurrency(),
                s.burst().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""), s.slowMillis());
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
