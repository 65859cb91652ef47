package io.winhttp4j.bench.jmh;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;
import static io.winhttp4j.WinHttpConstants.WINHTTP_FLAG_ASYNC;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every micro-benchmark starts from: an engine, a session in the benchmark's mode (sync or
 * async) and a connect handle to a server that is never contacted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class EngineBench {

    @Param({"sync", "async"})
    public String mode;

    protected WinHttp winHttp;
    protected HInternet session;
    protected HInternet connect;

    @Setup(Level.Trial)
    public void openEngine() {
        winHttp = WinHttpEngine.create();
        session = winHttp.open("winhttp4j-jmh", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null,
                mode.equals("async") ? WINHTTP_FLAG_ASYNC : 0);
        beforeConnect();
        connect = winHttp.connect(session, "127.0.0.1", 9); // never contacted
    }

    /** A subclass's chance to set up the session before the connect handle inherits from it. */
    protected void beforeConnect() {
    }

    /** Engine shutdown closes every handle a benchmark left open. */
    @TearDown(Level.Trial)
    public void closeEngine() {
        winHttp.close();
    }
}
