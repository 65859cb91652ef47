package io.winhttp4j.engine.transport;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.http.ResponseHead;
import org.apache.pekko.util.ByteString;

import java.util.Optional;

/** What the transport tells a request's actor. All arrive as messages, in the order sent. */
public sealed interface TransportEvent {
    /** RESOLVING_NAME … CONNECTING_TO_SERVER for the connection this request caused. */
    record Progress(int status, StatusInfo info) implements TransportEvent {}

    /** A connection is the request's until it is released; fresh = opened for this request. */
    record Leased(Connection connection, boolean fresh, String ip) implements TransportEvent {}

    record AcquireFailed(Throwable cause) implements TransportEvent {}

    /** The head and optional data of an exchange went out (bytes), or could not (failure). */
    record Sent(Object exchange, int bytes, Throwable failure) implements TransportEvent {}

    /** An interim (1xx) response head: INTERMEDIATE_RESPONSE. */
    record Interim(Object exchange, int status) implements TransportEvent {}

    /** The final response head, its size as received and its body; or the failure instead. */
    record Response(Object exchange, ResponseHead head, int headBytes, ResponseBody body, Throwable failure)
            implements TransportEvent {}

    /** One pull of the response body: a chunk, the end (empty) or a failure. */
    record Body(Object exchange, Optional<ByteString> chunk, Throwable failure) implements TransportEvent {}

    /** A writeData chunk was taken by the request body stream (or failed). */
    record Written(Object exchange, int bytes, Throwable failure) implements TransportEvent {}

    /** The exchange's connection has really closed (its socket ended). */
    record Closed(Object exchange) implements TransportEvent {}

    /** A timer of the request ran out. */
    record Timeout(Object exchange) implements TransportEvent {}
}
