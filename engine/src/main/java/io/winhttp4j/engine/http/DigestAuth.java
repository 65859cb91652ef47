package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * HTTP Digest (RFC 7616, and RFC 2617's servers that send no qop): MD5, SHA-256 and
 * SHA-512-256, each also "-sess"; qop=auth, or auth-int when the body is known; userhash.
 *
 * <p>Text the application gave (user name, password) is hashed as UTF-8. Text the server gave
 * (realm, nonce) and the request line's text are hashed as their ISO-8859-1 bytes, which are
 * exactly the bytes that came off or go on the wire, so the server hashes the same bytes.
 */
final class DigestAuth {
    private DigestAuth() {}

    enum Algorithm {
        MD5("MD5", "MD5", false),
        MD5_SESS("MD5-sess", "MD5", true),
        SHA_256("SHA-256", "SHA-256", false),
        SHA_256_SESS("SHA-256-sess", "SHA-256", true),
        SHA_512_256("SHA-512-256", "SHA-512/256", false),
        SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

        final String wireName;
        final String jdkName;
        final boolean session;

        Algorithm(String wireName, String jdkName, boolean session) {
            this.wireName = wireName;
            this.jdkName = jdkName;
            this.session = session;
        }

        static Algorithm named(String name) {
            for (Algorithm a : values()) {
                if (a.wireName.equalsIgnoreCase(name)) return a;
            }
            return null;
        }

        String hex(byte[] data) {
            try {
                byte[] d = MessageDigest.getInstance(jdkName).digest(data);
                StringBuilder b = new StringBuilder(d.length * 2);
                for (byte x : d) b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
                return b.toString();
            } catch (NoSuchAlgorithmException e) {
                // Every JDK 17 has these three (they are required algorithms or in the default provider).
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, "the JDK has no " + jdkName);
            }
        }
    }

    /**
     * What one Digest challenge asks for. {@code problem} is null when the challenge can be
     * answered, else why not (the message of the LOGIN_FAILURE if nothing else can be answered).
     */
    record Offer(String realm, String nonce, String opaque, String algorithmSent, Algorithm algorithm,
                 boolean qopSent, boolean qopAuth, boolean qopAuthInt, boolean stale, boolean userhash, String problem) {

        static Offer of(AuthChallenge c) {
            String realm = c.param("realm");
            String nonce = c.param("nonce");
            String algorithmSent = c.param("algorithm");
            Algorithm algorithm = algorithmSent == null ? Algorithm.MD5 : Algorithm.named(algorithmSent);
            String qop = c.param("qop");
            boolean auth = false;
            boolean authInt = false;
            if (qop != null) {
                for (String q : qop.split(",")) {
                    String t = q.trim();
                    if (t.equalsIgnoreCase("auth")) auth = true;
                    else if (t.equalsIgnoreCase("auth-int")) authInt = true;
                }
            }
            String problem = null;
            if (c.token68() != null || realm == null) problem = "the server's Digest challenge has no realm";
            else if (nonce == null) problem = "the server's Digest challenge has no nonce";
            else if (algorithm == null) problem = "the server's Digest algorithm is not one winhttp4j knows (MD5, SHA-256, SHA-512-256, each also -sess)";
            else if (qop != null && !auth && !authInt) problem = "the server's Digest qop offers neither auth nor auth-int";
            // -sess hashes the cnonce into A1, and a cnonce is only sent with a qop (RFC 2617 section 3.2.2).
            else if (qop == null && algorithm.session) problem = "the server's Digest challenge asks for " + algorithm.wireName + " without a qop";
            return new Offer(realm, nonce, c.param("opaque"), algorithmSent, algorithm, qop != null, auth, authInt,
                    "true".equalsIgnoreCase(c.param("stale")), "true".equalsIgnoreCase(c.param("userhash")), problem);
        }

        /**
         * The qop this request answers with: "auth" whenever offered (it needs nothing more);
         * "auth-int" only when the body is known; null for a server that sent no qop.
         */
        String qopFor(byte[] body) {
            if (!qopSent) return null;
            if (qopAuth) return "auth";
            return body != null ? "auth-int" : null;
        }

        /**
         * Why this challenge cannot be answered for a request with this body (null: not known, it is
         * written with writeData), or null when it can.
         */
        String problemWith(byte[] body) {
            if (problem != null) return problem;
            if (qopSent && !qopAuth && body == null) return AUTH_INT_NEEDS_BODY;
            return null;
        }
    }

    static final String NEEDS_CREDENTIALS = "Digest needs a user name and a password";
    static final String AUTH_INT_NEEDS_BODY = "the server's Digest challenge offers only qop=auth-int, which hashes the "
            + "body, and this request's body is written with writeData, so it is not known when the header is made";

    /**
     * The Authorization (or Proxy-Authorization) value answering {@code offer}.
     *
     * @param method the request's verb
     * @param uri    the request target exactly as it goes on the request line
     * @param body   the request body when known (optional data), else null
     * @param nc     the nonce count: 1 for the first use of this nonce, then 2, 3, ...
     * @param cnonce the client nonce (random; fixed only in tests)
     */
    static String answer(Offer offer, Credentials c, String method, String uri, byte[] body, int nc, String cnonce) {
        String problem = c.isDefault() ? NEEDS_CREDENTIALS : offer.problemWith(body);
        if (problem != null) throw new WinHttpException(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, problem);
        Algorithm a = offer.algorithm();
        String qop = offer.qopFor(body);
        String ncText = String.format(Locale.ROOT, "%08x", nc);
        byte[] realm = latin1(offer.realm());
        byte[] nonce = latin1(offer.nonce());

        String ha1 = a.hex(join(utf8(c.user()), COLON, realm, COLON, utf8(c.password())));
        if (a.session) ha1 = a.hex(join(latin1(ha1), COLON, nonce, COLON, latin1(cnonce)));
        String ha2 = "auth-int".equals(qop)
                ? a.hex(join(latin1(method), COLON, latin1(uri), COLON, latin1(a.hex(body))))
                : a.hex(join(latin1(method), COLON, latin1(uri)));
        String response = qop == null
                ? a.hex(join(latin1(ha1), COLON, nonce, COLON, latin1(ha2)))
                : a.hex(join(latin1(ha1), COLON, nonce, COLON, latin1(ncText), COLON, latin1(cnonce), COLON, latin1(qop),
                        COLON, latin1(ha2)));

        StringBuilder b = new StringBuilder("Digest ");
        if (offer.userhash()) {
            b.append("username=").append(quote(a.hex(join(utf8(c.user()), COLON, realm))));
        } else if (plainQuotable(c.user())) {
            b.append("username=").append(quote(c.user()));
        } else {
            b.append("username*=UTF-8''").append(extValue(c.user()));
        }
        b.append(", realm=").append(quote(offer.realm()));
        b.append(", uri=").append(quote(uri));
        if (offer.algorithmSent() != null) b.append(", algorithm=").append(a.wireName);
        b.append(", nonce=").append(quote(offer.nonce()));
        if (qop != null) {
            b.append(", nc=").append(ncText);
            b.append(", cnonce=").append(quote(cnonce));
            b.append(", qop=").append(qop);
        }
        b.append(", response=").append(quote(response));
        if (offer.opaque() != null) b.append(", opaque=").append(quote(offer.opaque()));
        if (offer.userhash()) b.append(", userhash=true");
        return b.toString();
    }

    private static final byte[] COLON = {':'};

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\');
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** Printable ASCII only: anything else goes as username* (RFC 7616 section 3.4.4), never as raw bytes. */
    private static boolean plainQuotable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    /** RFC 8187 ext-value's percent-encoded UTF-8 (after the "UTF-8''"). */
    private static String extValue(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : utf8(s)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
