package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.Decompression;
import io.winhttp4j.engine.http.HeaderList;

import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_DECOMPRESSION;

/**
 * What the request's features add to each send's headers after WinHTTP's defaults and the
 * sendRequest headers (CONFORMANCE 4.3: "then cookies"): the Accept-Encoding of DECOMPRESSION,
 * replacing the application's (Decompression), then the session's cookies for where the send
 * goes (RequestCookies). The same for a first send, a re-send and a redirect hop.
 */
final class SendHeaders {
    private SendHeaders() {}

    static RequestCookies.Sent finish(SessionShared session, OptionValues o, Destination d, HeaderList headers) {
        HeaderList h = Decompression.requestHeaders(headers, o.dword(WINHTTP_OPTION_DECOMPRESSION));
        return RequestCookies.add(session.cookies, o, d, h);
    }
}
