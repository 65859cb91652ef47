package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Text that becomes request-line or header bytes (engine/README.md, "Decisions": the wire-text
 * rule): the verb, the version, the request target, header text, the user agent, the referrer,
 * the accept types and the server name. What cannot be sent as it is is refused by the call that
 * passed it; nothing is silently dropped or changed. Checked on the exact bytes a RawServer reads
 * (ISO-8859-1, one char per byte).
 */
class RequestInjectionTest {
    static ActorTestKit kit;
    static WinHttpEngine winHttp;
    static RawServer raw;
    static HInternet session;
    static HInternet connect;

    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final Duration BOUND = Duration.ofSeconds(10);

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        winHttp = WinHttpEngine.embedded(kit.system());
        raw = RawServer.start(Scripts.reply(OK));
        session = winHttp.open("winhttp4j-test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        connect = winHttp.connect(session, raw.host(), raw.port());
    }

    @AfterAll
    static void stop() {
        winHttp.close();
        raw.close();
        kit.shutdownTestKit();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static WinHttpError error(Runnable call) {
        return assertThrows(WinHttpException.class, call::run).error();
    }

    private static String shown(String s) {
        return WireHead.shown(s);
    }

    /** Sends, receives, reads to the end; returns the one head the server read for it. */
    private static WireHead exchange(RawServer server, HInternet r, String headers) {
        return assertTimeoutPreemptively(BOUND, () -> {
            int before = server.receivedHeads().size();
            winHttp.sendRequest(r, headers, null, 0, 0);
            winHttp.receiveResponse(r);
            byte[] buf = new byte[256];
            while (winHttp.readData(r, buf, 0, buf.length) > 0) {
                // to the end
            }
            List<String> heads = server.receivedHeads();
            assertEquals(before + 1, heads.size(), "one request head arrived");
            WireHead.assertWithinTheRule(heads.get(heads.size() - 1));
            return WireHead.of(heads.get(heads.size() - 1));
        });
    }

    private static void assertNothingInjected() {
        for (String head : raw.receivedHeads()) {
            assertFalse(head.toLowerCase().contains("x-injected"), "injected: " + shown(head));
        }
    }

    // ---- the verb (item 1) ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"GE\r\nX-Injected: 1\r\nT", "GET /x", "GE\u0000T", "GE\nT", "GE\rT", "GE\tT", "G\u00C9T",
            "GET\u010D\u010AX-Injected: 1", "GET\uD800", "GE\u007FT", "(GET)", "GET:", "G/T", "\"GET\""})
    void aVerbThatIsNoTokenIsRefused(String verb) {
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.openRequest(connect, verb, "/w", null, null, null, 0)), shown(verb));
        assertNothingInjected();
    }

    @Test
    void tokenVerbsGoOutAsGiven() {
        for (String verb : new String[] {"PROPFIND", "M-SEARCH", "get", "X!#$%&'*+.^_`|~9"}) {
            HInternet r = winHttp.openRequest(connect, verb, "/w", null, null, null, 0);
            assertEquals(verb + " /w HTTP/1.1", exchange(raw, r, null).requestLine);
            winHttp.closeHandle(r);
        }
        assertNothingInjected();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1\r\nX-Injected: 1", "HTTP/2", "HTTP/1.1 ", "http/9.9", "1.1"})
    void aVersionOtherThanHttp10Or11IsRefused(String version) {
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.openRequest(connect, "GET", "/w", version, null, null, 0)), shown(version));
    }

    // ---- header text above U+00FF (item 2) -------------------------------------------------------------

    /** Each of these went out as its low byte: CR LF, NUL, DEL, HTAB, NUL for a lone surrogate. */
    @ParameterizedTest
    @ValueSource(strings = {"\u010D\u010AX-Injected: 1", "a\u0100b", "a\u017Fb", "a\u0109b", "a\uD800b", "a\uDC00b",
            "\uD83D\uDE00"})
    void headerValuesThatAreNotIso88591AreRefused(String value) {
        HInternet r = winHttp.openRequest(connect, "GET", "/latin1", null, null, null, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "X-A: " + value, WINHTTP_ADDREQ_FLAG_ADD)), shown(value));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.sendRequest(r, "X-S: " + value, null, 0, 0)), shown(value));
        WireHead head = exchange(raw, r, null);
        assertFalse(head.has("X-A"), head.toString());
        assertFalse(head.has("X-S"), head.toString());
        assertNothingInjected();
        winHttp.closeHandle(r);
    }

    @Test
    void iso88591ValuesGoOutAsTheirOwnByte() {
        HInternet s = winHttp.open("ag\u00E9nt/\u00FF", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, raw.host(), raw.port());
        HInternet r = winHttp.openRequest(c, "GET", "/latin1", null, "http://r.example/caf\u00E9", new String[] {"t/\u00E0"}, 0);
        winHttp.addRequestHeaders(r, "X-L: caf\u00E9\t\u00A0\u0080", WINHTTP_ADDREQ_FLAG_ADD);
        WireHead head = exchange(raw, r, "X-S: \u00FF");
        assertEquals("caf\u00E9\t\u00A0\u0080", head.value("X-L"), head.toString());
        assertEquals("\u00FF", head.value("X-S"));
        assertEquals("ag\u00E9nt/\u00FF", head.value("User-Agent"));
        assertEquals("http://r.example/caf\u00E9", head.value("Referer"));
        assertEquals("t/\u00E0", head.value("Accept"));
        winHttp.closeHandle(s);
    }

    // ---- user agent, referrer, accept types: refused, never dropped (items 2, 3) -----------------------

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b", "a\u007Fb", "a\u0001",
            "a\u010D\u010AX-Injected: 1", "a\u0100", "\uD800", "a\u2603"})
    void aUserAgentThatCannotBeSentIsRefusedAtOpen(String agent) {
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0)), shown(agent));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://r/\r\nX-Injected: 1", "a\nb", "a\u0000b", "a\u007F", "a\u010D\u010AX-Injected: 1",
            "a\u0100", "a\uDFFF"})
    void aReferrerOrAcceptTypeThatCannotBeSentIsRefusedAtOpenRequest(String value) {
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.openRequest(connect, "GET", "/ref", null, value, null, 0)), "referrer " + shown(value));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.openRequest(connect, "GET", "/ref", null, null, new String[] {"text/html", value}, 0)),
                "accept type " + shown(value));
        assertNothingInjected();
    }

    @Test
    void referrerAndAcceptTypesThatCanBeSentArrive() {
        HInternet r = winHttp.openRequest(connect, "GET", "/ref", null, "http://r.example/p?q=1",
                new String[] {"text/html", "application/json;q=0.5"}, 0);
        WireHead head = exchange(raw, r, null);
        assertEquals(List.of("http://r.example/p?q=1"), head.values("Referer"));
        assertEquals(List.of("text/html, application/json;q=0.5"), head.values("Accept"));
        winHttp.closeHandle(r);
    }

    // ---- headers Pekko HTTP models or keeps on the entity (item 3) -------------------------------------

    @Test
    void aHostHeaderThatCannotBeSentIsRefusedAndTheDefaultStays() {
        HInternet r = winHttp.openRequest(connect, "GET", "/host", null, null, null, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, "Host: a\u010D\u010AX-Injected: 1", WINHTTP_ADDREQ_FLAG_ADD)));
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.sendRequest(r, "Host: a\u010D\u010AX-Injected: 1", null, 0, 0)));
        WireHead head = exchange(raw, r, null);
        assertEquals(List.of("127.0.0.1:" + raw.port()), head.values("Host"), head.toString());
        assertNothingInjected();
        winHttp.closeHandle(r);
    }

    @Test
    void aHostHeaderOfTheCallerReplacesTheDefault() {
        HInternet r = winHttp.openRequest(connect, "GET", "/host", null, null, null, 0);
        winHttp.addRequestHeaders(r, "Host: example.test:81", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals(List.of("example.test:81"), exchange(raw, r, null).values("Host"));
        winHttp.closeHandle(r);
    }

    /** The framing headers decide how the body goes out: one the engine cannot honour is refused, never ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding: gzip", "Transfer-Encoding: notchunked", "Transfer-Encoding: gzip, chunked",
            "Content-Length: 12abc", "Content-Length: -1"})
    void framingHeadersTheEngineCannotHonourAreRefusedWhenGiven(String line) {
        HInternet r = winHttp.openRequest(connect, "POST", "/entity", null, null, null, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.addRequestHeaders(r, line, WINHTTP_ADDREQ_FLAG_ADD)), line);
        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_HEADER,
                error(() -> winHttp.sendRequest(r, line, null, 0, 0)), line);
        WireHead head = exchange(raw, r, null);
        assertEquals("0", head.value("Content-Length"), head.toString());
        assertFalse(head.has("Transfer-Encoding"), head.toString());
        assertFalse(head.has("Content-Type"), head.toString());
        winHttp.closeHandle(r);
    }

    /** REPLACE with an empty value removes a header: that is no value to refuse. */
    @Test
    void anEmptyEntityHeaderValueStillRemoves() {
        HInternet r = winHttp.openRequest(connect, "POST", "/entity", null, null, null, 0);
        winHttp.addRequestHeaders(r, "Content-Type: text/plain", WINHTTP_ADDREQ_FLAG_ADD);
        winHttp.addRequestHeaders(r, "Content-Type:", WINHTTP_ADDREQ_FLAG_REPLACE);
        assertFalse(exchange(raw, r, null).has("Content-Type"));
        winHttp.closeHandle(r);
    }

    /** Any sendable Content-Type goes out as given, in the model's order: nothing parses or re-renders it. */
    @Test
    void contentTypesGoOutAsGiven() {
        HInternet r = winHttp.openRequest(connect, "POST", "/entity", null, null, null, 0);
        winHttp.addRequestHeaders(r, "Content-Type: garbage\r\nContent-Type: text/html; charset", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals(List.of("garbage", "text/html; charset"), exchange(raw, r, null).values("Content-Type"));
        winHttp.closeHandle(r);
    }

    // ---- the request target (items 2, 13) ----------------------------------------------------------------

    @Test
    void objectNamesThatMerelyStartWithHttpArePaths() {
        String[][] cases = {{"httpfoo", "/httpfoo"}, {"http:x", "/http:x"}, {"https:/x", "/https:/x"},
                {"http://", "/http://"}, {"http:///x", "/http:///x"}, {"httpbin/get", "/httpbin/get"}};
        for (String[] c : cases) {
            HInternet r = winHttp.openRequest(connect, "GET", c[0], null, null, null, 0);
            assertEquals("http://127.0.0.1:" + raw.port() + c[1], winHttp.queryOption(r, WINHTTP_OPTION_URL), c[0]);
            assertEquals("GET " + c[1] + " HTTP/1.1", exchange(raw, r, null).requestLine, c[0]);
            winHttp.closeHandle(r);
        }
    }

    @Test
    void anAbsoluteUrlIsTheTargetAndTheUrl() {
        for (String url : new String[] {raw.url("/abs?q=1"), "HTTP://127.0.0.1:" + raw.port() + "/upper"}) {
            HInternet r = winHttp.openRequest(connect, "GET", url, null, null, null, 0);
            assertEquals(url, winHttp.queryOption(r, WINHTTP_OPTION_URL));
            winHttp.closeHandle(r);
        }
    }

    @Test
    void anObjectNameThatCannotBeEncodedIsRefusedAtOpenRequest() {
        // a lone surrogate has no UTF-8 form (it went out as '?')
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                error(() -> winHttp.openRequest(connect, "GET", "/a\uD800b", null, null, null, 0)));
        // ESCAPE_DISABLE sends other characters raw, but never a control character or DEL
        for (String name : new String[] {"/a\u0000b", "/a\tb", "/a\u007Fb", "/a\u001Bb"}) {
            assertEquals(WinHttpError.ERROR_INVALID_PARAMETER,
                    error(() -> winHttp.openRequest(connect, "GET", name, null, null, null, WINHTTP_FLAG_ESCAPE_DISABLE)),
                    shown(name));
        }
    }

    // ---- server names (items 4, 14) ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1", "user@127.0.0.1", "127.0.0.1/evil", "127.0.0.1:80", "a b", "%", "a%b",
            "a\r\nb", "a\u0000", "a..b", ".a", "a\u010D", "\u00E9.example", "[::1", "::1]", "[127.0.0.1]", "1::2::3",
            ":::", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "fe80::1%eth0", "[]", "a_b:c",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.example", "\uD800"})
    void serverNamesThatAreNoHostNameOrAddressAreRefusedAtConnect(String name) {
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.connect(session, name, raw.port())), shown(name));
    }

    @Test
    void aHugeServerNameIsRefusedAtConnect() {
        String spaced = "a b".repeat(350_000);
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.connect(session, spaced, raw.port())));
        String dotted = "a.".repeat(200) + "b";
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, error(() -> winHttp.connect(session, dotted, raw.port())));
    }

    @Test
    void hostNamesAndAddressLiteralsAreAccepted() {
        for (String name : new String[] {"localhost", "LocalHost", "localhost.", "a-b_c.example", "127.0.0.1", "::1",
                "[::1]", "::", "1:2:3:4:5:6:7:8", "::ffff:127.0.0.1", "[2001:db8::1]", "x".repeat(63) + ".example"}) {
            HInternet c = winHttp.connect(session, name, 8080);
            winHttp.closeHandle(c);
        }
    }

    @Test
    void theUrlOfAnIpv6LiteralHasBrackets() {
        HInternet c1 = winHttp.connect(session, "::1", 8080);
        HInternet c2 = winHttp.connect(session, "[::1]", INTERNET_DEFAULT_PORT);
        HInternet c3 = winHttp.connect(session, "::1", 443);
        assertEquals("http://[::1]:8080/x", winHttp.queryOption(winHttp.openRequest(c1, "GET", "/x", null, null, null, 0),
                WINHTTP_OPTION_URL));
        assertEquals("http://[::1]/x", winHttp.queryOption(winHttp.openRequest(c2, "GET", "/x", null, null, null, 0),
                WINHTTP_OPTION_URL));
        assertEquals("https://[::1]/x", winHttp.queryOption(winHttp.openRequest(c3, "GET", "/x", null, null, null,
                WINHTTP_FLAG_SECURE), WINHTTP_OPTION_URL));
        assertEquals("https://[::1]:8080/x", winHttp.queryOption(winHttp.openRequest(c1, "GET", "/x", null, null, null,
                WINHTTP_FLAG_SECURE), WINHTTP_OPTION_URL));
        winHttp.closeHandle(c1);
        winHttp.closeHandle(c2);
        winHttp.closeHandle(c3);
    }

    /** "::1" used to hang sendRequest: Pekko could not parse it as a host. */
    @Test
    void anIpv6LiteralWithOrWithoutBracketsReachesTheServer() {
        try (RawServer v6 = RawServer.start("::1", Scripts.reply(OK))) {
            for (String name : new String[] {"::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
                HInternet c = winHttp.connect(session, name, v6.port());
                HInternet r = winHttp.openRequest(c, "GET", "/six", null, null, null, 0);
                WireHead head = exchange(v6, r, null);
                assertEquals("GET /six HTTP/1.1", head.requestLine);
                String authority = name.startsWith("[") ? name : "[" + name + "]";
                assertEquals(List.of(authority + ":" + v6.port()), head.values("Host"), name);
                winHttp.closeHandle(c);
            }
        }
    }
}
