package io.winhttp4j.samples.cli;

import static io.winhttp4j.WinHttpConstants.statusName;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;

/**
 * The -v trace on stderr: one line per WinHTTP notification (time, handle, status name, payload),
 * and curl's {@code > } / {@code < } lines for the request and response heads and {@code * } for
 * what the tool itself does. Silent unless verbose.
 */
final class Trace {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    private final PrintStream err;
    private final boolean verbose;

    Trace(PrintStream err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    boolean verbose() {
        return verbose;
    }

    /** One notification: {@code 12:00:00.123456 Request#3 SENDING_REQUEST} then its payload, if any. */
    void notification(Notification n) {
        if (!verbose) {
            return;
        }
        StringBuilder line = new StringBuilder("* ").append(LocalTime.now().format(TIME))
                .append(' ').append(n.handle()).append(' ').append(statusName(n.status()));
        if (!(n.info() instanceof StatusInfo.None)) {
            line.append(' ').append(n.info());
        }
        print(line.toString());
    }

    /** A note of the tool's own, curl's {@code * } lines. */
    void note(String text) {
        if (verbose) {
            print("* " + text);
        }
    }

    /** A head, each line prefixed ({@code "> "} sent, {@code "< "} received), blank lines dropped. */
    void head(String prefix, String rawHeaders) {
        if (!verbose) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        rawHeaders.lines().filter(l -> !l.isEmpty()).forEach(l -> sb.append(prefix).append(l).append('\n'));
        sb.append(prefix.strip()).append('\n');
        synchronized (err) {
            err.print(sb);
            err.flush();
        }
    }

    private void print(String line) {
        // callbacks of different handles may run at once; keep their lines whole
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
