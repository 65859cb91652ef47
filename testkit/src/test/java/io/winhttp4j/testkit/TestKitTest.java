package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.testkit.Step.anyNumber;
import static io.winhttp4j.testkit.Step.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension's parts through the public API: the server's routes, the probe in asynchronous mode. */
@ExtendWith(WinHttpTestKit.class)
class TestKitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theClassSharesOneEngineAndEachParameterGetsItsOwnProbe(WinHttp winHttp, ActorTestKit kit,
                                                               NotificationProbe a, NotificationProbe b) {
        assertNotSame(a.probe(), b.probe());
        assertSame(kit.system(), ((io.winhttp4j.engine.WinHttpEngine) winHttp).system(), "embedded in the test kit's system");
    }

    @Test
    void routesAnswerAndRequestsAreRecorded(WinHttp winHttp, TestServer server) throws Exception {
        server.route("/echo", r -> HttpResponse.create().withEntity(r.method() + " " + r.query() + " " + r.bodyText()));
        HInternet session = winHttp.open("kit", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet connect = winHttp.connect(session, server.host(), server.port());
        try {
            assertEquals("POST a=1 payload", exchange(winHttp, connect, "POST", "/echo?a=1", "payload"));
            TestServer.Request seen = server.takeRequest(WAIT);
            assertEquals("/echo", seen.path());
            assertEquals("payload", seen.bodyText());
            assertEquals("kit", seen.header("user-agent").orElse(""));
            assertTrue(seen.header("Content-Type").isPresent(), "the entity's header shows: " + seen.headers());

            assertTrue(exchange(winHttp, connect, "GET", "/nothing", null).startsWith("no route for /nothing"));
            assertEquals("/nothing", server.takeRequest(WAIT).path());

            server.reset();
            assertTrue(exchange(winHttp, connect, "POST", "/echo", "x").startsWith("no route"), "routes forgotten");
            assertEquals("/echo", server.takeRequest(WAIT).path());
            assertThrows(AssertionError.class, () -> server.takeRequest(Duration.ofMillis(200)), "one request, recorded once");
        } finally {
            winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
        }
    }

    private static String exchange(WinHttp winHttp, HInternet connect, String verb, String path, String body) {
        HInternet request = winHttp.openRequest(connect, verb, path, null, null, null, 0);
        try {
            byte[] data = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            winHttp.sendRequest(request, null, data, data == null ? 0 : data.length, 0);
            winHttp.receiveResponse(request);
            byte[] buffer = new byte[4096];
            StringBuilder sb = new StringBuilder();
            int n;
            while ((n = winHttp.readData(request, buffer, 0, buffer.length)) > 0) {
                sb.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            return sb.toString();
        } finally {
            winHttp.closeHandle(request);
        }
    }

    @Test
    void theProbeFollowsAnAsynchronousRequest(WinHttp winHttp, TestServer server, NotificationProbe probe) {
        server.respond("/async", 200, "done");
        HInternet session = winHttp.open("kit", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(session, probe.callback(),
                WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
        HInternet connect = winHttp.connect(session, server.host(), server.port());
        HInternet request = winHttp.openRequest(connect, "GET", "/async", null, null, null, 0);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, probe.expect(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED).status());
        probe.expect(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        winHttp.sendRequest(request, null, null, 0, 0);
        probe.expect(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(request);
        probe.expect(WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        byte[] buffer = new byte[64];
        winHttp.readData(request, buffer, 0, buffer.length);
        Notification read = probe.expect(WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
        assertEquals(4, ((StatusInfo.ReadComplete) read.info()).bytesRead());
        winHttp.readData(request, buffer, 0, buffer.length);
        winHttp.closeHandle(request);
        List<Notification> rest = probe.expectSequenceUntilClosed(request, Sequence.of(
                one(WINHTTP_CALLBACK_STATUS_READ_COMPLETE).where("end of body", n -> ((StatusInfo.ReadComplete) n.info()).bytesRead() == 0),
                anyNumber(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR),
                one(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING)));
        assertEquals(request, rest.get(rest.size() - 1).handle());
        winHttp.closeHandle(connect);
        winHttp.closeHandle(session);
        probe.receiveUntilClosed(session);
        probe.expectNone(Duration.ofMillis(200));
    }

    @Test
    void aMissingNotificationFailsWithinTheBound(NotificationProbe probe) {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                () -> probe.receiveUntil(n -> true, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("never came"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
    }
}
