package io.winhttp4j.engine.http;

import io.winhttp4j.AuthSchemes;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Authenticator.schemes: WinHttpQueryAuthSchemes from a response's status and headers (CONFORMANCE 5.5). */
class AuthSchemesTest {

    private static HeaderList www(String... values) {
        HeaderList h = HeaderList.EMPTY;
        for (String v : values) h = h.add("WWW-Authenticate", v);
        return h;
    }

    private static WinHttpException refused(int status, HeaderList h) {
        WinHttpException e = assertThrows(WinHttpException.class, () -> Authenticator.schemes(status, h));
        assertEquals(WinHttpError.ERROR_INVALID_OPERATION, e.error());
        return e;
    }

    @Test
    void basicChallenge() {
        assertEquals(new AuthSchemes(WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_TARGET_SERVER),
                Authenticator.schemes(401, www("Basic realm=\"test\"")));
    }

    @Test
    void unknownSchemesIgnoredAndNtlmLeftOutBecauseItCannotBeDone() {
        // CONFORMANCE's Windows answer is BASIC|NTLM; NTLM is left out here by the documented decision.
        assertEquals(new AuthSchemes(WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_TARGET_SERVER),
                Authenticator.schemes(401, www("Bearer", "Basic realm=\"foo\"", "NTLM")));
        assertEquals(WINHTTP_AUTH_SCHEME_BASIC, Authenticator.schemes(401, www("Negotiate", "NTLM", "Basic")).first());
    }

    @Test
    void firstIsTheFirstTheServerListed() {
        AuthSchemes s = Authenticator.schemes(401, www("Basic realm=a", "Digest realm=\"r\", nonce=\"n\""));
        assertEquals(WINHTTP_AUTH_SCHEME_BASIC | WINHTTP_AUTH_SCHEME_DIGEST, s.supported());
        assertEquals(WINHTTP_AUTH_SCHEME_BASIC, s.first());
        s = Authenticator.schemes(401, www("Digest realm=\"r\", nonce=\"n\", Basic realm=a"));
        assertEquals(WINHTTP_AUTH_SCHEME_BASIC | WINHTTP_AUTH_SCHEME_DIGEST, s.supported());
        assertEquals(WINHTTP_AUTH_SCHEME_DIGEST, s.first());
    }

    @Test
    void namesMatchWithoutCaseAndOnlyWhole() {
        assertEquals(WINHTTP_AUTH_SCHEME_BASIC, Authenticator.schemes(401, www("bASIC realm=x")).supported());
        refused(401, www("Basicx realm=x", "Basic-1"));
    }

    @Test
    void proxyChallengeOf407() {
        HeaderList h = HeaderList.EMPTY.add("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\"")
                .add("Proxy-Authenticate", "Basic realm=\"proxy\"");
        assertEquals(new AuthSchemes(WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_TARGET_PROXY),
                Authenticator.schemes(407, h));
        refused(407, www("Basic realm=x"));
        refused(401, HeaderList.EMPTY.add("Proxy-Authenticate", "Basic"));
    }

    @Test
    void beforeAnyResponseIsInvalidOperation() {
        WinHttpException e = assertThrows(WinHttpException.class, () -> Authenticator.schemes(null));
        assertEquals(WinHttpError.ERROR_INVALID_OPERATION, e.error());
        assertEquals(WINHTTP_AUTH_TARGET_PROXY, Authenticator.schemes(new ResponseHead("HTTP/1.1", 407, "",
                HeaderList.EMPTY.add("Proxy-Authenticate", "Basic"))).target());
    }

    @Test
    void noChallengeIsInvalidOperation() {
        refused(200, HeaderList.EMPTY);
        refused(200, www("Basic realm=x"));
        refused(302, www("Basic realm=x"));
        refused(401, HeaderList.EMPTY);
        refused(401, www("Bearer realm=x"));
        refused(401, www("Basic realm=\"unterminated"));
    }

    @Test
    void onlySchemesThatCannotBeDoneSayWhy() {
        WinHttpException e = refused(401, www("NTLM", "Negotiate", "Passport1.4"));
        assertTrue(e.getMessage().contains("NTLM is not available"), e.getMessage());
        assertTrue(e.getMessage().contains("Negotiate is not available"), e.getMessage());
        assertTrue(e.getMessage().contains("Passport is not available"), e.getMessage());
    }

    @Test
    void digestCountsOnlyWhenSomeChallengeCanBeAnswered() {
        refused(401, www("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1024"));
        refused(401, www("Digest realm=\"r\""));
        refused(401, www("Digest nonce=\"n\""));
        refused(401, www("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\""));
        refused(401, www("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess"));
        assertEquals(WINHTTP_AUTH_SCHEME_DIGEST, Authenticator.schemes(401,
                www("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1024", "Digest realm=\"r\", nonce=\"n\", algorithm=sha-256")).supported());
        assertEquals(WINHTTP_AUTH_SCHEME_DIGEST, Authenticator.schemes(401,
                www("Digest realm=\"r\", nonce=\"n\", qop=auth-int")).supported(), "auth-int can be done when the body is known");
    }
}
