package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine-wide pool: how many connections a load opens, and that nothing in flight is lost,
 * whatever the server does with its connections.
 */
class PoolTest extends EngineTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpResponse OPEN = HttpResponse.create().withEntity("open");

    /** /gate on {@link #gated} answers when the test completes this, so a whole burst is in flight at once. */
    private static final AtomicReference<CompletableFuture<HttpResponse>> gate = new AtomicReference<>();
    private static LocalHttpServer gated;

    @BeforeAll
    static void startGatedServer() {
        gated = LocalHttpServer.start(kit.system(), Map.of("/gate", request -> gate.get()));
    }

    @AfterAll
    static void stopGatedServer() {
        if (gated != null) gated.close();
    }

    /** n asynchronous GETs sent at once, each read to its end and closed by its callback. */
    private static final class Burst {
        final CountDownLatch done;
        final Set<HInternet> ok = ConcurrentHashMap.newKeySet();
        final HInternet session;
        final int n;

        Burst(LocalHttpServer target, String path, int n) {
            this.n = n;
            this.done = new CountDownLatch(n);
            session = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet c = winHttp.connect(session, target.host(), target.port());
            for (int i = 0; i < n; i++) {
                byte[] buf = new byte[64];
                HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
                winHttp.setStatusCallback(r, (Notification x) -> {
                    switch (x.status()) {
                        case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(x.handle());
                        case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                            if (x.info() instanceof StatusInfo.ReadComplete rc && rc.bytesRead() == 0) {
                                ok.add(x.handle());
                                winHttp.closeHandle(x.handle());
                            } else {
                                winHttp.readData(x.handle(), buf, 0, buf.length);
                            }
                        }
                        case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> winHttp.closeHandle(x.handle());
                        case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> done.countDown();
                        default -> { }
                    }
                }, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS | WINHTTP_CALLBACK_FLAG_HANDLES);
                winHttp.sendRequest(r, null, null, 0, 0);
            }
        }

        /** Waits for every request to end; returns how many read their whole response. */
        int awaitEnd() throws InterruptedException {
            assertTrue(done.await(WAIT.toSeconds(), TimeUnit.SECONDS), done.getCount() + " of " + n + " requests never ended");
            winHttp.closeHandle(session);
            return ok.size();
        }
    }

    /** Regression: a connection the server had closed threw on close and took the pool actor down. */
    @Test
    void manyRequestsAgainstAServerThatClosesEveryConnection() throws Exception {
        assertEquals(200, new Burst(server, "/close", 200).awaitEnd());
        assertEquals(50, new Burst(server, "/hello", 50).awaitEnd(), "the pool still works afterwards");
    }

    /**
     * A request takes an idle connection if there is one and opens one otherwise, and gives it
     * back when its response is read. So n requests all in flight at once (the server holds their
     * responses until it has every head) open exactly n connections, and the next n, sent once
     * those are idle again, open none: they go over the same n.
     */
    @Test
    void requestsInFlightAtOnceOpenOneConnectionEachAndTheNextOnesReuseThemAll() throws Exception {
        int n = 100;
        winHttp.closeIdleConnections();
        List<LocalHttpServer.Recorded> first = gatedBurst(n, 0);
        assertEquals(n, gated.connectionsAccepted(), "one connection for each request in flight");
        List<LocalHttpServer.Recorded> second = gatedBurst(n, n);
        assertEquals(n, gated.connectionsAccepted(), "the second burst opened no connection");
        assertEquals(connectionIds(first), connectionIds(second), "the second burst went over the first one's connections");
        assertEquals(n, connectionIds(second).size());
    }

    /** Sends n requests to /gate, waits for all n heads, then lets the server answer; returns their records. */
    private static List<LocalHttpServer.Recorded> gatedBurst(int n, int recordedBefore) throws Exception {
        gate.set(new CompletableFuture<>());
        Burst burst = new Burst(gated, "/gate", n);
        List<LocalHttpServer.Recorded> heads = gated.awaitRequests(recordedBefore + n, WAIT);
        gate.get().complete(OPEN);
        assertEquals(n, burst.awaitEnd());
        return heads.subList(recordedBefore, recordedBefore + n);
    }

    private static Set<Long> connectionIds(List<LocalHttpServer.Recorded> records) {
        Set<Long> ids = new HashSet<>();
        for (LocalHttpServer.Recorded r : records) ids.add(r.connectionId());
        return ids;
    }

    /** Each request reads its response to the end before the next is sent: they all share one connection. */
    @Test
    void sequentialRequestsShareOneConnection() {
        int before = server.requests().size();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        for (int i = 0; i < 20; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            byte[] buf = new byte[64];
            while (winHttp.readData(r, buf, 0, buf.length) > 0) {
                // to the end, so the connection goes back to the pool
            }
            winHttp.closeHandle(r);
        }
        winHttp.closeHandle(s);
        List<LocalHttpServer.Recorded> all = server.requests();
        Set<Long> ids = connectionIds(all.subList(before, all.size()));
        assertEquals(20, all.size() - before);
        assertEquals(1, ids.size(), "20 sequential requests went over connections " + ids);
    }

    /** Regression: two engines in one actor system named their pool and session actors alike. */
    @Test
    void twoEnginesInOneActorSystemWorkSideBySide() throws Exception {
        WinHttpEngine second = WinHttpEngine.embedded(kit.system());
        try {
            for (WinHttpEngine engine : new WinHttpEngine[] {winHttp, second}) {
                HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
                HInternet c = engine.connect(s, server.host(), server.port());
                HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
                engine.sendRequest(r, null, null, 0, 0);
                engine.receiveResponse(r);
                assertEquals(200, engine.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
                engine.closeHandle(s);
            }
        } finally {
            second.close();
        }
    }
}
