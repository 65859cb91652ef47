package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * No thread per task: the number of threads the JVM starts must not grow with the number of
 * requests, in either mode, for small bodies and for bodies of several reads. The engine's
 * surefire run sets the common pool's parallelism to 1 (what a 2-CPU machine gets by default),
 * where every *Async step without an executor of its own starts a new thread: a hop left on the
 * engine's path shows up here as thousands of threads.
 */
class ThreadBudgetTest {
    /** Requests of the long batch (the short one has a tenth), per mode, after the warm-up. */
    private static final int REQUESTS = 3000;
    /** Threads the long batch may start beyond the short one's: pools settling, never per request. */
    private static final int SLACK = 16;
    private static final int BODY_CHUNKS = 8;
    private static final int CHUNK = 16 * 1024;

    private static ActorTestKit kit;
    private static LocalHttpServer server;
    private static WinHttpEngine winHttp;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        // routes that answer at once, without the default routes' body drain (a Pekko Java-API
        // stage whose follow-on step would start a thread per request on the server's side)
        List<ByteString> chunks = new ArrayList<>();
        for (int i = 0; i < BODY_CHUNKS; i++) chunks.add(ByteString.fromArray(new byte[CHUNK]));
        server = LocalHttpServer.start(kit.system(), Map.of(
                "/small", request -> CompletableFuture.completedFuture(HttpResponse.create().withEntity("ok")),
                "/several", request -> CompletableFuture.completedFuture(HttpResponse.create().withEntity(
                        HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, Source.from(chunks))))));
        winHttp = WinHttpEngine.create(); // the engine's own actor system and dispatchers
    }

    @AfterAll
    static void stop() {
        if (winHttp != null) winHttp.close();
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }

    @Test
    void syncRequestsStartNoThreadEach() throws Exception {
        assertTrap();
        HInternet session = winHttp.open("budget", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet connect = winHttp.connect(session, LocalHttpServer.HOST, server.port());
        Batch sync = n -> {
            byte[] buffer = new byte[8192];
            for (int i = 0; i < n; i++) {
                boolean several = i % 4 == 0;
                HInternet r = winHttp.openRequest(connect, "GET", several ? "/several" : "/small", null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                long total = 0;
                int got;
                while ((got = winHttp.readData(r, buffer, 0, buffer.length)) > 0) total += got;
                winHttp.closeHandle(r);
                assertEquals(several ? BODY_CHUNKS * CHUNK : 2, total, "body of request " + i);
            }
        };
        try {
            judge("sync", sync);
        } finally {
            winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
        }
    }

    @Test
    void asyncRequestsStartNoThreadEach() throws Exception {
        assertTrap();
        HInternet session = winHttp.open("budget", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet connect = winHttp.connect(session, LocalHttpServer.HOST, server.port());
        try {
            judge("async", n -> new AsyncLanes(connect, 4, n).run());
        } finally {
            winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
        }
    }

    private static void assertTrap() {
        assertEquals(1, ForkJoinPool.getCommonPoolParallelism(),
                "run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=1 (the engine's surefire argLine): "
                        + "only then does a step on the common pool start a thread, which this test detects");
    }

    private interface Batch {
        void run(int requests) throws Exception;
    }

    /** Warms up, then compares the threads started by a short and by a ten times longer batch. */
    private static void judge(String mode, Batch batch) throws Exception {
        batch.run(REQUESTS / 10); // pools and dispatchers reach their working size
        long before = THREADS.getTotalStartedThreadCount();
        batch.run(REQUESTS / 10);
        long shortBatch = THREADS.getTotalStartedThreadCount() - before;
        before = THREADS.getTotalStartedThreadCount();
        batch.run(REQUESTS);
        long longBatch = THREADS.getTotalStartedThreadCount() - before;
        System.out.println("ThreadBudgetTest " + mode + ": threads started during " + REQUESTS / 10 + " requests: "
                + shortBatch + ", during " + REQUESTS + ": " + longBatch);
        assertTrue(longBatch - shortBatch <= SLACK,
                mode + ": " + shortBatch + " threads started during " + REQUESTS / 10 + " requests, "
                        + longBatch + " during " + REQUESTS + ": threads grow with the requests");
    }

    /**
     * Asynchronous requests driven from the status callback, a few in flight: each lane starts its
     * next request when the previous one has ended.
     */
    private static final class AsyncLanes {
        private final HInternet connect;
        private final int lanes;
        private final AtomicInteger started = new AtomicInteger();
        private final int total;
        private final CountDownLatch done;
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final byte[][] buffers;

        AsyncLanes(HInternet connect, int lanes, int total) {
            this.connect = connect;
            this.lanes = lanes;
            this.total = total;
            this.done = new CountDownLatch(total);
            this.buffers = new byte[lanes][8192];
        }

        void run() throws InterruptedException {
            for (int lane = 0; lane < lanes; lane++) next(lane);
            assertTrue(done.await(60, TimeUnit.SECONDS), "async requests still running: " + done.getCount());
            assertEquals(List.of(), new ArrayList<>(failures), "failures");
        }

        private void next(int lane) {
            int i = started.getAndIncrement();
            if (i >= total) return;
            boolean several = i % 4 == 0;
            long[] bytes = new long[1];
            HInternet r = winHttp.openRequest(connect, "GET", several ? "/several" : "/small", null, null, null, 0);
            winHttp.setStatusCallback(r, n -> onStatus(lane, r, n, bytes, several ? BODY_CHUNKS * CHUNK : 2),
                    WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
            winHttp.sendRequest(r, null, null, 0, lane);
        }

        private void onStatus(int lane, HInternet r, Notification n, long[] bytes, long expected) {
            try {
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(r);
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> winHttp.queryDataAvailable(r);
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                        if (((StatusInfo.ByteCount) n.info()).bytes() == 0) end(lane, r, bytes[0], expected);
                        else winHttp.readData(r, buffers[lane], 0, buffers[lane].length);
                    }
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        bytes[0] += ((StatusInfo.ReadComplete) n.info()).bytesRead();
                        winHttp.queryDataAvailable(r);
                    }
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                        failures.add("REQUEST_ERROR " + n.info());
                        end(lane, r, -1, expected);
                    }
                    default -> { }
                }
            } catch (WinHttpException e) {
                failures.add(e.toString());
                end(lane, r, -1, expected);
            }
        }

        private void end(int lane, HInternet r, long bytes, long expected) {
            if (bytes >= 0 && bytes != expected) failures.add("body " + bytes + " bytes, expected " + expected);
            winHttp.closeHandle(r);
            done.countDown();
            next(lane);
        }
    }
}
