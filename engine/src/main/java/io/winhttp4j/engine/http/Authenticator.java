package io.winhttp4j.engine.http;

import io.winhttp4j.AuthSchemes;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * WinHTTP's authentication decisions, as pure functions of what a request knows. The request
 * actor calls:
 * <ul>
 *   <li>{@link #schemes} for queryAuthSchemes, with the last response;</li>
 *   <li>{@link #preemptive} before every send the application starts, for the headers that go
 *       without waiting for a challenge (Basic given to setCredentials);</li>
 *   <li>{@link #next} after a 401 or 407 (unless WINHTTP_DISABLE_AUTHENTICATION is set): answer
 *       with a header and re-send, give the response to the caller, or fail with LOGIN_FAILURE.</li>
 * </ul>
 * Nothing here does I/O or keeps state between calls; the request keeps the {@link AuthState}
 * and {@link RequestCredentials} these take and return. The only other input is the client
 * nonce source ({@link SecureRandom} in {@link #STANDARD}).
 */
public final class Authenticator {
    public static final Authenticator STANDARD = new Authenticator(Authenticator::randomCnonce);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> cnonces;

    Authenticator(Supplier<String> cnonces) {
        this.cnonces = cnonces;
    }

    /**
     * What the request answers challenges for.
     *
     * @param method   the verb on the request line (CONNECT for a proxy tunnel)
     * @param uri      the request target exactly as on the request line (what Digest hashes)
     * @param origin   the server the request goes to now
     * @param viaProxy whether it goes through a proxy (proxy credentials go nowhere else)
     * @param body     the body when known (sendRequest's optional data, empty for none), or null
     *                 when it is written with writeData
     */
    public record AuthRequest(String method, String uri, Origin origin, boolean viaProxy, byte[] body) {
        @Override
        public String toString() {
            return "AuthRequest[" + method + " " + uri + " at " + origin + (viaProxy ? " via proxy" : "")
                    + (body == null ? ", body streamed" : ", body of " + body.length + " bytes") + "]";
        }
    }

    /**
     * One header to put on the request (replacing any earlier one of that name). For the PROXY
     * target it belongs on the request the proxy reads: the CONNECT of a tunnel, never a request
     * inside it. {@code cleartext} is true for Basic over a connection without TLS (the request
     * logs its one warning per session then). {@code toString} hides the value.
     */
    public record AuthHeader(int target, String name, String value, boolean cleartext) {
        @Override
        public String toString() {
            return "AuthHeader[" + name + ": <hidden>]";
        }
    }

    /** What to do with a 401 or 407. */
    public sealed interface Step permits Answer, GiveUp, Failure {}

    /** Re-send with this header; keep {@code state}. */
    public record Answer(AuthHeader header, AuthState state) implements Step {}

    /** Return the response to the caller as it is (no credentials for it, or they were refused); {@code why} is for the log. */
    public record GiveUp(String why, AuthState state) implements Step {}

    /** Fail the receive with this error (ERROR_WINHTTP_LOGIN_FAILURE). */
    public record Failure(WinHttpException error) implements Step {}

    /** The headers {@link #preemptive} adds, and the state after sending them. */
    public record Preemptive(List<AuthHeader> headers, AuthState state) {}

    // ---- queryAuthSchemes ------------------------------------------------------------------------

    /**
     * WinHttpQueryAuthSchemes on a request whose last response is {@code last}, or null before
     * any response (ERROR_INVALID_OPERATION then too); see {@link #schemes(int, HeaderList)}.
     */
    public static AuthSchemes schemes(ResponseHead last) {
        if (last == null) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_OPERATION, "queryAuthSchemes: no response has been received yet");
        }
        return schemes(last.status(), last.headers());
    }

    /**
     * WinHttpQueryAuthSchemes for a response with this status and these headers: a 401's
     * WWW-Authenticate challenges (target SERVER) or a 407's Proxy-Authenticate ones (target
     * PROXY). {@code supported} has the schemes offered that this engine can answer (unknown
     * schemes are ignored, names compare without case), {@code first} the first of them in the
     * server's order. Any other status, or no such scheme: ERROR_INVALID_OPERATION.
     */
    public static AuthSchemes schemes(int status, HeaderList headers) {
        int target = targetOf(status);
        if (target < 0) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_OPERATION, "queryAuthSchemes: the last response (status "
                    + status + ") is not an authentication challenge");
        }
        int supported = 0;
        int first = 0;
        List<String> unavailable = new ArrayList<>();
        for (Map.Entry<AuthScheme, List<AuthChallenge>> e : offered(headers, target).entrySet()) {
            AuthScheme s = e.getKey();
            String why = s.unavailable();
            if (why == null && s == AuthScheme.DIGEST && firstDigest(e.getValue(), new byte[0]) == null) {
                why = "no Digest challenge of the server can be answered";
            }
            if (why != null) {
                unavailable.add(why);
                continue;
            }
            supported |= s.bit;
            if (first == 0) first = s.bit;
        }
        if (supported == 0) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_OPERATION, "queryAuthSchemes: the " + status
                    + " offers no scheme this engine can answer" + (unavailable.isEmpty() ? "" : " (" + String.join("; ", unavailable) + ")"));
        }
        return new AuthSchemes(supported, first, target);
    }

    // ---- before a send -----------------------------------------------------------------------------

    /**
     * The headers a send carries before any challenge: Basic credentials given to setCredentials
     * (CONFORMANCE 5.5: set before the first send, they go with it), for the server only at its
     * own origin, for the proxy only through a proxy. They count as Basic's try for this send, so
     * a 401 to them goes to the caller.
     */
    public Preemptive preemptive(AuthRequest req, RequestCredentials creds, AuthState state) {
        List<AuthHeader> headers = null; // made only when there is one: most sends carry none
        AuthState s = state;
        for (int target : PREEMPTIVE_TARGETS) {
            if (target == WINHTTP_AUTH_TARGET_PROXY ? !req.viaProxy() : !creds.mayGoTo(req.origin())) continue;
            Credentials c = creds.setFor(target, AuthScheme.BASIC);
            if (c == null || BasicAuth.problem(c) != null) continue; // the challenge that follows reports the problem
            if (headers == null) headers = new ArrayList<>(2);
            headers.add(header(target, AuthScheme.BASIC, BasicAuth.answer(c), req));
            s = s.withTried(target, AuthScheme.BASIC);
        }
        return new Preemptive(headers == null ? List.of() : List.copyOf(headers), s);
    }

    private static final int[] PREEMPTIVE_TARGETS = {WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_TARGET_PROXY};

    // ---- after a challenge -------------------------------------------------------------------------

    /**
     * The step after a response {@code head} to {@code req}. A scheme is answered when the
     * server offers it, the request holds credentials for it (RequestCredentials' order: those
     * of setCredentials first, strongest first), the engine can do it, and it was not tried in this
     * send already, except that a Digest answer refused as stale (stale=true with a new nonce) is
     * repeated with the new nonce without counting as a try, {@link AuthState#MAX_STALE_RETRIES}
     * times at most. When nothing is answered: GiveUp if there are no credentials for what is
     * offered, or what there are was tried; Failure(LOGIN_FAILURE), naming why, if the only
     * schemes there are credentials for cannot be done.
     */
    public Step next(ResponseHead head, AuthRequest req, RequestCredentials creds, AuthState state) {
        int target = targetOf(head.status());
        if (target < 0) return new GiveUp("status " + head.status() + " is not a challenge", state);
        if (target == WINHTTP_AUTH_TARGET_PROXY && !req.viaProxy()) {
            // Proxy credentials go to our proxy only, never to a server that asks for them.
            return new GiveUp("a 407 from a server reached without a proxy", state);
        }
        Map<AuthScheme, List<AuthChallenge>> offered = offered(head.headers(), target);
        if (offered.isEmpty()) return new GiveUp("the " + head.status() + " offers no scheme WinHTTP knows", state);
        List<RequestCredentials.Candidate> candidates = creds.candidates(target, offered.keySet(), req.origin());
        if (candidates.isEmpty()) return new GiveUp("no credentials for the schemes offered", state);

        List<String> problems = new ArrayList<>();
        boolean refused = false;
        for (RequestCredentials.Candidate c : candidates) {
            AuthScheme s = c.scheme();
            String why = s.unavailable();
            if (why != null) {
                problems.add(why);
                continue;
            }
            if (s == AuthScheme.BASIC) {
                if (state.tried(target, s)) {
                    refused = true;
                    continue;
                }
                why = BasicAuth.problem(c.credentials());
                if (why != null) {
                    problems.add(why);
                    continue;
                }
                return new Answer(header(target, s, BasicAuth.answer(c.credentials()), req), state.withTried(target, s));
            }
            // DIGEST, the only other scheme unavailable() lets through; its credentials always have a
            // user name (RequestCredentials.check refuses DIGEST without one, options need one).
            DigestAuth.Offer offer = firstDigest(offered.get(s), req.body());
            if (offer == null) {
                problems.add(DigestAuth.Offer.of(offered.get(s).get(0)).problemWith(req.body()));
                continue;
            }
            AuthState next;
            if (!state.tried(target, s)) {
                next = state.withTried(target, s);
            } else if (offer.stale() && !offer.nonce().equals(state.lastNonce(target)) && state.mayRetryStale()) {
                next = state.withStaleRetry();
            } else {
                refused = true;
                continue;
            }
            int nc = next.nextCount(target, offer.nonce());
            String value = DigestAuth.answer(offer, c.credentials(), req.method(), req.uri(), req.body(), nc, cnonces.get());
            return new Answer(header(target, s, value, req), next.withNonce(target, offer.nonce(), nc));
        }
        if (refused) return new GiveUp("the credentials were refused", state);
        return new Failure(new WinHttpException(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, String.join("; ", problems)));
    }

    // ---- shared ----------------------------------------------------------------------------------

    /** SERVER for 401, PROXY for 407, -1 for any other status. */
    private static int targetOf(int status) {
        if (status == HTTP_STATUS_DENIED) return WINHTTP_AUTH_TARGET_SERVER;
        if (status == HTTP_STATUS_PROXY_AUTH_REQ) return WINHTTP_AUTH_TARGET_PROXY;
        return -1;
    }

    /** The challenges of schemes WinHTTP knows, grouped by scheme, in the order the server first named each. */
    private static Map<AuthScheme, List<AuthChallenge>> offered(HeaderList headers, int target) {
        String name = target == WINHTTP_AUTH_TARGET_SERVER ? "WWW-Authenticate" : "Proxy-Authenticate";
        Map<AuthScheme, List<AuthChallenge>> out = new LinkedHashMap<>();
        for (AuthChallenge c : AuthChallenge.of(headers, name)) {
            AuthScheme s = AuthScheme.named(c.scheme());
            if (s != null) out.computeIfAbsent(s, k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /** The first Digest challenge, in the server's order (its preference, RFC 7616 3.7), this request can answer. */
    private static DigestAuth.Offer firstDigest(List<AuthChallenge> challenges, byte[] body) {
        for (AuthChallenge c : challenges) {
            DigestAuth.Offer o = DigestAuth.Offer.of(c);
            if (o.problemWith(body) == null) return o;
        }
        return null;
    }

    private static AuthHeader header(int target, AuthScheme s, String value, AuthRequest req) {
        String name = target == WINHTTP_AUTH_TARGET_SERVER ? "Authorization" : "Proxy-Authorization";
        // A proxy is reached in plain HTTP; a server in plain HTTP unless the request is secure.
        boolean cleartext = s == AuthScheme.BASIC && (target == WINHTTP_AUTH_TARGET_PROXY || !req.origin().secure());
        return new AuthHeader(target, name, value, cleartext);
    }

    private static String randomCnonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
