package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.ContentDecoder;
import org.apache.pekko.util.ByteString;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The decoded pieces of a response body (ContentDecoder's gzip or deflate), made as they are
 * asked for: one piece of at most {@link ContentDecoder#MAX_PIECE} bytes a pull, the raw body
 * pulled only when the decoder has used up what it was given. So what a decoded body holds is
 * one raw piece, one decoded piece and the inflater's window, whatever its size or ratio.
 *
 * <p>A corrupt or truncated stream fails the pull that meets it, and every later one, with
 * ContentDecoder's ERROR_WINHTTP_INVALID_SERVER_RESPONSE; a failure of the raw body fails it
 * with that failure. One pull at a time, as for the raw body (its owner's rule), which orders
 * the decoder's use between the threads that complete the pulls.
 */
final class DecodedPieces {
    private final ResponseBody raw;
    private final ContentDecoder decoder;
    private final List<ByteString> initial;
    private Throwable failure;

    /** Takes in what the raw body had in hand with its head and decodes the first piece of it. */
    DecodedPieces(ResponseBody raw, ContentDecoder decoder) {
        this.raw = raw;
        this.decoder = decoder;
        for (ByteString piece : raw.initial()) decoder.push(piece);
        if (raw.ended()) decoder.endOfInput();
        ByteString first = ByteString.emptyByteString();
        try {
            first = decoder.pull(ContentDecoder.MAX_PIECE);
            if (decoder.isDone()) decoder.close();
        } catch (WinHttpException e) {
            failure = e; // reported by the first pull: receiveResponse has nothing to do with the body
        }
        initial = first.isEmpty() ? List.of() : List.of(first);
    }

    ResponseBody raw() { return raw; }

    List<ByteString> initial() { return initial; }

    /** Every decoded byte has been given out. */
    boolean done() { return failure == null && decoder.isDone(); }

    /** The next decoded piece, or empty at the end of the decoded body. */
    CompletionStage<Optional<ByteString>> next() {
        CompletableFuture<Optional<ByteString>> result = new CompletableFuture<>();
        step(result);
        return result;
    }

    /**
     * Pulls decoded bytes, feeding raw pieces until there are some: raw pieces already in hand are
     * fed in this loop, not through a callback each (many tiny chunks from one socket read would
     * otherwise nest one call each); only a raw pull that must wait for the socket leaves it.
     */
    private void step(CompletableFuture<Optional<ByteString>> result) {
        while (true) {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            ByteString out;
            try {
                out = decoder.pull(ContentDecoder.MAX_PIECE);
            } catch (WinHttpException e) {
                failure = e;
                continue;
            }
            if (!out.isEmpty() || decoder.isDone()) {
                if (decoder.isDone()) decoder.close();
                result.complete(out.isEmpty() ? Optional.empty() : Optional.of(out));
                return;
            }
            CompletableFuture<Optional<ByteString>> in = raw.pull().toCompletableFuture();
            if (!in.isDone()) {
                in.whenComplete((piece, t) -> {
                    if (t != null) failure = t;
                    else feed(piece);
                    step(result);
                });
                return;
            }
            try {
                feed(in.join());
            } catch (CompletionException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            }
        }
    }

    private void feed(Optional<ByteString> piece) {
        if (piece.isPresent()) decoder.push(piece.get());
        if (piece.isEmpty() || raw.ended()) decoder.endOfInput();
    }
}
