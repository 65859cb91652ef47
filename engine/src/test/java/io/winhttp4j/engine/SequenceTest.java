package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** The notification sequences of CONFORMANCE 2.1 and 2.2 against a local keep-alive server. */
class SequenceTest extends EngineTestBase {

    private static void expect(TestProbe<Notification> probe, HInternet handle, int... statuses) {
        for (int status : statuses) {
            Notification n = probe.expectMessageClass(Notification.class, Duration.ofSeconds(5));
            assertEquals(statusName(status), statusName(n.status()), "notification for " + n);
            if (handle != null) assertSame(handle, n.handle());
        }
    }

    /** CONFORMANCE 2.1: session 1 connects once; its second request and all of session 2's reuse that connection. */
    @Test
    void synchronousGetThenPooledReuseAcrossSessions() {
        int recordedBefore = server.requests().size();
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open("test-agent", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.setOption(s, WINHTTP_OPTION_CONTEXT_VALUE, 0x1234L);

        HInternet c = winHttp.connect(s, server.host(), server.port());
        expect(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        Notification created = probe.expectMessageClass(Notification.class);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, created.status());
        assertEquals(0x1234L, created.context(), "the context is inherited from the session");
        assertSame(r, ((StatusInfo.HandleInfo) created.info()).handle());

        winHttp.sendRequest(r, null, null, 0, 0);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER,
                WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
        winHttp.receiveResponse(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(r));
        winHttp.closeHandle(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);

        // Second request on the same connect: no resolve, no connect (pooled connection).
        HInternet r2 = winHttp.openRequest(c, null, null, null, null, null, 0);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        winHttp.sendRequest(r2, null, null, 0, 0);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
        winHttp.receiveResponse(r2);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
        readAll(r2);
        winHttp.closeHandle(r2);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        expect(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        expect(probe, s, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);

        // Session 2, a new synchronous session: the process-wide pool still has the connection,
        // so no request of it resolves or connects.
        HInternet s2 = winHttp.open("test-agent", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setStatusCallback(s2, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c2 = winHttp.connect(s2, server.host(), server.port());
        expect(probe, c2, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        for (int i = 0; i < 2; i++) {
            HInternet r3 = winHttp.openRequest(c2, "GET", "/hello", null, null, null, 0);
            expect(probe, r3, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
            winHttp.sendRequest(r3, null, null, 0, 0);
            expect(probe, r3, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
            winHttp.receiveResponse(r3);
            expect(probe, r3, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED);
            assertEquals(LocalHttpServer.HELLO_BODY, readAll(r3));
            winHttp.closeHandle(r3);
            expect(probe, r3, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        }
        winHttp.closeHandle(c2);
        winHttp.closeHandle(s2);
        expect(probe, c2, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        expect(probe, s2, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        probe.expectNoMessage(Duration.ofMillis(100));

        List<LocalHttpServer.Recorded> seen = server.requests();
        List<Long> connections = seen.subList(recordedBefore, seen.size()).stream()
                .map(LocalHttpServer.Recorded::connectionId).distinct().toList();
        assertEquals(4, seen.size() - recordedBefore);
        assertEquals(1, connections.size(), "both sessions' four requests on one connection: " + connections);
    }

    @Test
    void asynchronousGetCompletesThroughNotifications() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        expect(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);

        winHttp.sendRequest(r, null, null, 0, 77);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER,
                WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT);
        Notification complete = probe.expectMessageClass(Notification.class);
        assertEquals(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, complete.status());
        assertEquals(77L, complete.context(), "sendRequest's context replaces the handle's");
        assertEquals(77L, winHttp.queryOption(r, WINHTTP_OPTION_CONTEXT_VALUE));

        winHttp.receiveResponse(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        assertEquals("200", winHttp.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));

        assertEquals(io.winhttp4j.WinHttp.PENDING, winHttp.queryDataAvailable(r));
        Notification available = probe.expectMessageClass(Notification.class);
        assertEquals(WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, available.status());
        long n = ((StatusInfo.ByteCount) available.info()).bytes();
        assertEquals(LocalHttpServer.HELLO_BODY.length(), n);

        byte[] buf = new byte[100];
        assertEquals(io.winhttp4j.WinHttp.PENDING, winHttp.readData(r, buf, 10, buf.length - 10));
        Notification read = probe.expectMessageClass(Notification.class);
        assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, read.status());
        StatusInfo.ReadComplete rc = (StatusInfo.ReadComplete) read.info();
        assertSame(buf, rc.buffer());
        assertEquals(10, rc.offset());
        assertEquals(LocalHttpServer.HELLO_BODY, new String(buf, 10, rc.bytesRead(), StandardCharsets.US_ASCII));

        winHttp.readData(r, buf, 0, buf.length);
        Notification end = probe.expectMessageClass(Notification.class);
        assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, end.status());
        assertEquals(0, ((StatusInfo.ReadComplete) end.info()).bytesRead());

        // A second request from a new session reuses the pooled connection: no resolve, no connect.
        HInternet s2 = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s2, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c2 = winHttp.connect(s2, server.host(), server.port());
        HInternet r2 = winHttp.openRequest(c2, "GET", "/hello", null, null, null, 0);
        expect(probe, c2, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        winHttp.sendRequest(r2, null, null, 0, 0);
        expect(probe, r2, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);

        for (HInternet h : new HInternet[] {r, r2, c, c2, s, s2}) winHttp.closeHandle(h);
        java.util.Set<HInternet> closing = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            Notification x = probe.expectMessageClass(Notification.class);
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, x.status(), x.toString());
            assertTrue(closing.add(x.handle()), "one HANDLE_CLOSING per handle");
        }
        probe.expectNoMessage(Duration.ofMillis(100));
    }

    /** CONFORMANCE 2.4: a request carrying "Connection: close" closes its connection during the last read. */
    @Test
    void connectionCloseRequestNotifiesClosingDuringTheFinalRead() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.addRequestHeaders(r, "Connection: close", WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE);
        winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS
                & ~(WINHTTP_CALLBACK_FLAG_RESOLVE_NAME | WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER));
        winHttp.sendRequest(r, null, null, 0, 0);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        winHttp.queryDataAvailable(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE);
        winHttp.readData(r, new byte[1024], 0, 1024);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED,
                WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
        winHttp.closeHandle(r);
        expect(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
        probe.expectNoMessage(Duration.ofMillis(100));
    }
}
