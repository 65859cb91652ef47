package io.winhttp4j.engine.http;

import java.util.Locale;

/**
 * Scheme, host and port of a request's server (RFC 6454): what server credentials are bound to.
 * Host names compare without case; the port is the effective one (INTERNET_DEFAULT_PORT resolved).
 */
public record Origin(boolean secure, String host, int port) {
    public Origin {
        host = host.toLowerCase(Locale.ROOT);
        port = ServerName.port(port, secure);
    }

    @Override
    public String toString() {
        return ServerName.origin(host, port, secure);
    }
}
