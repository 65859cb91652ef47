package io.winhttp4j.engine.xhr;

import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The XHR's callback sequences against a local Pekko HTTP server: GET, POST from a stream, 4xx/5xx. */
class XhrTest extends EngineTestBase {

    static Recorder run(XmlHttpRequest2 xhr, String method, String url, InputStream body, long length) throws Exception {
        Recorder r = new Recorder();
        xhr.open(method, url, r, null, null, null, null);
        xhr.send(body, length);
        return r.await();
    }

    @Test
    void getDeliversHeadersDataAndTheEnd() throws Exception {
        XmlHttpRequest2 xhr = winHttp.createXmlHttpRequest2();
        Recorder r = run(xhr, "GET", server.url("/hello"), null, 0);
        r.assertClean();
        assertEquals(List.of("headers 200 OK", "received"), r.withoutData(), r.events.toString());
        assertEquals(LocalHttpServer.HELLO_BODY, r.bodyText());
        assertEquals("14", xhr.getResponseHeader("content-length"));
        assertTrue(xhr.getAllResponseHeaders().contains("Content-Length: 14\r\n"), xhr.getAllResponseHeaders());
        assertFalse(r.threads.contains(Thread.currentThread().getName()));
    }

    @Test
    void status404IsAResponse() throws Exception {
        Recorder r = run(winHttp.createXmlHttpRequest2(), "GET", server.url("/nope"), null, 0);
        r.assertClean();
        assertEquals(List.of("headers 404 Not Found", "received"), r.withoutData());
        assertEquals("no route for /nope", r.bodyText());
        assertEquals(HResult.S_OK, 0);
    }
}
