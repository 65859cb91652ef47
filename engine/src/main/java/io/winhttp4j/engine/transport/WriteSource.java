package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.Done;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.GraphStageWithMaterializedValue;
import org.apache.pekko.util.ByteString;
import scala.Tuple2;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The write side of a socket: bytes offered one write at a time, each acknowledged only once the
 * socket stage has taken its last segment. Pekko's TCP stage pulls again only after the socket
 * accepted the previous segment, so an acknowledged write is on its way out except for at most
 * one segment, and a peer that stops reading leaves the write pending (a queue with a buffer
 * would acknowledge it at once).
 */
final class WriteSource extends GraphStageWithMaterializedValue<SourceShape<ByteString>, WriteSource.Writer> {
    /** Big writes go down in slices of this size, so acknowledgement tracks the socket closely. */
    static final int SEGMENT = 64 * 1024;

    /** The caller's half. Thread-safe; one write outstanding at a time. */
    interface Writer {
        /** Completes when the bytes were taken by the socket stage; fails if the connection is gone. */
        CompletionStage<Done> write(ByteString bytes);

        /**
         * Ends the output now. A write still pending is failed and the connection reset: the
         * socket would otherwise go on sending its rest for as long as the peer reads, and hold
         * the connection open while the peer does not. With nothing pending the output just ends,
         * unless the connection is not up yet (connected false): then it fails too, because
         * Pekko's TCP stage without half-close throws when its input ends before it connected.
         */
        void abort(boolean connected);
    }

    private sealed interface Cmd {}
    private record Write(ByteString bytes, CompletableFuture<Done> done) implements Cmd {}
    private record Abort(boolean connected) implements Cmd {}

    private final Outlet<ByteString> out = Outlet.create("WriteSource.out");
    private final SourceShape<ByteString> shape = SourceShape.of(out);

    @Override
    public SourceShape<ByteString> shape() { return shape; }

    @Override
    public Tuple2<GraphStageLogic, Writer> createLogicAndMaterializedValue(Attributes attributes) {
        Logic logic = new Logic();
        Writer writer = new Writer() {
            @Override
            public CompletionStage<Done> write(ByteString bytes) {
                CompletableFuture<Done> done = new CompletableFuture<>();
                logic.send(new Write(bytes, done), done);
                return done;
            }

            @Override
            public void abort(boolean connected) { logic.send(new Abort(connected), null); }
        };
        return Tuple2.apply(logic, writer);
    }

    private final class Logic extends GraphStageLogic {
        private final AsyncCallback<Cmd> commands = createAsyncCallback(this::onCommand);
        private ByteString rest = ByteString.emptyByteString();
        private CompletableFuture<Done> pending;
        /** The last write handed to send (one at a time), and whether the stage has stopped. */
        private volatile CompletableFuture<Done> sent;
        private volatile boolean stopped;

        Logic() {
            super(shape);
            setHandler(out, new AbstractOutHandler() {
                @Override
                public void onPull() { pushSome(); }
            });
        }

        /**
         * From any thread. A command for a stage that has stopped fails its write instead of
         * vanishing: the write is noted before the command goes and the stop is looked at after,
         * while postStop marks the stop before it fails the noted write, so one of the two sides
         * sees the other (all volatile). Without a feedback promise per write: that cost a
         * promise, its registration and three futures for every request.
         */
        void send(Cmd cmd, CompletableFuture<Done> done) {
            if (done != null) sent = done;
            commands.invoke(cmd);
            if (done != null && stopped) done.completeExceptionally(gone()); // no-op if it was written
        }

        private void onCommand(Cmd cmd) {
            if (cmd instanceof Write w) {
                if (pending != null) {
                    w.done().completeExceptionally(new IllegalStateException("one write at a time"));
                    return;
                }
                rest = w.bytes();
                pending = w.done();
                if (isAvailable(out)) pushSome();
            } else if (cmd instanceof Abort a) {
                // the TCP stage aborts on a failure: RST, the rest dropped; before it connected, it just stops
                if (pending != null || !a.connected()) failStage(gone());
                else completeStage();
            }
        }

        private void pushSome() {
            if (pending == null) return;
            if (rest.size() > SEGMENT) {
                push(out, rest.take(SEGMENT));
                rest = rest.drop(SEGMENT);
                return;
            }
            if (!rest.isEmpty()) push(out, rest);
            rest = ByteString.emptyByteString();
            CompletableFuture<Done> done = pending;
            pending = null;
            done.complete(Done.getInstance());
        }

        @Override
        public void postStop() {
            stopped = true;
            if (pending != null) pending.completeExceptionally(gone());
            CompletableFuture<Done> last = sent;
            if (last != null) last.completeExceptionally(gone()); // dropped with the stage, or already written
        }
    }

    private static WinHttpException gone() {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, "the connection closed while writing");
    }
}
