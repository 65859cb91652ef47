package io.winhttp4j.engine.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One request's wish for a connection: where to, the limits that apply, and the connect
 * handle's name cache: the server's addresses, in the order to try them (a connect handle resolves
 * its server once, CONFORMANCE 2.0 rule 11).
 * owner: the session MAX_CONNS_PER_SERVER counts for; maxConns of 0 or less: no limit.
 */
public record ConnectTarget(ConnectionKey key, AtomicReference<List<InetAddress>> resolved,
                            int resolveTimeoutMs, int connectTimeoutMs, Object owner, int maxConns) {

    public boolean limited() { return maxConns > 0; }
}
