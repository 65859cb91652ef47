package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** setCredentials' rules, the merge with the USERNAME/PASSWORD options, and where credentials may go. */
class RequestCredentialsTest {
    static final Origin HERE = new Origin(false, "127.0.0.1", 8080);
    private static final EnumSet<AuthScheme> ALL = EnumSet.allOf(AuthScheme.class);

    private static void invalid(int target, int scheme, String user, String password) {
        WinHttpException e = assertThrows(WinHttpException.class, () -> RequestCredentials.check(target, scheme, user, password));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error(), e.getMessage());
        assertThrows(WinHttpException.class, () -> RequestCredentials.none(HERE).set(target, scheme, user, password));
    }

    @Test
    void basicAndDigestNeedUserAndPassword() {
        for (int scheme : new int[] {WINHTTP_AUTH_SCHEME_BASIC, WINHTTP_AUTH_SCHEME_DIGEST}) {
            for (int target : new int[] {WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_TARGET_PROXY}) {
                invalid(target, scheme, null, "pwd");
                invalid(target, scheme, "user", null);
                invalid(target, scheme, null, null);
                RequestCredentials.check(target, scheme, "user", "pwd");
                RequestCredentials.check(target, scheme, "", "");
            }
        }
    }

    @Test
    void ntlmNegotiatePassportTakeTheDefaultCredentials() {
        for (int scheme : new int[] {WINHTTP_AUTH_SCHEME_NTLM, WINHTTP_AUTH_SCHEME_NEGOTIATE, WINHTTP_AUTH_SCHEME_PASSPORT}) {
            RequestCredentials c = RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, scheme, null, null);
            assertTrue(c.setFor(WINHTTP_AUTH_TARGET_SERVER, AuthScheme.ofBit(scheme)).isDefault());
            RequestCredentials.check(WINHTTP_AUTH_TARGET_PROXY, scheme, "user", null);
        }
    }

    @Test
    void unknownSchemeOrTargetIsInvalidParameter() {
        invalid(WINHTTP_AUTH_TARGET_SERVER, 0, "u", "p");
        invalid(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC | WINHTTP_AUTH_SCHEME_DIGEST, "u", "p");
        invalid(WINHTTP_AUTH_TARGET_SERVER, 0x20, "u", "p");
        invalid(WINHTTP_AUTH_TARGET_SERVER, -1, "u", "p");
        invalid(2, WINHTTP_AUTH_SCHEME_BASIC, "u", "p");
        invalid(-1, WINHTTP_AUTH_SCHEME_NTLM, null, null);
    }

    @Test
    void setCredentialsWinsOverTheOptionsWhateverTheOrder() {
        Credentials set = new Credentials("set", "s");
        RequestCredentials setFirst = RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "set", "s")
                .withOptions("opt", "o", "", "");
        RequestCredentials optionsFirst = RequestCredentials.none(HERE).withOptions("opt", "o", "", "")
                .set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "set", "s");
        for (RequestCredentials c : List.of(setFirst, optionsFirst)) {
            List<RequestCredentials.Candidate> basic = c.candidates(WINHTTP_AUTH_TARGET_SERVER, EnumSet.of(AuthScheme.BASIC), HERE);
            assertEquals(List.of(new RequestCredentials.Candidate(AuthScheme.BASIC, set)), basic, "the options' Basic is not a second try");
        }
    }

    @Test
    void candidatesSetCredentialsFirstThenOptionsEachStrongestFirst() {
        RequestCredentials c = RequestCredentials.none(HERE)
                .set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "b", "b")
                .set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_NTLM, null, null)
                .withOptions("opt", "o", "", "");
        Credentials opt = new Credentials("opt", "o");
        assertEquals(List.of(new RequestCredentials.Candidate(AuthScheme.NTLM, Credentials.DEFAULT),
                        new RequestCredentials.Candidate(AuthScheme.BASIC, new Credentials("b", "b")),
                        new RequestCredentials.Candidate(AuthScheme.NEGOTIATE, opt),
                        new RequestCredentials.Candidate(AuthScheme.PASSPORT, opt),
                        new RequestCredentials.Candidate(AuthScheme.DIGEST, opt)),
                c.candidates(WINHTTP_AUTH_TARGET_SERVER, ALL, HERE));
        assertEquals(List.of(), c.candidates(WINHTTP_AUTH_TARGET_PROXY, ALL, HERE), "server credentials are not the proxy's");
    }

    @Test
    void optionsCountWhenTheUserNameIsSet() {
        RequestCredentials c = RequestCredentials.none(HERE).withOptions("", "pwd", "puser", "");
        assertEquals(List.of(), c.candidates(WINHTTP_AUTH_TARGET_SERVER, ALL, HERE));
        assertEquals(List.of(new RequestCredentials.Candidate(AuthScheme.BASIC, new Credentials("puser", ""))),
                c.candidates(WINHTTP_AUTH_TARGET_PROXY, EnumSet.of(AuthScheme.BASIC), HERE));
        // A later snapshot replaces the options part only.
        RequestCredentials cleared = c.set(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_DIGEST, "d", "d").withOptions("", "", "", "");
        assertEquals(List.of(new RequestCredentials.Candidate(AuthScheme.DIGEST, new Credentials("d", "d"))),
                cleared.candidates(WINHTTP_AUTH_TARGET_PROXY, ALL, HERE));
    }

    @Test
    void serverCredentialsStayWithTheirOrigin() {
        RequestCredentials c = RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "u", "p")
                .set(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, "pu", "pp").withOptions("ou", "op", "", "");
        assertTrue(c.mayGoTo(new Origin(false, "127.0.0.1", 8080)));
        assertTrue(c.mayGoTo(new Origin(false, "127.0.0.1", 8080)));
        Origin upper = new Origin(true, "LOCALHOST", 0);
        assertTrue(RequestCredentials.none(new Origin(true, "localhost", 443)).mayGoTo(upper), "host without case, default port");
        for (Origin other : List.of(new Origin(true, "127.0.0.1", 8080), new Origin(false, "127.0.0.2", 8080),
                new Origin(false, "127.0.0.1", 8081), new Origin(false, "localhost", 8080))) {
            assertFalse(c.mayGoTo(other), other.toString());
            assertEquals(List.of(), c.candidates(WINHTTP_AUTH_TARGET_SERVER, ALL, other), other.toString());
            assertEquals(1, c.candidates(WINHTTP_AUTH_TARGET_PROXY, EnumSet.of(AuthScheme.BASIC), other).size(),
                    "proxy credentials go to the proxy whatever the server");
        }
    }

    @Test
    void nothingShowsUserNamesOrPasswords() {
        RequestCredentials c = RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "alice", "s3cret")
                .withOptions("bob", "hunter2", "carol", "pa55");
        for (String s : List.of(c.toString(), new Credentials("alice", "s3cret").toString(),
                c.candidates(WINHTTP_AUTH_TARGET_SERVER, ALL, HERE).toString())) {
            for (String secret : List.of("alice", "s3cret", "bob", "hunter2", "carol", "pa55")) {
                assertFalse(s.contains(secret), s);
            }
        }
    }
}
