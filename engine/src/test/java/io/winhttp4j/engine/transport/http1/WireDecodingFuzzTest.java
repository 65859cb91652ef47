package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.ActorSubscriber;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The decoder's fuzz cases through the whole engine, on real TCP segments: random well-formed
 * responses (every tolerance, interim heads, chunk extensions, trailers, bytes after the
 * response) written by a raw server in random pieces, some with a pause between them so that they
 * arrive as separate reads, and the same responses cut short. Every request ends with the
 * response as generated or a WinHttpError for where it was cut, never a hang, a stray exception
 * or another request's bytes: the cases share the pool, so a connection reused wrongly shows.
 * Each case has its own seed, shown on failure.
 */
class WireDecodingFuzzTest extends EngineTestBase {
    static final long BASE_SEED = 0x8_0000L;
    static final Map<Integer, Case> CASES = new ConcurrentHashMap<>();
    static RawServer raw;
    static HInternet session;
    static HInternet connect;
    static TestProbe<Notification> probe;

    /** What the server sends for one request: the bytes, where to cut them, whether to close after. */
    record Case(long seed, byte[] wire, boolean close) {}

    @BeforeAll
    static void startRaw() {
        raw = rawServer(WireDecodingFuzzTest::serve);
        probe = kit.createTestProbe();
        session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setTimeouts(session, 0, 5000, 5000, 5000);
        winHttp.setStatusCallback(session, ActorSubscriber.of(probe.ref()),
                WINHTTP_CALLBACK_FLAG_INTERMEDIATE_RESPONSE | WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE | WINHTTP_CALLBACK_FLAG_HANDLES);
        connect = winHttp.connect(session, raw.host(), raw.port());
        assertSame(connect, next().handle(), "the connect's HANDLE_CREATED");
    }

    @AfterAll
    static void closeSession() {
        winHttp.closeHandle(connect);
        winHttp.closeHandle(session);
    }

    /** Answers "/N" with case N's bytes in random pieces; the last piece holds the response's end and all after it. */
    static void serve(RawConnection c) throws Exception {
        String head;
        while ((head = c.readRequestHead()) != null) {
            Case k = CASES.get(Integer.parseInt(RawConnection.requestLine(head).split(" ")[1].substring(1)));
            Random r = new Random(k.seed() ^ 0x5EED);
            byte[] b = k.wire();
            Set<Integer> cuts = new TreeSet<>();
            for (int n = r.nextInt(12); n > 0 && b.length > 2; n--) cuts.add(1 + r.nextInt(b.length - 1));
            int at = 0;
            for (int cut : cuts) {
                c.write(java.util.Arrays.copyOfRange(b, at, cut));
                if (r.nextInt(3) == 0) Thread.sleep(1); // a separate read, most likely
                at = cut;
            }
            c.write(java.util.Arrays.copyOfRange(b, at, b.length));
            if (k.close()) return;
        }
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * What the engine made of one case: the interim codes and RESPONSE_RECEIVED's count, the
     * status, reason and raw block (null when no head came), the body read, the error where it
     * stopped.
     */
    record Outcome(List<Integer> interims, long headBytes, Integer status, String reason, String block, String body,
                   WinHttpError error) {}

    /** Sends /id, reads what comes to its end or its error, closes the request and collects its notifications. */
    static Outcome request(int id, String verb, boolean keepAlive) {
        HInternet r = winHttp.openRequest(connect, verb, "/" + id, null, null, null, 0);
        if (!keepAlive) winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
        Integer status = null;
        String reason = null;
        String block = null;
        StringBuilder body = new StringBuilder();
        WinHttpError error = null;
        try {
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            status = (int) winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0);
            reason = winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_TEXT, null, 0);
            block = winHttp.queryHeaders(r, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0);
            byte[] buf = new byte[1024];
            for (int n; (n = winHttp.readData(r, buf, 0, buf.length)) > 0; ) body.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        } catch (WinHttpException e) {
            error = e.error();
        }
        winHttp.closeHandle(r);
        List<Integer> interims = new ArrayList<>();
        long headBytes = -1;
        for (Notification n = next(); n.status() != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING; n = next()) {
            assertSame(r, n.handle(), n.toString());
            if (n.status() == WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE) interims.add(((StatusInfo.StatusCode) n.info()).code());
            if (n.status() == WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED) headBytes = ((StatusInfo.ByteCount) n.info()).bytes();
        }
        return new Outcome(interims, headBytes, status, reason, block, body.toString(), error);
    }

    static Notification next() {
        return probe.expectMessageClass(Notification.class, Duration.ofSeconds(10));
    }

    /** The block RAW_HEADERS_CRLF reports: the status line rebuilt, the headers as parsed. */
    static String block(RandomResponses.Sample s) {
        StringBuilder sb = new StringBuilder(s.statusLine().substring(0, 8)).append(' ').append(s.status());
        if (!s.reason().isEmpty()) sb.append(' ').append(s.reason());
        sb.append("\r\n");
        for (var h : s.headers()) sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        return sb.append("\r\n").toString();
    }

    @Test
    void wellFormedResponsesInRandomSegmentsComeOutAsGenerated() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int c = 0; c < 120; c++) {
                long seed = BASE_SEED + c;
                RandomResponses.Sample s = RandomResponses.next(new Random(seed));
                CASES.put(c, new Case(seed, latin1(s.wire()), s.needsEof()));
                String at = "seed " + seed + ":\n" + s.wire();
                Outcome o = request(c, s.verb(), true);
                assertNull(o.error(), at);
                assertEquals(s.interims(), o.interims(), at);
                assertEquals(s.headEnd() - s.headStart(), o.headBytes(), "RESPONSE_RECEIVED, " + at);
                assertEquals(s.status(), o.status(), at);
                assertEquals(s.reason(), o.reason(), at);
                assertEquals(block(s), o.block(), at);
                boolean bodiless = s.framing() == Framing.Kind.NONE || s.framing() == Framing.Kind.TUNNEL;
                assertEquals(bodiless ? "" : s.body(), o.body(), at);
            }
        });
    }

    /** The same responses cut short, then FIN: the error says where the cut was, after the body bytes that came. */
    @Test
    void truncatedResponsesFailByWhereTheyWereCut() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int c = 0; c < 120; c++) {
                long seed = BASE_SEED + 100_000 + c;
                Random r = new Random(seed);
                RandomResponses.Sample s = RandomResponses.next(r);
                int cut = r.nextInt(s.end() + 1);
                int id = 1000 + c;
                CASES.put(id, new Case(seed, latin1(s.wire().substring(0, cut)), true));
                String at = "seed " + seed + " cut at " + cut + ":\n" + s.wire();
                // not pooled: the server closes each connection, and a dead pooled one is another test's subject
                Outcome o = request(id, s.verb(), false);
                boolean bodiless = s.framing() == Framing.Kind.NONE || s.framing() == Framing.Kind.TUNNEL;
                assertTrue(s.body().startsWith(o.body()), "only body bytes, in order: " + at);
                if (cut == 0) {
                    assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, o.error(), at);
                } else if (cut < s.headEnd()) {
                    assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, o.error(), at);
                } else if (cut < s.end() && s.framing() != Framing.Kind.UNTIL_CLOSE && !bodiless) {
                    assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, o.error(), at);
                } else {
                    assertNull(o.error(), at);
                    String expected = bodiless ? "" : s.framing() == Framing.Kind.UNTIL_CLOSE
                            ? s.body().substring(0, cut - s.headEnd()) : s.body();
                    assertEquals(expected, o.body(), at);
                }
            }
        });
    }
}
