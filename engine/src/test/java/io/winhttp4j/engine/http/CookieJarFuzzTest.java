package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile Set-Cookie values: token soup, mutated real headers and very long ones. Each stores a
 * cookie or nothing, never throws; the jar stays within its bounds and everything it sends passes
 * the wire rule. Each case has its own seed (base + case number), printed in every failure. Also
 * a session's requests sharing one jar from several threads.
 */
class CookieJarFuzzTest {
    private static final long BASE_SEED = 0xC00C_1E00L;
    private static final int CASES = 20_000;
    private static final String[] TOKENS = {";", "=", " ", "\t", "a", "name", "NAME", "value", "\"", ",", "Domain=", "domain=",
            "Path=", "path=/", "/", "Expires=", "Max-Age=", "max-age=-", "Secure", "HttpOnly", "SameSite=Lax", ".", "localhost",
            "example.com", ".example.com", "com", "127.0.0.1", "::1", "[::1]", "0", "9", "99999999999999999999", "-1",
            "Wed, 13 Jan 2021 22:23:01 GMT", "13-Jan-70", "12:00:00", "Jan", "2100", "\u0000", "\r", "\n", "\u007f", "\u00e9",
            "\u0100", "\ud800", "\u20ac", "%", "%3B", "\\"};
    private static final String[] HOSTS = {"localhost", "example.com", "www.example.com", "a.b.example.com", "127.0.0.1", "[::1]"};
    private static final String[] PATHS = {"/", "/a", "/a/b", "/a/b/", "/cookie", ""};

    static String soup(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) b.append((char) r.nextInt(0x200));
            else b.append(TOKENS[r.nextInt(TOKENS.length)]);
        }
        if (r.nextInt(50) == 0) b.append("x".repeat(r.nextInt(6000)));
        return b.toString();
    }

    @Test
    void hostileSetCookiesStoreACookieOrNothing() {
        TestClockHolder t = new TestClockHolder();
        CookieJar jar = new CookieJar(t.clock);
        int stored = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Random r = new Random(seed);
            String setCookie = soup(r);
            String host = HOSTS[r.nextInt(HOSTS.length)];
            String path = PATHS[r.nextInt(PATHS.length)];
            String msg = "seed " + seed + ": " + WireText.shown(setCookie);
            try {
                if (jar.store(host, path, setCookie)) stored++;
                if (r.nextInt(10) == 0) t.clock.advance(Duration.ofSeconds(r.nextInt(100_000)));
                String sent = jar.cookieHeader(HOSTS[r.nextInt(HOSTS.length)], PATHS[r.nextInt(PATHS.length)], r.nextBoolean());
                if (sent != null) {
                    assertNull(WireText.valueProblem(sent), msg);
                    assertFalse(sent.isEmpty(), msg);
                }
            } catch (RuntimeException e) {
                throw new AssertionError(msg + ": " + e, e);
            }
            assertTrue(jar.size() <= CookieJar.MAX_COOKIES, msg);
        }
        for (CookieJar.Cookie c : jar.cookies()) {
            assertTrue(c.name().length() + c.value().length() <= CookieJar.MAX_COOKIE_SIZE, c.toString());
            assertTrue(c.path().startsWith("/") && c.path().length() <= 1024, c.toString());
            assertFalse(c.name().isEmpty());
        }
        assertTrue(stored > CASES / 20, stored + " stored: the cases test storing too");
    }

    @Test
    void longValuesParseInLinearTime() {
        String many = "a=b" + ";".repeat(500_000);
        String pairs = "a=b" + "; x".repeat(200_000);
        String equals = "a=" + "=".repeat(500_000);
        long start = System.nanoTime();
        CookieJar jar = new CookieJar();
        for (String s : List.of(many, pairs, equals)) jar.store("h.test", "/", s);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals("a=b", jar.cookieHeader("h.test", "/", false), "the equals run is over 4096 and refused");
    }

    @Test
    void requestsOnSeveralThreadsShareOneJar() throws Exception {
        CookieJar jar = new CookieJar();
        int threads = 8, rounds = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(BASE_SEED + 1_000_000 + id);
                    int seen = 0;
                    for (int i = 0; i < rounds; i++) {
                        String host = "h" + r.nextInt(80) + ".test";
                        jar.store(host, "/", "t" + id + "c" + r.nextInt(70) + "=" + i + (r.nextInt(20) == 0 ? "; Max-Age=0" : ""));
                        String v = jar.cookieHeader(host, "/", false);
                        if (v != null) {
                            assertNull(WireText.valueProblem(v));
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            for (Future<Integer> f : done) assertTrue(f.get(30, TimeUnit.SECONDS) > 0);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        List<CookieJar.Cookie> all = jar.cookies();
        assertEquals(jar.size(), all.size(), "the count matches what is held");
        assertTrue(all.size() <= CookieJar.MAX_COOKIES);
        for (int d = 0; d < 80; d++) {
            String domain = "h" + d + ".test";
            assertTrue(all.stream().filter(c -> c.domain().equals(domain)).count() <= CookieJar.MAX_PER_DOMAIN, domain);
        }
    }

    /** A clock the fuzz moves forward. */
    static final class TestClockHolder {
        final CookieJarTest.TestClock clock = new CookieJarTest.TestClock(Instant.parse("2025-01-01T00:00:00Z"));
    }
}
