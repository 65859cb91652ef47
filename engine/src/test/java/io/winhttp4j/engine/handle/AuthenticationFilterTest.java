package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ProxyServer;
import io.winhttp4j.engine.http.ResponseHead;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The authentication step on its own: what it decides for a proxy's 407 (the request target a
 * Digest answer names, a tunnel's CONNECT, the origin's 407 inside a tunnel), and the header
 * bookkeeping between sends (whose headers the engine owns, the answer left by RESEND_REQUEST).
 * AuthenticationTest and ProxyTest cover the rest through the public API.
 */
class AuthenticationFilterTest {
    static final Destination HERE = new Destination("GET", false, "127.0.0.1", 8080, "/p?q", "http://127.0.0.1:8080/p?q");
    static final AuthenticationFilter.Rules NONE = new AuthenticationFilter.Rules(false, "", "", "", "");
    static final byte[] NO_BODY = new byte[0];
    static final ProxyServer PROXY = new ProxyServer("127.0.0.1", 3128);

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static ResponseHead head(int status, String header, String challenge) {
        return new ResponseHead("HTTP/1.1", status, "", HeaderList.EMPTY.add(header, challenge));
    }

    static final ResponseHead PROXY_407 = head(407, "Proxy-Authenticate", "Basic realm=\"proxy\"");
    static final ResponseHead SERVER_401 = head(401, "WWW-Authenticate", "Basic realm=\"server\"");

    @Test
    void aProxysChallengeIsAnsweredWithTheProxyCredentials() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, "puser", "ppwd");
        HeaderList sent = HeaderList.EMPTY.add("Host", "127.0.0.1:8080");
        var out = AuthenticationFilter.decide(PROXY_407, sent, AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY), held, NONE);
        var answer = assertInstanceOf(AuthenticationFilter.Answer.class, out);
        assertEquals(basic("puser", "ppwd"), answer.headers().get("Proxy-Authorization", 0));
        assertNull(answer.headers().get("Authorization", 0), "no server credentials to a proxy");
        assertTrue(answer.cleartext(), "a proxy is reached without TLS");
        assertEquals("127.0.0.1:8080", answer.headers().get("Host", 0), "the rest of the request as sent");
        // a second 407 to that answer: the credentials were refused, the 407 is the response
        var again = AuthenticationFilter.decide(PROXY_407, answer.headers(), AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY),
                answer.held(), NONE);
        assertInstanceOf(AuthenticationFilter.Deliver.class, again);
    }

    @Test
    void theProxyOptionsAnswerAProxysChallengeAndOnlyAProxys() {
        AuthenticationFilter.Rules options = new AuthenticationFilter.Rules(false, "", "", "puser", "ppwd");
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE);
        var out = AuthenticationFilter.decide(PROXY_407, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY), held, options);
        assertEquals(basic("puser", "ppwd"), assertInstanceOf(AuthenticationFilter.Answer.class, out).headers().get("Proxy-Authorization", 0));
        assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(SERVER_401, HeaderList.EMPTY,
                AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY), held, options), "proxy options never answer a server");
        assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(PROXY_407, HeaderList.EMPTY,
                AuthenticationFilter.Current.sending(HERE, null, NO_BODY), held, options), "a 407 from a server reached directly");
    }

    static final Destination SECURE = new Destination("POST", true, "localhost", 8443, "/s", "https://localhost:8443/s");
    static final ResponseHead PROXY_DIGEST_407 = head(407, "Proxy-Authenticate", "Digest realm=\"proxy\", nonce=\"n1\", qop=\"auth\"");

    @Test
    void aDigestAnswerToAProxyNamesTheRequestTargetOfItsRequestLine() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_DIGEST, "puser", "ppwd");
        var plain = assertInstanceOf(AuthenticationFilter.Answer.class, AuthenticationFilter.decide(PROXY_DIGEST_407, HeaderList.EMPTY,
                AuthenticationFilter.Current.answered(HERE, PROXY, false, NO_BODY), held, NONE));
        String value = plain.headers().get("Proxy-Authorization", 0);
        assertTrue(value.startsWith("Digest ") && value.contains("uri=\"http://127.0.0.1:8080/p?q\""), "absolute form: " + value);

        AuthenticationFilter.Held tunnelled = AuthenticationFilter.Held.initial(SECURE)
                .withCredentials(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_DIGEST, "puser", "ppwd");
        var connect = assertInstanceOf(AuthenticationFilter.Answer.class, AuthenticationFilter.decide(PROXY_DIGEST_407, HeaderList.EMPTY,
                AuthenticationFilter.Current.answered(SECURE, PROXY, true, "body".getBytes(StandardCharsets.US_ASCII)), tunnelled, NONE));
        value = connect.headers().get("Proxy-Authorization", 0);
        assertTrue(value.contains("uri=\"localhost:8443\""), "the CONNECT's authority form: " + value);
        assertEquals("CONNECT", AuthenticationFilter.Current.answered(SECURE, PROXY, true, null).request().method());
    }

    @Test
    void a407FromTheOriginInsideATunnelIsNotAnsweredWithProxyCredentials() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(SECURE)
                .withCredentials(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, "puser", "ppwd");
        assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(PROXY_407, HeaderList.EMPTY,
                AuthenticationFilter.Current.answered(SECURE, PROXY, false, NO_BODY), held, NONE),
                "the origin answered inside the tunnel: proxy credentials are the proxy's");
        // before the CONNECT, the proxy's Basic goes pre-emptively (the tunnel moves it onto the CONNECT)
        var sending = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(SECURE, PROXY, null));
        assertEquals(basic("puser", "ppwd"), sending.headers().get("Proxy-Authorization", 0));
    }

    @Test
    void serverCredentialsNeverAnswerAProxy() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd");
        assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(PROXY_407, HeaderList.EMPTY,
                AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY), held,
                new AuthenticationFilter.Rules(false, "user", "pwd", "", "")));
    }

    @Test
    void basicForTheProxyGoesPreemptivelyOnlyThroughAProxy() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_BASIC, "puser", "ppwd");
        var via = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY));
        assertEquals(basic("puser", "ppwd"), via.headers().get("Proxy-Authorization", 0));
        var direct = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, null, NO_BODY));
        assertFalse(direct.headers().has("Proxy-Authorization"));
    }

    @Test
    void theEnginesHeadersAreDecidedAfreshAndTheApplicationsStay() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd");
        var first = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, null, NO_BODY));
        assertEquals(basic("user", "pwd"), first.headers().get("Authorization", 0));
        assertTrue(first.cleartext());
        // new credentials: the stored header was the engine's, so it goes and the new one comes
        var changed = first.held().withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "new");
        HeaderList stored = changed.strip(first.headers());
        assertFalse(stored.has("Authorization"));
        var second = AuthenticationFilter.forSend(changed, stored, AuthenticationFilter.Current.sending(HERE, null, NO_BODY));
        assertEquals(basic("user", "new"), second.headers().get("Authorization", 0));
        // the application's own header is never the engine's to remove or replace
        HeaderList own = HeaderList.EMPTY.add("Authorization", "Bearer app");
        var mine = AuthenticationFilter.forSend(held, held.strip(own), AuthenticationFilter.Current.sending(HERE, null, NO_BODY));
        assertEquals("Bearer app", mine.headers().get("Authorization", 0));
        assertEquals(1, mine.headers().all().size());
        assertFalse(mine.cleartext());
        assertEquals("Bearer app", mine.held().strip(mine.headers()).get("Authorization", 0));
    }

    @Test
    void anAnswerThatNeedsTheWrittenBodyAgainGoesWithTheNextSend() {
        AuthenticationFilter.Rules options = new AuthenticationFilter.Rules(false, "user", "pwd", "", "");
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE);
        var sending = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, null, null));
        assertFalse(sending.headers().has("Authorization"), "the options never go unasked");
        var out = AuthenticationFilter.decide(SERVER_401, sending.headers(), AuthenticationFilter.Current.sending(HERE, null, null),
                sending.held(), options);
        var resend = assertInstanceOf(AuthenticationFilter.Resend.class, out);
        assertTrue(resend.reason().contains("writeData"), resend.reason());
        var next = AuthenticationFilter.forSend(resend.held(), HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, null, null));
        assertEquals(basic("user", "pwd"), next.headers().get("Authorization", 0));
        // that send is the same authentication: a 401 to it is the response, not another try
        assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(SERVER_401, next.headers(),
                AuthenticationFilter.Current.sending(HERE, null, null), next.held(), options));
        // and the send after it starts afresh, without the answer
        var later = AuthenticationFilter.forSend(next.held(), next.held().strip(next.headers()),
                AuthenticationFilter.Current.sending(HERE, null, null));
        assertFalse(later.headers().has("Authorization"));
    }

    @Test
    void basicIsUtf8AndCleartextOnlyWithoutTls() {
        Destination secure = new Destination("GET", true, "127.0.0.1", 443, "/", "https://127.0.0.1/");
        for (Destination d : new Destination[] {HERE, secure}) {
            AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(d)
                    .withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "j\u00fcrgen", "p\u00e4ss \u20ac");
            var sending = AuthenticationFilter.forSend(held, HeaderList.EMPTY, AuthenticationFilter.Current.sending(d, null, NO_BODY));
            assertEquals("Basic " + Base64.getEncoder().encodeToString("j\u00fcrgen:p\u00e4ss \u20ac".getBytes(StandardCharsets.UTF_8)),
                    sending.headers().get("Authorization", 0));
            assertEquals(!d.secure(), sending.cleartext(), d.url());
        }
    }

    @Test
    void disabledAuthenticationDeliversEveryChallenge() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "pwd");
        AuthenticationFilter.Rules disabled = new AuthenticationFilter.Rules(true, "user", "pwd", "p", "p");
        for (ResponseHead h : new ResponseHead[] {SERVER_401, PROXY_407}) {
            assertInstanceOf(AuthenticationFilter.Deliver.class, AuthenticationFilter.decide(h, HeaderList.EMPTY,
                    AuthenticationFilter.Current.sending(HERE, PROXY, NO_BODY), held, disabled));
        }
    }

    @Test
    void nothingShowsCredentials() {
        AuthenticationFilter.Held held = AuthenticationFilter.Held.initial(HERE)
                .withCredentials(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_BASIC, "user", "s3cret");
        var out = AuthenticationFilter.decide(SERVER_401, HeaderList.EMPTY, AuthenticationFilter.Current.sending(HERE, null, null), held,
                new AuthenticationFilter.Rules(false, "user", "s3cret", "puser", "s3cret"));
        for (Object o : new Object[] {held, out, new AuthenticationFilter.Rules(false, "user", "s3cret", "puser", "s3cret"),
                new RequestActor.SetCredentials(0, 1, "user", "s3cret", null),
                new Commands.SetOption(WINHTTP_OPTION_PASSWORD, "s3cret", null)}) {
            String text = o.toString();
            assertFalse(text.contains("s3cret") || text.contains(basic("user", "s3cret").substring(6)), text);
        }
    }
}
