package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * MAX_CONNS_PER_SERVER is a session's limit: it counts that session's connections to the server,
 * in the engine-wide pool the sessions share. Each test has a server of its own, so no pooled
 * connection of another test is around.
 */
class PoolLimitsTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A server whose /hold responses wait until the test releases them, one promise per request, in arrival order. */
    record HoldingServer(LocalHttpServer http, BlockingQueue<CompletableFuture<HttpResponse>> held) implements AutoCloseable {
        static HoldingServer start() {
            BlockingQueue<CompletableFuture<HttpResponse>> held = new LinkedBlockingQueue<>();
            LocalHttpServer http = LocalHttpServer.start(kit.system(), Map.of("/hold", request -> {
                CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
                held.add(answer);
                return answer;
            }));
            return new HoldingServer(http, held);
        }

        /** Waits until the server has the next request, and answers it. */
        void answerNext() throws InterruptedException {
            CompletableFuture<HttpResponse> next = held.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(next, "the server got no further request");
            next.complete(HttpResponse.create().withEntity(HttpEntities.create("held")));
        }

        @Override
        public void close() {
            http.close();
        }
    }

    static HInternet session(int maxConns) {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        if (maxConns > 0) winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, maxConns);
        return s;
    }

    /** An asynchronous GET that receives its response and reads its body to the end, reporting to probe. */
    static HInternet start(HInternet session, LocalHttpServer http, String path, TestProbe<Notification> probe) {
        HInternet c = winHttp.connect(session, http.host(), http.port());
        HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
        byte[] buf = new byte[256];
        winHttp.setStatusCallback(r, (Notification n) -> {
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(n.handle());
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> winHttp.readData(n.handle(), buf, 0, buf.length);
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    if (((io.winhttp4j.StatusInfo.ReadComplete) n.info()).bytesRead() > 0) {
                        winHttp.readData(n.handle(), buf, 0, buf.length);
                    } else {
                        probe.ref().tell(n);
                    }
                }
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> probe.ref().tell(n);
                default -> { }
            }
        }, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        return r;
    }

    /** Waits for the end of each request's body; a REQUEST_ERROR fails the test. */
    static void awaitDone(TestProbe<Notification> probe, int requests) {
        for (int i = 0; i < requests; i++) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, n.status(), n.toString());
        }
    }

    /** Both requests must be at the server before it answers either: with one limit for all, the second would wait forever. */
    @Test
    void twoSessionsWithALimitOfOneEachProceedTogether() throws Exception {
        CompletableFuture<Void> both = new CompletableFuture<>();
        AtomicInteger arrived = new AtomicInteger();
        try (LocalHttpServer http = LocalHttpServer.start(kit.system(), Map.of("/both", request -> {
            if (arrived.incrementAndGet() == 2) both.complete(null);
            return both.thenApply(x -> HttpResponse.create().withEntity(HttpEntities.create("both")));
        }))) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s1 = session(1);
            HInternet s2 = session(1);
            try {
                start(s1, http, "/both", probe);
                start(s2, http, "/both", probe);
                awaitDone(probe, 2);
                assertEquals(2, http.connectionsAccepted(), "one connection each");
            } finally {
                both.complete(null);
                winHttp.closeHandle(s1);
                winHttp.closeHandle(s2);
            }
        }
    }

    /**
     * Idle pooled connections do not lift the limit: with one allowed, the second request waits for
     * the first one's connection, although another idle connection is in the pool.
     */
    @Test
    void aSessionsLimitHoldsWhileIdleConnectionsWait() throws Exception {
        try (HoldingServer hold = HoldingServer.start()) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet open = session(0);
            HInternet limited = session(1);
            try {
                // two idle connections in the pool, left by a session without a limit
                start(open, hold.http(), "/hold", probe);
                start(open, hold.http(), "/hold", probe);
                hold.answerNext();
                hold.answerNext();
                awaitDone(probe, 2);
                assertEquals(2, hold.http().connectionsAccepted());
                hold.http().clearRecorded();

                start(limited, hold.http(), "/hold", probe);
                start(limited, hold.http(), "/hold", probe);
                hold.answerNext();
                hold.answerNext();
                awaitDone(probe, 2);
                List<Long> ids = hold.http().requests().stream().map(LocalHttpServer.Recorded::connectionId).toList();
                assertEquals(2, ids.size(), ids.toString());
                assertEquals(ids.get(0), ids.get(1), "the second request waited for the first one's connection");
            } finally {
                winHttp.closeHandle(open);
                winHttp.closeHandle(limited);
            }
        }
    }
}
