package io.winhttp4j;

import java.net.InetSocketAddress;

/**
 * {@code WINHTTP_CONNECTION_INFO}: what {@code WINHTTP_OPTION_CONNECTION_INFO} reports for a
 * request that has a connection, the two ends of that connection.
 *
 * @param local  this side's address and port
 * @param remote the server's (or proxy's) address and port
 */
public record ConnectionInfo(InetSocketAddress local, InetSocketAddress remote) {}
