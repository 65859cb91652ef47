package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Request path escaping (CONFORMANCE 5.9), checked on the request line a RawServer receives. */
class PathEscapingTest extends EngineTestBase {
    static RawServer raw;
    static HInternet connect;

    @BeforeAll
    static void startRaw() {
        raw = rawServer(Scripts.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        connect = connectTo(null, raw.port());
    }

    static final int NONE = 0;

    /** name, object name, openRequest flags, the request target Windows sends. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("space", "/a b", NONE, "/a%20b"),
                Arguments.of("unsafe punctuation", "/q\"<>^{}|\\", NONE, "/q%22%3C%3E%5E%7B%7D%7C%5C"),
                Arguments.of("hash brackets backquote", "/h#[]`", NONE, "/h%23%5B%5D%60"),
                Arguments.of("control characters and DEL", "/c\u0001\u001f\u007f", NONE, "/c%01%1F%7F"),
                Arguments.of("CR LF escaped", "/a\r\nInjected: x", NONE, "/a%0D%0AInjected:%20x"),
                Arguments.of("U+0080 as UTF-8", "/u\u0080", NONE, "/u%C2%80"),
                Arguments.of("CJK as UTF-8", "/\u4e2d\u6587", NONE, "/%E4%B8%AD%E6%96%87"),
                Arguments.of("safe characters untouched", "/a-b_c.d~e!f$g&h'i(j)k*l+m,n;o=p:q@r/s", NONE,
                        "/a-b_c.d~e!f$g&h'i(j)k*l+m,n;o=p:q@r/s"),
                Arguments.of("query escaped by default", "/p?x=a b&y={1}", NONE, "/p?x=a%20b&y=%7B1%7D"),
                Arguments.of("percent left alone", "/pct%20b", NONE, "/pct%20b"),
                Arguments.of("ESCAPE_PERCENT", "/pct%41 b", WINHTTP_FLAG_ESCAPE_PERCENT, "/pct%2541%20b"),
                Arguments.of("ESCAPE_DISABLE: space and non-ASCII only", "/d b\u0080", WINHTTP_FLAG_ESCAPE_DISABLE,
                        "/d%20b%C2%80"),
                Arguments.of("ESCAPE_DISABLE: CR LF removed", "/d\r\nx", WINHTTP_FLAG_ESCAPE_DISABLE, "/dx"),
                Arguments.of("ESCAPE_DISABLE_QUERY: path escaped, query minimal", "/p b{?q b",
                        WINHTTP_FLAG_ESCAPE_DISABLE_QUERY, "/p%20b%7B?q%20b"),
                // the target goes out exactly as escaped: never decoded, re-encoded or refused again
                Arguments.of("percent-encoded unreserved octet left alone", "/pct%41b", NONE, "/pct%41b"),
                Arguments.of("ESCAPE_DISABLE: unsafe characters raw", "/d\"<>{}|^", WINHTTP_FLAG_ESCAPE_DISABLE,
                        "/d\"<>{}|^"),
                Arguments.of("ESCAPE_DISABLE_QUERY: raw '{' in the query", "/p b{?q b{",
                        WINHTTP_FLAG_ESCAPE_DISABLE_QUERY, "/p%20b%7B?q%20b{"),
                Arguments.of("lone percent left alone", "/pct%zz", NONE, "/pct%zz"));
    }

    private static String sendAndGetRequestLine(String object, int flags) {
        HInternet r = winHttp.openRequest(connect, "GET", object, null, null, null, flags);
        try {
            int before = raw.receivedHeads().size();
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals(before + 1, raw.receivedHeads().size());
            return WireHead.of(raw.receivedHeads().get(before)).requestLine;
        } finally {
            winHttp.closeHandle(r);
        }
    }

    /** What the engine itself means to send: the URL option holds the escaped target. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void escapedTargetAsTheEngineReportsIt(String name, String object, int flags, String expected) {
        HInternet r = winHttp.openRequest(connect, "GET", object, null, null, null, flags);
        assertEquals("http://127.0.0.1:" + raw.port() + expected, winHttp.queryOption(r, WINHTTP_OPTION_URL));
        winHttp.closeHandle(r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void escapedTargetOnTheWire(String name, String object, int flags, String expected) {
        assertEquals("GET " + expected + " HTTP/1.1", sendAndGetRequestLine(object, flags));
    }
}
