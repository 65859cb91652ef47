package io.winhttp4j.engine.http;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.WinHttpError.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The exact cases of WinHttpCrackUrl and WinHttpCreateUrl. The ones marked "Wine" are the cases
 * of Wine's dlls/winhttp/tests/url.c (which run against Windows), in Java form; the C-only ones
 * (buffer sizes, dwStructSize, lpszScheme, ICU_DECODE without buffers) have no Java counterpart.
 * The others are ours, the hostile ones included. Round trip and fuzz: {@link UrlsPropertyTest}.
 */
class UrlsTest {
    static final String WINEHQ = "www.winehq.org";

    static UrlComponents uc(int scheme, String host, int port, String user, String password, String path, String extra) {
        return new UrlComponents(scheme, host, port, user, password, path, extra);
    }

    static UrlComponents http(String host, int port, String user, String password, String path, String extra) {
        return uc(INTERNET_SCHEME_HTTP, host, port, user, password, path, extra);
    }

    /** Java escapes, so that a failure message shows CR, NUL or a surrogate as what it is. */
    static String shown(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7F) b.append(String.format("\\u%04X", (int) c)); else b.append(c);
        }
        return b.length() > 200 ? b.substring(0, 200) + "... (" + s.length() + " chars)" : b.toString();
    }

    // ---- crackUrl: results ------------------------------------------------------------------------

    static Stream<Arguments> cracked() {
        String url7 = "http://username:password@www.winehq.org/site/about%20!%22%23$%25&'()*+,-./:;%3C=%3E?@%5B%5C%5D%5E_%60%7B%7C%7D%7E";
        return Stream.of(
                // Wine
                arguments("http://username:password@www.winehq.org/site/about?query", 0,
                        http(WINEHQ, 80, "username", "password", "/site/about", "?query")),
                arguments("http://username:password@www.winehq.org/site/about", 0,
                        http(WINEHQ, 80, "username", "password", "/site/about", "")),
                arguments("http://www.winehq.org", 0, http(WINEHQ, 80, null, null, "", "")),
                arguments("https://www.winehq.org/post?", 0,
                        uc(INTERNET_SCHEME_HTTPS, WINEHQ, 443, null, null, "/post", "?")),
                // Windows 8's answer, which Wine's test accepts; newer Windows drops the '?' (README, URLs)
                arguments("http://winehq?", 0, http("winehq", 80, null, null, "", "?")),
                arguments("http://winehq/post;a", 0, http("winehq", 80, null, null, "/post;a", "")),
                arguments(url7, ICU_DECODE, http(WINEHQ, 80, "username", "password",
                        "/site/about !\"#$%&'()*+,-./:;<=>", "?@[\\]^_`{|}~")),
                arguments("http://username:password@www.winehq.org:42/site/about?query", 0,
                        http(WINEHQ, 42, "username", "password", "/site/about", "?query")),
                arguments("http://username:password@www.winehq.org:0/site/about?query", 0,
                        http(WINEHQ, 0, "username", "password", "/site/about", "?query")),
                arguments("http://username:password@www.winehq.org:80/site/about?query", 0,
                        http(WINEHQ, 80, "username", "password", "/site/about", "?query")),
                arguments("https://username:password@www.winehq.org:443/site/about?query", 0,
                        uc(INTERNET_SCHEME_HTTPS, WINEHQ, 443, "username", "password", "/site/about", "?query")),
                arguments("http://example.net/path?var1=example@example.com&var2=x&var3=y", 0,
                        http("example.net", 80, null, null, "/path", "?var1=example@example.com&var2=x&var3=y")),
                arguments("https://tools.google.com/service/update2?w=3:BxDHoWy8ezM", ICU_DECODE,
                        uc(INTERNET_SCHEME_HTTPS, "tools.google.com", 443, null, null, "/service/update2", "?w=3:BxDHoWy8ezM")),
                arguments("http://winehq.o g/path with spaces", ICU_ESCAPE | ICU_DECODE,
                        http("winehq.o g", 80, null, null, "/path%20with%20spaces", "")),
                arguments("http://www.winehq.org/test", 0, http(WINEHQ, 80, null, null, "/test", "")),
                arguments("http://winehq.org:0", 0, http("winehq.org", 0, null, null, "", "")),
                arguments("http://winehq.org:", 0, http("winehq.org", 80, null, null, "", "")),
                arguments("http://winehq.org:/", 0, http("winehq.org", 80, null, null, "/", "")),
                // Windows puts the query in the path when the caller asks for no extra info; Java always has both
                arguments("https://nba2k19-ws.2ksports.com:19133/nba/v4/Accounts/get_account?x=3789526775265663876", 0,
                        uc(INTERNET_SCHEME_HTTPS, "nba2k19-ws.2ksports.com", 19133, null, null,
                                "/nba/v4/Accounts/get_account", "?x=3789526775265663876")),

                // ours: scheme, user part, host, port
                arguments("HtTpS://H/", 0, uc(INTERNET_SCHEME_HTTPS, "H", 443, null, null, "/", "")),
                arguments("https://h:", 0, uc(INTERNET_SCHEME_HTTPS, "h", 443, null, null, "", "")),
                arguments("http://user@host/", 0, http("host", 80, "user", null, "/", "")),
                arguments("http://:@h/", 0, http("h", 80, "", "", "/", "")),
                arguments("http://@h/", 0, http("h", 80, "", null, "/", "")),
                arguments("http://:pw@h/", 0, http("h", 80, "", "pw", "/", "")),
                arguments("http://u:p:q@h/", 0, http("h", 80, "u", "p:q", "/", "")),
                arguments("http://u:p@x@h/", 0, http("h", 80, "u", "p@x", "/", "")),
                arguments("http://u@h/p@q", 0, http("h", 80, "u", null, "/p@q", "")),
                arguments("http://h:00080/", 0, http("h", 80, null, null, "/", "")),
                arguments("http://h:65535/", 0, http("h", 65535, null, null, "/", "")),
                arguments("http://h\\evil/", 0, http("h\\evil", 80, null, null, "/", "")),
                // ours: IPv6 literals keep their brackets
                arguments("http://[::1]:8080/a?b", 0, http("[::1]", 8080, null, null, "/a", "?b")),
                arguments("http://[::1]/", 0, http("[::1]", 80, null, null, "/", "")),
                arguments("http://[::1]:/", 0, http("[::1]", 80, null, null, "/", "")),
                arguments("http://u:p@[::1]:1", 0, http("[::1]", 1, "u", "p", "", "")),
                arguments("https://[1:2:3:4:5:6:7:8]", 0, uc(INTERNET_SCHEME_HTTPS, "[1:2:3:4:5:6:7:8]", 443, null, null, "", "")),
                arguments("http://[::ffff:127.0.0.1]/", 0, http("[::ffff:127.0.0.1]", 80, null, null, "/", "")),
                arguments("http://[fe80::1%25eth0]:1/", 0, http("[fe80::1%25eth0]", 1, null, null, "/", "")),
                arguments("http://[FE80::]/", 0, http("[FE80::]", 80, null, null, "/", "")),
                // ours: where the path ends
                arguments("http://h?q", 0, http("h", 80, null, null, "", "?q")),
                arguments("http://h#f", 0, http("h", 80, null, null, "", "#f")),
                arguments("http://h/p#f?x", 0, http("h", 80, null, null, "/p", "#f?x")),
                arguments("http://h/p?x#f", 0, http("h", 80, null, null, "/p", "?x#f")),
                arguments("http://h/a b", 0, http("h", 80, null, null, "/a b", "")),
                // ours: characters above U+00FF are kept as they are without ICU_ESCAPE
                arguments("http://b\u00fccher.example/\u20ac?\u00fc", 0,
                        http("b\u00fccher.example", 80, null, null, "/\u20ac", "?\u00fc")),
                arguments("http://h/\ud83d\ude00", 0, http("h", 80, null, null, "/\ud83d\ude00", "")),

                // flags: ICU_ESCAPE (path and extra info only; Latin-1 codes; '%' and '#' too)
                arguments("http://h/\u00fc \u00e4?x y#z", ICU_ESCAPE, http("h", 80, null, null, "/%FC%20%E4", "?x%20y%23z")),
                arguments("http://h/a%20b", ICU_ESCAPE, http("h", 80, null, null, "/a%2520b", "")),
                arguments("http://u v@ex ample/", ICU_ESCAPE, http("ex ample", 80, "u v", null, "/", "")),
                // ICU_DECODE: every component, %XX is one character (not UTF-8), a bad escape stays
                arguments("http://%75ser:p%40ss@h%2Ecom/%3F?%23", ICU_DECODE, http("h.com", 80, "user", "p@ss", "/?", "?#")),
                arguments("http://h/%zz%4%", ICU_DECODE, http("h", 80, null, null, "/%zz%4%", "")),
                arguments("http://h/%e9%C3%A9", ICU_DECODE, http("h", 80, null, null, "/\u00e9\u00c3\u00a9", "")),
                arguments("http://h/%0D%0A", ICU_DECODE, http("h", 80, null, null, "/\r\n", "")),
                // a component is escaped if its flag says so, otherwise decoded
                arguments("http://h/%41 b", ICU_ESCAPE | ICU_DECODE, http("h", 80, null, null, "/%2541%20b", "")),
                arguments("http://%41@h/%41", ICU_ESCAPE_AUTHORITY | ICU_DECODE, http("h", 80, "%2541", null, "/A", "")),
                // ICU_ESCAPE_AUTHORITY: user, password and host; an IPv6 literal is left alone
                arguments("http://a b:c d@ex ample/x y", ICU_ESCAPE_AUTHORITY,
                        http("ex%20ample", 80, "a%20b", "c%20d", "/x y", "")),
                arguments("http://[fe80::1%25eth0]/", ICU_ESCAPE_AUTHORITY, http("[fe80::1%25eth0]", 80, null, null, "/", "")),
                // ICU_REJECT_USERPWD with no user part, and ICU_INCLUDE_DEFAULT_PORT (no effect)
                arguments("http://h/?a@b", ICU_REJECT_USERPWD, http("h", 80, null, null, "/", "?a@b")),
                arguments("https://h/", ICU_INCLUDE_DEFAULT_PORT, uc(INTERNET_SCHEME_HTTPS, "h", 443, null, null, "/", "")));
    }

    @ParameterizedTest
    @MethodSource("cracked")
    void crackUrl(String url, int flags, UrlComponents expected) {
        assertEquals(expected, Urls.crack(url, flags), shown(url) + " flags 0x" + Integer.toHexString(flags));
    }

    // ---- crackUrl: errors -------------------------------------------------------------------------

    static Stream<Arguments> refused() {
        return Stream.of(
                // Wine
                arguments("HTTP:www.winehq.org", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http:/www.winehq.org", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("www.winehq.org", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("www", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("http", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("http://", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(null, 0, ERROR_INVALID_PARAMETER),
                arguments("http://winehq.org:65536", 0, ERROR_WINHTTP_INVALID_URL),

                // other schemes and relative references
                arguments("ftp://username:password@www.winehq.org:80/site/about?query", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("socks://h/", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("javascript:alert(1)", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("httpx://h/", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(" http://h/", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("htt\u0440://h/", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("//h/p", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("/relative", 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments("http:", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http:\\\\h\\", 0, ERROR_WINHTTP_INVALID_URL),
                // no host
                arguments("http://a:b@", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://a@", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://a@/p", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://:80/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://?x", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http:///p", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://#f", 0, ERROR_WINHTTP_INVALID_URL),
                // ports
                arguments("http://h:65536/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:-1/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:+80/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:80a/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h: 80/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:\uff14\uff12/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:4294967376/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:99999999999999999999/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:1:2/", 0, ERROR_WINHTTP_INVALID_URL),
                // IPv6 literals
                arguments("http://[::1", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1]x/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1]:99999/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[zz::1]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[1:2:3:4:5:6:7:8:9]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[1:2:3:4:5:6:7]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[1::2::3]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[:::]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[:1::]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[12345::]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[1.2.3.4]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[1.2.3.4::]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1.2.3.256]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1%]/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://[::1%25eth 0]/", 0, ERROR_WINHTTP_INVALID_URL),
                // control characters and unpaired surrogates, anywhere, whatever the flags
                arguments("http://h/\r\nX-Injected: y", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\r\nX-Injected: y", ICU_ESCAPE, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h\r\n/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h\u0000.evil/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\u0000", ICU_DECODE, ERROR_WINHTTP_INVALID_URL),
                arguments("http://u\n@h/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h:80\r/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\t", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\u007f", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\u0085", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("ht\ntp://h/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\ud800", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\udc00x", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://\ud83dh/", 0, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/\ude00\ud83d", 0, ERROR_WINHTTP_INVALID_URL),
                // flags
                arguments("http://h/\u20ac", ICU_ESCAPE, ERROR_INVALID_PARAMETER),
                arguments("http://h/?\ud83d\ude00", ICU_ESCAPE, ERROR_INVALID_PARAMETER),
                arguments("http://b\u00fccher\u0142.example/", ICU_ESCAPE_AUTHORITY, ERROR_INVALID_PARAMETER),
                arguments("http://u@h/", ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments("http://u:p@h/", ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments("http://:@h/", ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments("http://@h/", ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments("http://h/", 0x1, ERROR_INVALID_PARAMETER),
                arguments("http://h/", ICU_DECODE | 0x40000000, ERROR_INVALID_PARAMETER),
                arguments("http://h/", -1, ERROR_INVALID_PARAMETER));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void crackUrlRefuses(String url, int flags, WinHttpError expected) {
        assertError(expected, () -> Urls.crack(url, flags), shown(url) + " flags 0x" + Integer.toHexString(flags));
    }

    @Test
    void parseIsCrackWithoutFlags() {
        String url = "http://%41:b@h:1/%42?%43";
        assertEquals(Urls.crack(url, 0), Urls.parse(url));
        assertEquals(http("h", 1, "%41", "b", "/%42", "?%43"), Urls.parse(url));
        assertError(ERROR_INVALID_PARAMETER, () -> Urls.parse(null), "null");
    }

    @Test
    void hugeInputIsLinear() {
        String path = "/" + "a".repeat(2_000_000);
        assertTimeout(Duration.ofSeconds(5), () -> {
            assertEquals(path, Urls.crack("http://h" + path + "?q", 0).urlPath());
            assertEquals("h", Urls.crack("http://" + "@".repeat(500_000) + "h/", 0).hostName());
            assertEquals("@".repeat(499_999), Urls.crack("http://" + "@".repeat(500_000) + "h/", 0).userName());
            assertEquals(80, Urls.crack("http://h:" + "0".repeat(1_000_000) + "80/", 0).port());
            assertEquals(1 + 3 * 1_000_000, Urls.crack("http://h/" + " ".repeat(1_000_000), ICU_ESCAPE).urlPath().length());
            assertError(ERROR_WINHTTP_INVALID_URL, () -> Urls.crack("http://" + ":".repeat(1_000_000), 0), "colons");
            assertError(ERROR_WINHTTP_INVALID_URL, () -> Urls.crack("http://h:" + "9".repeat(1_000_000), 0), "long port");
            assertError(ERROR_WINHTTP_INVALID_URL, () -> Urls.crack("http://[" + "1:".repeat(500_000) + "]/", 0), "long literal");
            assertEquals("http://h/".length() + 3 * 1_000_000,
                    Urls.create(http("h", 80, null, null, "/" + "\n".repeat(1_000_000), null), ICU_ESCAPE).length());
        });
    }

    @Test
    void errorMessagesQuoteAtMostAFewCharacters() {
        WinHttpException e = assertThrows(WinHttpException.class, () -> Urls.crack("x".repeat(100_000) + "://h/", 0));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    // ---- createUrl --------------------------------------------------------------------------------

    static UrlComponents full() {
        return http(WINEHQ, 80, "username", "password", "/site/about", "?query");
    }

    static UrlComponents with(UrlComponents c, String user, String password) {
        return uc(c.scheme(), c.hostName(), c.port(), user, password, c.urlPath(), c.extraInfo());
    }

    static UrlComponents only(String path, String extra) {
        return uc(0, null, 0, null, null, path, extra);
    }

    static Stream<Arguments> created() {
        String escapeSet = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        String escape2 = "\r\u001f \n\u007f\r\n";
        String url1 = "http://username:password@www.winehq.org/site/about?query";
        return Stream.of(
                // Wine
                arguments(full(), 0, url1),
                arguments(uc(0, WINEHQ, 80, "username", "password", "/site/about", "?query"), 0, url1),
                arguments(with(full(), "username", null), 0, "http://username@www.winehq.org/site/about?query"),
                arguments(with(full(), "username", ""), 0, "http://username:@www.winehq.org/site/about?query"),
                arguments(with(full(), "", "password"), 0, "http://:password@www.winehq.org/site/about?query"),
                arguments(with(full(), null, null), 0, "http://www.winehq.org/site/about?query"),
                arguments(with(full(), "", ""), 0, "http://:@www.winehq.org/site/about?query"),
                arguments(http(WINEHQ, 42, "username", "password", "/site/about", "?query"), 0,
                        "http://username:password@www.winehq.org:42/site/about?query"),
                arguments(http(WINEHQ, 80, "username", "password", "/site/about", escapeSet), ICU_ESCAPE,
                        "http://username:password@www.winehq.org/site/about%20!%22%23$%25&'()*+,-./:;%3C=%3E?@%5B%5C%5D%5E_%60%7B%7C%7D%7E"),
                arguments(only(null, escape2), ICU_ESCAPE, "http://%0D%1F%20%0A%7F%0D%0A"),
                arguments(only(null, "?text=\ufb00"), 0, "http://?text=\ufb00"),
                arguments(only(escape2, null), ICU_ESCAPE, "http://%0D%1F%20%0A%7F%0D%0A"),
                arguments(only("/text=\ufb00", null), 0, "http:///text=\ufb00"),
                arguments(uc(0, WINEHQ, 0, "username", "password", "/site/about", "?query"), 0,
                        "http://username:password@www.winehq.org:0/site/about?query"),

                // ours
                arguments(uc(0, null, 0, null, null, null, null), 0, "http://"),
                arguments(uc(INTERNET_SCHEME_HTTPS, "h", 443, null, null, "/", null), 0, "https://h/"),
                arguments(uc(INTERNET_SCHEME_HTTPS, "h", 80, null, null, "/", null), 0, "https://h:80/"),
                arguments(http("h", 65535, null, null, "", ""), 0, "http://h:65535"),
                arguments(http("h", 80, null, null, "p", "?q"), 0, "http://h/p?q"),
                arguments(http("h", 80, null, null, "", "?q"), 0, "http://h?q"),
                arguments(http("h", 80, null, null, "/p", "query"), 0, "http://h/pquery"),
                arguments(http("::1", 8080, null, null, "/", null), 0, "http://[::1]:8080/"),
                arguments(http("[::1]", 80, null, null, "/", null), 0, "http://[::1]/"),
                arguments(http("h", 80, null, null, "/", null), ICU_INCLUDE_DEFAULT_PORT, "http://h:80/"),
                arguments(uc(INTERNET_SCHEME_HTTPS, "::1", 443, null, null, "", null), ICU_INCLUDE_DEFAULT_PORT, "https://[::1]:443"),
                arguments(http("h", 8, null, null, "/", null), ICU_INCLUDE_DEFAULT_PORT, "http://h:8/"),
                arguments(http(null, 8, "u", null, "/p", null), 0, "http://u@/p"),
                arguments(http("h", 80, null, null, "/\u00fc\u00ff", "#\u0080"), ICU_ESCAPE, "http://h/%FC%FF%23%80"),
                arguments(http("h", 80, null, null, "/a%20b", null), ICU_ESCAPE, "http://h/a%2520b"),
                arguments(http("h", 80, null, null, "/p\r\n", "?\u0000\u0085"), ICU_ESCAPE, "http://h/p%0D%0A?%00%85"),
                arguments(http("ex ample", 80, "a@b:c", "p/w?#", "/x y", null), ICU_ESCAPE_AUTHORITY,
                        "http://a%40b%3Ac:p%2Fw%3F%23@ex%20ample/x y"),
                arguments(http("h\r\n", 80, "u\n", "p\u0000", "/", null), ICU_ESCAPE_AUTHORITY, "http://u%0A:p%00@h%0D%0A/"),
                arguments(http("fe80::1%eth0", 80, null, null, "/", null), ICU_ESCAPE_AUTHORITY, "http://[fe80::1%eth0]/"),
                arguments(http("h", 80, null, null, "/a b", "?c d"), 0, "http://h/a b?c d"),
                arguments(http("h", 80, null, null, "/\ud83d\ude00", null), 0, "http://h/\ud83d\ude00"),
                arguments(http("h", 80, null, null, "/", null), ICU_REJECT_USERPWD, "http://h/"));
    }

    @ParameterizedTest
    @MethodSource("created")
    void createUrl(UrlComponents components, int flags, String expected) {
        assertEquals(expected, Urls.create(components, flags), components + " flags 0x" + Integer.toHexString(flags));
    }

    static Stream<Arguments> notCreated() {
        return Stream.of(
                // Wine
                arguments(null, 0, ERROR_INVALID_PARAMETER),
                arguments(with(full(), null, "password"), 0, ERROR_INVALID_PARAMETER),
                arguments(only(null, "?text=\ufb00"), ICU_ESCAPE, ERROR_INVALID_PARAMETER),
                arguments(only("/text=\ufb00", null), ICU_ESCAPE, ERROR_INVALID_PARAMETER),

                // ours: schemes, ports, flags
                arguments(uc(INTERNET_SCHEME_FTP, "h", 21, null, null, "/", null), 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(uc(INTERNET_SCHEME_SOCKS, "h", 1080, null, null, "/", null), 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(uc(-1, "h", 80, null, null, "/", null), 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(uc(99, "h", 80, null, null, "/", null), 0, ERROR_WINHTTP_UNRECOGNIZED_SCHEME),
                arguments(http("h", -1, null, null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 65536, null, null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", Integer.MIN_VALUE, null, null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(full(), ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments(with(full(), "", null), ICU_REJECT_USERPWD, ERROR_WINHTTP_INVALID_URL),
                arguments(full(), ICU_DECODE, ERROR_INVALID_PARAMETER),
                arguments(full(), 0x1, ERROR_INVALID_PARAMETER),
                arguments(full(), -1, ERROR_INVALID_PARAMETER),
                // ours: nothing raw that a URL cannot hold; the flag for that component escapes it
                arguments(http("h", 80, null, null, "/p\r\nX-Injected: y", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/p", "?\n"), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/p", "?\u0000"), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/\u0085", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/p\r\n", null), ICU_ESCAPE_AUTHORITY, ERROR_INVALID_PARAMETER),
                arguments(http("h\r\n", 80, null, null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h\r\n", 80, null, null, "/", null), ICU_ESCAPE, ERROR_INVALID_PARAMETER),
                arguments(http("::1\n", 80, null, null, "/", null), ICU_ESCAPE_AUTHORITY, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, "u\r", null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, "u", "p\n", "/", null), ICU_ESCAPE, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/\ud800", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h\udc00", 80, null, null, "/", null), 0, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, "\ud83d", null, "/", null), ICU_ESCAPE_AUTHORITY, ERROR_INVALID_PARAMETER),
                arguments(http("h", 80, null, null, "/\u20ac", null), ICU_ESCAPE, ERROR_INVALID_PARAMETER));
    }

    @ParameterizedTest
    @MethodSource("notCreated")
    void createUrlRefuses(UrlComponents components, int flags, WinHttpError expected) {
        assertError(expected, () -> Urls.create(components, flags), components + " flags 0x" + Integer.toHexString(flags));
    }

    // ---- pieces -----------------------------------------------------------------------------------

    @Test
    void ipv6Literals() {
        for (String ok : new String[] {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
                "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "abcd:EF01::", "fe80::1%25eth0", "fe80::1%eth0"}) {
            assertTrue(Urls.isIpv6(ok), ok);
        }
        for (String bad : new String[] {"", ":", ":::", "1", "1:2", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
                "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "12345::", "g::", ":1::", "::1:", "1.2.3.4", "::1.2.3",
                "::1.2.3.4.5", "::256.1.1.1", "::1.2.3.4:1", "1.2.3.4::", "::1%", "::1%a b", "::\u0661"}) {
            assertFalse(Urls.isIpv6(bad), bad);
        }
    }

    @Test
    void escapeAndDecodeAreInverseOnLatin1() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c <= 0xFF; c++) all.append(c);
        String escaped = Urls.escape(all.toString(), "", "test");
        assertTrue(escaped.chars().allMatch(c -> c > 0x20 && c < 0x7F), escaped);
        assertEquals(all.toString(), Urls.decode(escaped));
    }
}
