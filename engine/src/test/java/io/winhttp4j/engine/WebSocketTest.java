package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.ws.Handshake;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * WebSocket handles through the public API (issue 12): the upgrade, every WebSocket call in both
 * modes against a Pekko HTTP echo endpoint, and the raw-socket server for broken handshakes and
 * frames, bytes right after the 101 and a server that never closes.
 */
class WebSocketTest extends EngineTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static LocalHttpServer ws;

    @BeforeAll
    static void startEcho() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        // echoes every message whole, text as text and binary as binary
        Flow<Message, Message, ?> echo = Flow.<Message>create().mapAsync(1, m -> m.isText()
                ? m.asTextMessage().toStrict(5000, mat).<Message>thenApply(t -> t)
                : m.asBinaryMessage().toStrict(5000, mat).<Message>thenApply(b -> b));
        ws = LocalHttpServer.start(kit.system(), Map.of("/ws", request -> {
            CompletionStage<HttpResponse> answer = request.getAttribute(AttributeKeys.webSocketUpgrade)
                    .map(up -> CompletableFuture.completedFuture(up.handleMessagesWith(echo)))
                    .orElseGet(() -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)));
            return answer;
        }));
    }

    @AfterAll
    static void stopEcho() {
        if (ws != null) ws.close();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static HInternet session(boolean async, TestProbe<Notification> probe) {
        HInternet s = winHttp.open("ws-test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
        if (probe != null) winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        return s;
    }

    private static Notification next(TestProbe<Notification> probe) {
        return probe.expectMessageClass(Notification.class, WAIT);
    }

    /** The next notification of this status, skipping the others (connection progress). */
    private static Notification awaitStatus(TestProbe<Notification> probe, int status) {
        for (int i = 0; i < 50; i++) {
            Notification n = next(probe);
            if (n.status() == status) return n;
            assertNotEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, n.status(), "unexpected error " + n);
        }
        throw new AssertionError("no notification " + status);
    }

    private static void expectStatuses(TestProbe<Notification> probe, HInternet handle, int... statuses) {
        for (int status : statuses) {
            Notification n = next(probe);
            assertEquals(status, n.status(), "notification " + n);
            if (handle != null) assertSame(handle, n.handle(), "handle of " + n);
        }
    }

    /** A synchronous upgrade request on a connect, answered; returns the request. */
    private static HInternet upgradedRequest(HInternet connect) {
        HInternet r = winHttp.openRequest(connect, "GET", "/ws", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        return r;
    }

    private static HInternet syncWebSocket(int port) {
        HInternet c = winHttp.connect(session(false, null), LocalHttpServer.HOST, port);
        HInternet r = upgradedRequest(c);
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 7);
        winHttp.closeHandle(r);
        return w;
    }

    private static void send(HInternet w, int type, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        winHttp.webSocketSend(w, type, b, 0, b.length);
    }

    // ---- the upgrade ---------------------------------------------------------------------------

    @Test
    void upgradeAddsTheHandshakeHeadersAtSendAndCompleteUpgradeMakesAWebSocketHandle() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet c = winHttp.connect(session(false, probe), LocalHttpServer.HOST, ws.port());
        HInternet r = winHttp.openRequest(c, "GET", "/ws", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        assertError(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND,
                () -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "Sec-WebSocket-Key", 0));
        winHttp.sendRequest(r, null, null, 0, 0);
        String key = winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "Sec-WebSocket-Key", 0);
        assertEquals(16, java.util.Base64.getDecoder().decode(key).length, "16 random bytes");
        assertEquals("13", winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "Sec-WebSocket-Version", 0));
        winHttp.receiveResponse(r);
        assertEquals(101, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals("websocket", winHttp.queryHeaders(r, WINHTTP_QUERY_UPGRADE, null, 0).toLowerCase());
        assertEquals(Handshake.accept(key), winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, "Sec-WebSocket-Accept", 0));
        while (probe.receiveMessage(WAIT).status() != WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED) { /* skip to the response */ }

        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0x77);
        assertEquals(WINHTTP_HANDLE_TYPE_WEBSOCKET, w.handleType());
        Notification created = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, created.status());
        assertSame(w, created.handle());
        assertEquals(0x77L, created.context());
        assertEquals(101, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0), "the response stays queryable");
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryHeaders(w, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.webSocketSend(r, 0, new byte[1], 0, 1));

        winHttp.closeHandle(r); // the WebSocket outlives its request
        expectStatuses(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        send(w, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, "still here");
        byte[] buf = new byte[64];
        WebSocketReceiveResult got = winHttp.webSocketReceive(w, buf, 0, buf.length);
        assertEquals(new WebSocketReceiveResult(10, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), got);
        assertEquals("still here", new String(buf, 0, 10, StandardCharsets.UTF_8));
        winHttp.closeHandle(w);
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
    }

    @Test
    void aResentUpgradeGetsANewKeyAndANewConnection() {
        HInternet c = winHttp.connect(session(false, null), LocalHttpServer.HOST, ws.port());
        HInternet r = upgradedRequest(c);
        String first = winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "Sec-WebSocket-Key", 0);
        HInternet w1 = winHttp.webSocketCompleteUpgrade(r, 0);
        long accepted = ws.connectionsAccepted();
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        String second = winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "Sec-WebSocket-Key", 0);
        assertNotEquals(first, second);
        assertEquals(accepted + 1, ws.connectionsAccepted(), "an upgraded connection is never pooled");
        HInternet w2 = winHttp.webSocketCompleteUpgrade(r, 0);
        assertNotSame(w1, w2);
        send(w2, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "two");
        assertEquals(3, winHttp.webSocketReceive(w2, new byte[8], 0, 8).bytesRead());
        send(w1, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "one!");
        assertEquals(4, winHttp.webSocketReceive(w1, new byte[8], 0, 8).bytesRead());
        winHttp.closeHandle(w1);
        winHttp.closeHandle(w2);
        winHttp.closeHandle(r);
    }

    @Test
    void aSendBufferBelow16FailsTheUpgradeSend() {
        HInternet c = winHttp.connect(session(false, null), LocalHttpServer.HOST, ws.port());
        HInternet r = winHttp.openRequest(c, "GET", "/ws", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.setOption(r, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE, 15);
        assertError(WinHttpError.ERROR_NOT_ENOUGH_MEMORY, () -> winHttp.sendRequest(r, null, null, 0, 0));
        winHttp.setOption(r, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE, 16);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        winHttp.closeHandle(winHttp.webSocketCompleteUpgrade(r, 0));
    }

    @Test
    void completeUpgradeRefusesAnAnswerThatIsNotAHandshakeAndLeavesTheRequestAsItWas() {
        HInternet c = winHttp.connect(session(false, null), LocalHttpServer.HOST, server.port());
        HInternet plain = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setOption(plain, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(plain, null, null, 0, 0);
        winHttp.receiveResponse(plain);
        assertError(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, () -> winHttp.webSocketCompleteUpgrade(plain, 0));
        assertEquals(200, winHttp.queryHeadersNumber(plain, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(plain), "the 200's body can still be read");

        RawServer wrongAccept = rawServer(conn -> {
            conn.readRequestHead();
            conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBvbmU=\r\n\r\n");
            conn.readBytes(1); // until the client goes
        });
        HInternet c2 = winHttp.connect(session(false, null), LocalHttpServer.HOST, wrongAccept.port());
        HInternet r = upgradedRequest(c2);
        assertError(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, () -> winHttp.webSocketCompleteUpgrade(r, 0));
        assertEquals(101, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.webSocketCompleteUpgrade(
                winHttp.openRequest(c2, "GET", "/", null, null, null, 0), 0), "no response yet");
        winHttp.closeHandle(r);
    }

    @Test
    void aConnectClosedBeforeTheUpgradeStillGetsItsWebSocketAndClosesAfterIt() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = session(false, probe);
        HInternet c = winHttp.connect(s, LocalHttpServer.HOST, ws.port());
        HInternet r = upgradedRequest(c);
        winHttp.closeHandle(c); // waits for its children: the request, then the WebSocket
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
        winHttp.closeHandle(r);
        send(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "abc");
        assertEquals(3, winHttp.webSocketReceive(w, new byte[4], 0, 4).bytesRead());
        winHttp.closeHandle(w);
        int closings = 0;
        boolean connectLast = false;
        while (closings < 3) {
            Notification n = next(probe);
            if (n.status() != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) continue;
            closings++;
            connectLast = n.handle() == c;
        }
        assertTrue(connectLast, "the connect's HANDLE_CLOSING comes after its WebSocket's");
        winHttp.closeHandle(s);
    }

    @Test
    void engineShutdownClosesAnOpenWebSocket() throws Exception {
        WinHttpEngine other = WinHttpEngine.embedded(kit.system());
        TestProbe<Notification> probe = kit.createTestProbe();
        CompletableFuture<Boolean> ended = new CompletableFuture<>();
        RawServer raw = rawServer(conn -> {
            handshake(conn, new byte[0]);
            try {
                while (true) conn.readBytes(1);
            } catch (IOException gone) {
                ended.complete(true);
            }
        });
        HInternet s = other.open("ws-test", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        other.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = other.connect(s, LocalHttpServer.HOST, raw.port());
        HInternet r = other.openRequest(c, "GET", "/", null, null, null, 0);
        other.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        other.sendRequest(r, null, null, 0, 0);
        awaitStatus(probe, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        other.receiveResponse(r);
        awaitStatus(probe, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        HInternet w = other.webSocketCompleteUpgrade(r, 0);
        awaitStatus(probe, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        assertNull(other.webSocketReceive(w, new byte[8], 0, 8));
        other.close();
        boolean cancelled = false;
        for (;;) {
            Notification n = next(probe);
            if (n.handle() != w) continue;
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) {
                cancelled = true;
                assertEquals(new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                        WINHTTP_WEB_SOCKET_RECEIVE_OPERATION), n.info());
            }
            if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) break;
        }
        assertTrue(cancelled, "the pending receive ended first");
        assertTrue(ended.get(10, TimeUnit.SECONDS), "the TCP connection closed");
    }

    @Test
    void overTlsExactlyAsHttps() throws Exception {
        // a Pekko HTTP https server with the echo route; the request ignores certificate errors, as Windows' own test does
        io.winhttp4j.engine.testkit.TestCertificates.Standard certs = io.winhttp4j.engine.testkit.TestCertificates.standard();
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(io.winhttp4j.engine.testkit.TestCertificates.keyStore(certs.leaf()), io.winhttp4j.engine.testkit.TestCertificates.PASSWORD);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        Materializer mat = Materializer.matFromSystem(kit.system());
        Flow<Message, Message, ?> echo = Flow.<Message>create().mapAsync(1, m -> m.isText()
                ? m.asTextMessage().toStrict(5000, mat).<Message>thenApply(t -> t)
                : m.asBinaryMessage().toStrict(5000, mat).<Message>thenApply(b -> b));
        org.apache.pekko.http.javadsl.ServerBinding binding = org.apache.pekko.http.javadsl.Http.get(kit.system())
                .newServerAt(LocalHttpServer.HOST, 0)
                .enableHttps(org.apache.pekko.http.javadsl.ConnectionContext.httpsServer(context))
                .bindSync(request -> request.getAttribute(AttributeKeys.webSocketUpgrade)
                        .map(up -> up.handleMessagesWith(echo))
                        .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            HInternet c = winHttp.connect(session(false, null), LocalHttpServer.HOST, binding.localAddress().getPort());
            HInternet r = winHttp.openRequest(c, "GET", "/wss", null, null, null, WINHTTP_FLAG_SECURE);
            winHttp.setOption(r, WINHTTP_OPTION_SECURITY_FLAGS, SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS);
            winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals(101, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
            winHttp.closeHandle(r);
            send(w, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, "secure echo");
            byte[] buf = new byte[32];
            assertEquals(new WebSocketReceiveResult(11, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 32));
            assertEquals("secure echo", new String(buf, 0, 11, StandardCharsets.UTF_8));
            winHttp.webSocketClose(w, 1000, null);
            assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
            winHttp.closeHandle(w);
        } finally {
            binding.unbind();
        }
    }

    // ---- the calls, synchronous ----------------------------------------------------------------

    @Test
    void synchronousEchoInPiecesFragmentsAndClose() {
        HInternet w = syncWebSocket(ws.port());
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, data, 0, data.length);
        byte[] buf = new byte[256];
        assertEquals(new WebSocketReceiveResult(128, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 128));
        assertEquals(new WebSocketReceiveResult(128, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 128, 128));
        assertArrayEquals(data, buf);

        // a fragmented text message, ended by an empty MESSAGE
        send(w, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, "héllo ");
        assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, data, 0, 1), "the other family mid-message");
        send(w, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, "wörld");
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, null, 0, 0);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        WebSocketReceiveResult piece;
        do {
            piece = winHttp.webSocketReceive(w, buf, 0, buf.length);
            got.write(buf, 0, piece.bytesRead());
        } while (piece.bufferType() == WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE);
        assertEquals(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, piece.bufferType());
        assertEquals("héllo wörld", got.toString(StandardCharsets.UTF_8));

        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketQueryCloseStatus(w), "no close from the server yet");
        winHttp.webSocketClose(w, 1000, "bye".getBytes(StandardCharsets.UTF_8));
        WebSocketCloseStatus status = winHttp.webSocketQueryCloseStatus(w);
        assertEquals(1000, status.status(), "the echo server answers our close with 1000");
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> send(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "x"));
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketReceive(w, buf, 0, 1));
        winHttp.closeHandle(w);
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.webSocketReceive(w, buf, 0, 1));
    }

    @Test
    void synchronousShutdownThenReceiveTheServersCloseThenClose() {
        HInternet w = syncWebSocket(ws.port());
        send(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "last");
        winHttp.webSocketShutdown(w, 1000, "success".getBytes(StandardCharsets.UTF_8));
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> send(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "x"), "send side closed");
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketShutdown(w, 1000, null), "second shutdown");
        byte[] buf = new byte[16];
        assertEquals(new WebSocketReceiveResult(4, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 16),
                "receiving goes on after shutdown");
        assertEquals(new WebSocketReceiveResult(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 16));
        assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
        winHttp.webSocketClose(w, 1000, "success2".getBytes(StandardCharsets.UTF_8));
        winHttp.closeHandle(w);
    }

    @Test
    void argumentErrors() {
        HInternet w = syncWebSocket(ws.port());
        byte[] b = new byte[4];
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE, b, 0, 1));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketSend(w, 9, b, 0, 1));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, null, 0, 3));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, b, 2, 3));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketReceive(w, null, 0, 4));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketReceive(w, b, 0, 0));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketReceive(w, b, 3, 4));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketClose(w, 1000, new byte[124]), "reason over 123 bytes");
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketShutdown(w, 1000, new byte[128]));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketClose(w, 1006, null), "1006 is never sent");
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.webSocketShutdown(w, 1005, new byte[2]));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.webSocketSend(null, 0, b, 0, 1));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.webSocketCompleteUpgrade(w, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.webSocketQueryCloseStatus(
                winHttp.openRequest(winHttp.connect(session(false, null), LocalHttpServer.HOST, ws.port()), "GET", "/", null, null, null, 0)));
        // nothing of it changed the WebSocket
        send(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, "ok");
        assertEquals(2, winHttp.webSocketReceive(w, b, 0, 4).bytesRead());
        assertEquals(10_000, winHttp.queryOption(w, WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 10_000));
        winHttp.closeHandle(w);
    }

    // ---- the calls, asynchronous ---------------------------------------------------------------

    /** An asynchronous WebSocket on the echo endpoint, HANDLE_CREATED and the request's closing consumed. */
    private static HInternet asyncWebSocket(TestProbe<Notification> probe) {
        HInternet c = winHttp.connect(session(true, probe), LocalHttpServer.HOST, ws.port());
        expectStatuses(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        HInternet r = winHttp.openRequest(c, "GET", "/ws", null, null, null, 0);
        expectStatuses(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(r, null, null, 0, 0);
        // CONFORMANCE 2.5 (websocket_test2 row 1): a fresh connection, as an upgraded one is never pooled
        expectStatuses(probe, r, WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER, WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER,
                WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, WINHTTP_CALLBACK_STATUS_REQUEST_SENT,
                WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(r);
        expectStatuses(probe, r, WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED,
                WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0x5);
        Notification created = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, created.status());
        assertSame(w, created.handle());
        winHttp.closeHandle(r);
        expectStatuses(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        return w;
    }

    @Test
    void asynchronousSequence() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet w = asyncWebSocket(probe);
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'a');
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE, chunk, 0, chunk.length);
        Notification wrote = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE, wrote.status());
        assertEquals(new StatusInfo.WebSocketStatus(8192, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE), wrote.info());
        assertEquals(0x5L, wrote.context());
        assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, chunk, 0, 1));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, chunk, 0, 1));
        winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, null, 0, 0);
        assertEquals(new StatusInfo.WebSocketStatus(0, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), awaitStatus(probe,
                WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE).info());
        winHttp.webSocketShutdown(w, 1000, "success".getBytes(StandardCharsets.US_ASCII));
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE);
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketSend(w, 0, chunk, 0, 1));

        byte[] buf = new byte[16384];
        int total = 0;
        StatusInfo.WebSocketStatus st;
        do {
            assertNull(winHttp.webSocketReceive(w, buf, total, buf.length - total), "asynchronous: null, then READ_COMPLETE");
            Notification n = next(probe);
            assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, n.status(), "" + n);
            st = (StatusInfo.WebSocketStatus) n.info();
            total += st.bytesTransferred();
        } while (st.bufferType() == WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE);
        assertEquals(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, st.bufferType());
        assertEquals(8192, total);
        assertNull(winHttp.webSocketReceive(w, buf, 0, buf.length));
        assertEquals(new StatusInfo.WebSocketStatus(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE),
                awaitStatus(probe, WINHTTP_CALLBACK_STATUS_READ_COMPLETE).info());
        assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
        winHttp.webSocketClose(w, 1000, null);
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE);
        winHttp.closeHandle(w);
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        probe.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void asynchronousCloseCancelsThePendingReceive() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet w = asyncWebSocket(probe);
        byte[] buf = new byte[64];
        assertNull(winHttp.webSocketReceive(w, buf, 0, buf.length));
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketReceive(w, buf, 0, buf.length), "one receive at a time");
        winHttp.webSocketClose(w, 1000, "success".getBytes(StandardCharsets.US_ASCII));
        Notification cancelled = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, cancelled.status());
        assertEquals(new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                WINHTTP_WEB_SOCKET_RECEIVE_OPERATION), cancelled.info());
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE);
        assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
        winHttp.closeHandle(w);
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
    }

    @Test
    void closingTheHandleEndsThePendingReceiveThenHandleClosing() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet w = asyncWebSocket(probe);
        assertNull(winHttp.webSocketReceive(w, new byte[8], 0, 8));
        winHttp.closeHandle(w);
        Notification error = next(probe);
        assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, error.status());
        assertEquals(new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED,
                WINHTTP_WEB_SOCKET_RECEIVE_OPERATION), error.info());
        expectStatuses(probe, w, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        probe.expectNoMessage(Duration.ofMillis(200));
    }

    // ---- the raw-socket server -----------------------------------------------------------------

    /** Answers the upgrade correctly, then writes {@code after} in the same write as the head. */
    private static void handshake(RawConnection conn, byte[] after) throws IOException {
        String head = conn.readRequestHead();
        String accept = Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key"));
        byte[] h = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + after.length);
        System.arraycopy(after, 0, all, h.length, after.length);
        conn.write(all);
    }

    /** One client frame read and unmasked: opcode, then payload. */
    private record Frame(int opcode, byte[] payload) {}

    private static Frame readFrame(RawConnection conn) throws IOException {
        byte[] h = conn.readBytes(2);
        assertEquals(0x80, h[1] & 0x80, "client frames are masked");
        long len = h[1] & 0x7F;
        if (len == 126) {
            byte[] l = conn.readBytes(2);
            len = ((l[0] & 0xFF) << 8) | (l[1] & 0xFF);
        } else if (len == 127) {
            byte[] l = conn.readBytes(8);
            len = 0;
            for (byte x : l) len = (len << 8) | (x & 0xFF);
        }
        byte[] mask = conn.readBytes(4);
        byte[] p = conn.readBytes((int) len);
        for (int i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
        return new Frame(h[0] & 0x0F, p);
    }

    private static int closeStatus(Frame f) {
        return ((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF);
    }

    @Test
    void bytesRightAfterThe101AreTheStartOfTheStreamAndPingsArePonged() throws Exception {
        LinkedBlockingQueue<Frame> heard = new LinkedBlockingQueue<>();
        RawServer raw = rawServer(conn -> {
            // a ping and a text message in the same write as the 101's head
            handshake(conn, new byte[] {(byte) 0x89, 2, 'p', '1', (byte) 0x81, 2, 'h', 'i'});
            heard.add(readFrame(conn)); // the pong
            heard.add(readFrame(conn)); // the close
            conn.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
            conn.readBytes(1); // until the client goes
        });
        HInternet w = syncWebSocket(raw.port());
        byte[] buf = new byte[8];
        assertEquals(new WebSocketReceiveResult(2, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 8));
        assertEquals("hi", new String(buf, 0, 2, StandardCharsets.US_ASCII));
        Frame pong = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(pong);
        assertEquals(0xA, pong.opcode());
        assertEquals("p1", new String(pong.payload(), StandardCharsets.US_ASCII), "the pong carries the ping's payload");
        winHttp.webSocketClose(w, 1000, null);
        Frame close = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(close);
        assertEquals(0x8, close.opcode());
        assertEquals(1000, closeStatus(close));
        assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
        winHttp.closeHandle(w);
    }

    @Test
    void aBrokenFrameFailsTheConnectionWithACloseFirst() throws Exception {
        LinkedBlockingQueue<Frame> heard = new LinkedBlockingQueue<>();
        RawServer raw = rawServer(conn -> {
            handshake(conn, new byte[0]);
            conn.write(new byte[] {(byte) 0xC1, 1, 'x'}); // RSV1 set, no extension negotiated
            heard.add(readFrame(conn));
            conn.close();
        });
        HInternet w = syncWebSocket(raw.port());
        assertError(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, () -> winHttp.webSocketReceive(w, new byte[8], 0, 8));
        Frame close = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(close);
        assertEquals(0x8, close.opcode());
        assertEquals(1002, closeStatus(close));
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketReceive(w, new byte[8], 0, 8));
        assertError(WinHttpError.ERROR_INVALID_OPERATION, () -> winHttp.webSocketQueryCloseStatus(w), "no close came from the server");
        winHttp.closeHandle(w);
    }

    @Test
    void aServerThatNeverClosesIsBoundedByTheCloseTimeout() throws Exception {
        CompletableFuture<Frame> heard = new CompletableFuture<>();
        RawServer raw = rawServer(conn -> {
            handshake(conn, new byte[0]);
            heard.complete(readFrame(conn));
            conn.readBytes(1); // silent until the client goes
        });
        HInternet w = syncWebSocket(raw.port());
        winHttp.setOption(w, WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT, 300);
        long start = System.nanoTime();
        assertError(WinHttpError.ERROR_WINHTTP_TIMEOUT, () -> winHttp.webSocketClose(w, 1001, null));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(1001, closeStatus(heard.get(10, TimeUnit.SECONDS)));
        winHttp.closeHandle(w);
    }

    @Test
    void anIdleConnectionIsKeptAliveWithAPingAfterTheKeepAliveInterval() throws Exception {
        CompletableFuture<Frame> heard = new CompletableFuture<>();
        RawServer raw = rawServer(conn -> {
            handshake(conn, new byte[0]);
            heard.complete(readFrame(conn));
            conn.readBytes(1); // until the client goes
        });
        HInternet w = syncWebSocket(raw.port());
        winHttp.setOption(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE);
        long start = System.nanoTime();
        Frame ping = heard.get(25, TimeUnit.SECONDS);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0x9, ping.opcode(), "a Ping");
        assertTrue(waitedMs >= 14_000, "not before the interval: " + waitedMs + " ms");
        winHttp.closeHandle(w);
    }

    @Test
    void theServerGoingAwayEndsAPendingReceive() throws Exception {
        RawServer raw = rawServer(conn -> {
            handshake(conn, new byte[] {(byte) 0x82, 1, 7});
            conn.close();
        });
        HInternet w = syncWebSocket(raw.port());
        byte[] buf = new byte[4];
        assertEquals(new WebSocketReceiveResult(1, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, 4));
        assertError(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, () -> winHttp.webSocketReceive(w, buf, 0, 4));
        winHttp.closeHandle(w);
    }
}
