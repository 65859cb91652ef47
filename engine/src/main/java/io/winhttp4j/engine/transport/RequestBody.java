package io.winhttp4j.engine.transport;

import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

import java.util.concurrent.CompletionStage;

/**
 * The part of a request body that writeData supplies after sendRequest: a back-pressured queue
 * whose source Pekko renders into the request, after any optional data given to sendRequest.
 */
public final class RequestBody {
    private final SourceQueueWithComplete<ByteString> queue;
    private final Source<ByteString, NotUsed> source;

    private RequestBody(SourceQueueWithComplete<ByteString> queue, Source<ByteString, NotUsed> source) {
        this.queue = queue;
        this.source = source;
    }

    static RequestBody create(ByteString prefix, Materializer mat) {
        Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> p =
                Source.<ByteString>queue(2, OverflowStrategy.backpressure()).preMaterialize(mat);
        Source<ByteString, NotUsed> s = prefix.isEmpty() ? p.second() : Source.single(prefix).concat(p.second());
        return new RequestBody(p.first(), s);
    }

    Source<ByteString, NotUsed> source() { return source; }

    /** Completes when the chunk is taken (back-pressure), failing if the body stream is gone. */
    public CompletionStage<QueueOfferResult> write(ByteString chunk) { return queue.offer(chunk); }

    public void finish() { queue.complete(); }

    public void abort(Throwable cause) { queue.fail(cause); }
}
