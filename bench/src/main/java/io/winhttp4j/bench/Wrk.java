package io.winhttp4j.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, when it is on the PATH: a C load generator whose figure for the same URL is the ceiling of
 * what this machine and server allow. Only what wrk prints is used: requests/s, transfer/s and,
 * with --latency, the 50% and 99% latencies (wrk has no 99.9%).
 */
final class Wrk {

    /** wrk's figures; latencies in nanoseconds, -1 when wrk did not print them. */
    record Figure(String workload, int connections, double requestsPerSecond, double bytesPerSecond,
                  long p50Nanos, long p99Nanos, long errors) {
    }

    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TRANSFER = Pattern.compile("Transfer/sec:\\s+([0-9.]+)([KMGT]?B)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private Wrk() {
    }

    static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs wrk for {@code duration} (whole seconds, at least 1); null if it could not run. */
    static Figure run(Path wrk, String workload, URI url, int connections, Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        int threads = Math.min(2, connections);
        List<String> command = List.of(wrk.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "60s", "--latency", url.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(seconds + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                System.err.println("bench: wrk failed: " + output.strip());
                return null;
            }
            return parse(workload, connections, output);
        } catch (IOException e) {
            System.err.println("bench: wrk did not run: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Figure parse(String workload, int connections, String output) {
        Matcher requests = REQUESTS.matcher(output);
        double rps = requests.find() ? Double.parseDouble(requests.group(1)) : -1;
        Matcher transfer = TRANSFER.matcher(output);
        double bytes = transfer.find() ? Double.parseDouble(transfer.group(1)) * unitBytes(transfer.group(2)) : -1;
        long p50 = -1;
        long p99 = -1;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            long nanos = (long) (Double.parseDouble(percentile.group(2)) * unitNanos(percentile.group(3)));
            if (percentile.group(1).equals("50")) {
                p50 = nanos;
            } else {
                p99 = nanos;
            }
        }
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        return new Figure(workload, connections, rps, bytes, p50, p99, errors);
    }

    private static double unitBytes(String unit) {
        return switch (unit) {
            case "KB" -> 1024.0;
            case "MB" -> 1024.0 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            case "TB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1.0;
        };
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
