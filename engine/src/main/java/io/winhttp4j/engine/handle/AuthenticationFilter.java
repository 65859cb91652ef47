package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.AuthState;
import io.winhttp4j.engine.http.Authenticator;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.Origin;
import io.winhttp4j.engine.http.ProxyServer;
import io.winhttp4j.engine.http.RequestCredentials;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.transport.Tunnel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The authentication step around one exchange, beside {@link RedirectFilter} (as java.net.http's
 * AuthenticationFilter is beside its RedirectFilter): pure functions of what the request holds
 * ({@link Held}), the options and the response, saying which headers a send carries and what
 * receiveResponse does with a 401 or 407. The decisions themselves are {@link Authenticator}'s;
 * this class applies them to the request's headers and keeps what it must remember between sends.
 * The request actor only carries the outcome out.
 */
final class AuthenticationFilter {
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private AuthenticationFilter() {}

    /**
     * What a request keeps for authentication: its setCredentials values, the authenticator's state,
     * an answer the application must carry with its next send (after RESEND_REQUEST, when the body
     * was written with writeData), and which of Authorization / Proxy-Authorization on the stored
     * headers the engine put there (each send decides those afresh; the application's own stay).
     * toString shows no credential.
     */
    record Held(RequestCredentials credentials, AuthState state, Authenticator.AuthHeader pending,
                boolean ownsServerHeader, boolean ownsProxyHeader) {

        /** A new request, opened for the origin of {@code where}: no credentials yet. */
        static Held initial(Destination where) {
            return new Held(RequestCredentials.none(origin(where)),
                    AuthState.INITIAL, null, false, false);
        }

        /** setCredentials (checked on the caller's thread already); an answer made with older credentials is dropped. */
        Held withCredentials(int target, int scheme, String user, String password) {
            return new Held(credentials.set(target, scheme, user, password), state, null, ownsServerHeader, ownsProxyHeader);
        }

        /** The stored request headers without the authentication headers the engine put there. */
        HeaderList strip(HeaderList stored) {
            HeaderList h = ownsServerHeader ? stored.without("Authorization") : stored;
            return ownsProxyHeader ? h.without("Proxy-Authorization") : h;
        }

        private Held with(AuthState s, Authenticator.AuthHeader p) {
            return new Held(credentials, s, p, ownsServerHeader, ownsProxyHeader);
        }

        private Held owning(int target) {
            boolean server = target == WINHTTP_AUTH_TARGET_SERVER;
            return new Held(credentials, state, pending, ownsServerHeader || server, ownsProxyHeader || !server);
        }
    }

    /** The options that decide: WINHTTP_DISABLE_AUTHENTICATION and the four credential options. */
    record Rules(boolean disabled, String user, String password, String proxyUser, String proxyPassword) {
        static Rules of(OptionValues o) {
            return new Rules((o.dword(WINHTTP_OPTION_DISABLE_FEATURE) & WINHTTP_DISABLE_AUTHENTICATION) != 0,
                    (String) o.get(WINHTTP_OPTION_USERNAME), (String) o.get(WINHTTP_OPTION_PASSWORD),
                    (String) o.get(WINHTTP_OPTION_PROXY_USERNAME), (String) o.get(WINHTTP_OPTION_PROXY_PASSWORD));
        }

        @Override
        public String toString() {
            return "Rules[disabled=" + disabled + ", credentials hidden]";
        }
    }

    /**
     * The request as it goes now: where, the verb and request target on the request line the
     * challenge answered (what Digest hashes), whether through a proxy (proxy credentials go
     * nowhere else), and its body when it can be sent again (sendRequest's optional data, empty for
     * none), or null when it is written with writeData. {@code connect}: the line was a tunnel's
     * CONNECT, which has no body of its own.
     */
    record Current(Destination where, String method, String uri, boolean viaProxy, boolean connect, byte[] body) {
        /**
         * A send through {@code via} (null: direct). At a send the application starts the body does
         * not matter (only Basic goes before a challenge), so it may be null there.
         */
        static Current sending(Destination where, ProxyServer via, byte[] body) {
            return new Current(where, where.verb(), ProxyChoice.requestTarget(via, where), via != null, false, body);
        }

        /**
         * The request a response answered, sent through {@code via}: a proxy's answer to a tunnel's
         * CONNECT ({@code connectAnswered}) was to "CONNECT host:port"; inside a tunnel the origin
         * answered, and a 407 from it is a server's, which proxy credentials never go to.
         */
        static Current answered(Destination where, ProxyServer via, boolean connectAnswered, byte[] body) {
            if (connectAnswered) return new Current(where, "CONNECT", Tunnel.authority(where.host(), where.port()), true, true, body);
            boolean tunnelled = via != null && where.secure();
            return new Current(where, where.verb(), ProxyChoice.requestTarget(via, where), via != null && !tunnelled, false, body);
        }

        Authenticator.AuthRequest request() {
            return new Authenticator.AuthRequest(method, uri, origin(where), viaProxy, connect ? new byte[0] : body);
        }
    }

    /** The headers a send the application starts carries, and what the request holds after it. */
    record Sending(HeaderList headers, Held held, boolean cleartext) {}

    sealed interface Outcome permits Deliver, Answer, Resend, Fail {}

    /** The response goes to the caller (not a challenge, authentication disabled, no credentials, or they were refused). */
    record Deliver(Held held) implements Outcome {}

    /** Send again at once, to the same place, with these headers and the optional data. */
    record Answer(HeaderList headers, Held held, boolean cleartext) implements Outcome {}

    /** The answer needs the body written with writeData again: ERROR_WINHTTP_RESEND_REQUEST; the next send carries it. */
    record Resend(Held held, String reason) implements Outcome {}

    /** ERROR_WINHTTP_LOGIN_FAILURE, with the authenticator's reason. */
    record Fail(WinHttpException error) implements Outcome {}

    /**
     * A send the application starts: an answer left by RESEND_REQUEST goes with it (the same
     * authentication goes on, so its tries still count); otherwise every scheme may be tried again
     * and Basic credentials given to setCredentials go pre-emptively, unless the application put its
     * own header of that name on the request.
     */
    static Sending forSend(Held held, HeaderList headers, Current current) {
        if (held.pending() != null) {
            Authenticator.AuthHeader p = held.pending();
            HeaderList h = headers.without(p.name()).add(p.name(), p.value());
            return new Sending(h, held.with(held.state(), null).owning(p.target()), p.cleartext());
        }
        Authenticator.Preemptive pre = Authenticator.STANDARD.preemptive(current.request(), held.credentials(),
                held.state().newSend());
        Held next = held.with(pre.state(), null);
        HeaderList h = headers;
        boolean cleartext = false;
        for (Authenticator.AuthHeader a : pre.headers()) {
            if (h.has(a.name())) continue; // the application's own header wins, as Windows adds its own only if new
            h = h.add(a.name(), a.value());
            next = next.owning(a.target());
            cleartext |= a.cleartext();
        }
        return new Sending(h, next, cleartext);
    }

    /**
     * The step after a response head {@code head} to a request that sent {@code sent}: a 401 or
     * 407 is answered when authentication is not disabled and the authenticator finds credentials
     * it has not tried in this send; anything else is delivered.
     */
    /** The statuses this step may answer: a 401 or a 407; every other response is delivered. */
    static boolean isChallenge(int status) {
        return status == HTTP_STATUS_DENIED || status == HTTP_STATUS_PROXY_AUTH_REQ;
    }

    static Outcome decide(ResponseHead head, HeaderList sent, Current current, Held held, Rules rules) {
        int status = head.status();
        if (!isChallenge(status) || rules.disabled()) return new Deliver(held);
        RequestCredentials creds = held.credentials().withOptions(rules.user(), rules.password(), rules.proxyUser(),
                rules.proxyPassword());
        Authenticator.Step step = Authenticator.STANDARD.next(head, current.request(), creds, held.state());
        if (step instanceof Authenticator.Failure f) return new Fail(f.error());
        if (step instanceof Authenticator.GiveUp g) {
            log.debug("{} to {} returned to the caller: {}", status, current.where().url(), g.why());
            return new Deliver(held.with(g.state(), null));
        }
        Authenticator.Answer a = (Authenticator.Answer) step;
        Authenticator.AuthHeader h = a.header();
        if (current.body() == null) {
            return new Resend(held.with(a.state(), h), "the " + status + " from " + current.where().url()
                    + " is answered by sending the request again, and the body written with writeData must be sent again");
        }
        return new Answer(sent.without(h.name()).add(h.name(), h.value()), held.with(a.state(), null).owning(h.target()),
                h.cleartext());
    }

    /** Basic credentials about to go over plain HTTP: one WARN per session, the first time; never the credentials. */
    static void warnIfCleartext(boolean cleartext, SessionShared session, Destination where) {
        if (cleartext && session.firstCleartextBasic()) {
            // a proxy's Basic answer goes in the clear even for an https origin (the CONNECT), so name both
            log.warn("Basic credentials go without TLS on a request for {} (to that server, or to the proxy on the way); "
                    + "this is logged once per session", origin(where));
        }
    }

    /** Scheme, host and port of a destination: what server credentials belong to. */
    private static Origin origin(Destination d) {
        return new Origin(d.secure(), d.host(), d.port());
    }
}
