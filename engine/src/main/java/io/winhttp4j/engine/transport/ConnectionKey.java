package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.http.ProxyServer;
import io.winhttp4j.engine.transport.tls.TlsPolicy;

/**
 * What makes two connections interchangeable: WinHTTP pools by server name, port and security;
 * a secure connection also by its TLS policy (SECURITY_FLAGS, client certificate, protocols,
 * revocation), so a request never reuses a connection made under other TLS settings.
 * tls: null for plain HTTP. proxy: null for a connection straight to the server; otherwise the
 * proxy the TCP connection goes to. Through a proxy, a plain connection is the proxy's alone
 * (host and port are the proxy's, so requests to any origin share it); a secure one is a tunnel
 * to host and port (the origin) through the proxy, with the origin's TLS policy.
 */
public record ConnectionKey(String host, int port, TlsPolicy tls, ProxyServer proxy) {
    public ConnectionKey(String host, int port, TlsPolicy tls) {
        this(host, port, tls, null);
    }

    /** A plain connection to a proxy, for requests to any plain-HTTP origin. */
    public static ConnectionKey viaProxy(ProxyServer proxy) {
        return new ConnectionKey(proxy.host(), proxy.port(), null, proxy);
    }

    public boolean secure() { return tls != null; }

    /** A CONNECT tunnel through the proxy to the origin, then TLS to the origin inside it. */
    public boolean tunnel() { return proxy != null && tls != null; }

    /** Where the TCP connection goes: the proxy, if any, else the server. */
    String peerHost() { return proxy != null ? proxy.host() : host; }

    int peerPort() { return proxy != null ? proxy.port() : port; }
}
