package io.winhttp4j.engine.transport;

/** What makes two connections interchangeable: WinHTTP pools by server name, port and security. */
public record ConnectionKey(String host, int port, boolean secure) {}
