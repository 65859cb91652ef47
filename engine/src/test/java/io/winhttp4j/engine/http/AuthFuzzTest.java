package io.winhttp4j.engine.http;

import io.winhttp4j.AuthSchemes;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile challenges: random soups of the grammar's pieces give a result or a WinHttpException,
 * never another exception; what the parser returns is never larger than its input; an answer
 * built from any challenge is a valid header value (a server cannot make us send CR, LF or
 * bytes outside ISO-8859-1); well-formed challenge lists parse back to what they were made of.
 * Each case has its own seed (base + case number), printed in every failure.
 */
class AuthFuzzTest {
    private static final long BASE_SEED = 0xA_0700_0000L;
    private static final int CASES = 20_000;
    private static final String[] PIECES = {"Basic", "Digest", "NTLM", "Negotiate", "Passport1.4", "Bearer", "bAsIc", "digest",
            " ", "  ", "\t", ",", ", ", "=", "==", "\"", "\\", "\\\"", "realm", "nonce", "qop", "algorithm", "stale", "userhash",
            "opaque", "charset", "auth", "auth-int", "\"auth, auth-int\"", "true", "MD5", "SHA-256", "MD5-sess", "SHA-512-256-sess",
            "SHA-1", "abc", "YII+/=", "\r", "\n", "\r\n", "\u0000", "\u0001", "\u007f", "\u00e9", "\u00ff", "\u0100", "\u20ac",
            "\ud800", "\ud83d\ude00", "(", ")", ";", ":", "@", "/", "?", "{", "}", "[", "]", "x=y", "realm=\"r\"", "nonce=\"n\""};
    private static final Authenticator AUTH = new Authenticator(() -> "cn");
    private static final Origin HERE = new Origin(false, "127.0.0.1", 80);

    private static final String[] SCHEMES = {"Basic", "Digest", "digest", "NTLM", "Negotiate", "Passport1.4", "Bearer"};
    private static final String[] PARAMS = {"realm", "nonce", "qop", "algorithm", "stale", "userhash", "opaque", "charset", "x"};
    private static final String[] VALUES = {"auth", "auth-int", "\"auth,auth-int\"", "\"auth-int\"", "true", "false", "MD5",
            "SHA-256", "sha-512-256-sess", "MD5-sess", "SHA-1", "n1", "\"n2\""};

    /** Half pure soup, half challenges of known schemes whose parameter values are soup or quoted random text. */
    private static String soup(Random r) {
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            for (int n = r.nextInt(24); n > 0; n--) b.append(PIECES[r.nextInt(PIECES.length)]);
            return b.toString();
        }
        for (int c = 1 + r.nextInt(2); c > 0; c--) {
            if (b.length() > 0) b.append(", ");
            b.append(SCHEMES[r.nextInt(SCHEMES.length)]).append(' ');
            for (int p = r.nextInt(7); p > 0; p--) {
                b.append(PARAMS[r.nextInt(PARAMS.length)]).append('=');
                int k = r.nextInt(10);
                if (k < 4) b.append(VALUES[r.nextInt(VALUES.length)]);
                else if (k < 8) b.append(quote(quotable(r)));
                else for (int n = r.nextInt(4); n > 0; n--) b.append(PIECES[r.nextInt(PIECES.length)]);
                b.append(r.nextInt(8) == 0 ? " " : ", ");
            }
            if (r.nextInt(3) > 0) b.append("realm=").append(quote(quotable(r))).append(", nonce=").append(quote(quotable(r)));
        }
        return b.toString();
    }

    private static int size(List<AuthChallenge> cs) {
        int n = 0;
        for (AuthChallenge c : cs) {
            n += c.scheme().length() + (c.token68() == null ? 0 : c.token68().length());
            for (Map.Entry<String, String> e : c.params().entrySet()) n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    @Test
    void soupsGiveAResultOrAWinHttpException() {
        List<RequestCredentials> creds = List.of(
                RequestCredentials.none(HERE).withOptions("user", "pwd", "puser", "ppwd"),
                RequestCredentials.none(HERE).set(WINHTTP_AUTH_TARGET_SERVER, WINHTTP_AUTH_SCHEME_DIGEST, "\u00e9\"\\\r\n", "p")
                        .set(WINHTTP_AUTH_TARGET_PROXY, WINHTTP_AUTH_SCHEME_NTLM, null, null),
                RequestCredentials.none(HERE));
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Random r = new Random(seed);
            String name = r.nextInt(4) == 0 ? "Proxy-Authenticate" : "WWW-Authenticate";
            List<String> values = new ArrayList<>();
            HeaderList headers = HeaderList.EMPTY;
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                String v = soup(r);
                values.add(v);
                headers = headers.add(name, v);
            }
            String where = "seed " + seed + " " + name + ": " + values;
            int total = 0;
            for (String v : values) total += v.length();
            try {
                assertTrue(size(AuthChallenge.of(headers, name)) <= total, where);
                for (AuthChallenge c : AuthChallenge.of(headers, name)) assertTrue(WireText.isToken(c.scheme()), where);
                int status = name.startsWith("Proxy") ? 407 : 401;
                try {
                    AuthSchemes s = Authenticator.schemes(status, headers);
                    assertNotEquals(0, s.supported() & s.first(), where);
                } catch (WinHttpException e) {
                    assertEquals(WinHttpError.ERROR_INVALID_OPERATION, e.error(), where);
                }
                Authenticator.AuthRequest req = new Authenticator.AuthRequest("GET", "/", HERE, r.nextBoolean(),
                        r.nextBoolean() ? null : new byte[r.nextInt(4)]);
                AuthState state = AuthState.INITIAL;
                // Follow the answers, as the request would against a server that always says the same.
                for (int round = 0; round < 8; round++) {
                    Authenticator.Step step = AUTH.next(new ResponseHead("HTTP/1.1", status, "", headers), req,
                            creds.get(r.nextInt(creds.size())), state);
                    if (step instanceof Authenticator.Failure f) {
                        assertEquals(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, f.error().error(), where);
                        break;
                    }
                    if (step instanceof Authenticator.GiveUp) break;
                    Authenticator.Answer a = (Authenticator.Answer) step;
                    assertNull(WireText.valueProblem(a.header().value()), where);
                    assertTrue(round < 7, "the same challenge answered forever: " + where);
                    state = a.state();
                }
            } catch (WinHttpException e) {
                fail("unexpected " + e + " for " + where);
            } catch (RuntimeException e) {
                throw new AssertionError("stray " + e + " for " + where, e);
            }
        }
    }

    // ---- well-formed lists round-trip -----------------------------------------------------------------

    private static final String TCHAR = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String T68 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/";

    private static String chars(Random r, String alphabet, int min, int max) {
        StringBuilder b = new StringBuilder();
        for (int n = min + r.nextInt(max - min + 1); n > 0; n--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }

    /** Any qdtext or quoted-pair character: blanks, visible ASCII with '"' and '\', obs-text. */
    private static String quotable(Random r) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(12); n > 0; n--) {
            int k = r.nextInt(10);
            b.append(k == 0 ? '"' : k == 1 ? '\\' : k == 2 ? '\t' : k == 3 ? (char) (0x80 + r.nextInt(0x80)) : (char) (0x20 + r.nextInt(0x5f)));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String blanks(Random r) {
        return r.nextInt(3) == 0 ? "" : r.nextBoolean() ? " " : " \t ";
    }

    @Test
    void wellFormedListsParseBackToWhatTheyWereMadeOf() {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + 1_000_000 + i;
            Random r = new Random(seed);
            List<AuthChallenge> made = new ArrayList<>();
            StringBuilder text = new StringBuilder(blanks(r));
            for (int c = 1 + r.nextInt(4); c > 0; c--) {
                if (!made.isEmpty()) text.append(blanks(r)).append(r.nextInt(5) == 0 ? ",," : ",").append(blanks(r));
                String scheme = chars(r, TCHAR, 1, 10);
                text.append(scheme);
                int form = r.nextInt(4);
                if (form == 0) {
                    made.add(new AuthChallenge(scheme, null, Map.of()));
                } else if (form == 1) {
                    String t68 = chars(r, T68, 1, 20) + "=".repeat(r.nextInt(3));
                    text.append(' ').append(t68);
                    made.add(new AuthChallenge(scheme, t68, Map.of()));
                } else {
                    Map<String, String> params = new LinkedHashMap<>();
                    text.append(' ');
                    for (int p = 1 + r.nextInt(4); p > 0; p--) {
                        String name = chars(r, TCHAR, 1, 8).toLowerCase(java.util.Locale.ROOT);
                        if (params.containsKey(name)) continue;
                        boolean asToken = r.nextBoolean();
                        String value = asToken ? chars(r, TCHAR, 1, 8) : quotable(r);
                        if (!params.isEmpty()) text.append(blanks(r)).append(',').append(blanks(r));
                        text.append(r.nextBoolean() ? name : name.toUpperCase(java.util.Locale.ROOT))
                                .append(blanks(r)).append('=').append(blanks(r)).append(asToken ? value : quote(value));
                        params.put(name, value);
                    }
                    made.add(new AuthChallenge(scheme, null, params));
                }
            }
            text.append(blanks(r));
            List<AuthChallenge> parsed = AuthChallenge.parse(text.toString());
            assertEquals(made.size(), parsed.size(), "seed " + seed + ": " + text);
            for (int k = 0; k < made.size(); k++) {
                AuthChallenge m = made.get(k);
                AuthChallenge p = parsed.get(k);
                String where = "seed " + seed + ", challenge " + k + ": " + text;
                assertEquals(m.scheme(), p.scheme(), where);
                assertEquals(m.token68(), p.token68(), where);
                assertEquals(m.params(), p.params(), where);
                assertEquals(List.copyOf(m.params().keySet()), List.copyOf(p.params().keySet()), where);
            }
        }
    }

    @Test
    void largeHostileValuesParseInLinearTime() {
        int n = 400_000;
        List<String> hostile = List.of("\"".repeat(n), ",".repeat(n), "a=".repeat(n / 2), "\\".repeat(n), "Basic ".repeat(n / 6),
                "Digest " + "x=\"\\\"\",".repeat(n / 8), "B " + "a".repeat(n), "Digest realm=\"" + "\\\\".repeat(n / 2),
                "=".repeat(n), "a, ".repeat(n / 3));
        assertTimeout(Duration.ofSeconds(5), () -> {
            for (String h : hostile) {
                List<AuthChallenge> cs = AuthChallenge.parse(h);
                assertTrue(size(cs) <= h.length());
                assertTrue(cs.size() <= h.length() / 2 + 1);
                try {
                    Authenticator.schemes(401, HeaderList.EMPTY.add("WWW-Authenticate", h));
                } catch (WinHttpException e) {
                    assertEquals(WinHttpError.ERROR_INVALID_OPERATION, e.error());
                }
            }
        });
    }
}
