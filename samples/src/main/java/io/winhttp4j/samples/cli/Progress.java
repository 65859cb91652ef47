package io.winhttp4j.samples.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * curl's progress meter on stderr, one line redrawn with {@code \r}: bytes so far, the percentage
 * and ETA when the total is known, the rate. Redrawn at most {@link #MAX_PER_SECOND} times a
 * second, whatever the size of the pieces, plus once at the end. Only shown when stderr is a
 * terminal ({@link #stderrIsTerminal()}), so pipes and logs stay clean.
 */
final class Progress {
    static final int MAX_PER_SECOND = 10;
    private static final long INTERVAL_NANOS = 1_000_000_000L / MAX_PER_SECOND;

    private final PrintStream err;
    private final String verb;
    private final long start = System.nanoTime();
    private long total = -1;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    private Progress(PrintStream err, String verb) {
        this.err = err;
        this.verb = verb;
    }

    /** A meter, or null when there is nothing to show it on. */
    static Progress on(PrintStream err, String verb, boolean show) {
        return show ? new Progress(err, verb) : null;
    }

    /**
     * Whether stderr is a terminal. The JDK cannot ask that of stderr (System.console() looks at
     * stdin and stdout), so on Linux the descriptor's target is read from /proc: a pseudo-terminal
     * or a tty. Elsewhere, a console present stands for it.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return System.console() != null;
        }
    }

    void total(long bytes) {
        total = bytes;
    }

    void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastDraw >= INTERVAL_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    /** The final line, then a newline so what follows starts on its own line. */
    void finish() {
        draw(System.nanoTime());
        if (drawn) {
            err.print('\n');
            err.flush();
        }
    }

    private void draw(long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder("\r").append(verb).append(' ').append(size(done));
        if (total >= 0) {
            line.append(" / ").append(size(total));
            line.append(String.format(" %3d%%", total == 0 ? 100 : (int) (done * 100 / total)));
        }
        line.append("  ").append(size((long) rate)).append("/s");
        if (total > 0 && rate > 0) {
            long eta = (long) Math.ceil(Math.max(total - done, 0) / rate);
            line.append(String.format("  ETA %d:%02d", eta / 60, eta % 60));
        }
        line.append("   ");
        err.print(line);
        err.flush();
        drawn = true;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
