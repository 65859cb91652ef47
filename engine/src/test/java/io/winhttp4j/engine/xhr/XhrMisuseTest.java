package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static io.winhttp4j.engine.xhr.XmlHttpRequestExceptionCheck.assertHResult;
import static io.winhttp4j.xhr.HResult.*;
import static io.winhttp4j.xhr.XhrProperty.*;
import static org.junit.jupiter.api.Assertions.*;

/** The HRESULTs of calls made at the wrong time or with bad arguments; none of them starts a request. */
class XhrMisuseTest extends EngineTestBase {

    private XmlHttpRequest2 opened(Recorder r) {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        xhr.open("GET", server.url("/hello"), r, null, null, null, null);
        return xhr;
    }

    @Test
    void beforeOpenOnlyOpenAndAbortWork() {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        assertHResult(E_UNEXPECTED, () -> xhr.send(null, 0));
        assertHResult(E_UNEXPECTED, () -> xhr.setRequestHeader("A", "b"));
        assertHResult(E_UNEXPECTED, () -> xhr.setProperty(XHR_PROP_TIMEOUT, 1000));
        assertHResult(E_UNEXPECTED, () -> xhr.setCustomResponseStream(new ByteArrayOutputStream()));
        assertHResult(E_PENDING, () -> xhr.getResponseHeader("Date"));
        assertHResult(E_PENDING, xhr::getAllResponseHeaders);
        xhr.abort(); // nothing to abort: no error, no callback
    }

    @Test
    void afterSendTheRequestCannotChangeAndASecondSendIsUnexpected() throws Exception {
        Recorder r = new Recorder();
        XmlHttpRequest2 xhr = opened(r);
        assertHResult(E_PENDING, xhr::getAllResponseHeaders); // opened, not sent
        xhr.send(null, 0);
        assertHResult(E_UNEXPECTED, () -> xhr.send(null, 0));
        assertHResult(E_UNEXPECTED, () -> xhr.setRequestHeader("A", "b"));
        assertHResult(E_UNEXPECTED, () -> xhr.setProperty(XHR_PROP_TIMEOUT, 1000));
        assertHResult(E_UNEXPECTED, () -> xhr.setCustomResponseStream(new ByteArrayOutputStream()));
        r.await();
        assertEquals("received", r.last());
        assertHResult(E_UNEXPECTED, () -> xhr.send(null, 0)); // after the end too: open() first
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData());
    }

    @Test
    void openWhileARequestRunsIsUnexpectedAndLeavesItAlone() throws Exception {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            Recorder r = new Recorder();
            XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
            xhr.open("GET", raw.url("/"), r, null, null, null, null);
            xhr.send(null, 0);
            XhrEndingTest.waitUntil(() -> raw.receivedHeads().size() == 1, "the request reached the server");
            assertHResult(E_UNEXPECTED, () -> xhr.open("GET", server.url("/hello"), new Recorder(), null, null, null, null));
            assertHResult(E_PENDING, xhr::getAllResponseHeaders);
            xhr.abort();
            r.await();
            assertEquals(List.of(XhrEndingTest.ABORTED), r.events);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/relative", "hello", "ftp://127.0.0.1/", "http://", "http:///path", "http://127.0.0.1:99999/",
            "http://bad host/", "mailto:a@b", "http://127.0.0.1/\r\nX: y"})
    void openRefusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        assertHResult(E_INVALIDARG, () -> xhr.open("GET", url, new Recorder(), null, null, null, null));
        assertHResult(E_UNEXPECTED, () -> xhr.send(null, 0)); // a failed open leaves the XHR unopened
    }

    @Test
    void openRefusesMissingArgumentsAndMethodsThatAreNotTokens() {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        String url = server.url("/hello");
        Recorder r = new Recorder();
        assertHResult(E_INVALIDARG, () -> xhr.open(null, url, r, null, null, null, null));
        assertHResult(E_INVALIDARG, () -> xhr.open("", url, r, null, null, null, null));
        assertHResult(E_INVALIDARG, () -> xhr.open("GE T", url, r, null, null, null, null));
        assertHResult(E_INVALIDARG, () -> xhr.open("GET\r\n", url, r, null, null, null, null));
        assertHResult(E_INVALIDARG, () -> xhr.open("GET", null, r, null, null, null, null));
        assertHResult(E_INVALIDARG, () -> xhr.open("GET", url, null, null, null, null, null));
        xhr.open("M-SEARCH", url, r, null, null, null, null); // any token is a method
    }

    @Test
    void setRequestHeaderRefusesWhatWouldBreakTheLine() {
        XmlHttpRequest2 xhr = opened(new Recorder());
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader(null, "v"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("", "v"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A:B", "v"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A\rB", "v"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A\nB", "v"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A", "v\r\nInjected: 1"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A", "v\n"));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A", null));
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A B", "v")); // the engine: not a token
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("A", "\u0100")); // the engine: no Latin-1 byte
        xhr.setRequestHeader("A", ""); // an empty value is a value
    }

    @Test
    void refusedHeadersAreNotSent() throws Exception {
        Recorder r = new Recorder();
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        xhr.open("GET", server.url("/headers"), r, null, null, null, null);
        assertHResult(E_INVALIDARG, () -> xhr.setRequestHeader("X-Evil", "1\r\nX-Injected: 2"));
        xhr.setRequestHeader("X-Good", "1");
        xhr.send(null, 0);
        String seen = r.await().bodyText();
        assertTrue(seen.contains("X-Good: 1") && !seen.contains("X-Evil") && !seen.contains("X-Injected"), seen);
    }

    @Test
    void setPropertyRefusesUnknownIdsAndValuesOutsideTheirRange() {
        XmlHttpRequest2 xhr = opened(new Recorder());
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(0xC, 0));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(-1, 0));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_NO_CRED_PROMPT, 3));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_NO_AUTH, 3));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_TIMEOUT, 0x1_0000_0000L));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_TIMEOUT, -1));
        for (int bool : new int[] {XHR_PROP_NO_DEFAULT_HEADERS, XHR_PROP_REPORT_REDIRECT_STATUS, XHR_PROP_NO_CACHE,
                XHR_PROP_EXTENDED_ERROR, XHR_PROP_QUERY_STRING_UTF8}) {
            assertHResult(E_INVALIDARG, () -> xhr.setProperty(bool, 2));
            xhr.setProperty(bool, 1);
            xhr.setProperty(bool, 0);
        }
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_IGNORE_CERT_ERRORS, XHR_CERT_ERROR_UNKNOWN_CA));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_MAX_CONNECTIONS, 0));
        assertHResult(E_INVALIDARG, () -> xhr.setProperty(XHR_PROP_MAX_CONNECTIONS, 0x1_0000_0000L));
        // the whole range of each of the others is taken
        xhr.setProperty(XHR_PROP_NO_CRED_PROMPT, XHR_CRED_PROMPT_PROXY);
        xhr.setProperty(XHR_PROP_NO_AUTH, XHR_AUTH_PROXY);
        xhr.setProperty(XHR_PROP_TIMEOUT, 0xFFFF_FFFFL);
        xhr.setProperty(XHR_PROP_IGNORE_CERT_ERRORS, XHR_CERT_IGNORE_ALL_SERVER_ERRORS);
        xhr.setProperty(XHR_PROP_ONDATA_THRESHOLD, XHR_PROP_ONDATA_NEVER);
        xhr.setProperty(XHR_PROP_SET_ENTERPRISEID, -1);
        xhr.setProperty(XHR_PROP_MAX_CONNECTIONS, 0xFFFF_FFFFL);
    }

    @Test
    void sendRefusesLengthsWinHttpCannotCarry() {
        XmlHttpRequest2 xhr = opened(new Recorder());
        assertHResult(E_INVALIDARG, () -> xhr.send(null, -1));
        assertHResult(E_INVALIDARG, () -> xhr.send(new PatternStream(10), 0x1_0000_0000L));
        assertHResult(E_INVALIDARG, () -> xhr.setCustomResponseStream(null));
    }
}
