package io.winhttp4j.engine.testkit;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The checking side of Basic (RFC 7617) and Digest (RFC 7616) for the authentication tests'
 * Pekko HTTP routes, written here independently of the engine's own code, so that a test passes
 * only when what the engine sends is what a server following the RFCs accepts.
 */
public final class AuthServers {
    public static final String USER = "alice";
    public static final String PASSWORD = "s3cr3t-Pa55";
    public static final String REALM = "auth-test@127.0.0.1";

    private AuthServers() {}

    /** "Basic " + base64(user:password), computed here. */
    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads (and so counts) the body, then answers. */
    public static CompletionStage<HttpResponse> after(HttpRequest r, Materializer mat, HttpResponse response) {
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> response);
    }

    public static HttpResponse ok(String body) {
        return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body));
    }

    /** A 401 (or 407) with these challenges, one header each, and the 12-byte body CONFORMANCE 5.5 shows. */
    public static HttpResponse challenge(int status, String header, String... challenges) {
        HttpResponse r = HttpResponse.create().withStatus(StatusCodes.get(status))
                .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, "Unauthorized"));
        for (String c : challenges) r = r.addHeader(RawHeader.create(header, c));
        return r;
    }

    public static Optional<String> authorization(HttpRequest r) {
        return r.getHeader("Authorization").map(HttpHeader::value);
    }

    /**
     * A Digest-protected resource: one algorithm, qop=auth, a nonce the server keeps (so a later
     * request of the same client counts nc on), and optionally a first nonce that is declared
     * stale once it is used correctly. Every nc a valid answer used is recorded.
     */
    public static final class Digest {
        final String algorithm;
        final String firstNonce;
        final String freshNonce;
        public final List<String> ncs = new CopyOnWriteArrayList<>();
        public final List<String> problems = new CopyOnWriteArrayList<>();

        /** stale: the first nonce is refused as stale once, then freshNonce is issued. */
        public Digest(String algorithm, boolean stale) {
            this.algorithm = algorithm;
            this.firstNonce = "n0-" + algorithm.toLowerCase();
            this.freshNonce = stale ? "n1-" + algorithm.toLowerCase() : firstNonce;
        }

        public HttpResponse answer(HttpRequest r) {
            Optional<String> got = authorization(r);
            if (got.isEmpty() || !got.get().regionMatches(true, 0, "Digest ", 0, 7)) return challengeWith(firstNonce, false);
            Map<String, String> p = params(got.get().substring(7));
            String nonce = p.getOrDefault("nonce", "");
            if (!check(p, r.method().value(), PASSWORD)) return challengeWith(firstNonce, false);
            if (!nonce.equals(freshNonce)) return challengeWith(freshNonce, true); // a valid answer to the old nonce: stale
            ncs.add(p.get("nc"));
            return ok("digest ok");
        }

        private HttpResponse challengeWith(String nonce, boolean stale) {
            return challenge(401, "WWW-Authenticate", "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=" + algorithm
                    + ", nonce=\"" + nonce + "\", opaque=\"op4que\"" + (stale ? ", stale=true" : ""));
        }

        /** RFC 7616 3.4.1 with qop=auth: response = H(H(A1):nonce:nc:cnonce:qop:H(method:uri)). */
        private boolean check(Map<String, String> p, String method, String password) {
            String alg = p.getOrDefault("algorithm", "MD5");
            if (!alg.equalsIgnoreCase(algorithm)) return note("algorithm " + alg);
            if (!USER.equals(p.get("username"))) return note("username");
            if (!REALM.equals(p.get("realm"))) return note("realm");
            if (!"auth".equals(p.get("qop"))) return note("qop " + p.get("qop"));
            if (!"op4que".equals(p.get("opaque"))) return note("opaque");
            String nc = p.get("nc");
            if (nc == null || !nc.matches("[0-9a-f]{8}")) return note("nc " + nc);
            String cnonce = p.get("cnonce");
            if (cnonce == null || cnonce.isEmpty()) return note("cnonce");
            String h = alg.toUpperCase().startsWith("SHA-256") ? "SHA-256" : "MD5";
            String a1 = hash(h, USER + ":" + REALM + ":" + password);
            if (alg.toLowerCase().endsWith("-sess")) a1 = hash(h, a1 + ":" + p.get("nonce") + ":" + cnonce);
            String a2 = hash(h, method + ":" + p.get("uri"));
            String expected = hash(h, a1 + ":" + p.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + a2);
            return expected.equals(p.get("response")) || note("response");
        }

        private boolean note(String what) {
            problems.add(what);
            return false;
        }
    }

    public static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The auth-params of a credentials value: name=token or name="quoted \"string\"", comma-separated. */
    public static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) i++;
            int eq = s.indexOf('=', i);
            if (eq < 0) break;
            String name = s.substring(i, eq).trim().toLowerCase();
            i = eq + 1;
            StringBuilder v = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ',') v.append(s.charAt(i++));
            }
            out.put(name, v.toString().trim());
        }
        return out;
    }
}
