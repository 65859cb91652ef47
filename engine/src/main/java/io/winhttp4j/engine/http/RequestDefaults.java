package io.winhttp4j.engine.http;

import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The headers WinHTTP adds to a request at send time (CONFORMANCE 4.3), each only if the
 * request has no header of that name yet, in Windows' order; then the headers passed to
 * sendRequest are merged over them with ADD|REPLACE, so they override the defaults.
 */
public final class RequestDefaults {
    private RequestDefaults() {}

    /** What the engine knows about the request when it fills in the defaults. */
    public record Facts(String agent, String host, int port, boolean secure, String verb, long totalLength,
                        int optionalLength, boolean keepAlive, boolean refresh, boolean automaticChunking) {}

    /** The request headers as they will be sent, and who frames a chunked body. */
    public record Result(HeaderList headers, boolean engineFramesChunks) {}

    public static Result apply(HeaderList stored, List<Header> fromSendRequest, Facts f) {
        HeaderList.Additions h = stored.additions(6); // at most six defaults, below
        if (f.agent() != null && !f.agent().isEmpty()) h.addIfAbsent("User-Agent", f.agent());
        h.addIfAbsent("Host", ServerName.authority(f.host(), f.port(), f.secure()));
        HeaderList callers = merge(stored, fromSendRequest); // what the caller declared, stored or passed now
        boolean callerChunked = callers.chunked();
        boolean engineChunks = !callerChunked && f.automaticChunking() && f.totalLength() == 0 && f.optionalLength() == 0
                && !callers.has("Content-Length") && expectsBody(f.verb());
        if (engineChunks) {
            h.add("Transfer-Encoding", "chunked");
        } else if (!callerChunked && (f.totalLength() != 0 || f.optionalLength() != 0 || expectsBody(f.verb()))) {
            if (!h.has("Content-Length")) h.add("Content-Length", Long.toString(Math.max(f.totalLength(), f.optionalLength())));
        }
        if (f.keepAlive()) h.addIfAbsent("Connection", "Keep-Alive");
        if (f.refresh()) {
            h.addIfAbsent("Pragma", "no-cache").addIfAbsent("Cache-Control", "no-cache");
        }
        return new Result(merge(h.done(), fromSendRequest), engineChunks);
    }

    /** The headers passed to sendRequest override same-named ones (ADD|REPLACE). */
    private static HeaderList merge(HeaderList h, List<Header> fromSendRequest) {
        for (Header x : fromSendRequest) h = h.apply(x, WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        return h;
    }

    private static boolean expectsBody(String verb) {
        return "POST".equals(verb) || "PUT".equals(verb);
    }
}
