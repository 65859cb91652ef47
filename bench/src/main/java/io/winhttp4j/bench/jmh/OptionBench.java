package io.winhttp4j.bench.jmh;

import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_CONTEXT_VALUE;

import io.winhttp4j.HInternet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * Accepted calls on an open request handle: the caller-thread checks plus the round trip to the
 * handle's actor and back. setOption + queryOption of CONTEXT_VALUE, and queryOption alone.
 */
public class OptionBench extends EngineBench {

    private HInternet request;
    private long context;

    @Setup(Level.Trial)
    public void openRequest() {
        request = winHttp.openRequest(connect, "GET", "/", null, null, null, 0);
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
