package io.winhttp4j.engine.transport;

import io.winhttp4j.engine.transport.tls.TlsPolicy;

/**
 * What makes two connections interchangeable: WinHTTP pools by server name, port and security;
 * a secure connection also by its TLS policy (SECURITY_FLAGS, client certificate, protocols,
 * revocation), so a request never reuses a connection made under other TLS settings.
 * tls: null for plain HTTP.
 */
public record ConnectionKey(String host, int port, TlsPolicy tls) {
    public boolean secure() { return tls != null; }
}
