package io.winhttp4j.bench.jmh;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;
import static io.winhttp4j.WinHttpConstants.WINHTTP_FLAG_ASYNC;
import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_CONTEXT_VALUE;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
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
 * Accepted calls on an open request handle: the caller-thread checks plus the round trip to the
 * handle's actor and back. setOption + queryOption of CONTEXT_VALUE, and queryOption alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptionBench {

    @Param({"sync", "async"})
    public String mode;

    private WinHttp winHttp;
    private HInternet session;
    private HInternet connect;
    private HInternet request;
    private long context;

    @Setup(Level.Trial)
    public void open() {
        winHttp = WinHttpEngine.create();
        session = winHttp.open("winhttp4j-jmh", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null,
                mode.equals("async") ? WINHTTP_FLAG_ASYNC : 0);
        connect = winHttp.connect(session, "127.0.0.1", 9); // never contacted
        request = winHttp.openRequest(connect, "GET", "/", null, null, null, 0);
    }

    @TearDown(Level.Trial)
    public void close() {
        winHttp.closeHandle(request);
        winHttp.closeHandle(connect);
        winHttp.closeHandle(session);
        winHttp.close();
    }

    @Benchmark
    public Object setThenQueryContextValue() {
        winHttp.setOption(request, WINHTTP_OPTION_CONTEXT_VALUE, ++context);
        return winHttp.queryOption(request, WINHTTP_OPTION_CONTEXT_VALUE);
    }

    @Benchmark
    public Object queryContextValue() {
        return winHttp.queryOption(request, WINHTTP_OPTION_CONTEXT_VALUE);
    }
}
