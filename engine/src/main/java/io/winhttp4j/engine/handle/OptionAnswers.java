package io.winhttp4j.engine.handle;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * queryOption answered on the caller's thread, with no message and no wait, from what the
 * handle's actor showed on its Handle: its newest Core (options, context value, callback; its
 * constructor shows it, before anything the state it belongs to emits), and for a request where
 * it goes now (URL) and what it knows of its last send's connection (Link), shown when its state
 * is entered and, within a call in flight, before the notification that tells them (REQUEST_SENT,
 * REDIRECT). Options.checkQuery has judged the option and the handle's kind already; the state
 * rules of a query (CONNECTION_INFO before a send, the certificate queries without a secure
 * connection) are Link's, as when the actor answered.
 */
public final class OptionAnswers {
    private OptionAnswers() {}

    /** source: what Options.checkQuery returned for it (ENGINE is the engine's own). */
    public static Object of(Handle h, int option, Options.Source source) {
        if (source == Options.Source.HANDLE) return Options.fixedAnswer(h, option);
        if (source == Options.Source.ACTOR_OR_SESSION && h.handleType() == WINHTTP_HANDLE_TYPE_CONNECT) {
            // a connect handle has no timeouts of its own: it reports its session's current ones
            return h.parent().shown().options().get(option);
        }
        Core core = h.shown();
        if (h.handleType() == WINHTTP_HANDLE_TYPE_REQUEST) {
            if (option == WINHTTP_OPTION_URL) return h.destination().url();
            if (Link.answers(option)) return Link.answer(h.link(), option, core.options());
        }
        return switch (option) {
            case WINHTTP_OPTION_CONTEXT_VALUE -> Long.valueOf(core.context());
            case WINHTTP_OPTION_CALLBACK -> core.subscription().callback();
            default -> core.options().get(option);
        };
    }
}
