package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The proxy and bypass lists of open() and WINHTTP_OPTION_PROXY: examples, then fuzzing with a
 * fixed base seed (each case's seed is in its failure message): any text either parses or is
 * refused with an IllegalArgumentException, every proxy chosen passes ServerName, the choice is
 * the documented one, and bypass wildcards match as a regular-expression model does.
 */
class ProxyListTest {
    private static final long SEED = 0x5EED_11L;

    @Test
    void examples() {
        ProxyList one = ProxyList.parse("proxy:8080");
        assertEquals(new ProxyServer("proxy", 8080), one.forScheme(false));
        assertEquals(new ProxyServer("proxy", 8080), one.forScheme(true));
        assertEquals(new ProxyServer("proxy", 80), ProxyList.parse("proxy").forScheme(false), "port 80 by default");

        ProxyList split = ProxyList.parse("http=a:1;https=b:2");
        assertEquals(new ProxyServer("a", 1), split.forScheme(false));
        assertEquals(new ProxyServer("b", 2), split.forScheme(true));

        ProxyList mixed = ProxyList.parse("  c:3 \t HTTP=d:4 ; ; e:5 ");
        assertEquals(new ProxyServer("d", 4), mixed.forScheme(false), "the scheme's own entry first");
        assertEquals(new ProxyServer("c", 3), mixed.forScheme(true), "else the first entry for every scheme");
        assertNull(ProxyList.parse("http=a:1").forScheme(true), "no proxy for https: direct");

        assertEquals(new ProxyServer("[::1]", 8080), ProxyList.parse("[::1]:8080").forScheme(false));
        assertEquals(new ProxyServer("[::1]", 80), ProxyList.parse("::1").forScheme(false));
        assertEquals(new ProxyServer("p.example", 3128), ProxyList.parse("https=http://p.example:3128/").forScheme(true));
        assertEquals(new ProxyServer("10.0.0.1", 65535), ProxyList.parse("10.0.0.1:65535").forScheme(false));
    }

    @Test
    void badListsSayWhy() {
        String[][] cases = {
                {"", "names no proxy"}, {" ;; ", "names no proxy"}, {"ftp=p:21", "scheme"}, {"socks=p:1080", "scheme"},
                {"https://p:443", "plain HTTP"}, {"p:0", "port"}, {"p:65536", "port"}, {"p:", "port"}, {"p:1x", "port"},
                {"user@p:80", "neither a host name"}, {"[::1", "']'"}, {"[::1]x", "after the IPv6"}, {"http=", "neither"},
                {"a..b:1", "neither"}, {"[zz::1]:8", "neither"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyList.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void bypassExamples() {
        ProxyBypass b = ProxyBypass.parse("<local>; *.example.com 127.* [::1]");
        assertTrue(b.bypasses("intranet"));
        assertTrue(b.bypasses("LOCALHOST"));
        assertTrue(b.bypasses("www.Example.com"));
        assertFalse(b.bypasses("example.com"), "*.example.com needs a label before it");
        assertTrue(b.bypasses("127.0.0.1"));
        assertFalse(b.bypasses("10.127.0.1"));
        assertTrue(b.bypasses("[::1]"));
        assertFalse(ProxyBypass.parse("").bypasses("intranet"));
        assertFalse(ProxyBypass.NONE.bypasses("intranet"));
        assertTrue(ProxyBypass.parse("::1").bypasses("[::1]"), "an IPv6 entry without brackets");
        for (String bad : new String[] {"<remote>", "a/b", "a?b", "caf\u00e9", "a,b", "http://a"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyBypass.parse(bad), bad);
            assertTrue(e.getMessage().contains("bypass entry"), e.getMessage());
        }
    }

    /** Any text: parsed, or refused with IllegalArgumentException; whatever is chosen passes ServerName. */
    @Test
    void fuzzedListsParseOrAreRefused() {
        String alphabet = "ab.-_:;= \t[]/@*?%1089hHtTpPsS\u00e9\u0000\r\n";
        Random base = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            long seed = base.nextLong();
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(24);
            for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String text = r.nextInt(4) == 0 ? "http=" + sb : sb.toString();
            ProxyList list;
            try {
                list = ProxyList.parse(text);
            } catch (IllegalArgumentException refused) {
                assertNotNull(refused.getMessage(), "seed " + seed);
                continue;
            } catch (RuntimeException other) {
                throw new AssertionError("seed " + seed + ": \"" + text + "\" threw " + other, other);
            }
            for (boolean secure : new boolean[] {false, true}) {
                ProxyServer p = list.forScheme(secure);
                if (p == null) continue;
                assertEquals(p.host(), ServerName.parse(p.host()), "seed " + seed + ": " + text);
                assertTrue(p.port() >= 1 && p.port() <= 65535, "seed " + seed + ": " + text);
            }
            try {
                ProxyBypass.parse(text);
            } catch (IllegalArgumentException refused) {
                // fine: only IllegalArgumentException is allowed
            }
        }
    }

    private record Entry(String scheme, String host, int port) {
        String text(Random r) {
            String prefix = scheme == null ? "" : (r.nextBoolean() ? scheme.toUpperCase() : scheme) + "=";
            String via = r.nextInt(4) == 0 ? "http://" : "";
            boolean defaultPort = port == 80 && r.nextBoolean();
            return prefix + via + host + (defaultPort ? "" : ":" + port);
        }
    }

    /** Lists made of valid entries: the proxy chosen is the first for the scheme, else the first for all. */
    @Test
    void theChoiceIsTheDocumentedOne() {
        String[] hosts = {"p", "proxy.example", "10.1.2.3", "[::1]", "[2001:db8::7]", "a-b_c.d"};
        String[] schemes = {null, "http", "https"};
        String[] separators = {";", " ", "\t", " ; ", ";;"};
        Random base = new Random(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            long seed = base.nextLong();
            Random r = new Random(seed);
            List<Entry> entries = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int n = 1 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                Entry e = new Entry(schemes[r.nextInt(3)], hosts[r.nextInt(hosts.length)], r.nextInt(4) == 0 ? 80 : 1 + r.nextInt(65535));
                entries.add(e);
                if (k > 0) text.append(separators[r.nextInt(separators.length)]);
                text.append(e.text(r));
            }
            ProxyList list = ProxyList.parse(text.toString());
            for (boolean secure : new boolean[] {false, true}) {
                String scheme = secure ? "https" : "http";
                Entry expected = entries.stream().filter(e -> scheme.equals(e.scheme())).findFirst()
                        .orElse(entries.stream().filter(e -> e.scheme() == null).findFirst().orElse(null));
                ProxyServer got = list.forScheme(secure);
                ProxyServer want = expected == null ? null : new ProxyServer(expected.host(), expected.port());
                assertEquals(want, got, "seed " + seed + ": " + text + " for " + scheme);
            }
        }
    }

    /** '*' wildcards against a regular expression built from the same pattern. */
    @Test
    void wildcardsMatchAsARegexWould() {
        String alphabet = "ab.*";
        Random base = new Random(SEED + 2);
        for (int i = 0; i < 50_000; i++) {
            long seed = base.nextLong();
            Random r = new Random(seed);
            String pattern = random(r, alphabet, 7);
            String text = random(r, "ab.", 9);
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) regex.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
            assertEquals(Pattern.matches(regex.toString(), text), ProxyBypass.matches(pattern, text),
                    "seed " + seed + ": \"" + pattern + "\" against \"" + text + "\"");
        }
    }

    private static String random(Random r, String alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
