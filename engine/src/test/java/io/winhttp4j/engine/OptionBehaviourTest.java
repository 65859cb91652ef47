package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What the options this engine honours now do, seen on the wire (the request head a RawServer
 * read) or through the callback: USER_AGENT, HTTP_VERSION, ENABLE_HTTP_PROTOCOL /
 * HTTP_PROTOCOL_USED, DISABLE_FEATURE's accumulation, CALLBACK, MAX_CONNS_PER_SERVER's 0, and
 * the options accepted and ignored.
 */
class OptionBehaviourTest extends EngineTestBase {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    private static RawServer raw;

    private final List<HInternet> opened = new ArrayList<>();

    @BeforeAll
    static void startRaw() {
        raw = RawServer.start(Scripts.reply(OK));
    }

    @AfterAll
    static void stopRaw() {
        raw.close();
    }

    @AfterEach
    void closeOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) winHttp.closeHandle(opened.get(i));
    }

    private <H extends HInternet> H keep(H h) {
        opened.add(h);
        return h;
    }

    private HInternet session(String agent) {
        return keep(winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0));
    }

    private HInternet request(HInternet connect, String path, String version) {
        return keep(winHttp.openRequest(connect, "GET", path, version, null, null, 0));
    }

    /** Sends, receives and reads the whole response; returns the head the server read for it. */
    private static WireHead exchange(HInternet r) {
        int before = raw.receivedHeads().size();
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        byte[] buf = new byte[64];
        while (winHttp.readData(r, buf, 0, buf.length) > 0) {
            // to the end
        }
        List<String> heads = raw.receivedHeads();
        assertEquals(before + 1, heads.size(), "one request head arrived");
        return WireHead.of(heads.get(heads.size() - 1));
    }

    // ---- USER_AGENT ----------------------------------------------------------------------------------

    @Test
    void userAgentSetOnTheSessionIsWhatItsRequestsSendNext() {
        HInternet s = session("agent-a");
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        assertEquals("agent-a", winHttp.queryOption(s, WINHTTP_OPTION_USER_AGENT));
        HInternet first = request(c, "/ua", null);
        HInternet notYetSent = request(c, "/ua", null);
        assertEquals("agent-a", exchange(first).value("User-Agent"));

        winHttp.setOption(s, WINHTTP_OPTION_USER_AGENT, "agent-b/2.0 (jvm)");
        assertEquals("agent-b/2.0 (jvm)", winHttp.queryOption(s, WINHTTP_OPTION_USER_AGENT));
        assertEquals("agent-b/2.0 (jvm)", exchange(request(c, "/ua", null)).value("User-Agent"), "a request opened after the change");
        // "used in subsequent WinHttpSendRequest functions": a request opened before but not sent yet too
        assertEquals("agent-b/2.0 (jvm)", exchange(notYetSent).value("User-Agent"), "opened before the change, sent after");
        // the first send made User-Agent one of the request's headers (Wine adds it with ADD_IF_NEW): a re-send keeps it
        assertEquals("agent-a", exchange(first).value("User-Agent"), "the re-send of a request that already sent one");

        HInternet own = request(c, "/ua", null);
        winHttp.addRequestHeaders(own, "User-Agent: mine", WINHTTP_ADDREQ_FLAG_ADD);
        assertEquals("mine", exchange(own).value("User-Agent"), "a request's own header wins");

        winHttp.setOption(s, WINHTTP_OPTION_USER_AGENT, "");
        assertFalse(exchange(request(c, "/ua", null)).has("User-Agent"), "an empty agent sends none");
    }

    @Test
    void aUserAgentThatCannotBeSentIsRefused() {
        HInternet s = session("agent");
        for (String bad : new String[] {"a\r\nX-Injected: 1", "a\nb", "nul\0", "del\u007f", "\u010d\u010a", "\ud800"}) {
            error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_USER_AGENT, bad));
        }
        assertEquals("agent", winHttp.queryOption(s, WINHTTP_OPTION_USER_AGENT), "unchanged");
        winHttp.setOption(s, WINHTTP_OPTION_USER_AGENT, "Latin-1 \u00e9 is fine");
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        assertEquals("Latin-1 \u00e9 is fine", exchange(request(c, "/ua", null)).value("User-Agent"));
    }

    @Test
    void aSessionOpenedWithoutAnAgentReportsAnEmptyOneAndSendsNone() {
        HInternet s = session(null);
        assertEquals("", winHttp.queryOption(s, WINHTTP_OPTION_USER_AGENT));
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        assertFalse(exchange(request(c, "/ua", null)).has("User-Agent"));
    }

    // ---- HTTP_VERSION ----------------------------------------------------------------------------------

    @Test
    void httpVersionIsTheVersionOfRequestsOpenedWithoutOne() {
        HInternet s = session("version");
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        HInternet before = request(c, "/v", null);
        assertEquals("HTTP/1.1", winHttp.queryOption(s, WINHTTP_OPTION_HTTP_VERSION));
        try {
            winHttp.setOption(s, WINHTTP_OPTION_HTTP_VERSION, "http/1.0");
            assertEquals("HTTP/1.0", winHttp.queryOption(s, WINHTTP_OPTION_HTTP_VERSION));
            assertEquals("HTTP/1.0", winHttp.queryOption(before, WINHTTP_OPTION_HTTP_VERSION), "process-wide: one value");

            HInternet r10 = request(c, "/v", null);
            assertEquals("GET /v HTTP/1.0", exchange(r10).requestLine);
            assertTrue(winHttp.queryHeaders(r10, WINHTTP_QUERY_RAW_HEADERS_CRLF | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0)
                    .startsWith("GET /v HTTP/1.0\r\n"));
            assertEquals("GET /v HTTP/1.1", exchange(request(c, "/v", "HTTP/1.1")).requestLine, "a version given wins");
            assertEquals("GET /v HTTP/1.1", exchange(before).requestLine, "opened before the change");

            HInternet other = session("another session");
            assertEquals("HTTP/1.0", winHttp.queryOption(other, WINHTTP_OPTION_HTTP_VERSION), "the engine's, not the session's");
        } finally {
            winHttp.setOption(s, WINHTTP_OPTION_HTTP_VERSION, "HTTP/1.1");
        }
        assertEquals("GET /v HTTP/1.1", exchange(request(c, "/v", "")).requestLine);
    }

    // ---- ENABLE_HTTP_PROTOCOL / HTTP_PROTOCOL_USED -----------------------------------------------------

    @Test
    void http2CanBeAskedForAndHttp11IsUsed() {
        HInternet s = session("h2");
        winHttp.setOption(s, WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, WINHTTP_PROTOCOL_FLAG_HTTP2 | WINHTTP_PROTOCOL_FLAG_HTTP3);
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        HInternet r = request(c, "/h2", null);
        winHttp.setOption(r, WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, WINHTTP_PROTOCOL_FLAG_HTTP2);
        assertEquals(0, winHttp.queryOption(r, WINHTTP_OPTION_HTTP_PROTOCOL_USED));
        WireHead head = exchange(r);
        assertEquals("GET /h2 HTTP/1.1", head.requestLine);
        assertEquals("HTTP/1.1", winHttp.queryHeaders(r, WINHTTP_QUERY_VERSION, null, 0));
        assertEquals(0, winHttp.queryOption(r, WINHTTP_OPTION_HTTP_PROTOCOL_USED), "0: HTTP/1.1 or earlier");
    }

    // ---- DISABLE_FEATURE ------------------------------------------------------------------------------

    @Test
    void disableFeatureBitsAddUp() {
        HInternet s = session("features");
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        HInternet plain = request(c, "/keep", null);
        assertEquals("Keep-Alive", exchange(plain).value("Connection"));
        HInternet r = request(c, "/keep", null);
        winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
        winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_COOKIES); // adds to KEEP_ALIVE, as in Wine
        assertNull(exchange(r).value("Connection"), "keep-alive is still disabled");
    }

    // ---- CALLBACK ---------------------------------------------------------------------------------------

    @Test
    void theCallbackOptionIsTheCallbackOfSetStatusCallback() {
        HInternet s = session("callback");
        TestProbe<Notification> first = kit.createTestProbe();
        TestProbe<Notification> second = kit.createTestProbe();
        StatusCallback one = ActorSubscriber.of(first.ref());
        StatusCallback two = ActorSubscriber.of(second.ref());
        assertNull(winHttp.queryOption(s, WINHTTP_OPTION_CALLBACK));
        winHttp.setStatusCallback(s, one, WINHTTP_CALLBACK_FLAG_HANDLES);
        assertSame(one, winHttp.queryOption(s, WINHTTP_OPTION_CALLBACK));

        winHttp.setOption(s, WINHTTP_OPTION_CALLBACK, two);
        assertSame(two, winHttp.queryOption(s, WINHTTP_OPTION_CALLBACK));
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        Notification n = second.receiveMessage(Duration.ofSeconds(5));
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, n.status(), "setStatusCallback's mask is kept");
        assertSame(c, n.handle());
        assertSame(two, winHttp.queryOption(c, WINHTTP_OPTION_CALLBACK), "inherited by the connect");
        first.expectNoMessage(Duration.ofMillis(100));

        winHttp.setOption(s, WINHTTP_OPTION_CALLBACK, null);
        assertNull(winHttp.setStatusCallback(s, one, WINHTTP_CALLBACK_FLAG_HANDLES), "setStatusCallback sees the change");
        winHttp.setStatusCallback(s, null, 0);
    }

    // ---- MAX_CONNS_PER_SERVER ---------------------------------------------------------------------------

    @Test
    void zeroConnectionsPerServerMeansTwo() {
        HInternet s = session("conns");
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 0);
        assertEquals(2, winHttp.queryOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER));
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, WINHTTP_CONNS_PER_SERVER_UNLIMITED);
        assertEquals(-1, winHttp.queryOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER));
    }

    // ---- accepted and ignored ---------------------------------------------------------------------------

    @Test
    void ignoredOptionsAreKeptAndChangeNothingOnTheWire() {
        HInternet s = session("ignored");
        HInternet c = keep(winHttp.connect(s, raw.host(), raw.port()));
        WireHead plain = exchange(request(c, "/ignored", null));

        winHttp.setOption(s, WINHTTP_OPTION_CONNECT_RETRIES, 1);
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER, 1);
        winHttp.setOption(s, WINHTTP_OPTION_ASSURED_NON_BLOCKING_CALLBACKS, true);
        winHttp.setOption(s, WINHTTP_OPTION_IPV6_FAST_FALLBACK, 1); // a DWORD is taken as BOOL
        winHttp.setOption(s, WINHTTP_OPTION_TCP_FAST_OPEN, true);
        winHttp.setOption(s, WINHTTP_OPTION_TLS_FALSE_START, true);
        winHttp.setOption(s, WINHTTP_OPTION_HTTP2_KEEPALIVE, 5_000);
        HInternet r = request(c, "/ignored", null);
        winHttp.setOption(r, WINHTTP_OPTION_REQUEST_PRIORITY, 7);
        winHttp.setOption(r, WINHTTP_OPTION_READ_BUFFER_SIZE, 1);
        winHttp.setOption(r, WINHTTP_OPTION_WRITE_BUFFER_SIZE, 1);
        winHttp.setOption(r, WINHTTP_OPTION_TCP_PRIORITY_HINT, 2);
        winHttp.setOption(r, WINHTTP_OPTION_REQUEST_ANNOTATION, "trace me");
        winHttp.setOption(r, WINHTTP_OPTION_FIRST_AVAILABLE_CONNECTION, true);
        assertEquals(1, winHttp.queryOption(r, WINHTTP_OPTION_CONNECT_RETRIES), "copied from the session");
        assertEquals(7, winHttp.queryOption(r, WINHTTP_OPTION_REQUEST_PRIORITY));
        assertEquals(1, winHttp.queryOption(r, WINHTTP_OPTION_READ_BUFFER_SIZE));
        assertEquals(1, winHttp.queryOption(s, WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER));

        WireHead head = exchange(r);
        assertEquals(plain.requestLine, head.requestLine);
        assertEquals(plain.namesLowerCase(), head.namesLowerCase());
        assertEquals(200, (int) winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
    }

    private static void error(WinHttpError expected, Executable call) {
        WinHttpException e = assertThrows(WinHttpException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
