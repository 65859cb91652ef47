package io.winhttp4j.samples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One in-process run of the command line's main with captured streams. */
record CliRun(int status, byte[] stdoutBytes, String stderr, long millis) {

    static CliRun of(String... args) {
        return withInput(new ByteArrayInputStream(new byte[0]), args);
    }

    static CliRun withInput(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = WinHttpCli.run(args, stdin, o, e);
        }
        return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** For assertion messages: everything the run printed. */
    String all() {
        return "exit " + status + "\n--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr;
    }
}
