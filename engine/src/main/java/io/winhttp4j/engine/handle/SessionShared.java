package io.winhttp4j.engine.handle;

import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_USER_AGENT;

/**
 * The part of a session its connects and requests read: the session's current options (a
 * connect reports the session's timeouts; a request copies them when opened) and, drawn from
 * them, the agent string. Written only by the session's actor.
 */
final class SessionShared {
    /**
     * USER_AGENT as it is now: a request reads it when it sends, so a change on the session
     * reaches every request that sends afterwards (Microsoft's docs: "used in subsequent
     * WinHttpSendRequest functions"), opened before the change or not. A request that has sent
     * keeps the User-Agent its first send added to its headers, as in Wine. "" sends none.
     */
    volatile String agent;
    private volatile OptionValues options;

    SessionShared(OptionValues initial) { publish(initial); }

    OptionValues options() { return options; }

    void publish(OptionValues o) {
        options = o;
        agent = (String) o.get(WINHTTP_OPTION_USER_AGENT);
    }
}
