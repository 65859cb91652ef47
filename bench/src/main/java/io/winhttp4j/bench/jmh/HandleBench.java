package io.winhttp4j.bench.jmh;

import io.winhttp4j.HInternet;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * A request handle's life as the caller sees it: openRequest then closeHandle on an existing
 * connect handle, no network, no callback. Sync and async sessions.
 */
public class HandleBench extends EngineBench {

    @Benchmark
    public HInternet openRequestThenClose() {
        HInternet request = winHttp.openRequest(connect, "GET", "/", null, null, null, 0);
        winHttp.closeHandle(request);
        return request;
    }
}
