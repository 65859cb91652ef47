package io.winhttp4j.engine.handle;

/**
 * The part of a session its connects and requests read: the agent string and the session's
 * current options (a connect reports the session's timeouts; a request copies them when opened).
 * Written only by the session's actor.
 */
final class SessionShared {
    final String agent;
    private volatile OptionValues options = OptionValues.EMPTY;

    SessionShared(String agent) { this.agent = agent; }

    OptionValues options() { return options; }
    void publish(OptionValues o) { options = o; }
}
