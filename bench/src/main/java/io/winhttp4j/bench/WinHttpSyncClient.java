package io.winhttp4j.bench;

import static io.winhttp4j.WinHttpConstants.WINHTTP_QUERY_STATUS_CODE;

import io.winhttp4j.HInternet;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * winhttp4j's synchronous API with one thread per request in flight: each exchange runs
 * openRequest, sendRequest, receiveResponse, a readData loop into a 64 KiB buffer until it
 * returns 0, and closeHandle, on a pool thread. {@link #prepare} sizes the pool to the number of
 * requests the workload keeps in flight.
 */
final class WinHttpSyncClient extends WinHttpClient {

    private static final long THREAD_STACK_BYTES = 256 * 1024; // 10,000 threads must fit

    private final ThreadPoolExecutor threads;

    WinHttpSyncClient() {
        super(0);
        AtomicInteger count = new AtomicInteger();
        threads = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(null, task, "w4j-sync-" + count.incrementAndGet(), THREAD_STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return "w4j-sync";
    }

    @Override
    public void prepare(int maxInFlight) {
        if (maxInFlight > threads.getMaximumPoolSize()) {
            threads.setMaximumPoolSize(maxInFlight);
            threads.setCorePoolSize(maxInFlight);
        } else {
            threads.setCorePoolSize(maxInFlight);
            threads.setMaximumPoolSize(maxInFlight);
        }
    }

    @Override
    public CompletableFuture<Long> get(URI uri) {
        return submit("GET", uri, null);
    }

    @Override
    public CompletableFuture<Long> download(URI uri) {
        return submit("GET", uri, null);
    }

    @Override
    public CompletableFuture<Long> post(URI uri, byte[] body) {
        return submit("POST", uri, body);
    }

    private CompletableFuture<Long> submit(String verb, URI uri, byte[] body) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    result.complete(exchange(verb, uri, body));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private long exchange(String verb, URI uri, byte[] body) {
        HInternet request = winHttp.openRequest(connectFor(uri), verb, objectName(uri), null, null, null, 0);
        byte[] buffer = null;
        try {
            winHttp.sendRequest(request, null, body, body == null ? 0 : body.length, 0);
            winHttp.receiveResponse(request);
            long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            buffer = buffers.take();
            long total = 0;
            for (int read; (read = winHttp.readData(request, buffer, 0, buffer.length)) > 0; ) {
                total += read;
            }
            if (status != 200) {
                throw new IllegalStateException("HTTP status " + status);
            }
            return total;
        } finally {
            winHttp.closeHandle(request);
            buffers.give(buffer);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        super.close();
    }
}
