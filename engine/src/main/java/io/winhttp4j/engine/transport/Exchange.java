package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.transport.http1.Limits;
import io.winhttp4j.engine.transport.http1.ResponsePart;
import org.apache.pekko.Done;
import org.apache.pekko.util.ByteString;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One request and its response on one leased connection. Starting it writes the head and the
 * optional data and begins reading the response at once (a server may answer before the body is
 * all written); the request's actor hears, in order: {@link TransportEvent.Sent} once the socket
 * took the head and optional data, any {@link TransportEvent.Interim} heads, then
 * {@link TransportEvent.Response} with the final head and its body (or the failure). The body's
 * rest, written through {@link #write}, goes on the wire exactly as given.
 */
public final class Exchange {
    private final Connection connection;
    private final Object token;
    private final Lessee lessee;
    private final ResponseReader reader;

    private Exchange(Connection connection, Object token, Lessee lessee, ResponseReader reader) {
        this.connection = connection;
        this.token = token;
        this.lessee = lessee;
        this.reader = reader;
    }

    /** verb: as sent (a HEAD's response has no body); limits: the request's response limits. */
    public static Exchange start(Connection connection, Wire.Plan plan, String verb, Limits limits, Object token,
                                 Lessee lessee) {
        SocketPipe pipe = connection.pipe();
        Exchange ex = new Exchange(connection, token, lessee, new ResponseReader(pipe, verb, limits));
        ByteString first = plan.optional().isEmpty() ? plan.head() : plan.head().concat(plan.optional());
        pipe.write(first).whenComplete((ok, t) -> lessee.tell(new TransportEvent.Sent(token, first.size(), t)));
        ex.readHead();
        return ex;
    }

    public Connection connection() { return connection; }

    /** Bytes of the body that follow sendRequest's, as they go on the wire; completes when the socket took them. */
    public CompletionStage<Done> write(ByteString bytes) { return connection.pipe().write(bytes); }

    /** Bytes of response received so far: 0 means the server sent nothing at all in reply. */
    public long bytesReceived() { return reader.bytesReceived(); }

    /**
     * Reports the parts up to the final head. Parts already decoded are taken in a loop, not
     * through a callback each: a thousand interim heads from one socket read would otherwise nest
     * a thousand callbacks, and the stack overflow that ends them is swallowed by the future, so
     * the request would wait forever.
     */
    private void readHead() {
        while (true) {
            CompletableFuture<ResponsePart> next = reader.next().toCompletableFuture();
            if (!next.isDone()) {
                next.whenComplete((part, failure) -> {
                    if (reported(part, failure)) readHead();
                });
                return;
            }
            ResponsePart part;
            try {
                part = next.join();
            } catch (CompletionException | CancellationException e) {
                reported(null, e.getCause() != null ? e.getCause() : e);
                return;
            }
            if (!reported(part, null)) return;
        }
    }

    /** Tells the lessee about one part; true when it was an interim head and the final one is still to come. */
    private boolean reported(ResponsePart part, Throwable failure) {
        if (failure != null) {
            lessee.tell(new TransportEvent.Response(token, null, 0, null, failure));
        } else if (part instanceof ResponsePart.Interim i) {
            lessee.tell(new TransportEvent.Interim(token, i.status()));
            return true;
        } else if (part instanceof ResponsePart.Head h) {
            lessee.tell(new TransportEvent.Response(token, h.head(), h.size(), ResponseBody.after(reader), null));
        } else {
            lessee.tell(new TransportEvent.Response(token, null, 0, null,
                    new IllegalStateException("a response part before the head: " + part)));
        }
        return false;
    }
}
