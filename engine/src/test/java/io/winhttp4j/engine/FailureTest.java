package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/** Failures from below reach the caller as the WinHttpError Windows gives, in both modes. */
class FailureTest extends EngineTestBase {

    /** Runs GET / against host:port to the end of receiveResponse, synchronously; returns the error. */
    static WinHttpError syncError(String host, int port) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        try {
            HInternet c = winHttp.connect(s, host, port);
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            try {
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                fail("the request succeeded");
                return null;
            } catch (WinHttpException e) {
                // a failed send leaves the request in `failed`: receiveResponse is a wrong-state call
                assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.receiveResponse(r));
                return e.error();
            }
        } finally {
            winHttp.closeHandle(s);
        }
    }

    /** The same, asynchronously: the error arrives as REQUEST_ERROR carrying the API that failed. */
    static StatusInfo.AsyncResult asyncError(String host, int port) {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        try {
            HInternet c = winHttp.connect(s, host, port);
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.setStatusCallback(r, ActorSubscriber.of(probe.ref()),
                    WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE | WINHTTP_CALLBACK_FLAG_REQUEST_ERROR
                            | WINHTTP_CALLBACK_FLAG_HEADERS_AVAILABLE);
            winHttp.sendRequest(r, null, null, 0, 0);
            Notification n = probe.expectMessageClass(Notification.class, Duration.ofSeconds(10));
            if (n.status() == WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE) {
                winHttp.receiveResponse(r);
                n = probe.expectMessageClass(Notification.class, Duration.ofSeconds(10));
            }
            assertEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, n.status(), n.toString());
            probe.expectNoMessage(Duration.ofMillis(50));
            return (StatusInfo.AsyncResult) n.info();
        } finally {
            winHttp.closeHandle(s);
        }
    }

    @Test
    void refusedPortIsCannotConnect() throws Exception {
        int port = refusedPort();
        long t0 = System.nanoTime();
        assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, syncError("127.0.0.1", port));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "a refused connection fails fast");
        StatusInfo.AsyncResult a = asyncError("127.0.0.1", port);
        assertEquals(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, a.error());
        assertEquals(API_SEND_REQUEST, a.api());
    }

    @Test
    void unresolvableNameIsNameNotResolved() {
        assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, syncError("no-such-host.invalid", 80));
        StatusInfo.AsyncResult a = asyncError("no-such-host.invalid", 80);
        assertEquals(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED, a.error());
        assertEquals(API_SEND_REQUEST, a.api());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void resetIsConnectionError(boolean async) {
        try (RawServer raw = RawServer.start(Scripts.resetAfterHead())) {
            if (async) {
                StatusInfo.AsyncResult a = asyncError(raw.host(), raw.port());
                assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, a.error());
                assertEquals(API_RECEIVE_RESPONSE, a.api());
            } else {
                assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, syncError(raw.host(), raw.port()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void replyWithoutStatusLineIsInvalidServerResponse(boolean async) {
        try (RawServer raw = RawServer.start(Scripts.garbage())) {
            if (async) {
                StatusInfo.AsyncResult a = asyncError(raw.host(), raw.port());
                assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, a.error());
                assertEquals(API_RECEIVE_RESPONSE, a.api());
            } else {
                assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, syncError(raw.host(), raw.port()));
            }
        }
    }

    @Test
    void receiveTimeoutBoundsTheWaitForHeaders() {
        try (RawServer raw = RawServer.start(Scripts.stallAfterHead())) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            winHttp.setTimeouts(s, 0, 5000, 5000, 300);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            long t0 = System.nanoTime();
            WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.receiveResponse(r));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(WinHttpError.ERROR_WINHTTP_TIMEOUT, e.error());
            assertTrue(ms >= 250 && ms < 3000, "timed out after " + ms + " ms");
            winHttp.closeHandle(s);
        }
    }

    /** A listener whose accept backlog is full drops new SYNs, so the connect hangs until CONNECT_TIMEOUT. */
    @Test
    void connectTimeoutBoundsTheConnect() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket f = new java.net.Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(f);
                    } catch (java.io.IOException backlogFull) {
                        f.close();
                        break;
                    }
                }
                HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
                winHttp.setTimeouts(s, 0, 400, 5000, 5000);
                HInternet c = winHttp.connect(s, "127.0.0.1", full.getLocalPort());
                HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
                long t0 = System.nanoTime();
                WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.sendRequest(r, null, null, 0, 0));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(WinHttpError.ERROR_WINHTTP_TIMEOUT, e.error(), e.getMessage());
                assertTrue(ms >= 300 && ms < 4000, "timed out after " + ms + " ms");
                winHttp.closeHandle(s);
            } finally {
                for (java.net.Socket f : fillers) f.close();
            }
        }
    }

    /** A server that never reads: writeData waits for room, and SEND_TIMEOUT bounds that wait. */
    @Test
    void sendTimeoutBoundsAWriteTheServerDoesNotTake() {
        try (RawServer raw = RawServer.start(conn -> {
            conn.readRequestHead();
            conn.stall(Duration.ofSeconds(30));
        })) {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            winHttp.setTimeouts(s, 0, 5000, 300, 5000);
            HInternet c = winHttp.connect(s, raw.host(), raw.port());
            HInternet r = winHttp.openRequest(c, "PUT", "/", null, null, null, 0);
            long total = 256L << 20;
            winHttp.sendRequest(r, null, null, total, 0);
            byte[] chunk = new byte[1 << 20];
            WinHttpException e = assertThrows(WinHttpException.class, () -> {
                for (long sent = 0; sent < total; sent += chunk.length) winHttp.writeData(r, chunk, 0, chunk.length);
            });
            assertEquals(WinHttpError.ERROR_WINHTTP_TIMEOUT, e.error(), e.getMessage());
            winHttp.closeHandle(s);
        }
    }
}
