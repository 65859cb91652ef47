package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.transport.http1.Framing;
import io.winhttp4j.engine.transport.http1.Limits;
import io.winhttp4j.engine.transport.http1.LineReader;
import io.winhttp4j.engine.transport.http1.ResponseDecoder;
import io.winhttp4j.engine.transport.http1.ResponsePart;
import org.apache.pekko.util.ByteString;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads one response off a connection: pulls bytes from the socket only when the next part is
 * asked for and none is decoded yet, so nothing is read far ahead of its reader and memory stays
 * at one socket read plus the decoder's limits. One read at a time: its owner (the exchange, then
 * the request that reads the body) asks for the next part only once the last one came, which
 * also orders its fields between the threads that take turns.
 */
final class ResponseReader {
    private final SocketPipe pipe;
    private final ResponseDecoder decoder;
    private final ArrayDeque<ResponsePart> parts = new ArrayDeque<>(4); // a read brings a head, a piece, the end
    private WinHttpException failure;
    private boolean eof;

    ResponseReader(SocketPipe pipe, String verb, Limits limits) {
        this(pipe, verb, limits, new LineReader());
    }

    /** lines: the connection's line reader, lent to this response. */
    ResponseReader(SocketPipe pipe, String verb, Limits limits, LineReader lines) {
        this.pipe = pipe;
        this.decoder = new ResponseDecoder(verb, limits, lines);
    }

    /** The next part of the response; fails with the WinHttpError the bytes (or their end) mean. */
    CompletionStage<ResponsePart> next() {
        ResponsePart ready = parts.poll();
        if (ready != null) return CompletableFuture.completedFuture(ready);
        if (failure != null) return CompletableFuture.failedFuture(failure);
        if (decoder.complete()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the response was read to its end"));
        }
        return pipe.read().thenCompose(this::decode);
    }

    /** Parts already decoded, taken without waiting: what came with the head in the same read. */
    ResponsePart poll() { return parts.poll(); }

    private CompletionStage<ResponsePart> decode(Optional<ByteString> bytes) {
        try {
            if (bytes.isPresent()) {
                decoder.feed(bytes.get(), parts::add);
            } else {
                eof = true;
                decoder.end(parts::add);
            }
        } catch (WinHttpException e) {
            failure = e; // reported once the parts decoded before it were taken (data before an early FIN)
        }
        return next();
    }

    /** Bytes of response received so far: 0 means the server answered nothing at all. */
    long bytesReceived() { return decoder.bytesReceived(); }

    boolean reusableAfterEnd() { return decoder.reusableAfterEnd(); }

    boolean bodiless() {
        Framing f = decoder.framing();
        return f == null || f.kind() == Framing.Kind.NONE || f.kind() == Framing.Kind.TUNNEL;
    }

    boolean endsUnannounced() {
        Framing f = decoder.framing();
        return f != null && (f.kind() == Framing.Kind.CHUNKED || f.kind() == Framing.Kind.UNTIL_CLOSE);
    }

    /** The next decoded part is the end of the body: it is taken, so the body knows it has ended. */
    boolean takeEnd() {
        if (parts.peek() instanceof ResponsePart.End) {
            parts.poll();
            return true;
        }
        return false;
    }

    /** Read to its end, unambiguously framed, the server keeps it open, nothing unread: may be pooled. */
    boolean poolable() { return !eof && decoder.poolable(); }

}
