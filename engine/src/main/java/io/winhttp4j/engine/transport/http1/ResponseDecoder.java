package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes the response to one request on an HTTP/1.1 connection, from bytes fed in whatever
 * splits the connection delivers them; the same bytes give the same parts however they are split.
 *
 * <p>The parts, in order: an {@link ResponsePart.Interim} for every 1xx head but 101, the final
 * {@link ResponsePart.Head}, then {@link ResponsePart.Data} slices and an
 * {@link ResponsePart.End}, or for a 101 (or a 2xx to CONNECT) an {@link ResponsePart.Upgraded}
 * carrying the bytes already fed past the head. Heads are read in a loop, never by recursion, so
 * a server sending heads without end costs no stack; their bytes all count against
 * {@link Limits#maxHeaderBytes()}.
 *
 * <p>Every problem with what the server sent is a {@link WinHttpException} (INVALID_SERVER_RESPONSE,
 * HEADER_SIZE_OVERFLOW, HEADER_COUNT_EXCEEDED, CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW,
 * CONNECTION_ERROR for a connection that ended too early); after one the decoder stays failed and
 * the connection must be closed. Body data fed before a failure has been emitted before it.
 *
 * <p>Not thread-safe: one connection's stage drives it.
 */
public final class ResponseDecoder {
    private enum Phase { HEAD, BODY, DONE, TUNNEL, FAILED }

    private final String verb;
    private final Limits limits;
    private final HeadReader heads;
    private Phase phase = Phase.HEAD;
    private long received;
    private ResponseHead head;
    private Framing framing;
    private BodyReader body;
    private ByteString leftover = ByteString.emptyByteString();
    private WinHttpException failure;

    /**
     * @param verb   the request's verb as sent (a HEAD request's response has no body)
     * @param limits the exchange's limits
     */
    public ResponseDecoder(String verb, Limits limits) {
        this(verb, limits, new LineReader());
    }

    /** As above, reading lines with the connection's reader (the previous response on it is done with it). */
    public ResponseDecoder(String verb, Limits limits, LineReader lines) {
        this.verb = verb;
        this.limits = limits;
        this.heads = new HeadReader(limits, lines);
        heads.startHead();
    }

    /**
     * Decodes the next bytes from the connection.
     *
     * @throws WinHttpException      what the server sent is not a valid response within the limits
     * @throws IllegalStateException the response is already complete or upgraded: later bytes are
     *                               not this response's (the caller's mistake, not the server's)
     */
    public void feed(ByteString bytes, Consumer<? super ResponsePart> out) {
        if (phase == Phase.FAILED) throw failure;
        if (phase == Phase.DONE || phase == Phase.TUNNEL) {
            throw new IllegalStateException("the response is " + (phase == Phase.DONE ? "complete" : "upgraded"));
        }
        int end = bytes.length();
        if (end == 0) return;
        received += end;
        ByteBuffer in = bytes.asByteBuffer();
        try {
            int pos = 0;
            while (pos < end && (phase == Phase.HEAD || phase == Phase.BODY)) {
                if (phase == Phase.HEAD) {
                    pos = heads.take(in, pos, end);
                    if (heads.complete()) pos = headRead(bytes, pos, out);
                } else {
                    pos = body.take(bytes, in, pos, end, out);
                    if (body.done()) finish(out);
                }
            }
            if (phase == Phase.DONE && pos < end) leftover = bytes.slice(pos, end);
        } catch (WinHttpException e) {
            throw failed(e);
        }
    }

    /**
     * The connection ended (FIN). Ends a body delimited by the end of the connection; anywhere
     * else before the response is complete it fails: CONNECTION_ERROR when no byte of a response
     * came (the one case a caller may retry on a fresh connection, see {@link #bytesReceived()})
     * or inside a body, INVALID_SERVER_RESPONSE inside a head.
     */
    public void end(Consumer<? super ResponsePart> out) {
        switch (phase) {
            case FAILED -> throw failure;
            case HEAD -> throw failed(received == 0
                    ? Errors.closed("the server closed the connection before sending a response")
                    : Errors.invalid("the connection closed inside the response head"));
            case BODY -> {
                try {
                    body.closed();
                } catch (WinHttpException e) {
                    throw failed(e);
                }
                finish(out);
            }
            default -> { } // complete or upgraded: the end is no longer this response's
        }
    }

    /** Bytes fed so far; 0 means the server sent nothing in reply to this request. */
    public long bytesReceived() { return received; }

    /** The final head, or null before it. */
    public ResponseHead head() { return head; }

    /** The body's framing, or null before the final head. */
    public Framing framing() { return framing; }

    /** True once {@link ResponsePart.End} was emitted. */
    public boolean complete() { return phase == Phase.DONE; }

    /**
     * Whether the connection may carry another exchange once this response is read to its end:
     * the framing was unambiguous and the server did not say it will close. Known from the head.
     */
    public boolean reusableAfterEnd() {
        return framing != null && framing.reusable() && head.keepsAlive();
    }

    /**
     * Bytes fed after the end of the response (empty if none). A connection with any is not
     * pooled: they would be read as the next request's response.
     */
    public ByteString leftover() { return leftover; }

    /** Complete, reusable, and nothing unread: the connection can go back to the pool. */
    public boolean poolable() {
        return phase == Phase.DONE && reusableAfterEnd() && leftover.isEmpty();
    }

    /** A head has been read: report an interim one and read on, or start the body. */
    private int headRead(ByteString bytes, int pos, Consumer<? super ResponsePart> out) {
        StatusLine status = heads.status();
        if (heads.isInterim()) {
            out.accept(new ResponsePart.Interim(status.status()));
            heads.startHead();
            return pos;
        }
        head = new ResponseHead(status.version(), status.status(), status.reason(), heads.headers());
        framing = Framing.of(verb, head);
        out.accept(new ResponsePart.Head(head, status.text(), heads.size(), framing));
        switch (framing.kind()) {
            case TUNNEL -> {
                phase = Phase.TUNNEL;
                out.accept(new ResponsePart.Upgraded(pos == 0 ? bytes : bytes.drop(pos)));
                return bytes.length();
            }
            case NONE -> finish(out);
            case LENGTH -> start(framing.length() == 0 ? null : new FixedLengthBody(framing.length()), out);
            case CHUNKED -> start(new ChunkedBody(limits, heads), out);
            case UNTIL_CLOSE -> start(new UntilCloseBody(), out);
        }
        return pos;
    }

    private void start(BodyReader reader, Consumer<? super ResponsePart> out) {
        if (reader == null) {
            finish(out);
            return;
        }
        body = reader;
        phase = Phase.BODY;
    }

    private void finish(Consumer<? super ResponsePart> out) {
        phase = Phase.DONE;
        HeaderList trailers = body == null ? HeaderList.EMPTY : body.trailers();
        out.accept(trailers.isEmpty() ? ResponsePart.End.NO_TRAILERS : new ResponsePart.End(trailers));
    }

    private WinHttpException failed(WinHttpException e) {
        phase = Phase.FAILED;
        failure = e;
        return e;
    }

    /** The memory the decoder holds for lines, for the test that it stays within the limits. */
    int lineCapacity() { return heads.capacity(); }
}
