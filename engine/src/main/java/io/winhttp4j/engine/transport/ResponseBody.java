package io.winhttp4j.engine.transport;

import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A response body read on demand. A strict entity is simply there; any other is attached to a
 * pull queue at once (Pekko fails an entity nobody subscribes to), then pulled one chunk at a
 * time by its request, which reads ahead of QueryDataAvailable/ReadData only until a few hundred
 * KiB are in hand (RequestActor's READ_AHEAD), so memory stays bounded whatever the body size.
 */
public final class ResponseBody {
    private static final long BATCH = 128 * 1024;

    private final ByteString strict;
    private final SinkQueueWithCancel<ByteString> queue;
    private final long contentLength;
    private CompletionStage<Optional<ByteString>> current;

    private ResponseBody(ByteString strict, SinkQueueWithCancel<ByteString> queue, long contentLength) {
        this.strict = strict;
        this.queue = queue;
        this.contentLength = contentLength;
    }

    /** noBody: HEAD, 1xx, 204, 304 — whatever the headers announce, nothing follows. */
    public static ResponseBody of(HttpEntity entity, boolean noBody, Materializer mat) {
        if (noBody) {
            entity.discardBytes(mat);
            return new ResponseBody(ByteString.emptyByteString(), null, 0);
        }
        if (entity instanceof HttpEntity.Strict s) {
            return new ResponseBody(s.getData(), null, s.getData().size());
        }
        long length = entity.getContentLengthOption().orElse(-1);
        Source<ByteString, Object> data = entity.withoutSizeLimit().getDataBytes();
        if (!entity.isChunked()) {
            // What arrives while the reader is busy is joined (up to BATCH bytes), so one pull
            // brings more. Chunked bodies keep their chunks: QueryDataAvailable never spans one.
            data = data.batchWeighted(BATCH, b -> (long) b.size(), b -> b, ByteString::concat);
        }
        SinkQueueWithCancel<ByteString> q = data.runWith(Sink.<ByteString>queue(2), mat);
        return new ResponseBody(null, q, length);
    }

    /** Bytes already here when the head arrived (a strict body), else empty. */
    public ByteString initial() { return strict != null ? strict : ByteString.emptyByteString(); }

    /** True when the whole body is known to have arrived after `delivered` bytes. */
    public boolean complete(long delivered) {
        return strict != null || (contentLength >= 0 && delivered >= contentLength);
    }

    /** True when only the end itself tells that the body is complete (chunked or close-delimited). */
    public boolean endsUnannounced() {
        return strict == null && contentLength < 0;
    }

    /** The next chunk, or empty at the end of the body. One pull at a time: the owner tracks it. */
    public CompletionStage<Optional<ByteString>> pull() {
        current = queue.pull();
        return current;
    }

    /** The pull issued last (still outstanding, as far as its owner knows). */
    public CompletionStage<Optional<ByteString>> current() { return current; }

    /** Stops reading: the rest of the body is not wanted. */
    public void cancel() {
        if (queue != null) queue.cancel();
    }
}
