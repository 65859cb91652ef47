package io.winhttp4j.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH benchmarks of {@code io.winhttp4j.bench.jmh}, each run once briefly in this JVM: the
 * smoke run's proof that they still work. Real numbers come from {@code --jmh} (forked, warmed up).
 */
final class MicroQuick {

    private MicroQuick() {
    }

    static void run(Report report) {
        Options options = new OptionsBuilder()
                .include("io\\.winhttp4j\\.bench\\.jmh\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .threads(1)
                .shouldFailOnError(true)
                .build();
        try {
            // JMH's own output (and the stack trace of a failing benchmark) goes to stderr with the progress
            Collection<RunResult> results = new Runner(options,
                    OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL)).run();
            if (results.isEmpty()) {
                report.error("micro-benchmarks: JMH found no benchmark");
            }
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark();
                String mode = result.getParams().getParam("mode");
                report.add(new Report.Micro(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                        mode == null ? "" : mode, result.getPrimaryResult().getScore(),
                        result.getPrimaryResult().getScoreUnit()));
            }
        } catch (RunnerException | RuntimeException e) {
            report.error("micro-benchmarks failed: " + e);
        }
    }
}
