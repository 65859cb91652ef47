package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.ServerName;

import java.util.Locale;

/**
 * Where a request goes now: its verb, scheme, server, port, request target and URL (what
 * WINHTTP_OPTION_URL reports). A request starts with the one openRequest gave it; a followed
 * redirect, or a 307/308 that needs the application to send again, moves it.
 * host: as ServerName keeps it (IPv6 literals in brackets).
 */
record Destination(String verb, boolean secure, String host, int port, String target, String url) {

    /** Same scheme, host (case-insensitive) and port: what credentials and pooled connections belong to. */
    boolean sameOrigin(Destination other) {
        return secure == other.secure && port == other.port
                && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
    }

    /** The Host header's value. */
    String authority() { return ServerName.authority(host, port, secure); }
}
