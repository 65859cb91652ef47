package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.transport.http1.ResponsePart;
import org.apache.pekko.util.ByteString;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A response body read on demand: each pull gives the next piece the decoder made (a slice of
 * one socket read, never more than one chunk of a chunked body, so QueryDataAvailable never spans
 * a chunk), or empty at the end. Its owner keeps one pull outstanding at most.
 */
public final class ResponseBody {
    private final ResponseReader reader;
    private final List<ByteString> initial;
    private volatile boolean ended;
    private CompletionStage<Optional<ByteString>> current;

    private ResponseBody(ResponseReader reader, List<ByteString> initial, boolean ended) {
        this.reader = reader;
        this.initial = initial;
        this.ended = ended;
    }

    /** Takes what the same socket read brought after the head: those pieces are in hand at once. */
    static ResponseBody after(ResponseReader reader) {
        List<ByteString> pieces = new ArrayList<>(2);
        ResponsePart p;
        while ((p = reader.poll()) != null) {
            if (p instanceof ResponsePart.Data d) {
                pieces.add(d.bytes());
                if (reader.takeEnd()) return new ResponseBody(reader, List.copyOf(pieces), true);
            } else {
                return new ResponseBody(reader, List.copyOf(pieces), true); // End, or Upgraded: nothing more is body
            }
        }
        return new ResponseBody(reader, List.copyOf(pieces), false);
    }

    /** Pieces already here when the head arrived, in order. */
    public List<ByteString> initial() { return initial; }

    /** True once the end of the body was seen: nothing more will come. */
    public boolean ended() { return ended; }

    /** The next piece, or empty at the end of the body. */
    public CompletionStage<Optional<ByteString>> pull() {
        if (ended) {
            current = CompletableFuture.completedFuture(Optional.empty());
        } else {
            current = reader.next().thenApply(p -> {
                if (p instanceof ResponsePart.Data d) {
                    if (reader.takeEnd()) ended = true; // known now, so the read that ends the body says so
                    return Optional.of(d.bytes());
                }
                ended = true; // End, or Upgraded: the rest of the connection is not this body
                return Optional.<ByteString>empty();
            });
        }
        return current;
    }

    /** The pull issued last (still outstanding, as far as its owner knows). */
    public CompletionStage<Optional<ByteString>> current() { return current; }

    /** Read to its end with nothing left over, framed so that the connection may carry another exchange. */
    public boolean poolable() { return ended && reader.poolable(); }

    /** The head allows the connection another exchange once this body has been read to its end. */
    public boolean reusableAfterEnd() { return reader.reusableAfterEnd(); }

    /** True when only the end itself tells that the body is complete (chunked, or delimited by the close). */
    public boolean endsUnannounced() { return reader.endsUnannounced(); }
}
