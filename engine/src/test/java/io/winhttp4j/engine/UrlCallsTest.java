package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.junit.jupiter.api.Test;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/** crackUrl and createUrl through the engine (the rules themselves: engine.http.UrlsTest). */
class UrlCallsTest extends EngineTestBase {

    @Test
    void crackedPartsAreWhatConnectAndOpenRequestTake() {
        String url = server.url("/headers?x=1");
        UrlComponents parts = winHttp.crackUrl(url, 0);
        assertEquals(new UrlComponents(INTERNET_SCHEME_HTTP, server.host(), server.port(), null, null, "/headers", "?x=1"), parts);
        assertEquals(url, winHttp.createUrl(parts, 0));

        HInternet s = winHttp.open("urls", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, parts.hostName(), parts.port());
        HInternet r = winHttp.openRequest(c, "GET", parts.urlPath() + parts.extraInfo(), null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertTrue(server.requests().stream().anyMatch(q -> q.uri().endsWith("/headers?x=1")), server.requests().toString());
        winHttp.closeHandle(r);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    @Test
    void badArgumentsAreRefusedWithTheirErrors() {
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.crackUrl(null, 0));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.crackUrl("http://h/", 0x1));
        assertError(WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME, () -> winHttp.crackUrl("ftp://h/", 0));
        assertError(WinHttpError.ERROR_WINHTTP_INVALID_URL, () -> winHttp.crackUrl("http://h/\r\n", 0));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.createUrl(null, 0));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.createUrl(new UrlComponents(0, "h", 80, null, null, "/\r\n", null), 0));
        assertEquals("http://h/%0D%0A", winHttp.createUrl(new UrlComponents(0, "h", 80, null, null, "/\r\n", null), ICU_ESCAPE));
    }

    @Test
    void afterCloseBothAreShutdown() {
        WinHttpEngine doomed = WinHttpEngine.embedded(kit.system());
        assertEquals("h", doomed.crackUrl("http://h/", 0).hostName());
        doomed.close();
        UrlComponents parts = new UrlComponents(INTERNET_SCHEME_HTTP, "h", 80, null, null, "/", null);
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> doomed.crackUrl("http://h/", 0));
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> doomed.crackUrl(null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> doomed.createUrl(parts, 0));
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> doomed.createUrl(null, 0));
        assertEquals("http://h/", winHttp.createUrl(parts, 0), "the other engine is untouched");
    }
}
