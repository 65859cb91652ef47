package io.winhttp4j.samples.cli;

import static io.winhttp4j.WinHttpConstants.*;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

/**
 * The five calls of a transfer in one API mode (--sync / --async), so the transfer itself is
 * written once. Synchronous: each call returns its result. Asynchronous: the session is opened
 * with WINHTTP_FLAG_ASYNC, each call returns at once, and the result is the completion
 * notification the status callback hands over (REQUEST_ERROR thrown as its error).
 */
abstract class Driver {
    final WinHttp winHttp;
    final Trace trace;

    private Driver(WinHttp winHttp, Trace trace) {
        this.winHttp = winHttp;
        this.trace = trace;
    }

    static Driver of(WinHttp winHttp, boolean async, Trace trace) {
        return async ? new Async(winHttp, trace) : new Sync(winHttp, trace);
    }

    /** WinHttpOpen's flags for this mode. */
    abstract int openFlags();

    /** The status callback to install on the session. */
    abstract StatusCallback callback();

    abstract void sendRequest(HInternet request, long totalLength);

    abstract int writeData(HInternet request, byte[] buffer, int offset, int length);

    abstract void receiveResponse(HInternet request);

    abstract int queryDataAvailable(HInternet request);

    abstract int readData(HInternet request, byte[] buffer, int offset, int length);

    private static final class Sync extends Driver {
        Sync(WinHttp winHttp, Trace trace) {
            super(winHttp, trace);
        }

        @Override
        int openFlags() {
            return 0;
        }

        @Override
        StatusCallback callback() {
            return trace::notification;
        }

        @Override
        void sendRequest(HInternet request, long totalLength) {
            winHttp.sendRequest(request, null, null, totalLength, 0);
        }

        @Override
        int writeData(HInternet request, byte[] buffer, int offset, int length) {
            return winHttp.writeData(request, buffer, offset, length);
        }

        @Override
        void receiveResponse(HInternet request) {
            winHttp.receiveResponse(request);
        }

        @Override
        int queryDataAvailable(HInternet request) {
            return winHttp.queryDataAvailable(request);
        }

        @Override
        int readData(HInternet request, byte[] buffer, int offset, int length) {
            return winHttp.readData(request, buffer, offset, length);
        }
    }

    private static final class Async extends Driver {
        /** Completions of the one request, in order; the main thread takes them one by one. */
        private final BlockingQueue<Notification> completions = new LinkedBlockingQueue<>();

        Async(WinHttp winHttp, Trace trace) {
            super(winHttp, trace);
        }

        @Override
        int openFlags() {
            return WINHTTP_FLAG_ASYNC;
        }

        @Override
        StatusCallback callback() {
            return n -> {
                trace.notification(n);
                if (n.handle().handleType() == WINHTTP_HANDLE_TYPE_REQUEST && isCompletion(n.status())) {
                    completions.add(n);
                }
            };
        }

        private static boolean isCompletion(int status) {
            return switch (status) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE,
                     WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE,
                     WINHTTP_CALLBACK_STATUS_READ_COMPLETE, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> true;
                default -> false;
            };
        }

        /** The completion of the call just made; the engine sends exactly one per accepted call. */
        private StatusInfo await(int expected) {
            Notification n;
            try {
                n = completions.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "interrupted");
            }
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) {
                throw new WinHttpException(((StatusInfo.AsyncResult) n.info()).error());
            }
            if (n.status() != expected) {
                throw new IllegalStateException("expected " + statusName(expected) + ", got " + statusName(n.status()));
            }
            return n.info();
        }

        @Override
        void sendRequest(HInternet request, long totalLength) {
            winHttp.sendRequest(request, null, null, totalLength, 0);
            await(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        }

        @Override
        int writeData(HInternet request, byte[] buffer, int offset, int length) {
            winHttp.writeData(request, buffer, offset, length);
            return (int) ((StatusInfo.ByteCount) await(WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE)).bytes();
        }

        @Override
        void receiveResponse(HInternet request) {
            winHttp.receiveResponse(request);
            await(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        }

        @Override
        int queryDataAvailable(HInternet request) {
            winHttp.queryDataAvailable(request);
            return (int) ((StatusInfo.ByteCount) await(WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE)).bytes();
        }

        @Override
        int readData(HInternet request, byte[] buffer, int offset, int length) {
            winHttp.readData(request, buffer, offset, length);
            return ((StatusInfo.ReadComplete) await(WINHTTP_CALLBACK_STATUS_READ_COMPLETE)).bytesRead();
        }
    }
}
