package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
import org.apache.pekko.util.ByteString;

/**
 * What the decoder makes of a response, in the order the server sent it: any number of
 * {@link Interim} heads, then one {@link Head}, then either {@link Data} slices and one
 * {@link End}, or (101, or 2xx to CONNECT) one {@link Upgraded}.
 */
public sealed interface ResponsePart {

    /** A 1xx head other than 101: INTERMEDIATE_RESPONSE with this status code. */
    record Interim(int status) implements ResponsePart {}

    /**
     * The final head.
     *
     * @param head       version, status, reason phrase ("" when absent) and headers, each as sent
     *                   (spaces before a colon dropped), in the server's order
     * @param statusLine the status line as sent, without its line end
     * @param size       bytes of this head as received, status line to blank line: the
     *                   RESPONSE_RECEIVED count
     * @param framing    how the body that follows is delimited
     */
    record Head(ResponseHead head, String statusLine, int size, Framing framing) implements ResponsePart {}

    /** Body bytes, a slice of the input (not a copy). */
    record Data(ByteString bytes) implements ResponsePart {}

    /** The body ended where its framing says; the trailers of a chunked body, else none. */
    record End(HeaderList trailers) implements ResponsePart {
        /** The common end, shared so that ending a body allocates nothing. */
        public static final End NO_TRAILERS = new End(HeaderList.EMPTY);
    }

    /**
     * The connection now carries another protocol: the bytes after the head belong to it, starting
     * with {@code rest}, the ones the decoder had already been given.
     */
    record Upgraded(ByteString rest) implements ResponsePart {}
}
