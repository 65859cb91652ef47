package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.transport.http1.Limits;
import io.winhttp4j.engine.transport.http1.ResponsePart;
import org.apache.pekko.util.ByteString;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The CONNECT that opens a tunnel through a proxy to a secure origin (RFC 9110 section 9.3.6),
 * sent on a new (or pooled, not yet tunnelled) connection to the proxy before the request itself.
 * A 2xx answer makes the connection a tunnel and TLS to the origin starts inside it (SNI and
 * certificate checks for the origin: the TLS policy is the origin's). A 407 is the request's
 * response, so that proxy authentication can answer it (the connection stays the proxy's and may
 * carry the next CONNECT). Any other answer means the proxy would not reach the origin:
 * ERROR_WINHTTP_CANNOT_CONNECT naming the proxy's status, the error for a server that cannot be
 * reached (Windows' own code for this case is not recorded in CONFORMANCE).
 */
public final class Tunnel {
    /** The CONNECT request as it goes to the proxy: its head, rendered by {@link Wire}. */
    public record Request(ByteString head) {}

    /** The CONNECT's answer: the tunnel is up, or the proxy answered something else (407). */
    sealed interface Outcome {}

    record Established() implements Outcome {}

    record Refused(ResponseHead head, int headBytes, ResponseBody body) implements Outcome {}

    private Tunnel() {}

    /**
     * "CONNECT host:port HTTP/1.1" with Host (the same authority), User-Agent when there is one,
     * and the headers meant for the proxy alone (Proxy-Authorization: {@link #forProxy}).
     */
    public static Request request(String host, int port, String agent, HeaderList forProxy) {
        String authority = authority(host, port);
        HeaderList h = HeaderList.EMPTY.add("Host", authority);
        if (agent != null && !agent.isEmpty()) h = h.add("User-Agent", agent);
        for (Header x : forProxy.all()) h = h.add(x.name(), x.value());
        return new Request(Wire.render("CONNECT", authority, "HTTP/1.1", h));
    }

    /** The CONNECT's request target, "host:port": authority-form always names the port. */
    public static String authority(String host, int port) {
        return host + ":" + port;
    }

    /**
     * The request headers that go on the CONNECT instead of the request: Proxy-Authorization,
     * whoever put it there (the application, or the authentication step answering a 407). Inside
     * a tunnel the origin never sees them ({@link #forOrigin}).
     */
    public static HeaderList forProxy(HeaderList requestHeaders) {
        HeaderList h = HeaderList.EMPTY;
        for (Header x : requestHeaders.all()) {
            if (x.is("Proxy-Authorization")) h = h.add(x.name(), x.value());
        }
        return h;
    }

    /** The request headers as they go to the origin inside a tunnel: without the proxy's. */
    public static HeaderList forOrigin(HeaderList requestHeaders) {
        return requestHeaders.without("Proxy-Authorization");
    }

    /** Sends the CONNECT on c and reads the proxy's answer; a 2xx starts TLS inside the tunnel. */
    static CompletionStage<Outcome> open(Connection c, Request request, Limits limits) {
        ResponseReader reader = new ResponseReader(c.pipe(), "CONNECT", limits);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        c.pipe().write(request.head()).whenComplete((ok, t) -> {
            if (t != null) outcome.completeExceptionally(t);
        });
        readAnswer(c, reader, outcome);
        return outcome;
    }

    /** Interim heads are skipped; taken in a loop while already decoded, as Exchange does. */
    private static void readAnswer(Connection c, ResponseReader reader, CompletableFuture<Outcome> outcome) {
        while (!outcome.isDone()) {
            CompletableFuture<ResponsePart> next = reader.next().toCompletableFuture();
            if (!next.isDone()) {
                next.whenComplete((part, failure) -> {
                    if (answered(c, reader, part, failure, outcome)) readAnswer(c, reader, outcome);
                });
                return;
            }
            ResponsePart part;
            try {
                part = next.join();
            } catch (CompletionException | CancellationException e) {
                answered(c, reader, null, e.getCause() != null ? e.getCause() : e, outcome);
                return;
            }
            if (!answered(c, reader, part, null, outcome)) return;
        }
    }

    /** True when the part was an interim head and the answer is still to come. */
    private static boolean answered(Connection c, ResponseReader reader, ResponsePart part, Throwable failure,
                                    CompletableFuture<Outcome> outcome) {
        if (outcome.isDone()) return false; // the CONNECT's write failed first
        if (failure != null) {
            outcome.completeExceptionally(failure);
            return false;
        }
        if (part instanceof ResponsePart.Interim) return true;
        if (!(part instanceof ResponsePart.Head h)) {
            outcome.completeExceptionally(new IllegalStateException("a response part before the head: " + part));
            return false;
        }
        int status = h.head().status();
        ResponseBody body = ResponseBody.after(reader);
        if (status / 100 == 2) {
            ByteString rest = body.upgradedRest();
            if (rest != null && !rest.isEmpty()) {
                // TLS speaks first: bytes before our ClientHello are the proxy's, not the origin's
                outcome.completeExceptionally(new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE,
                        "the proxy sent " + rest.size() + " bytes after its " + status + " to CONNECT"));
                return false;
            }
            c.startTls();
            outcome.complete(new Established());
        } else if (status == 407) {
            outcome.complete(new Refused(h.head(), h.size(), body));
        } else {
            outcome.completeExceptionally(new WinHttpException(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT,
                    "the proxy " + c.key().proxy() + " answered CONNECT " + c.key().host() + ":" + c.key().port()
                            + " with " + h.head().statusLine()));
        }
        return false;
    }
}
