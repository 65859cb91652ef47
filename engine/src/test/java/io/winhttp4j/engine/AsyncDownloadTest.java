package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The asynchronous download as an application (and the bench's async driver) runs it: the status
 * callback loops queryDataAvailable → DATA_AVAILABLE → readData → READ_COMPLETE, each next call
 * made from inside the callback, so reads of bytes in hand are served on the callback's thread
 * (ReadsInHand) and reads of bytes not yet in hand by the actor, in one sequence. Every
 * READ_COMPLETE's bytes are checked against the body at the position the completions before it
 * reached: a completion out of order, twice or lost shows as wrong bytes or a wrong total.
 */
class AsyncDownloadTest extends EngineTestBase {
    private static final long WAIT_S = 20;
    private static final long BASE_SEED = 0xA5D0_0A1DL;
    private static final int SCHEDULES = 120;
    private static final int[] APIS = {API_QUERY_DATA_AVAILABLE, API_READ_DATA};

    private static RawServer trickle;
    private static HInternet session, local, raw;

    @BeforeAll
    static void sessions() {
        trickle = rawServer(AsyncDownloadTest::trickle);
        session = winHttp.open("download", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        local = winHttp.connect(session, server.host(), server.port());
        raw = winHttp.connect(session, trickle.host(), trickle.port());
    }

    @AfterAll
    static void closeSessions() {
        for (HInternet h : new HInternet[] {raw, local, session}) {
            if (h != null) winHttp.closeHandle(h);
        }
    }

    @Test
    void largeBodyArrivesExactAndInOrder() throws Exception {
        long size = 48L << 20;
        Download d = new Download(local, "/bytes?n=" + size, new Random(1), 64 * 1024, false);
        d.start();
        d.awaitEnd();
        d.assertComplete(size);
    }

    @Test
    void chunkedBodyArrivesExactAndInOrder() throws Exception {
        long size = 8L << 20;
        Download d = new Download(local, "/chunked?n=" + size + "&chunk=" + 3001, new Random(2), 64 * 1024, true);
        d.start();
        d.awaitEnd();
        d.assertComplete(size);
    }

    /**
     * A raw-socket server trickles the body in pieces of random size with pauses, so reads find
     * bytes in hand, none, or part of what they ask: whichever serves them, the bytes are exact.
     */
    @Test
    void trickledBodiesArriveExactAndInOrder() throws Exception {
        for (int i = 0; i < 12; i++) {
            long seed = BASE_SEED + 1000 + i;
            Random random = new Random(seed);
            long size = 1 + random.nextInt(600_000);
            boolean chunked = random.nextBoolean();
            Download d = new Download(raw, "/trickle?n=" + size + "&seed=" + seed + (chunked ? "&chunked" : ""),
                    random, 1 + random.nextInt(64 * 1024), random.nextBoolean());
            d.start();
            d.awaitEnd();
            d.assertComplete(size);
        }
    }

    /**
     * A close from another thread (or from the callback) races downloads whose reads are served on
     * the calling thread, over seeded random schedules: reads made from the callback, or from an
     * application thread in a tight loop (pumping: the claim is held most of the time there), and
     * sometimes a second thread racing reads of its own. Every accepted call gets exactly one completion or REQUEST_ERROR
     * (OPERATION_CANCELLED), the bytes delivered are the body's in order, HANDLE_CLOSING comes once
     * and last, one callback at a time. Each failure names its seed.
     */
    @Test
    void closeRacingReadsServedOnTheCallersThreadKeepsTheGuarantees() throws Exception {
        List<Download> done = new ArrayList<>();
        long began = System.nanoTime();
        for (int i = 0; i < SCHEDULES; i++) {
            long seed = BASE_SEED + i;
            Random random = new Random(seed);
            boolean trickled = random.nextInt(4) == 0;
            long size = 1 + random.nextInt(trickled ? 200_000 : 1_500_000);
            String path = trickled ? "/trickle?n=" + size + "&seed=" + seed
                    : random.nextBoolean() ? "/bytes?n=" + size : "/chunked?n=" + size + "&chunk=" + (1 + random.nextInt(20_000));
            int buffer = 1 + random.nextInt(random.nextBoolean() ? 2048 : 64 * 1024);
            Download d = new Download(trickled ? raw : local, path, random, buffer, random.nextBoolean());
            d.seed = seed;
            d.pumped = random.nextBoolean();
            long threshold = random.nextInt((int) Math.min(size, Integer.MAX_VALUE));
            boolean fromCallback = !d.pumped && random.nextInt(4) == 0;
            if (fromCallback) d.closeAt = threshold;
            int racingCalls = random.nextInt(3) == 0 ? 1 + random.nextInt(6) : 0;
            long spin = random.nextInt(3) == 0 ? 0 : random.nextInt(d.pumped ? 3_000 : 50_000);
            d.start();
            Thread pump = null;
            if (d.pumped) {
                pump = new Thread(() -> d.pump(new Random(seed + 1)), "pump-" + seed);
                pump.setDaemon(true);
                pump.start();
            }
            Thread racer = null;
            if (racingCalls > 0) {
                racer = new Thread(() -> {
                    for (int k = 0; k < racingCalls; k++) {
                        spin(random.nextInt(20_000));
                        if (random.nextBoolean()) d.read(1 + random.nextInt(16_384)); else d.query();
                    }
                }, "racer-" + seed);
                racer.setDaemon(true);
                racer.start();
            }
            if (!fromCallback) {
                d.reached(threshold).await(WAIT_S, TimeUnit.SECONDS);
                spin(spin);
                d.close();
            }
            for (Thread t : new Thread[] {pump, racer}) {
                if (t == null) continue;
                t.join(WAIT_S * 1000);
                assertFalse(t.isAlive(), d.where() + ": " + t.getName() + " is still in a call");
            }
            d.awaitClosing();
            d.check();
            done.add(d);
        }
        for (Download d : done) d.checkClosedLast(); // nothing may have come after any HANDLE_CLOSING since
        System.out.printf("AsyncDownloadTest: %d schedules in %d ms%n", SCHEDULES, (System.nanoTime() - began) / 1_000_000);
    }

    /** One asynchronous download, driven by its callback; what it saw. */
    private static final class Download implements StatusCallback {
        final HInternet request;
        final String path;
        final Random random;
        final int bufferSize;
        /** After a READ_COMPLETE, sometimes read again at once instead of asking what is available. */
        final boolean readWithoutQuery;
        long seed;
        /** An application thread makes the reads, in a tight loop (pump); the callback only records. */
        volatile boolean pumped;
        /** The callback closes the handle once this many bytes have come (-1: never). */
        volatile long closeAt = -1;
        final ConcurrentLinkedQueue<Notification> seen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final AtomicIntegerArray accepted = new AtomicIntegerArray(8);
        final AtomicBoolean inCallback = new AtomicBoolean();
        final AtomicBoolean closeBegun = new AtomicBoolean();
        final CountDownLatch ended = new CountDownLatch(1);
        final CountDownLatch closing = new CountDownLatch(1);
        private volatile long position;
        private volatile boolean endSeen;
        private volatile long threshold = Long.MAX_VALUE;
        private volatile CountDownLatch reached = new CountDownLatch(0);

        Download(HInternet connect, String path, Random random, int bufferSize, boolean readWithoutQuery) {
            this.path = path;
            this.random = random;
            this.bufferSize = bufferSize;
            this.readWithoutQuery = readWithoutQuery;
            this.request = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
            winHttp.setStatusCallback(request, this, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        }

        String where() {
            return "seed " + seed + " (" + path + ", buffer " + bufferSize + (pumped ? ", pumped" : "")
                    + (readWithoutQuery ? ", reads without query" : "") + ")";
        }

        void start() {
            winHttp.sendRequest(request, null, null, 0, 0);
        }

        /** Counted down once the body's first n bytes have come (or it ended, or failed). */
        CountDownLatch reached(long n) {
            CountDownLatch l = new CountDownLatch(1);
            threshold = n;
            reached = l;
            if (position >= n || ended.getCount() == 0) l.countDown();
            return l;
        }

        void awaitEnd() throws InterruptedException {
            assertTrue(ended.await(WAIT_S, TimeUnit.SECONDS), where() + ": the download did not end; at " + position);
        }

        void awaitClosing() throws InterruptedException {
            if (!closing.await(WAIT_S, TimeUnit.SECONDS)) violations.add("no HANDLE_CLOSING within " + WAIT_S + " s");
        }

        void assertComplete(long size) throws InterruptedException {
            close();
            awaitClosing();
            check();
            assertTrue(endSeen, where() + ": no read of 0 bytes at the end");
            assertEquals(size, position, where() + ": bytes delivered");
        }

        @Override
        public void onStatus(Notification n) {
            if (!inCallback.compareAndSet(false, true)) violations.add("two callbacks at once on " + n);
            try {
                if (closing.getCount() == 0) violations.add("after HANDLE_CLOSING: " + n);
                seen.add(n);
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> call(() -> winHttp.receiveResponse(request), -1);
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> {
                        if (pumped) headers.countDown(); else query();
                    }
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                        long available = ((StatusInfo.ByteCount) n.info()).bytes();
                        if (available == 0) end(true);
                        else if (pumped) { }
                        else read(random.nextBoolean() ? bufferSize : (int) Math.min(available, bufferSize));
                    }
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                        StatusInfo.ReadComplete r = (StatusInfo.ReadComplete) n.info();
                        long at = position;
                        long wrong = LocalHttpServer.firstPatternMismatch(r.buffer(), r.offset(), r.bytesRead(), at);
                        if (wrong >= 0) violations.add("wrong byte at " + wrong + " in a read of " + r.bytesRead() + " at " + at);
                        position = at + r.bytesRead();
                        if (position >= threshold) reached.countDown();
                        if (closeAt >= 0 && position >= closeAt) {
                            closeAt = -1;
                            close();
                        } else if (r.bytesRead() == 0) {
                            end(true);
                        } else if (pumped) {
                            // the pump makes the next call
                        } else if (readWithoutQuery && random.nextBoolean()) {
                            read(bufferSize);
                        } else {
                            query();
                        }
                    }
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                        StatusInfo.AsyncResult e = (StatusInfo.AsyncResult) n.info();
                        if (e.error() != WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED || !closeBegun.get()) {
                            violations.add("REQUEST_ERROR " + n.info() + (closeBegun.get() ? "" : " before any close"));
                        }
                        end(false);
                    }
                    case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> {
                        end(false);
                        closing.countDown();
                    }
                    default -> { }
                }
            } finally {
                inCallback.set(false);
            }
        }

        private void end(boolean ofBody) {
            if (ofBody) endSeen = true;
            reached.countDown();
            ended.countDown();
        }

        final CountDownLatch headers = new CountDownLatch(1);

        /**
         * The application thread's reads, as fast as they are taken: a refusal (the state busy,
         * or a claim held) is tried again; it stops at the end of the body or once closed.
         */
        void pump(Random random) {
            try {
                if (!headers.await(WAIT_S, TimeUnit.SECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (!endSeen && closing.getCount() > 0 && System.nanoTime() < deadline) {
                if (random.nextInt(4) == 0) query(); else read(bufferSize);
                if (closeBegun.get() && ended.getCount() == 0) return;
            }
        }

        void query() { call(() -> assertPending(winHttp.queryDataAvailable(request)), API_QUERY_DATA_AVAILABLE); }

        void read(int size) {
            byte[] buffer = new byte[size + 3];
            call(() -> assertPending(winHttp.readData(request, buffer, 3, size)), API_READ_DATA);
        }

        void close() {
            closeBegun.set(true);
            try {
                winHttp.closeHandle(request);
            } catch (WinHttpException e) {
                violations.add("closeHandle threw " + e);
            }
        }

        private void assertPending(int returned) {
            if (returned != WinHttp.PENDING) violations.add("an asynchronous call returned " + returned);
        }

        /** A call that, if it returns, was accepted (api >= 0 counts it); refused only by the state or the close. */
        private void call(Runnable c, int api) {
            try {
                c.run();
                if (api >= 0) accepted.incrementAndGet(api);
            } catch (WinHttpException e) {
                boolean refused = e.error() == WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE
                        || e.error() == WinHttpError.ERROR_INVALID_HANDLE;
                if (!refused) violations.add("a call threw " + e);
                if (e.error() == WinHttpError.ERROR_INVALID_HANDLE && !closeBegun.get()) violations.add("INVALID_HANDLE before the close: " + e);
            } catch (RuntimeException e) {
                violations.add("a call threw a stray " + e);
            }
        }

        void check() {
            List<Notification> all = new ArrayList<>(seen);
            int[] ends = new int[8];
            for (Notification n : all) {
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> ends[API_QUERY_DATA_AVAILABLE]++;
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> ends[API_READ_DATA]++;
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> ends[((StatusInfo.AsyncResult) n.info()).api()]++;
                    default -> { }
                }
            }
            for (int api : APIS) {
                if (ends[api] != accepted.get(api)) {
                    violations.add("API " + api + ": " + accepted.get(api) + " accepted, " + ends[api] + " completion(s) or REQUEST_ERROR(s)");
                }
            }
            checkClosedLast();
            List<String> found = new ArrayList<>(violations);
            assertTrue(found.isEmpty(), where() + ": " + found + "; notifications: " + statuses(all));
        }

        void checkClosedLast() {
            List<Notification> all = new ArrayList<>(seen);
            long closings = all.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING).count();
            assertEquals(1, closings, where() + ": HANDLE_CLOSING count; notifications: " + statuses(all));
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, all.get(all.size() - 1).status(),
                    where() + ": HANDLE_CLOSING is not last; notifications: " + statuses(all));
        }
    }

    /**
     * The raw server's /trickle?n=N&seed=S[&chunked]: N bytes of LocalHttpServer's pattern, with
     * Content-Length or chunked, written in pieces of random size (from S) with short pauses.
     */
    private static void trickle(RawConnection c) throws IOException, InterruptedException {
        String head;
        while ((head = c.readRequestHead()) != null) {
            String target = RawConnection.requestLine(head).split(" ")[1];
            long n = Long.parseLong(param(target, "n"));
            Random random = new Random(Long.parseLong(param(target, "seed")));
            boolean chunked = target.contains("&chunked");
            c.write("HTTP/1.1 200 OK\r\n" + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + n) + "\r\n\r\n");
            for (long sent = 0; sent < n; ) {
                int piece = (int) Math.min(n - sent, 1 + random.nextInt(random.nextBoolean() ? 200 : 40_000));
                byte[] b = new byte[piece];
                for (int k = 0; k < piece; k++) b[k] = LocalHttpServer.patternByte(sent + k);
                if (chunked) c.write(Integer.toHexString(piece) + "\r\n");
                c.write(b);
                if (chunked) c.write("\r\n");
                sent += piece;
                if (random.nextInt(8) == 0) Thread.sleep(random.nextInt(3));
            }
            if (chunked) c.write("0\r\n\r\n");
        }
    }

    private static String param(String target, String name) {
        for (String p : target.substring(target.indexOf('?') + 1).split("&")) {
            if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        }
        throw new IllegalArgumentException("no " + name + " in " + target);
    }

    private static void spin(long n) {
        for (long i = 0; i < n; i++) Thread.onSpinWait();
    }

    private static String statuses(List<Notification> all) {
        StringBuilder sb = new StringBuilder();
        for (Notification n : all) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(statusName(n.status()));
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) sb.append(n.info());
            if (n.status() == WINHTTP_CALLBACK_STATUS_READ_COMPLETE) sb.append('(').append(((StatusInfo.ReadComplete) n.info()).bytesRead()).append(')');
        }
        return sb.length() > 4000 ? sb.substring(0, 2000) + " … " + sb.substring(sb.length() - 2000) : sb.toString();
    }
}
