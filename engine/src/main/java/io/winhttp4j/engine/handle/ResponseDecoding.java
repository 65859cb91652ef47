package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.ContentDecoder;
import io.winhttp4j.engine.http.Decompression;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.transport.TransportEvent;

import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_DECOMPRESSION;

/**
 * WINHTTP_OPTION_DECOMPRESSION on a response as the request gets it (Decompression's rules): a
 * body in a coding the flags enable is decoded as it is read and its head no longer shows
 * Content-Length and Content-Encoding; anything else is reported as it came. A response without
 * a body by the framing rules (to a HEAD, 1xx, 204, 304) has nothing to decode, so its head is
 * left as it came: its Content-Length describes the coded body a GET would get.
 */
final class ResponseDecoding {
    private ResponseDecoding() {}

    /** The response as the request reports it. */
    static TransportEvent.Response applied(OptionValues o, TransportEvent.Response r) {
        if (r.failure() != null || r.body().bodiless()) return r;
        ContentDecoder decoder = Decompression.decoderFor(o.dword(WINHTTP_OPTION_DECOMPRESSION), r.head().headers());
        if (decoder == null) return r;
        ResponseHead h = r.head();
        ResponseHead shown = new ResponseHead(h.version(), h.status(), h.reason(), Decompression.decodedHeaders(h.headers()));
        return new TransportEvent.Response(r.exchange(), shown, r.headBytes(), r.body().decoded(decoder), null);
    }
}
