package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** The engine-wide pool under load: nothing in flight is lost, whatever the server does with its connections. */
class PoolTest extends EngineTestBase {



    /** Runs n asynchronous GETs of path at once; returns how many ended in HEADERS_AVAILABLE + a full read. */
    private static int burst(String path, int n) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(n);
        ConcurrentHashMap<HInternet, Boolean> ok = new ConcurrentHashMap<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        byte[][] buffers = new byte[n][64];
        for (int i = 0; i < n; i++) {
            byte[] buf = buffers[i];
            HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
            winHttp.setStatusCallback(r, (Notification x) -> {
                switch (x.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(x.handle());
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        if (x.info() instanceof io.winhttp4j.StatusInfo.ReadComplete rc && rc.bytesRead() == 0) {
                            ok.put(x.handle(), true);
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
        assertTrue(done.await(60, TimeUnit.SECONDS), done.getCount() + " of " + n + " requests never ended");
        winHttp.closeHandle(s);
        return ok.size();
    }

    /** Regression: a connection the server had closed threw on close and took the pool actor down. */
    @Test
    void manyRequestsAgainstAServerThatClosesEveryConnection() throws Exception {
        assertEquals(200, burst("/close", 200));
        assertEquals(50, burst("/hello", 50), "the pool still works afterwards");
    }

    @Test
    void manyRequestsShareFewKeepAliveConnections() throws Exception {
        winHttp.closeIdleConnections();
        long before = server.connectionsAccepted();
        assertEquals(500, burst("/hello", 500));
        assertEquals(500, burst("/hello", 500));
        long opened = server.connectionsAccepted() - before;
        assertTrue(opened <= 500, "the second burst reused pooled connections: " + opened + " opened");
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
