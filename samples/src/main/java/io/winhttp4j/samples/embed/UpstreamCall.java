package io.winhttp4j.samples.embed;

import static io.winhttp4j.WinHttpConstants.*;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

import org.apache.pekko.Done;
import org.apache.pekko.util.ByteString;

/**
 * One upstream GET on an asynchronous session, read one buffer per {@link #next()}: nothing is
 * read from the upstream until the stream downstream asks for it, so a slow reader holds the
 * upstream back instead of piling its body up in the heap. The WinHTTP calls run on the executor
 * given (Pekko's blocking dispatcher), never on a stream's own thread, since each waits for its
 * handle's actor to accept it; the completions come back through the status callback.
 */
final class UpstreamCall {
    private final WinHttp winHttp;
    private final Executor calls;
    private final String label;
    private final byte[] buffer;
    private final AtomicLong bytesRead;
    private final HInternet connect;
    private final HInternet request;
    /** The one operation in flight: its completion arrives in the callback. */
    private volatile CompletableFuture<Optional<ByteString>> pending;
    private final CompletableFuture<UpstreamCall> started = new CompletableFuture<>();
    private boolean statusSent;

    private UpstreamCall(WinHttp winHttp, HInternet session, UrlComponents url, String label, int bufferSize,
                         Executor calls, AtomicLong bytesRead) {
        this.winHttp = winHttp;
        this.calls = calls;
        this.label = label;
        this.buffer = new byte[bufferSize];
        this.bytesRead = bytesRead;
        this.connect = winHttp.connect(session, url.hostName(), url.port());
        String path = (url.urlPath().isEmpty() ? "/" : url.urlPath()) + (url.extraInfo() == null ? "" : url.extraInfo());
        this.request = winHttp.openRequest(connect, "GET", path, null, null, null,
                url.scheme() == INTERNET_SCHEME_HTTPS ? WINHTTP_FLAG_SECURE : 0);
        winHttp.setStatusCallback(request, this::onStatus,
                WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
    }

    /** Opens the handles and sends the request; completes once the response's headers are in. */
    static CompletionStage<UpstreamCall> start(WinHttp winHttp, HInternet session, String url, String label,
                                               int bufferSize, Executor calls, AtomicLong bytesRead) {
        return CompletableFuture.supplyAsync(() -> {
            UpstreamCall call = new UpstreamCall(winHttp, session, winHttp.crackUrl(url, 0), label, bufferSize, calls, bytesRead);
            winHttp.sendRequest(call.request, null, null, 0, 0);
            return call;
        }, calls).thenCompose(call -> call.started.whenComplete((ok, failure) -> {
            if (failure != null) {
                call.close(); // the stream never got it, so nothing else closes its handles
            }
        }));
    }

    /** The status line first, then the body a buffer at a time; empty at its end. */
    CompletionStage<Optional<ByteString>> next() {
        if (!statusSent) {
            statusSent = true;
            long status = winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            return CompletableFuture.completedFuture(Optional.of(
                    ByteString.fromString("== " + label + ": " + status + "\n", StandardCharsets.UTF_8)));
        }
        CompletableFuture<Optional<ByteString>> next = new CompletableFuture<>();
        pending = next;
        CompletableFuture.runAsync(() -> winHttp.queryDataAvailable(request), calls)
                .exceptionally(e -> {
                    next.completeExceptionally(e);
                    return null;
                });
        return next;
    }

    /** Closes the handles (also when the stream is cancelled before the end). */
    CompletionStage<Done> close() {
        return CompletableFuture.supplyAsync(() -> {
            winHttp.closeHandle(request);
            winHttp.closeHandle(connect);
            return Done.getInstance();
        }, calls);
    }

    private void onStatus(Notification n) {
        try {
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(request);
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> started.complete(this);
                case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                    long available = ((StatusInfo.ByteCount) n.info()).bytes();
                    if (available == 0) {
                        pending.complete(Optional.empty());
                    } else {
                        winHttp.readData(request, buffer, 0, (int) Math.min(available, buffer.length));
                    }
                }
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    StatusInfo.ReadComplete read = (StatusInfo.ReadComplete) n.info();
                    bytesRead.addAndGet(read.bytesRead());
                    // copied out, so the buffer can take the next read
                    pending.complete(read.bytesRead() == 0 ? Optional.empty()
                            : Optional.of(ByteString.fromArray(read.buffer(), read.offset(), read.bytesRead())));
                }
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> fail(new WinHttpException(((StatusInfo.AsyncResult) n.info()).error()));
                default -> {
                    // handle notifications: nothing to do
                }
            }
        } catch (WinHttpException e) {
            fail(e);
        }
    }

    private void fail(WinHttpException e) {
        if (!started.completeExceptionally(e) && pending != null) {
            pending.completeExceptionally(e);
        }
    }
}
