package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.Done;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.GraphStageWithMaterializedValue;
import org.apache.pekko.util.ByteString;
import scala.Tuple2;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read side of a socket, the counterpart of {@link WriteSource}: a sink whose reads are plain
 * futures that the stage completes itself, on the stream's thread. (Pekko's Sink.queue answers
 * with Java-API stages, whose follow-on steps each run on the JDK's common pool: a new thread per
 * read on a 2-CPU machine.) Like Sink.queue, it keeps a small buffer filled ahead of the reader,
 * the stream's input buffer (16 elements by default), so that a reader at wire speed finds the
 * next bytes in hand; the end or failure of the stream is told once the buffer is drained.
 */
final class ReadSink extends GraphStageWithMaterializedValue<SinkShape<ByteString>, ReadSink.Reader> {

    /** The reader's half. Thread-safe; one read outstanding at a time. */
    interface Reader {
        /** The next bytes, empty at the end of the stream; fails if the stream failed or has stopped. */
        CompletableFuture<Optional<ByteString>> read();

        /** Stops reading: the socket's read side is cancelled. */
        void cancel();
    }

    private final Inlet<ByteString> in = Inlet.create("ReadSink.in");
    private final SinkShape<ByteString> shape = SinkShape.of(in);

    @Override
    public SinkShape<ByteString> shape() { return shape; }

    @Override
    public Tuple2<GraphStageLogic, Reader> createLogicAndMaterializedValue(Attributes attributes) {
        Logic logic = new Logic(attributes.getMandatoryAttribute(Attributes.InputBuffer.class).max());
        return Tuple2.apply(logic, logic.reader);
    }

    private final class Logic extends GraphStageLogic {
        /**
         * A read handed over by the reader's thread, taken by the stage. A read given to a stage
         * that has stopped would be dropped by its callback, so the stage's stop fails what it
         * finds here, and a reader that sees the stop fails its own read.
         */
        private final AtomicReference<CompletableFuture<Optional<ByteString>>> handedOver = new AtomicReference<>();
        private final AsyncCallback<Done> readAsked = createAsyncCallback(d -> take());
        private final AsyncCallback<Done> cancelAsked = createAsyncCallback(d -> completeStage());
        private volatile boolean stopped;
        private final int max;
        private final ArrayDeque<ByteString> buffer = new ArrayDeque<>();
        private boolean finished;
        private Throwable failure;
        private CompletableFuture<Optional<ByteString>> pending;

        final Reader reader = new Reader() {
            @Override
            public CompletableFuture<Optional<ByteString>> read() {
                CompletableFuture<Optional<ByteString>> r = new CompletableFuture<>();
                if (!handedOver.compareAndSet(null, r)) {
                    r.completeExceptionally(new IllegalStateException("one read at a time"));
                } else if (stopped) {
                    if (handedOver.compareAndSet(r, null)) r.completeExceptionally(gone());
                } else {
                    readAsked.invoke(Done.getInstance());
                }
                return r;
            }

            @Override
            public void cancel() { cancelAsked.invoke(Done.getInstance()); }
        };

        Logic(int max) {
            super(shape);
            this.max = Math.max(1, max);
            setHandler(in, new AbstractInHandler() {
                @Override
                public void onPush() {
                    buffer.add(grab(in));
                    deliver();
                    if (buffer.size() < Logic.this.max && !hasBeenPulled(in)) pull(in);
                }

                @Override
                public void onUpstreamFinish() {
                    finished = true; // the stage lives on until the reader has had the rest and the end
                    deliver();
                }

                @Override
                public void onUpstreamFailure(Throwable ex) {
                    failure = ex;
                    deliver();
                }
            });
        }

        @Override
        public void preStart() {
            setKeepGoing(true); // the closed inlet must not stop the stage before the reader has had the rest
            pull(in);
        }

        private void take() {
            CompletableFuture<Optional<ByteString>> r = handedOver.getAndSet(null);
            if (r == null) return;
            if (pending != null) {
                r.completeExceptionally(new IllegalStateException("one read at a time"));
                return;
            }
            pending = r;
            deliver();
        }

        private void deliver() {
            CompletableFuture<Optional<ByteString>> r = pending;
            if (r == null) return;
            if (!buffer.isEmpty()) {
                pending = null;
                ByteString bytes = buffer.poll();
                if (!finished && failure == null && !hasBeenPulled(in) && !isClosed(in)) pull(in);
                r.complete(Optional.of(bytes));
            } else if (failure != null) {
                pending = null;
                completeStage();
                r.completeExceptionally(failure);
            } else if (finished) {
                pending = null;
                completeStage();
                r.complete(Optional.empty());
            }
        }

        @Override
        public void postStop() {
            stopped = true;
            CompletableFuture<Optional<ByteString>> r = handedOver.getAndSet(null);
            if (r != null) r.completeExceptionally(gone());
            if (pending != null) pending.completeExceptionally(gone());
        }
    }

    private static WinHttpException gone() {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, "the connection closed while reading");
    }
}
