package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * API.md's guarantees under racing calls: in each random schedule several threads race
 * sendRequest, receiveResponse, queryDataAvailable, readData, setOption and closeHandle on one
 * request handle (asynchronous or synchronous, against routes fast, slow, with bodies of one or
 * many reads), while in asynchronous mode the status callback may drive the request on as an
 * application would. A recorder checks every handle's notifications: one callback at a time;
 * exactly one completion or REQUEST_ERROR per accepted asynchronous call; no completion at all in
 * synchronous mode; HANDLE_CLOSING exactly once and last; OPERATION_CANCELLED only once a close
 * has begun; a refused call fails only with INCORRECT_HANDLE_STATE or INVALID_HANDLE (or, in
 * synchronous mode, OPERATION_CANCELLED when a close cancelled it), never with anything else.
 * Every failure names its schedule's seed; {@code new Schedule(seed).run()} runs that one again.
 *
 * <p>It found that, in synchronous mode, a call's progress notifications (run on its caller's
 * thread when it wakes) could run after the HANDLE_CLOSING of a close from another thread that
 * cancelled it (seeds 1548669417, 1548669552 among others); a synchronous delivery now waits for
 * the earlier caller on its handle to run its own (Call.deliver with after).
 */
class ScheduleRaceTest extends EngineTestBase {
    private static final long BASE_SEED = 0x5C4ED1E5L;
    private static final int SCHEDULES = 300;
    private static final java.util.Set<Integer> COMPLETIONS = java.util.Set.of(WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE,
            WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE,
            WINHTTP_CALLBACK_STATUS_READ_COMPLETE, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE,
            WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
    private static final int[] APIS = {API_SEND_REQUEST, API_RECEIVE_RESPONSE, API_QUERY_DATA_AVAILABLE, API_READ_DATA};

    private static HInternet asyncSession, asyncConnect, syncSession, syncConnect;

    @BeforeAll
    static void sessions() {
        asyncSession = winHttp.open("race", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        asyncConnect = winHttp.connect(asyncSession, server.host(), server.port());
        syncSession = winHttp.open("race", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        syncConnect = winHttp.connect(syncSession, server.host(), server.port());
    }

    @AfterAll
    static void closeSessions() {
        for (HInternet h : new HInternet[] {asyncConnect, asyncSession, syncConnect, syncSession}) {
            if (h != null) winHttp.closeHandle(h);
        }
    }

    @Test
    void everyScheduleKeepsTheGuarantees() throws Exception {
        List<Schedule> done = new ArrayList<>();
        long began = System.nanoTime();
        long slowest = 0;
        long slowestSeed = 0;
        for (int i = 0; i < SCHEDULES; i++) {
            long t0 = System.nanoTime();
            Schedule s = new Schedule(BASE_SEED + i);
            s.run();
            done.add(s);
            if (System.nanoTime() - t0 > slowest) {
                slowest = System.nanoTime() - t0;
                slowestSeed = s.seed;
            }
        }
        // late stragglers: nothing may have come after any HANDLE_CLOSING meanwhile
        for (Schedule s : done) s.checkClosedLast();
        System.out.printf("ScheduleRaceTest: %d schedules in %d ms (slowest: seed %d, %d ms)%n", SCHEDULES,
                (System.nanoTime() - began) / 1_000_000, slowestSeed, slowest / 1_000_000);
    }

    private enum Kind { SEND, RECEIVE, QUERY, READ, OPTION, CLOSE }

    /** One random schedule: its request, its threads, and what they and the callback saw. */
    private static final class Schedule {
        final long seed;
        final Random random;
        final boolean async;
        final String route;
        final boolean callbackDrives;
        final HInternet request;
        final ConcurrentLinkedQueue<Notification> seen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final AtomicIntegerArray accepted = new AtomicIntegerArray(8);
        final AtomicBoolean inCallback = new AtomicBoolean();
        final AtomicBoolean closeBegun = new AtomicBoolean();
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicInteger cancelledSeenBeforeClose = new AtomicInteger();

        Schedule(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.async = random.nextBoolean();
            this.route = switch (random.nextInt(5)) {
                case 0 -> "/hello";
                case 1 -> "/bytes?n=" + (1 + random.nextInt(200_000));
                case 2 -> "/chunked?n=" + (1 + random.nextInt(60_000)) + "&chunk=" + (1 + random.nextInt(8192));
                case 3 -> "/delay?ms=" + random.nextInt(30);
                default -> "/status/204";
            };
            this.callbackDrives = async && random.nextInt(4) != 0;
            this.request = winHttp.openRequest(async ? asyncConnect : syncConnect, "GET", route, null, null, null, 0);
            winHttp.setStatusCallback(request, this::onStatus, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        }

        String where() {
            return "seed " + seed + " (" + (async ? "async" : "sync") + " " + route
                    + (callbackDrives ? ", callback drives" : "") + ")";
        }

        void run() throws Exception {
            int threads = 2 + random.nextInt(3);
            List<List<Kind>> plans = new ArrayList<>();
            boolean anyClose = false;
            for (int t = 0; t < threads; t++) {
                List<Kind> plan = new ArrayList<>();
                if (t == 0) {
                    plan.addAll(List.of(Kind.SEND, Kind.RECEIVE));
                    for (int k = random.nextInt(6); k > 0; k--) plan.add(random.nextBoolean() ? Kind.READ : Kind.QUERY);
                } else {
                    for (int k = 1 + random.nextInt(5); k > 0; k--) {
                        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                        if (kind == Kind.CLOSE && (anyClose || random.nextBoolean())) kind = Kind.OPTION;
                        anyClose |= kind == Kind.CLOSE;
                        plan.add(kind);
                    }
                }
                plans.add(plan);
            }
            long[] spins = new long[64];
            for (int i = 0; i < spins.length; i++) spins[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(20_000);
            int[] bufferSizes = new int[64];
            for (int i = 0; i < bufferSizes.length; i++) bufferSizes[i] = 1 + random.nextInt(16_384);
            boolean awaitEnd = random.nextBoolean();

            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Kind> plan = plans.get(t);
                int offset = t * 7;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < plan.size(); i++) {
                            spin(spins[(offset + i) % spins.length]);
                            call(plan.get(i), bufferSizes[(offset + i) % bufferSizes.length]);
                        }
                    } catch (Throwable e) {
                        violations.add("worker threw " + e);
                    }
                }, "race-" + seed + "-" + t);
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            start.countDown();
            for (Thread w : workers) {
                w.join(10_000);
                if (w.isAlive()) violations.add(w.getName() + " still in a call after 10 s: " + stack(w));
            }
            if (awaitEnd && callbackDrives) ended.await(5, TimeUnit.SECONDS); // let the exchange finish first, sometimes
            call(Kind.CLOSE, 1);
            if (!closing.await(5, TimeUnit.SECONDS)) violations.add("no HANDLE_CLOSING within 5 s");
            check();
        }

        /** One call from a worker or the callback; its outcome is judged at once. */
        void call(Kind kind, int bufferSize) {
            try {
                switch (kind) {
                    case SEND -> {
                        winHttp.sendRequest(request, null, null, 0, seed);
                        acceptedAsync(API_SEND_REQUEST);
                    }
                    case RECEIVE -> {
                        winHttp.receiveResponse(request);
                        acceptedAsync(API_RECEIVE_RESPONSE);
                    }
                    case QUERY -> {
                        int n = winHttp.queryDataAvailable(request);
                        if (async && n != WinHttp.PENDING) violations.add("async queryDataAvailable returned " + n);
                        acceptedAsync(API_QUERY_DATA_AVAILABLE);
                    }
                    case READ -> {
                        int n = winHttp.readData(request, new byte[bufferSize], 0, bufferSize);
                        if (async && n != WinHttp.PENDING) violations.add("async readData returned " + n);
                        acceptedAsync(API_READ_DATA);
                    }
                    case OPTION -> winHttp.setOption(request, WINHTTP_OPTION_CONTEXT_VALUE, seed);
                    case CLOSE -> {
                        closeBegun.set(true);
                        winHttp.closeHandle(request);
                    }
                }
            } catch (WinHttpException e) {
                WinHttpError error = e.error();
                boolean refused = error == WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE
                        || error == WinHttpError.ERROR_INVALID_HANDLE;
                boolean cancelled = error == WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED && !async && closeBegun.get();
                if (!refused && !cancelled) violations.add(kind + " threw " + e);
            } catch (RuntimeException e) {
                violations.add(kind + " threw a stray " + e);
            }
        }

        private void acceptedAsync(int api) {
            if (async) accepted.incrementAndGet(api);
        }

        void onStatus(Notification n) {
            if (!inCallback.compareAndSet(false, true)) violations.add("two callbacks at once on " + n);
            try {
                if (closing.getCount() == 0) violations.add("after HANDLE_CLOSING: " + n);
                seen.add(n);
                int status = n.status();
                if (status == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR
                        && ((StatusInfo.AsyncResult) n.info()).error() == WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED
                        && !closeBegun.get()) {
                    cancelledSeenBeforeClose.incrementAndGet();
                }
                if (status == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) closing.countDown();
                if (callbackDrives) drive(n);
            } finally {
                inCallback.set(false);
            }
        }

        /** What an application's callback does next; it races the workers' calls. */
        private void drive(Notification n) {
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> call(Kind.RECEIVE, 1);
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> call(Kind.QUERY, 1);
                case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> {
                    long available = ((StatusInfo.ByteCount) n.info()).bytes();
                    if (available == 0) ended.countDown();
                    else call(Kind.READ, (int) Math.min(available, 8192));
                }
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> {
                    if (((StatusInfo.ReadComplete) n.info()).bytesRead() == 0) ended.countDown();
                    else call(Kind.QUERY, 1);
                }
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> ended.countDown();
                default -> { }
            }
        }

        void check() {
            List<Notification> all = new ArrayList<>(seen);
            int[] ends = new int[8];
            for (Notification n : all) {
                switch (n.status()) {
                    case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> ends[API_SEND_REQUEST]++;
                    case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> ends[API_RECEIVE_RESPONSE]++;
                    case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> ends[API_QUERY_DATA_AVAILABLE]++;
                    case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> ends[API_READ_DATA]++;
                    case WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE -> ends[API_WRITE_DATA]++;
                    case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> {
                        StatusInfo.AsyncResult r = (StatusInfo.AsyncResult) n.info();
                        ends[r.api()]++;
                        if (r.error() != WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED) {
                            violations.add("REQUEST_ERROR other than OPERATION_CANCELLED: " + n);
                        }
                    }
                    default -> { }
                }
            }
            for (int api : APIS) {
                int expected = async ? accepted.get(api) : 0;
                if (ends[api] != expected) {
                    violations.add("API " + api + ": " + expected + " accepted asynchronous call(s), "
                            + ends[api] + " completion(s) or REQUEST_ERROR(s)");
                }
            }
            if (ends[API_WRITE_DATA] != 0) violations.add("WRITE_COMPLETE without a writeData");
            if (cancelledSeenBeforeClose.get() > 0) violations.add("OPERATION_CANCELLED before any close began");
            checkClosedLast();
            assertEquals(List.of(), new ArrayList<>(violations), where() + "; notifications: " + statuses(all));
        }

        void checkClosedLast() {
            List<Notification> all = new ArrayList<>(seen);
            long closings = all.stream().filter(n -> n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING).count();
            assertEquals(1, closings, where() + ": HANDLE_CLOSING count; notifications: " + statuses(all));
            int at = 0;
            while (all.get(at).status() != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) at++;
            List<Notification> after = all.subList(at + 1, all.size());
            assertTrue(after.isEmpty(), where() + ": HANDLE_CLOSING is not last; notifications: " + statuses(all));
        }
    }

    private static void spin(long n) {
        for (long i = 0; i < n; i++) Thread.onSpinWait();
    }

    private static String stack(Thread t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) sb.append("\n    at ").append(e);
        return sb.toString();
    }

    private static String statuses(List<Notification> all) {
        StringBuilder sb = new StringBuilder();
        for (Notification n : all) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(statusName(n.status()));
            if (n.status() == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) sb.append(n.info());
        }
        return sb.toString();
    }
}
