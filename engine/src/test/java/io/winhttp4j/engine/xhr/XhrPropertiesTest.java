package io.winhttp4j.engine.xhr;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.xhr.XhrProperty.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What each XHR_PROP_* becomes on the WinHTTP handles (seen through {@link Recording}, which
 * passes every call on to the real engine), and that the handles the XHR opens are all closed.
 */
class XhrPropertiesTest extends EngineTestBase {
    Recording recording;

    @BeforeEach
    void fresh() {
        recording = new Recording(winHttp);
    }

    Recorder run(String url, int[] properties, long[] values) throws Exception {
        XmlHttpRequest2 xhr = Xhr.create(recording.winHttp);
        Recorder r = new Recorder();
        xhr.open("GET", url, r, null, null, null, null);
        for (int i = 0; i < properties.length; i++) xhr.setProperty(properties[i], values[i]);
        xhr.send(null, 0);
        return r.await();
    }

    List<Object> timeouts() {
        List<Recording.Call> calls = recording.named("setTimeouts");
        assertEquals(1, calls.size(), calls.toString());
        return calls.get(0).args();
    }

    @Test
    void timeoutSetsEveryWinHttpTimeoutOfTheRequest() throws Exception {
        run(server.url("/hello"), new int[] {XHR_PROP_TIMEOUT}, new long[] {1234});
        assertEquals(List.of(1234, 1234, 1234, 1234), timeouts().subList(1, 5));
        assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, ((HInternet) timeouts().get(0)).handleType());

        fresh();
        run(server.url("/hello"), new int[] {XHR_PROP_TIMEOUT}, new long[] {0});
        assertEquals(List.of(0, 0, 0, 0), timeouts().subList(1, 5), "0: no limit, for the XHR and for WinHTTP");

        fresh();
        run(server.url("/hello"), new int[] {XHR_PROP_TIMEOUT}, new long[] {0xFFFF_FFFFL});
        assertEquals(List.of(-1, -1, -1, -1), timeouts().subList(1, 5), "past an int: WinHTTP's no-limit value");

        fresh();
        run(server.url("/hello"), new int[0], new long[0]);
        assertTrue(recording.named("setTimeouts").isEmpty(), "unset: the engine's defaults");
    }

    @Test
    void ignoreCertErrorsBecomesSecurityFlags() throws Exception {
        Recorder r = run(server.url("/hello"), new int[] {XHR_PROP_IGNORE_CERT_ERRORS}, new long[] {XHR_CERT_IGNORE_ALL_SERVER_ERRORS});
        assertEquals("received", r.last(), "the request goes on whether or not the engine stores the flags yet");
        assertEquals(List.of(SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_CN_INVALID | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID),
                recording.optionValues(WINHTTP_OPTION_SECURITY_FLAGS));

        fresh();
        run(server.url("/hello"), new int[] {XHR_PROP_IGNORE_CERT_ERRORS}, new long[] {XHR_CERT_IGNORE_REVOCATION_FAILED});
        assertTrue(recording.optionValues(WINHTTP_OPTION_SECURITY_FLAGS).isEmpty(), "no WinHTTP counterpart: nothing to set");
    }

    @Test
    void maxConnectionsGoesToTheSession() throws Exception {
        run(server.url("/hello"), new int[] {XHR_PROP_MAX_CONNECTIONS}, new long[] {3});
        List<Recording.Call> set = recording.named("setOption");
        assertEquals(1, set.size(), set.toString());
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, ((HInternet) set.get(0).arg(0)).handleType());
        assertEquals(WINHTTP_OPTION_MAX_CONNS_PER_SERVER, set.get(0).arg(1));
        assertEquals(3L, ((Number) set.get(0).arg(2)).longValue());
    }

    @Test
    void redirectAndAuthPropertiesBecomeDisableFeatureBits() throws Exception {
        run(server.url("/hello"), new int[] {XHR_PROP_NO_AUTH, XHR_PROP_REPORT_REDIRECT_STATUS}, new long[] {XHR_AUTH_NONE, 1});
        assertEquals(List.of(WINHTTP_DISABLE_AUTHENTICATION | WINHTTP_DISABLE_REDIRECTS),
                recording.optionValues(WINHTTP_OPTION_DISABLE_FEATURE));
        fresh();
        run(server.url("/hello"), new int[] {XHR_PROP_NO_AUTH, XHR_PROP_REPORT_REDIRECT_STATUS}, new long[] {XHR_AUTH_PROXY, 0});
        assertTrue(recording.optionValues(WINHTTP_OPTION_DISABLE_FEATURE).isEmpty());
    }

    /** NO_CRED_PROMPT, NO_CACHE, EXTENDED_ERROR, QUERY_STRING_UTF8, SET_ENTERPRISEID: taken, the request the same. */
    @Test
    void propertiesWithoutAnEffectHereChangeNothingOnTheWire() throws Exception {
        String url = "/q?name=\u00e9t\u00e9";
        String plain;
        String withAll;
        try (RawServer raw = RawServer.start(Scripts.reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))) {
            run(raw.url(url), new int[0], new long[0]);
            run(raw.url(url), new int[] {XHR_PROP_NO_CRED_PROMPT, XHR_PROP_NO_CACHE, XHR_PROP_EXTENDED_ERROR,
                    XHR_PROP_QUERY_STRING_UTF8, XHR_PROP_SET_ENTERPRISEID}, new long[] {XHR_CRED_PROMPT_NONE, 1, 1, 1, 42});
            plain = raw.receivedHeads().get(0);
            withAll = raw.receivedHeads().get(1);
        }
        assertEquals(plain, withAll);
        assertTrue(plain.startsWith("GET /q?name=%C3%A9t%C3%A9 HTTP/1.1\r\n"), "the query goes out as UTF-8: " + plain);
        assertTrue(recording.named("setOption").isEmpty(), recording.calls.toString());
    }

    @Test
    void everyHandleIsClosedWhenTheRequestEndsWhateverTheEnd() throws Exception {
        run(server.url("/hello"), new int[0], new long[0]);
        assertTrue(recording.open.isEmpty(), "after a response: " + recording.open);
        run("http://127.0.0.1:" + XhrEndingTest.closedPort() + "/", new int[0], new long[0]);
        assertTrue(recording.open.isEmpty(), "after an error: " + recording.open);
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            XmlHttpRequest2 xhr = Xhr.create(recording.winHttp);
            Recorder r = new Recorder();
            xhr.open("GET", raw.url("/"), r, null, null, null, null);
            xhr.send(null, 0);
            XhrEndingTest.waitUntil(() -> raw.receivedHeads().size() == 1, "the request reached the server");
            assertEquals(3, recording.open.size(), "session, connect, request");
            xhr.abort();
            r.await();
            assertTrue(recording.open.isEmpty(), "after abort: " + recording.open);
        }
        assertEquals(9, recording.named("closeHandle").size(), "three per request, each once");
    }

    @Test
    void aSecondOpenClosesTheFirstOnesHandles() {
        XmlHttpRequest2 xhr = Xhr.create(recording.winHttp);
        xhr.open("GET", server.url("/hello"), new Recorder(), null, null, null, null);
        assertEquals(3, recording.open.size());
        xhr.open("GET", server.url("/hello"), new Recorder(), null, null, null, null);
        assertEquals(3, recording.open.size(), "the first three closed, three new ones");
        assertEquals(3, recording.named("closeHandle").size());
    }

    @Test
    void anXhrOpenedAndDroppedUnsentReleasesItsHandles() throws Exception {
        XmlHttpRequest2 xhr = Xhr.create(recording.winHttp);
        xhr.open("GET", server.url("/hello"), new Recorder(), null, null, null, null);
        assertEquals(3, recording.open.size());
        WeakReference<XmlHttpRequest2> gone = new WeakReference<>(xhr);
        xhr = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!recording.open.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(gone.get(), "collected");
        assertTrue(recording.open.isEmpty(), "the Cleaner closed " + recording.open);
    }
}
