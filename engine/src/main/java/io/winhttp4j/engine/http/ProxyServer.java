package io.winhttp4j.engine.http;

/** A proxy a request goes through: its name as ServerName keeps it (IPv6 in brackets) and its port. */
public record ProxyServer(String host, int port) {
    @Override
    public String toString() { return host + ":" + port; }
}
