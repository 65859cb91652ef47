package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The request as it goes on the wire (issue 8, "The connection"), byte for byte as the raw
 * server read it: the head rendered from the engine's model (verb, target as escaped, version,
 * every header in the model's order with its value as given, ISO-8859-1 bytes included, CRLF
 * framing), the optional data right after it, the body's rest from writeData (as given, framed
 * per write with AUTOMATIC_CHUNKING, passed through when the application frames its chunks), and
 * REQUEST_SENT counting exactly the head and the optional data.
 */
class WireExchangeTest extends EngineTestBase {
    static final int REQ = WINHTTP_QUERY_FLAG_REQUEST_HEADERS;

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A synchronous session with every notification going to the probe. */
    static HInternet session(String agent, TestProbe<Notification> probe) {
        HInternet s = winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        return s;
    }

    /** REQUEST_SENT's byte count for r (there is exactly one). */
    static long requestSent(TestProbe<Notification> probe, HInternet r) {
        List<Notification> seen = ConnectionReuseTest.until(probe, r, WINHTTP_CALLBACK_STATUS_REQUEST_SENT, new ArrayList<>());
        return ((StatusInfo.ByteCount) seen.get(seen.size() - 1).info()).bytes();
    }

    /** The request side of the model as RAW_HEADERS_CRLF reports it: what the wire must carry. */
    static String model(HInternet r) {
        return winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF | REQ, null, 0);
    }

    @Test
    void headAndOptionalDataGoOutExactlyAsTheModelHoldsThem() throws Exception {
        byte[] optional = latin1("name=caf\u00e9&nul=\u0000&ff=\u00ff");
        WireCapture capture = new WireCapture(optional.length);
        try (RawServer raw = RawServer.start(capture)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session("agent/1.0 (wire)", probe);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "POST", "/p%41th/a b?q=%zz x", null, null, null, 0);
            winHttp.addRequestHeaders(r, "X-First: 1\r\nX-Latin: caf\u00e9 \u0080\u00a0\u00ff\r\nx-MiXed-case:   a  b\t c  ",
                    WINHTTP_ADDREQ_FLAG_ADD);
            winHttp.sendRequest(r, "X-Last: z", optional, optional.length, 0);
            long sent = requestSent(probe, r);
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));

            WireCapture.Arrival a = capture.arrival();
            String expected = "POST /p%41th/a%20b?q=%zz%20x HTTP/1.1\r\n"
                    + "X-First: 1\r\n"
                    + "X-Latin: caf\u00e9 \u0080\u00a0\u00ff\r\n"
                    + "x-MiXed-case: a  b\t c  \r\n"
                    + "User-Agent: agent/1.0 (wire)\r\n"
                    + "Host: 127.0.0.1:" + raw.port() + "\r\n"
                    + "Content-Length: " + optional.length + "\r\n"
                    + "Connection: Keep-Alive\r\n"
                    + "X-Last: z\r\n"
                    + "\r\n";
            assertEquals(WireHead.shown(expected), WireHead.shown(a.head()), "the head, byte for byte");
            assertEquals(expected, model(r), "the wire carries the model, nothing re-rendered");
            assertArrayEquals(optional, a.body(), "the optional data right after the head");
            assertEquals(a.head().length() + optional.length, sent, "REQUEST_SENT: head and optional data exactly");
            winHttp.closeHandle(s);
            winHttp.closeIdleConnections();
            capture.assertClosedCleanly(a.connection());
        }
    }

    @Test
    void anyVerbAndHttp10GoOutAsGivenAndABodilessHeadCountsAlone() throws Exception {
        WireCapture capture = new WireCapture(0);
        try (RawServer raw = RawServer.start(capture)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session(null, probe);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "PROPFIND", "/dav/x y", "http/1.0", null,
                    new String[] {"text/xml", "*/*"}, 0);
            winHttp.sendRequest(r, "Depth: 1", null, 0, 0);
            long sent = requestSent(probe, r);
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));

            WireCapture.Arrival a = capture.arrival();
            String expected = "PROPFIND /dav/x%20y HTTP/1.0\r\n"
                    + "Accept: text/xml, */*\r\n"
                    + "Host: 127.0.0.1:" + raw.port() + "\r\n"
                    + "Connection: Keep-Alive\r\n"
                    + "Depth: 1\r\n"
                    + "\r\n";
            assertEquals(WireHead.shown(expected), WireHead.shown(a.head()));
            assertEquals(expected, model(r));
            assertEquals(a.head().length(), sent, "REQUEST_SENT: the head alone");
            winHttp.closeHandle(s);
            winHttp.closeIdleConnections();
            capture.assertClosedCleanly(a.connection());
        }
    }

    /** writeData's bytes follow the optional data as given; REQUEST_SENT counts only what sendRequest sent. */
    @Test
    void writeDataFollowsTheOptionalDataAndIsNotCountedInRequestSent() throws Exception {
        WireCapture capture = new WireCapture(10);
        try (RawServer raw = RawServer.start(capture)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session(null, probe);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "PUT", "/w", null, null, null, 0);
            winHttp.sendRequest(r, null, latin1("abcd"), 10, 0);
            long sent = requestSent(probe, r);
            assertEquals(2, winHttp.writeData(r, latin1("ef"), 0, 2));
            assertEquals(4, winHttp.writeData(r, latin1("xghijx"), 1, 4));
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));

            WireCapture.Arrival a = capture.arrival();
            assertEquals("abcdefghij", a.bodyText());
            assertEquals("10", WireHead.of(a.head()).value("Content-Length"));
            assertEquals(a.head().length() + 4, sent, "REQUEST_SENT: the head and the 4 optional bytes");
            winHttp.closeHandle(s);
            winHttp.closeIdleConnections();
            capture.assertClosedCleanly(a.connection());
        }
    }

    /** AUTOMATIC_CHUNKING: each write is "size CRLF data CRLF" (size in hex), the zero-length write "0 CRLF CRLF". */
    @Test
    void automaticChunkingFramesEachWriteExactly() throws Exception {
        int[] sizes = {700, 1, 0x1000, 70_000, 15};
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<byte[]> writes = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            byte[] w = new byte[sizes[k]];
            for (int i = 0; i < w.length; i++) w[i] = (byte) (i * 7 + k);
            writes.add(w);
            expected.write(latin1(Integer.toHexString(w.length) + "\r\n"));
            expected.write(w);
            expected.write(latin1("\r\n"));
        }
        expected.write(latin1("0\r\n\r\n"));
        WireCapture capture = new WireCapture(expected.size());
        try (RawServer raw = RawServer.start(capture)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session(null, probe);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "PUT", "/auto", null, null, null, WINHTTP_FLAG_AUTOMATIC_CHUNKING);
            winHttp.sendRequest(r, null, null, WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, 0);
            long sent = requestSent(probe, r);
            for (byte[] w : writes) assertEquals(w.length, winHttp.writeData(r, w, 0, w.length));
            assertEquals(0, winHttp.writeData(r, null, 0, 0));
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));

            WireCapture.Arrival a = capture.arrival();
            WireHead head = WireHead.of(a.head());
            assertEquals("chunked", head.value("Transfer-Encoding"));
            assertFalse(head.has("Content-Length"));
            assertArrayEquals(expected.toByteArray(), a.body(), "one chunk per write, then the last chunk");
            assertEquals(a.head().length(), sent, "REQUEST_SENT: the head alone");
            winHttp.closeHandle(s);
            winHttp.closeIdleConnections();
            capture.assertClosedCleanly(a.connection());
        }
    }

    /** The application's own chunk framing, split anywhere across writes, goes out byte for byte. */
    @Test
    void callerFramedChunksGoOutAsWritten() throws Exception {
        String[] writes = {"5\r\nhel", "lo\r\n7;ext=\"a b\"\r\n, wo", "rld\r\nA\r\n0123456789\r\n0\r", "\nTrailer-X: t\r\n\r\n"};
        String framed = String.join("", writes);
        WireCapture capture = new WireCapture(framed.length());
        try (RawServer raw = RawServer.start(capture)) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session(null, probe);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "POST", "/framed", null, null, null, 0);
            winHttp.sendRequest(r, "Transfer-Encoding: chunked", null, 0, 0);
            long sent = requestSent(probe, r);
            for (String w : writes) assertEquals(w.length(), winHttp.writeData(r, latin1(w), 0, w.length()));
            winHttp.receiveResponse(r);
            assertEquals("ok", readAll(r));

            WireCapture.Arrival a = capture.arrival();
            assertEquals("chunked", WireHead.of(a.head()).value("Transfer-Encoding"));
            assertFalse(WireHead.of(a.head()).has("Content-Length"));
            assertEquals(WireHead.shown(framed), WireHead.shown(a.bodyText()));
            assertEquals(a.head().length(), sent);
            winHttp.closeHandle(s);
            winHttp.closeIdleConnections();
            capture.assertClosedCleanly(a.connection());
        }
    }
}
