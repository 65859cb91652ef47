package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.http.ContentDecoder;
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
 * a chunk), or empty at the end. Its owner keeps one pull outstanding at most. A body whose
 * Content-Encoding the request decodes is another ResponseBody around this one ({@link #decoded}):
 * its pieces are the decoded bytes, pulled from this one as they are needed.
 */
public final class ResponseBody {
    private final ResponseReader reader;
    private final List<ByteString> initial;
    private final ByteString upgradedRest;
    /** The decoding of a decoded body, null for the body as it came. */
    private final DecodedPieces decoding;
    private volatile boolean ended;
    private CompletionStage<Optional<ByteString>> current;

    private ResponseBody(ResponseReader reader, List<ByteString> initial, boolean ended, ByteString upgradedRest) {
        this(reader, initial, ended, upgradedRest, null);
    }

    private ResponseBody(ResponseReader reader, List<ByteString> initial, boolean ended, ByteString upgradedRest,
                         DecodedPieces decoding) {
        this.reader = reader;
        this.initial = initial;
        this.ended = ended;
        this.upgradedRest = upgradedRest;
        this.decoding = decoding;
    }

    /**
     * This body decoded by decoder as it is pulled (the request's DECOMPRESSION, CONFORMANCE 4.4):
     * what is in hand is decoded at once, one piece at most. Takes this body over: from now on
     * only the decoded body is pulled.
     */
    public ResponseBody decoded(ContentDecoder decoder) {
        DecodedPieces d = new DecodedPieces(this, decoder);
        return new ResponseBody(reader, d.initial(), d.done(), null, d);
    }

    /** No body by the framing rules (HEAD, 1xx, 204, 304), or the connection left HTTP (101): nothing to decode. */
    public boolean bodiless() { return decoding == null && reader.bodiless(); }

    /**
     * Takes what the same socket read brought after the head: those pieces are in hand at once.
     * Nearly always one piece or none, which costs no list to gather.
     */
    static ResponseBody after(ResponseReader reader) {
        ByteString one = null;
        List<ByteString> more = null;
        ResponsePart p;
        while ((p = reader.poll()) != null) {
            if (p instanceof ResponsePart.Data d) {
                if (one == null) {
                    one = d.bytes();
                } else {
                    if (more == null) more = new ArrayList<>(List.of(one));
                    more.add(d.bytes());
                }
                if (reader.takeEnd()) return new ResponseBody(reader, pieces(one, more), true, null);
            } else if (p instanceof ResponsePart.Upgraded u) {
                // the connection now carries another protocol: nothing is body (QueryDataAvailable 0)
                return new ResponseBody(reader, List.of(), true, u.rest());
            } else {
                return new ResponseBody(reader, pieces(one, more), true, null); // End
            }
        }
        return new ResponseBody(reader, pieces(one, more), false, null);
    }

    private static List<ByteString> pieces(ByteString one, List<ByteString> more) {
        return more != null ? List.copyOf(more) : one != null ? List.of(one) : List.of();
    }

    /** After a 101: the bytes already read past its head, the start of the other protocol; else null. */
    ByteString upgradedRest() { return upgradedRest; }

    /** Pieces already here when the head arrived, in order. */
    public List<ByteString> initial() { return initial; }

    /** True once the end of the body was seen: nothing more will come. */
    public boolean ended() { return ended; }

    /** The next piece, or empty at the end of the body. */
    public CompletionStage<Optional<ByteString>> pull() {
        if (ended) {
            current = CompletableFuture.completedFuture(Optional.empty());
        } else if (decoding != null) {
            current = decoding.next().thenApply(p -> {
                if (p.isEmpty() || decoding.done()) ended = true;
                return p;
            });
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
    public boolean poolable() { return ended && (decoding == null ? reader.poolable() : decoding.raw().poolable()); }

    /** The head allows the connection another exchange once this body has been read to its end. */
    public boolean reusableAfterEnd() { return reader.reusableAfterEnd(); }

    /** True when only the end itself tells that the body is complete (chunked, or delimited by the close). */
    public boolean endsUnannounced() { return reader.endsUnannounced(); }
}
