package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every branch of Authenticator.next and .preemptive: answer, give up, LOGIN_FAILURE. */
class AuthenticatorTest {
    private static final Origin HERE = new Origin(false, "127.0.0.1", 8080);
    private static final Origin SECURE = new Origin(true, "127.0.0.1", 8443);
    private static final Authenticator AUTH = new Authenticator(() -> "0a4f113b");
    private static final Authenticator.AuthRequest GET = new Authenticator.AuthRequest("GET", "/dir/index.html", HERE, false, new byte[0]);
    private static final Authenticator.AuthRequest VIA_PROXY = new Authenticator.AuthRequest("GET", "http://127.0.0.1:8080/x", HERE, true, new byte[0]);
    private static final String DIGEST = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    private static final String BASIC_USER_PWD = "Basic dXNlcjpwd2Q=";

    private static ResponseHead response(int status, String header, String... values) {
        HeaderList h = HeaderList.EMPTY.add("Content-Length", "12");
        for (String v : values) h = h.add(header, v);
        return new ResponseHead("HTTP/1.1", status, "", h);
    }

    private static ResponseHead challenge(String... values) {
        return response(401, "WWW-Authenticate", values);
    }

    private static RequestCredentials set(int scheme, String user, String password) {
        return RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, scheme, user, password);
    }

    private static RequestCredentials options(String user, String password) {
        return RequestCredentials.none(HERE).withOptions(user, password, "", "");
    }

    private static Authenticator.Answer answer(Authenticator.Step s) {
        return assertInstanceOf(Authenticator.Answer.class, s, s::toString);
    }

    private static Authenticator.GiveUp giveUp(Authenticator.Step s) {
        return giveUp(s, "");
    }

    private static Authenticator.GiveUp giveUp(Authenticator.Step s, String what) {
        return assertInstanceOf(Authenticator.GiveUp.class, s, () -> what + ": " + s);
    }

    private static String loginFailure(Authenticator.Step s) {
        Authenticator.Failure f = assertInstanceOf(Authenticator.Failure.class, s, s::toString);
        assertEquals(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, f.error().error());
        return f.error().getMessage();
    }

    private static Map<String, String> digestParams(Authenticator.Answer a) {
        return DigestAuthTest.params(a.header().value());
    }

    // ---- give up: the response goes to the caller --------------------------------------------------

    @Test
    void notAChallenge() {
        giveUp(AUTH.next(response(200, "WWW-Authenticate", "Basic"), GET, options("u", "p"), AuthState.INITIAL));
        giveUp(AUTH.next(response(403, "WWW-Authenticate", "Basic"), GET, options("u", "p"), AuthState.INITIAL));
    }

    @Test
    void noCredentialsReturnsThe401() {
        giveUp(AUTH.next(challenge("Basic realm=x"), GET, RequestCredentials.none(HERE), AuthState.INITIAL));
        giveUp(AUTH.next(challenge("Basic realm=x"), GET, set(WINHTTP_AUTH_SCHEME_DIGEST, "u", "p"), AuthState.INITIAL));
    }

    @Test
    void noKnownScheme() {
        giveUp(AUTH.next(challenge("Bearer realm=x"), GET, options("u", "p"), AuthState.INITIAL));
        giveUp(AUTH.next(response(401, "Content-Type", "text/plain"), GET, options("u", "p"), AuthState.INITIAL));
    }

    @Test
    void proxyChallengeWithoutAProxyGetsNoProxyCredentials() {
        RequestCredentials c = RequestCredentials.none(HERE).withOptions("", "", "pu", "pp");
        giveUp(AUTH.next(response(407, "Proxy-Authenticate", "Basic realm=p"), GET, c, AuthState.INITIAL));
    }

    @Test
    void serverCredentialsDoNotFollowToAnotherOrigin() {
        Authenticator.AuthRequest elsewhere = new Authenticator.AuthRequest("GET", "/", new Origin(false, "127.0.0.2", 8080), false, null);
        giveUp(AUTH.next(challenge("Basic realm=x"), elsewhere, set(WINHTTP_AUTH_SCHEME_BASIC, "u", "p").withOptions("o", "o", "", ""),
                AuthState.INITIAL));
    }

    // ---- Basic -----------------------------------------------------------------------------------

    @Test
    void basicAnswersOnceThenReturnsThe401() {
        Authenticator.Answer a = answer(AUTH.next(challenge("Basic realm=\"x\""), GET, options("user", "pwd"), AuthState.INITIAL));
        assertEquals(new Authenticator.AuthHeader(WINHTTP_AUTH_TARGET_SERVER, "Authorization", BASIC_USER_PWD, true), a.header());
        giveUp(AUTH.next(challenge("Basic realm=\"x\""), GET, options("user", "pwd"), a.state()));
        // The application sends again (perhaps with other credentials): one more try.
        answer(AUTH.next(challenge("Basic realm=\"x\""), GET, options("user", "pwd"), a.state().newSend()));
    }

    @Test
    void basicIsUtf8AndNotCleartextOverTls() {
        Authenticator.AuthRequest secure = new Authenticator.AuthRequest("GET", "/", SECURE, false, null);
        Authenticator.Answer a = answer(AUTH.next(challenge("Basic"), secure,
                RequestCredentials.none(SECURE).set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "j\u00fcrgen", "\u20ac"),
                AuthState.INITIAL));
        assertFalse(a.header().cleartext());
        String decoded = new String(java.util.Base64.getDecoder().decode(a.header().value().substring(6)), StandardCharsets.UTF_8);
        assertEquals("j\u00fcrgen:\u20ac", decoded);
    }

    @Test
    void setCredentialsWinWhateverTheOrder() {
        // CONFORMANCE 5.5: credentials right + options wrong -> 200; options right + credentials wrong -> 401.
        RequestCredentials rightSet = set(WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd").withOptions("user", "wrong", "", "");
        RequestCredentials rightOptions = options("user", "pwd").set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "wrong");
        assertEquals(BASIC_USER_PWD, answer(AUTH.next(challenge("Basic"), GET, rightSet, AuthState.INITIAL)).header().value());
        Authenticator.Answer wrong = answer(AUTH.next(challenge("Basic"), GET, rightOptions, AuthState.INITIAL));
        assertNotEquals(BASIC_USER_PWD, wrong.header().value());
        giveUp(AUTH.next(challenge("Basic"), GET, rightOptions, wrong.state()));
    }

    @Test
    void basicUserWithColonIsALoginFailure() {
        String m = loginFailure(AUTH.next(challenge("Basic"), GET, options("a:b", "p"), AuthState.INITIAL));
        assertTrue(m.contains("cannot contain ':'"), m);
        assertFalse(m.contains("a:b"), m);
    }

    // ---- the pre-emptive rule --------------------------------------------------------------------

    @Test
    void basicGivenToSetCredentialsGoesBeforeAnyChallenge() {
        Authenticator.Preemptive p = AUTH.preemptive(GET, set(WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd"), AuthState.INITIAL);
        assertEquals(List.of(new Authenticator.AuthHeader(WINHTTP_AUTH_TARGET_SERVER, "Authorization", BASIC_USER_PWD, true)), p.headers());
        // It was Basic's try: a 401 to it goes to the caller.
        giveUp(AUTH.next(challenge("Basic"), GET, set(WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd"), p.state()));
    }

    @Test
    void nothingElseGoesPreemptively() {
        for (RequestCredentials c : List.of(RequestCredentials.none(HERE), options("user", "pwd"),
                set(WINHTTP_AUTH_SCHEME_DIGEST, "user", "pwd"), set(WINHTTP_AUTH_SCHEME_NTLM, null, null),
                set(WINHTTP_AUTH_SCHEME_BASIC, "a:b", "pwd"))) {
            Authenticator.Preemptive p = AUTH.preemptive(GET, c, AuthState.INITIAL);
            assertEquals(List.of(), p.headers(), c.toString());
            assertSame(AuthState.INITIAL, p.state());
        }
        Authenticator.AuthRequest elsewhere = new Authenticator.AuthRequest("GET", "/", new Origin(false, "127.0.0.2", 8080), false, null);
        assertEquals(List.of(), AUTH.preemptive(elsewhere, set(WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd"), AuthState.INITIAL).headers());
    }

    @Test
    void proxyBasicGoesPreemptivelyOnlyThroughAProxy() {
        RequestCredentials c = RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd");
        assertEquals(List.of(), AUTH.preemptive(GET, c, AuthState.INITIAL).headers());
        Authenticator.Preemptive p = AUTH.preemptive(VIA_PROXY, c, AuthState.INITIAL);
        assertEquals(List.of(new Authenticator.AuthHeader(WINHTTP_AUTH_TARGET_PROXY, "Proxy-Authorization", BASIC_USER_PWD, true)), p.headers());
        giveUp(AUTH.next(response(407, "Proxy-Authenticate", "Basic"), VIA_PROXY, c, p.state()));
    }

    // ---- Digest ----------------------------------------------------------------------------------

    @Test
    void digestAnswerIsRfc2617sExample() {
        Authenticator.Answer a = answer(AUTH.next(challenge(DIGEST), GET, set(WINHTTP_AUTH_SCHEME_DIGEST, "Mufasa", "Circle Of Life"),
                AuthState.INITIAL));
        Map<String, String> p = digestParams(a);
        assertEquals("6629fae49393a05397450978507c4ef1", p.get("response"));
        assertEquals("00000001", p.get("nc"));
        assertFalse(a.header().cleartext());
    }

    @Test
    void digestRefusedWithTheSameNonceReturnsThe401() {
        RequestCredentials c = options("Mufasa", "wrong");
        Authenticator.Answer a = answer(AUTH.next(challenge(DIGEST), GET, c, AuthState.INITIAL));
        giveUp(AUTH.next(challenge(DIGEST), GET, c, a.state()));
        giveUp(AUTH.next(challenge(DIGEST + ", stale=true"), GET, c, a.state()), "stale with the nonce already used");
    }

    @Test
    void staleNonceIsRetriedWithTheNewOneWithoutAsking() {
        RequestCredentials c = options("Mufasa", "Circle Of Life");
        Authenticator.Answer first = answer(AUTH.next(challenge(DIGEST), GET, c, AuthState.INITIAL));
        AuthState s = first.state();
        for (int i = 1; i <= AuthState.MAX_STALE_RETRIES; i++) {
            Authenticator.Answer again = answer(AUTH.next(challenge(DIGEST.replace("dcd98b", "fresh" + i) + ", stale=TRUE"), GET, c, s));
            assertEquals("fresh" + i + "7102dd2f0e8b11d0f600bfb0c093", digestParams(again).get("nonce"));
            assertEquals("00000001", digestParams(again).get("nc"), "a new nonce counts from 1");
            s = again.state();
        }
        giveUp(AUTH.next(challenge(DIGEST.replace("dcd98b", "fresh9") + ", stale=true"), GET, c, s), "stale retries are bounded");
    }

    @Test
    void nonceCountGoesOnForTheSameNonceAcrossSends() {
        RequestCredentials c = options("Mufasa", "Circle Of Life");
        Authenticator.Answer first = answer(AUTH.next(challenge(DIGEST), GET, c, AuthState.INITIAL));
        Authenticator.Answer second = answer(AUTH.next(challenge(DIGEST), GET, c, first.state().newSend()));
        assertEquals("00000002", digestParams(second).get("nc"));
        assertNotEquals(digestParams(first).get("response"), digestParams(second).get("response"));
        Authenticator.Answer third = answer(AUTH.next(challenge(DIGEST), GET, c, second.state().newSend()));
        assertEquals("00000003", digestParams(third).get("nc"));
    }

    @Test
    void qopAuthIsPickedWhenOfferedAuthIntWhenOnlyItAndTheBodyIsKnown() {
        RequestCredentials c = options("Mufasa", "Circle Of Life");
        String authIntOnly = DIGEST.replace("qop=\"auth,auth-int\"", "qop=\"auth-int\"");
        assertEquals("auth", digestParams(answer(AUTH.next(challenge(DIGEST), GET, c, AuthState.INITIAL))).get("qop"));
        Authenticator.AuthRequest post1 = new Authenticator.AuthRequest("POST", "/dir/index.html", HERE, false, "a=1".getBytes(StandardCharsets.UTF_8));
        Authenticator.AuthRequest post2 = new Authenticator.AuthRequest("POST", "/dir/index.html", HERE, false, "a=2".getBytes(StandardCharsets.UTF_8));
        Map<String, String> p1 = digestParams(answer(AUTH.next(challenge(authIntOnly), post1, c, AuthState.INITIAL)));
        Map<String, String> p2 = digestParams(answer(AUTH.next(challenge(authIntOnly), post2, c, AuthState.INITIAL)));
        assertEquals("auth-int", p1.get("qop"));
        assertNotEquals(p1.get("response"), p2.get("response"), "auth-int hashes the body");
        Authenticator.AuthRequest streamed = new Authenticator.AuthRequest("POST", "/dir/index.html", HERE, false, null);
        String m = loginFailure(AUTH.next(challenge(authIntOnly), streamed, c, AuthState.INITIAL));
        assertTrue(m.contains("auth-int"), m);
        assertEquals("auth", digestParams(answer(AUTH.next(challenge(DIGEST), streamed, c, AuthState.INITIAL))).get("qop"));
    }

    @Test
    void firstDigestChallengeThatCanBeAnsweredInTheServersOrder() {
        RequestCredentials c = options("Mufasa", "Circle of Life");
        String common = "realm=\"http-auth@example.org\", qop=\"auth\", nonce=\"n\"";
        assertEquals("SHA-256", digestParams(answer(AUTH.next(challenge("Digest " + common + ", algorithm=SHA-256",
                "Digest " + common + ", algorithm=MD5"), GET, c, AuthState.INITIAL))).get("algorithm"));
        assertEquals("MD5", digestParams(answer(AUTH.next(challenge("Digest " + common + ", algorithm=SHA-3",
                "Digest " + common + ", algorithm=MD5"), GET, c, AuthState.INITIAL))).get("algorithm"));
    }

    @Test
    void digestThatCannotBeAnsweredIsALoginFailure() {
        RequestCredentials c = options("u", "p");
        assertTrue(loginFailure(AUTH.next(challenge("Digest realm=\"r\""), GET, c, AuthState.INITIAL)).contains("no nonce"));
        assertTrue(loginFailure(AUTH.next(challenge("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-3"), GET, c, AuthState.INITIAL))
                .contains("algorithm"));
    }

    @Test
    void strongestSchemeFirstThenTheNext() {
        RequestCredentials c = options("Mufasa", "Circle Of Life");
        ResponseHead both = challenge("Basic realm=\"testrealm@host.com\"", DIGEST);
        Authenticator.Answer digest = answer(AUTH.next(both, GET, c, AuthState.INITIAL));
        assertTrue(digest.header().value().startsWith("Digest "));
        Authenticator.Answer basic = answer(AUTH.next(both, GET, c, digest.state()));
        assertTrue(basic.header().value().startsWith("Basic "));
        giveUp(AUTH.next(both, GET, c, basic.state()));
    }

    @Test
    void proxyDigestForATunnel() {
        Authenticator.AuthRequest connect = new Authenticator.AuthRequest("CONNECT", "127.0.0.1:8443", SECURE, true, new byte[0]);
        RequestCredentials c = RequestCredentials.none(SECURE).withOptions("", "", "Mufasa", "Circle Of Life");
        Authenticator.Answer a = answer(AUTH.next(response(407, "Proxy-Authenticate", DIGEST), connect, c, AuthState.INITIAL));
        assertEquals(WINHTTP_AUTH_TARGET_PROXY, a.header().target());
        assertEquals("Proxy-Authorization", a.header().name());
        assertEquals("127.0.0.1:8443", digestParams(a).get("uri"));
        // The server's own tries are separate from the proxy's.
        answer(AUTH.next(challenge(DIGEST), connect, c.withOptions("Mufasa", "x", "Mufasa", "Circle Of Life"), a.state()));
    }

    // ---- schemes the engine cannot do --------------------------------------------------------------

    @Test
    void ntlmAndNegotiateFailWithTheReason() {
        String m = loginFailure(AUTH.next(challenge("NTLM"), GET, set(WINHTTP_AUTH_SCHEME_NTLM, null, null), AuthState.INITIAL));
        assertTrue(m.contains("NTLM is not available"), m);
        m = loginFailure(AUTH.next(challenge("Negotiate", "NTLM"), GET, options("u", "p"), AuthState.INITIAL));
        assertTrue(m.contains("Negotiate is not available") && m.contains("NTLM is not available"), m);
        m = loginFailure(AUTH.next(challenge("Passport1.4"), GET, options("u", "p"), AuthState.INITIAL));
        assertTrue(m.contains("Passport is not available"), m);
    }

    @Test
    void aSchemeThatCanBeDoneIsUsedInstead() {
        RequestCredentials c = set(WINHTTP_AUTH_SCHEME_NTLM, null, null).withOptions("user", "pwd", "", "");
        assertEquals(BASIC_USER_PWD, answer(AUTH.next(challenge("NTLM", "Basic"), GET, c, AuthState.INITIAL)).header().value());
    }

    @Test
    void refusedThenOnlyUndoableLeftReturnsThe401() {
        RequestCredentials c = options("user", "pwd");
        Authenticator.Answer a = answer(AUTH.next(challenge("NTLM", "Basic"), GET, c, AuthState.INITIAL));
        giveUp(AUTH.next(challenge("NTLM", "Basic"), GET, c, a.state()));
    }

    @Test
    void nothingShowsCredentials() {
        Authenticator.Answer a = answer(AUTH.next(challenge("Basic"), GET, options("user", "pwd"), AuthState.INITIAL));
        for (String s : List.of(a.toString(), a.header().toString(), a.state().toString(), GET.toString())) {
            assertFalse(s.contains("dXNlcjpwd2Q") || s.contains("pwd"), s);
        }
    }
}
