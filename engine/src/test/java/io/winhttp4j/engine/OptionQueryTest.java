package io.winhttp4j.engine;

import io.winhttp4j.ConnectionInfo;
import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.handle.Handle;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.ws.Handshake;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * queryOption answered on the caller's thread from what the handle's actor showed: it sends the
 * actor no message (its handle is pointed at a probe while it runs, and the probe's first message
 * afterwards is the test's own marker), on every handle kind and for every kind of answer (a
 * value set, inherited, the session's for a connect, fixed, live, a state rule's error); and a
 * callback's query sees what its notification announced (the URL after a redirect, the
 * connection from REQUEST_SENT on, the context value the notification carries), in both modes.
 */
class OptionQueryTest extends EngineTestBase {
    private static final long WAIT_S = 10;
    private static final String MARK = "mark";
    private static LocalHttpServer moving;
    private static RawServer ws;
    private static ExecutorService querier;

    @BeforeAll
    static void start() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        moving = LocalHttpServer.start(kit.system(), Map.of("/moved", r -> r.discardEntityBytes(mat).completionStage()
                .thenApply(done -> HttpResponse.create().withStatus(StatusCodes.FOUND)
                        .addHeader(RawHeader.create("Location", "/hello")))));
        ws = rawServer(OptionQueryTest::upgradeAndListen);
        querier = Executors.newSingleThreadExecutor(r -> new Thread(r, "querier"));
    }

    @AfterAll
    static void stop() {
        if (querier != null) querier.shutdownNow();
        if (moving != null) moving.close();
    }

    /** A WebSocket endpoint that answers the upgrade and then only reads until the client goes. */
    private static void upgradeAndListen(RawConnection conn) throws Exception {
        String head = conn.readRequestHead();
        String accept = Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key"));
        conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        try {
            while (true) conn.readBytes(1);
        } catch (IOException gone) {
            // the client closed
        }
    }

    /**
     * Each query runs on another thread (bounded: one that waited for an answer from the probe
     * would never get one) while the handle's actor reference is a probe's; then the probe's first
     * message must be the marker this thread sends after them. Returns the answers (a refusal as
     * its WinHttpException); the handle gets its own actor back.
     */
    private static List<Object> queryWithoutTheActor(HInternet h, int... options) throws Exception {
        Handle handle = (Handle) h;
        ActorRef<Object> real = handle.actor();
        TestProbe<Object> probe = kit.createTestProbe();
        handle.bind(probe.ref());
        List<Object> answers = new ArrayList<>();
        try {
            for (int option : options) {
                Future<Object> answer = querier.submit(() -> {
                    try {
                        return winHttp.queryOption(h, option);
                    } catch (WinHttpException e) {
                        return e;
                    }
                });
                try {
                    answers.add(answer.get(WAIT_S, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    fail(h + ": queryOption(" + option + ") waited for an answer from the actor");
                }
            }
            probe.ref().tell(MARK);
            assertSame(MARK, probe.receiveMessage(Duration.ofSeconds(WAIT_S)), h + ": a query sent its actor a message");
        } finally {
            handle.bind(real);
        }
        return answers;
    }

    private static void assertRefused(WinHttpError expected, Object answer) {
        assertInstanceOf(WinHttpException.class, answer, "a refusal, not " + answer);
        assertEquals(expected, ((WinHttpException) answer).error(), ((WinHttpException) answer).getMessage());
    }

    @Test
    void aQueryOptionSendsNoMessageToTheActorOnAnyHandle() throws Exception {
        HInternet s = winHttp.open("no-message", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        winHttp.setOption(s, WINHTTP_OPTION_CONTEXT_VALUE, 11L);
        winHttp.setTimeouts(s, 1_001, 1_002, 1_003, 1_004);
        List<Object> session = queryWithoutTheActor(s, WINHTTP_OPTION_CONTEXT_VALUE, WINHTTP_OPTION_CONNECT_TIMEOUT,
                WINHTTP_OPTION_USER_AGENT, WINHTTP_OPTION_HANDLE_TYPE, WINHTTP_OPTION_URL);
        assertEquals(11L, session.get(0));
        assertEquals(1_002, session.get(1));
        assertEquals("no-message", session.get(2));
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, session.get(3));
        assertRefused(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, session.get(4));

        HInternet c = winHttp.connect(s, server.host(), server.port());
        winHttp.setTimeouts(s, 2_001, 2_002, 2_003, 2_004); // a connect reports its session's current ones
        List<Object> connect = queryWithoutTheActor(c, WINHTTP_OPTION_CONTEXT_VALUE, WINHTTP_OPTION_RECEIVE_TIMEOUT,
                WINHTTP_OPTION_PARENT_HANDLE);
        assertEquals(11L, connect.get(0), "inherited from the session");
        assertEquals(2_004, connect.get(1));
        assertSame(s, connect.get(2));

        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 3);
        List<Object> opened = queryWithoutTheActor(r, WINHTTP_OPTION_URL, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS,
                WINHTTP_OPTION_SEND_TIMEOUT, WINHTTP_OPTION_CONNECTION_INFO, WINHTTP_OPTION_SECURITY_FLAGS);
        assertEquals(server.url("/hello"), opened.get(0));
        assertEquals(3, opened.get(1));
        assertEquals(2_003, opened.get(2), "copied from the session when opened");
        assertRefused(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, opened.get(3)); // before sendRequest
        assertEquals(0, opened.get(4));

        winHttp.sendRequest(r, null, null, 0, 0x5EEDL);
        winHttp.receiveResponse(r);
        List<Object> answered = queryWithoutTheActor(r, WINHTTP_OPTION_CONNECTION_INFO, WINHTTP_OPTION_CONTEXT_VALUE,
                WINHTTP_OPTION_SERVER_CERT_CONTEXT);
        ConnectionInfo info = assertInstanceOf(ConnectionInfo.class, answered.get(0));
        assertEquals(server.port(), info.remote().getPort());
        assertEquals(0x5EEDL, answered.get(1), "sendRequest's context value");
        assertRefused(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, answered.get(2)); // not a secure connection
        winHttp.closeHandle(r);

        HInternet up = winHttp.connect(s, LocalHttpServer.HOST, ws.port());
        HInternet upgrade = winHttp.openRequest(up, "GET", "/ws", null, null, null, 0);
        winHttp.setOption(upgrade, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(upgrade, null, null, 0, 0);
        winHttp.receiveResponse(upgrade);
        HInternet w = winHttp.webSocketCompleteUpgrade(upgrade, 0x77L);
        winHttp.closeHandle(upgrade);
        winHttp.setOption(w, WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT, 7);
        List<Object> socket = queryWithoutTheActor(w, WINHTTP_OPTION_CONTEXT_VALUE, WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT,
                WINHTTP_OPTION_HANDLE_TYPE);
        assertEquals(0x77L, socket.get(0), "webSocketCompleteUpgrade's context value");
        assertEquals(7, socket.get(1));
        assertEquals(WINHTTP_HANDLE_TYPE_WEBSOCKET, socket.get(2));
        winHttp.closeHandle(w);
        winHttp.closeHandle(up);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * A callback's queryOption sees the state its notification announces, in both modes: in
     * REDIRECT the URL it names, in HEADERS_AVAILABLE the URL the redirect led to, from
     * REQUEST_SENT on the connection the request went out on, and in every notification of the
     * request the context value it carries (sendRequest's, from the send's first notification on).
     * Many rounds, so that a state shown after its notification would be caught.
     */
    @Test
    void aCallbacksQuerySeesWhatItsNotificationAnnounced() throws Exception {
        String from = moving.url("/moved"), to = moving.url("/hello");
        for (int round = 0; round < 40; round++) {
            boolean async = round % 2 == 1;
            String why = (async ? "async" : "sync") + " round " + round;
            List<String> wrong = new CopyOnWriteArrayList<>();
            BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
            HInternet s = winHttp.open("announced", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            HInternet c = winHttp.connect(s, moving.host(), moving.port());
            HInternet r = winHttp.openRequest(c, "GET", "/moved", null, null, null, 0);
            long context = 0x1000L + round;
            List<Integer> seen = new CopyOnWriteArrayList<>();
            StatusCallback check = n -> {
                if (n.handle() != r || n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) return; // closed: nothing to query
                seen.add(n.status());
                try {
                    Object ctx = winHttp.queryOption(r, WINHTTP_OPTION_CONTEXT_VALUE);
                    if (n.context() != 0 && !Long.valueOf(n.context()).equals(ctx)) {
                        wrong.add(statusName(n.status()) + " carried context " + n.context() + ", the query gave " + ctx);
                    }
                    Object url = winHttp.queryOption(r, WINHTTP_OPTION_URL);
                    switch (n.status()) {
                        case WINHTTP_CALLBACK_STATUS_SENDING_REQUEST -> { // the first send's URL, then the redirect's
                            String now = seen.contains(WINHTTP_CALLBACK_STATUS_REDIRECT) ? to : from;
                            if (!now.equals(url)) wrong.add("SENDING_REQUEST of " + now + ": the query gave " + url);
                        }
                        case WINHTTP_CALLBACK_STATUS_REDIRECT -> {
                            Object named = ((StatusInfo.Url) n.info()).url();
                            if (!to.equals(named)) wrong.add("REDIRECT named " + named + ", not " + to);
                            if (!to.equals(url)) wrong.add("REDIRECT announced " + to + ", the query gave " + url);
                        }
                        case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                            if (!to.equals(url)) wrong.add("HEADERS_AVAILABLE after the redirect: URL " + url);
                        }
                        case WINHTTP_CALLBACK_STATUS_REQUEST_SENT -> {
                            Object info = winHttp.queryOption(r, WINHTTP_OPTION_CONNECTION_INFO);
                            if (!(info instanceof ConnectionInfo ci) || ci.remote().getPort() != moving.port()) {
                                wrong.add("REQUEST_SENT: CONNECTION_INFO " + info);
                            }
                        }
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    wrong.add(statusName(n.status()) + ": " + e);
                }
                statuses.add(n.status());
            };
            winHttp.setStatusCallback(r, check, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            winHttp.sendRequest(r, null, null, 0, context);
            if (async) awaitStatus(statuses, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, why);
            winHttp.receiveResponse(r);
            if (async) awaitStatus(statuses, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, why);
            assertEquals(to, winHttp.queryOption(r, WINHTTP_OPTION_URL), why);
            assertTrue(seen.contains(WINHTTP_CALLBACK_STATUS_REDIRECT), why + ": no REDIRECT in " + seen);
            winHttp.closeHandle(r);
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
            assertEquals(List.of(), wrong, why);
        }
    }

    private static void awaitStatus(BlockingQueue<Integer> statuses, int status, String why) throws InterruptedException {
        for (;;) {
            Integer n = statuses.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(n, why + ": no " + statusName(status) + " within " + WAIT_S + " s");
            if (n == status) return;
            assertNotEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, n.intValue(), why);
        }
    }
}
