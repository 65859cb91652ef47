package io.winhttp4j.engine.http;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.http.UrlsTest.shown;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Properties of {@link Urls} over generated input: well-formed URLs crack into the parts they
 * were built from and come back unchanged; escaped components come back decoded; random
 * strings and random components give a result or a WinHttpException, nothing else. Each case
 * has its own seed (base + case number), printed in every failure.
 */
class UrlsPropertyTest {
    private static final long BASE_SEED = 0x9_0000_0000L;
    private static final int CASES = 20_000;
    private static final Set<WinHttpError> CRACK_ERRORS = Set.of(WinHttpError.ERROR_WINHTTP_INVALID_URL,
            WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME, WinHttpError.ERROR_INVALID_PARAMETER);
    private static final Set<WinHttpError> CREATE_ERRORS = CRACK_ERRORS;

    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** What a well-formed user name may hold raw: no ':' '@' '/' '?' '#'. */
    private static final String USER = ALNUM + "-._~!$&'()*+,;=% \u00e9";
    private static final String PATH = ALNUM + "-._~!$&'()*+,;=:@/% \u00e9\u20ac\"<>[]{}|\\^`";
    private static final String[] WIDE = {"\ud83d\ude00", "\u4e2d", "\ufb00"};
    private static final String[] TOKENS = {"http://", "https://", "HTTP://", "http:", "ftp://", "//", "://", "@", ":",
            "/", "?", "#", "[", "]", "::1", "[::1]", "%", "%41", "%zz", "%0D%0A", "%00", "\r", "\n", "\u0000", " ", "\t",
            "\u007f", "\u0085", "\u00e9", "\u20ac", "\ud800", "\udc00", "\ud83d\ude00", "a", "host", "80", "0", "65535",
            "65536", "99999999999", ".", "-", "\\", "~", "1.2.3.4", "ffff"};

    record Generated(String url, UrlComponents components) {}

    // ---- generators -------------------------------------------------------------------------------

    private static String chars(Random r, String alphabet, int min, int max) {
        StringBuilder b = new StringBuilder();
        int n = min + r.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(30) == 0) b.append(WIDE[r.nextInt(WIDE.length)]);
            else b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A name, an IPv4 address or a bracketed IPv6 literal (full, compressed, with a dotted tail or not). */
    private static String hostName(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return chars(r, ALNUM + "-.", 1, 20);
            case 1:
                return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            default:
                boolean ipv4 = r.nextBoolean();
                int groups = r.nextInt((ipv4 ? 6 : 8) + 1);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < groups; i++) parts.add(Integer.toHexString(r.nextInt(0x10000)));
                String dotted = r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
                if (groups + (ipv4 ? 2 : 0) == 8) {
                    if (ipv4) parts.add(dotted);
                    return "[" + String.join(":", parts) + "]";
                }
                int head = r.nextInt(groups + 1);
                List<String> tail = new ArrayList<>(parts.subList(head, groups));
                if (ipv4) tail.add(dotted);
                return "[" + String.join(":", parts.subList(0, head)) + "::" + String.join(":", tail) + "]";
        }
    }

    /** A well-formed URL (lower-case scheme, no explicit default port) and the parts it is made of. */
    static Generated wellFormed(Random r) {
        int scheme = r.nextBoolean() ? INTERNET_SCHEME_HTTP : INTERNET_SCHEME_HTTPS;
        String user = r.nextInt(3) == 0 ? chars(r, USER, 0, 8) : null;
        String password = user != null && r.nextBoolean() ? chars(r, USER + ":", 0, 8) : null;
        String host = hostName(r);
        int defaultPort = Urls.defaultPort(scheme);
        int port = r.nextBoolean() ? defaultPort : r.nextInt(0x10000);
        String path = r.nextInt(3) == 0 ? "" : "/" + chars(r, PATH, 0, 30);
        String extra = r.nextInt(3) == 0 ? "" : (r.nextBoolean() ? "?" : "#") + chars(r, PATH + "?#", 0, 20);

        StringBuilder url = new StringBuilder(scheme == INTERNET_SCHEME_HTTPS ? "https://" : "http://");
        if (user != null) url.append(user).append(password != null ? ":" + password : "").append('@');
        url.append(host);
        if (port != defaultPort) url.append(':').append(port);
        url.append(path).append(extra);
        return new Generated(url.toString(), new UrlComponents(scheme, host, port, user, password, path, extra));
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(14);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b.append((char) r.nextInt(0x10000));
                case 1 -> b.append((char) (0x20 + r.nextInt(0x5F)));
                default -> b.append(TOKENS[r.nextInt(TOKENS.length)]);
            }
        }
        return b.toString();
    }

    /** A well-formed URL with a few characters inserted, removed or replaced. */
    private static String mutated(Random r) {
        StringBuilder b = new StringBuilder(wellFormed(r).url());
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            int at = r.nextInt(b.length() + 1);
            String piece = r.nextBoolean() ? TOKENS[r.nextInt(TOKENS.length)] : String.valueOf((char) r.nextInt(0x10000));
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, piece);
                case 1 -> { if (at < b.length()) b.deleteCharAt(at); }
                default -> { if (at < b.length()) b.replace(at, at + 1, piece); }
            }
        }
        return b.toString();
    }

    private static int flags(Random r) {
        if (r.nextInt(10) == 0) return r.nextInt();
        int[] known = {ICU_ESCAPE, ICU_DECODE, ICU_REJECT_USERPWD, ICU_INCLUDE_DEFAULT_PORT, ICU_ESCAPE_AUTHORITY};
        int flags = 0;
        for (int f : known) if (r.nextInt(4) == 0) flags |= f;
        return flags;
    }

    /** Absent, tame, or anything at all. */
    private static String component(Random r) {
        int kind = r.nextInt(8);
        return kind < 2 ? null : kind < 6 ? chars(r, PATH + "?#", 0, 12) : randomString(r);
    }

    private static void assertWritable(String url, Supplier<String> msg) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            int at = i;
            assertFalse(Character.isISOControl(c), () -> msg.get() + ": raw control character at " + at + " in " + shown(url));
            if (Character.isHighSurrogate(c) && i + 1 < url.length() && Character.isLowSurrogate(url.charAt(i + 1))) i++;
            else assertFalse(Character.isSurrogate(c), () -> msg.get() + ": unpaired surrogate at " + at + " in " + shown(url));
        }
    }

    // ---- properties ---------------------------------------------------------------------------------

    @Test
    void wellFormedUrlsRoundTrip() {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Generated g = wellFormed(new Random(seed));
            String msg = "seed " + seed + ": " + shown(g.url());
            UrlComponents cracked = assertDoesNotThrow(() -> Urls.crack(g.url(), 0), msg);
            assertEquals(g.components(), cracked, msg);
            assertEquals(g.url(), Urls.create(cracked, 0), msg);
        }
    }

    @Test
    void escapedComponentsComeBackDecoded() {
        String latin1 = latin1Except("");
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + 100_000 + i;
            Random r = new Random(seed);
            int scheme = r.nextBoolean() ? INTERNET_SCHEME_HTTP : INTERNET_SCHEME_HTTPS;
            String user = r.nextBoolean() ? chars(r, latin1, 0, 10).replaceAll("[^\\x00-\\xff]", "") : null;
            String password = user != null && r.nextBoolean() ? chars(r, latin1, 0, 10).replaceAll("[^\\x00-\\xff]", "") : null;
            String host = chars(r, latin1Except(":["), 1, 10).replaceAll("[^\\x00-\\xff]", "z");
            String path = "/" + chars(r, latin1Except("?"), 0, 20).replaceAll("[^\\x00-\\xff]", "");
            String extra = "?" + chars(r, latin1, 0, 20).replaceAll("[^\\x00-\\xff]", "");
            UrlComponents c = new UrlComponents(scheme, host, r.nextInt(0x10000), user, password, path, extra);
            String msg = "seed " + seed + ": " + shown(c.toString());
            String url = assertDoesNotThrow(() -> Urls.create(c, ICU_ESCAPE | ICU_ESCAPE_AUTHORITY), msg);
            assertTrue(url.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F), msg + " -> " + shown(url));
            assertEquals(c, Urls.crack(url, ICU_DECODE), msg + " -> " + url);
        }
    }

    private static String latin1Except(String left) {
        StringBuilder b = new StringBuilder();
        for (char ch = 0; ch <= 0xFF; ch++) if (left.indexOf(ch) < 0) b.append(ch);
        return b.toString();
    }

    @Test
    void crackUrlOfRandomStringsIsAResultOrAWinHttpError() {
        int results = 0;
        for (int i = 0; i < CASES * 2; i++) {
            long seed = BASE_SEED + 200_000 + i;
            Random r = new Random(seed);
            String url = r.nextBoolean() ? randomString(r) : mutated(r);
            int flags = flags(r);
            Supplier<String> msg = () -> "seed " + seed + ": " + shown(url) + " flags 0x" + Integer.toHexString(flags);
            UrlComponents c;
            try {
                c = Urls.crack(url, flags);
            } catch (WinHttpException e) {
                assertTrue(CRACK_ERRORS.contains(e.error()), () -> msg.get() + ": " + e.error());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(msg.get(), e);
            }
            results++;
            assertEquals(0, flags & ~Urls.CRACK_FLAGS, () -> msg.get() + ": unknown flags were accepted");
            assertTrue(c.scheme() == INTERNET_SCHEME_HTTP || c.scheme() == INTERNET_SCHEME_HTTPS, msg);
            assertTrue(c.port() >= 0 && c.port() <= 0xFFFF, msg);
            assertFalse(c.hostName().isEmpty(), msg);
            if ((flags & ICU_ESCAPE) != 0) {
                assertTrue((c.urlPath() + c.extraInfo()).chars().allMatch(ch -> ch > 0x20 && ch < 0x7F), () -> msg.get() + " -> " + c);
            }
            if ((flags & (ICU_ESCAPE | ICU_DECODE | ICU_ESCAPE_AUTHORITY)) == 0) {
                // what crackUrl returns, createUrl writes back, and it reads the same again
                String again = assertDoesNotThrow(() -> Urls.create(c, 0), () -> msg.get() + " -> " + c);
                assertWritable(again, msg);
                assertEquals(c, Urls.crack(again, 0), () -> msg.get() + " -> " + shown(again));
            }
        }
        assertTrue(results > CASES / 10, "the fuzzer reached the success path " + results + " times only");
    }

    @Test
    void createUrlOfRandomComponentsIsAResultOrAWinHttpError() {
        int[] schemes = {-1, 0, INTERNET_SCHEME_HTTP, INTERNET_SCHEME_HTTPS, INTERNET_SCHEME_FTP, INTERNET_SCHEME_SOCKS};
        int[] ports = {-1, 0, 80, 443, 0xFFFF, 0x10000, Integer.MIN_VALUE, Integer.MAX_VALUE};
        int results = 0;
        for (int i = 0; i < CASES * 2; i++) {
            long seed = BASE_SEED + 300_000 + i;
            Random r = new Random(seed);
            int scheme = r.nextInt(8) == 0 ? r.nextInt() : r.nextBoolean() ? r.nextInt(3) : schemes[r.nextInt(schemes.length)];
            int port = r.nextBoolean() ? r.nextInt(0x10000) : ports[r.nextInt(ports.length)];
            UrlComponents c = new UrlComponents(scheme, component(r), port, component(r), component(r), component(r), component(r));
            int flags = flags(r);
            Supplier<String> msg = () -> "seed " + seed + ": " + shown(c.toString()) + " flags 0x" + Integer.toHexString(flags);
            String url;
            try {
                url = Urls.create(c, flags);
            } catch (WinHttpException e) {
                assertTrue(CREATE_ERRORS.contains(e.error()), () -> msg.get() + ": " + e.error());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(msg.get(), e);
            }
            results++;
            assertEquals(0, flags & ~Urls.CREATE_FLAGS, () -> msg.get() + ": unknown flags were accepted");
            assertTrue(url.startsWith("http://") || url.startsWith("https://"), () -> msg.get() + " -> " + shown(url));
            assertWritable(url, msg);
        }
        assertTrue(results > CASES / 10, "the fuzzer reached the success path " + results + " times only");
    }
}
