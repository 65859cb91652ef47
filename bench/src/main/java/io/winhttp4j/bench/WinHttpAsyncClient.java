package io.winhttp4j.bench;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_READ_COMPLETE;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE;
import static io.winhttp4j.WinHttpConstants.WINHTTP_FLAG_ASYNC;
import static io.winhttp4j.WinHttpConstants.WINHTTP_QUERY_STATUS_CODE;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * winhttp4j's asynchronous API, written as a WinHTTP application would write it: one session
 * opened with WINHTTP_FLAG_ASYNC and one StatusCallback that drives every request through
 * <pre>
 * sendRequest → SENDREQUEST_COMPLETE → receiveResponse → HEADERS_AVAILABLE → queryDataAvailable
 *   → DATA_AVAILABLE(n) → readData → READ_COMPLETE(n) → queryDataAvailable → … → 0 bytes → closeHandle
 * </pre>
 * The context value given to sendRequest is an exchange id; the callback finds the exchange's
 * state by it. The notification mask is the variable under test: ALL_NOTIFICATIONS (every
 * progress notification is delivered and ignored) or ALL_COMPLETIONS.
 */
final class WinHttpAsyncClient extends WinHttpClient {

    private final String name;
    private final ConcurrentHashMap<Long, Exchange> exchanges = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(); // 0 is never an exchange id: handles start with context 0

    WinHttpAsyncClient(String name, int notificationFlags) {
        super(WINHTTP_FLAG_ASYNC);
        this.name = name;
        winHttp.setStatusCallback(session, this::onStatus, notificationFlags); // inherited by connects and requests
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<Long> get(URI uri) {
        return start("GET", uri, null);
    }

    @Override
    public CompletableFuture<Long> download(URI uri) {
        return start("GET", uri, null);
    }

    @Override
    public CompletableFuture<Long> post(URI uri, byte[] body) {
        return start("POST", uri, body);
    }

    private CompletableFuture<Long> start(String verb, URI uri, byte[] body) {
        HInternet request;
        try {
            request = winHttp.openRequest(connectFor(uri), verb, objectName(uri), null, null, null, 0);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Exchange exchange = new Exchange(ids.incrementAndGet(), request);
        exchanges.put(exchange.id, exchange);
        try {
            winHttp.sendRequest(request, null, body, body == null ? 0 : body.length, exchange.id);
        } catch (RuntimeException e) {
            finish(exchange, e);
        }
        return exchange.result;
    }

    private void onStatus(Notification notification) {
        Exchange exchange = exchanges.get(notification.context());
        if (exchange == null) {
            return; // HANDLE_CREATED (context still 0), HANDLE_CLOSING after the end, connect/session handles
        }
        try {
            switch (notification.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(exchange.request);
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                    exchange.status = winHttp.queryHeadersNumber(exchange.request, WINHTTP_QUERY_STATUS_CODE, null, 0);
                    winHttp.queryDataAvailable(exchange.request);
                }
                case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                    if (((StatusInfo.ByteCount) notification.info()).bytes() == 0) {
                        finish(exchange, null);
                    } else {
                        if (exchange.buffer == null) {
                            exchange.buffer = buffers.take();
                        }
                        winHttp.readData(exchange.request, exchange.buffer, 0, exchange.buffer.length);
                    }
                }
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    int read = ((StatusInfo.ReadComplete) notification.info()).bytesRead();
                    if (read == 0) {
                        finish(exchange, null);
                    } else {
                        exchange.bytes += read;
                        winHttp.queryDataAvailable(exchange.request);
                    }
                }
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                    StatusInfo.AsyncResult result = (StatusInfo.AsyncResult) notification.info();
                    finish(exchange, new WinHttpException(result.error(), "REQUEST_ERROR for API id " + result.api()));
                }
                default -> {
                    // progress notifications (ALL_NOTIFICATIONS): delivered, not needed
                }
            }
        } catch (RuntimeException e) {
            finish(exchange, e);
        }
    }

    private void finish(Exchange exchange, Throwable failure) {
        if (exchanges.remove(exchange.id) == null) {
            return; // already finished
        }
        try {
            winHttp.closeHandle(exchange.request);
        } catch (RuntimeException e) {
            failure = failure != null ? failure : e;
        }
        if (failure == null) {
            buffers.give(exchange.buffer); // on failure the engine might still own it: leave it to the GC
            if (exchange.status == 200) {
                exchange.result.complete(exchange.bytes);
            } else {
                exchange.result.completeExceptionally(new IllegalStateException("HTTP status " + exchange.status));
            }
        } else {
            exchange.result.completeExceptionally(failure);
        }
    }

    /** One request's state. Notifications of one handle are delivered one at a time, in order. */
    private static final class Exchange {
        final long id;
        final HInternet request;
        final CompletableFuture<Long> result = new CompletableFuture<>();
        long status;
        long bytes;
        byte[] buffer;

        Exchange(long id, HInternet request) {
            this.id = id;
            this.request = request;
        }
    }
}
