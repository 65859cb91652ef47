package io.winhttp4j.engine.handle;

import java.util.concurrent.atomic.AtomicBoolean;
import io.winhttp4j.engine.http.CookieJar;

import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_USER_AGENT;

/**
 * The part of a session its connects and requests read: the session's current options (a
 * connect reports the session's timeouts; a request copies them when opened) and, drawn from
 * them, the agent string, written only by the session's actor; the session's cookies, which
 * its requests store and send (CONFORMANCE 5.10; the jar has its own lock); and the
 * once-per-session warning flag, which its requests set.
 */
final class SessionShared {
    /**
     * USER_AGENT as it is now: a request reads it when it sends, so a change on the session
     * reaches every request that sends afterwards (Microsoft's docs: "used in subsequent
     * WinHttpSendRequest functions"), opened before the change or not. A request that has sent
     * keeps the User-Agent its first send added to its headers, as in Wine. "" sends none.
     */
    volatile String agent;
    /** Every request of the session, through any of its connects, shares it; a new session starts empty. */
    final CookieJar cookies = new CookieJar();
    private volatile OptionValues options;
    /** Set once Basic credentials went over plain HTTP from this session (one WARN per session). */
    private final AtomicBoolean cleartextBasic = new AtomicBoolean();

    SessionShared(OptionValues initial) { publish(initial); }

    OptionValues options() { return options; }

    /** True the first time only: the caller logs the session's one cleartext-Basic warning. */
    boolean firstCleartextBasic() { return cleartextBasic.compareAndSet(false, true); }

    void publish(OptionValues o) {
        options = o;
        agent = (String) o.get(WINHTTP_OPTION_USER_AGENT);
    }
}
