package io.winhttp4j.engine.transport.tls;

/**
 * What one connection's handshake saw of client authentication: whether the server asked for a
 * certificate, and whether one was offered. Written by the key manager on the TLS stage's thread,
 * read when the connection fails. Holds nothing else, so that the context's engine-to-notes map
 * (weak on the engine) lets an engine and its notes go together.
 */
final class CertificateRequests {
    private volatile boolean requested;
    private volatile boolean offered;

    void record(boolean offered) {
        this.requested = true;
        if (offered) this.offered = true;
    }

    /** The server asked for a client certificate and was given none. */
    boolean unanswered() {
        return requested && !offered;
    }
}
