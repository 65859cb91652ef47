package io.winhttp4j.engine.transport;

/** Whoever the transport reports to about one request: in practice, that request's actor. */
@FunctionalInterface
public interface Lessee {
    void tell(TransportEvent event);
}
