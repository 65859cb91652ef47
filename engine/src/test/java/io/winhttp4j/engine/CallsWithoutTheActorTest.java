package io.winhttp4j.engine;

import com.typesafe.config.ConfigFactory;
import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Calls that need no answer from the handle's actor do not wait for one. The engine here runs
 * its actors on a default dispatcher of one thread, which the test occupies on purpose (a test
 * actor parked on a latch, bounded): while it is held no handle actor can run, so a call that
 * returns then has not waited for its actor. The server runs in another actor system.
 */
class CallsWithoutTheActorTest {
    private static final long WAIT_S = 10;
    private static ActorTestKit kit;
    private static LocalHttpServer server;
    private static WinHttpEngine engine;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        server = LocalHttpServer.start(kit.system());
        engine = WinHttpEngine.create(ConfigFactory.parseString(
                "pekko.actor.default-dispatcher { executor = thread-pool-executor\n"
                        + "thread-pool-executor.fixed-pool-size = 1 }").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        if (engine != null) engine.close();
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }

    /** Holds the engine's only actor thread until released (or WAIT_S at most); finished says when it let go. */
    private static final class Hold implements AutoCloseable {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();

        Hold() throws InterruptedException {
            ActorRef<String> holder = engine.system().systemActorOf(Behaviors.<String>receiveMessage(m -> {
                held.countDown();
                release.await(WAIT_S, TimeUnit.SECONDS);
                finished.set(true);
                return Behaviors.stopped();
            }), "hold-" + System.nanoTime(), Props.empty());
            holder.tell("hold");
            assertTrue(held.await(WAIT_S, TimeUnit.SECONDS), "the actor thread was not taken");
        }

        /** The call just made returned while no actor of the engine could run. */
        void assertStillHeld(String what) {
            assertFalse(finished.get(), what + " returned only once the actor thread was free again");
        }

        @Override public void close() { release.countDown(); }
    }

    private static final class Collected implements StatusCallback {
        final BlockingQueue<Notification> all = new LinkedBlockingQueue<>();

        @Override public void onStatus(Notification n) { all.add(n); }

        /** The next notification of h (bounded). */
        Notification next(HInternet h) throws InterruptedException {
            for (;;) {
                Notification n = all.poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(n, "no notification of " + h + " within " + WAIT_S + " s");
                if (n.handle() == h) return n;
            }
        }

        void expect(HInternet h, int status) throws InterruptedException {
            for (;;) {
                Notification n = all.poll(WAIT_S, TimeUnit.SECONDS);
                assertNotNull(n, "no notification 0x" + Integer.toHexString(status) + " within " + WAIT_S + " s");
                if (n.handle() == h && n.status() == status) return;
                assertNotEquals(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, n.status(), n.toString());
            }
        }
    }

    @Test
    void asynchronousCallsAndHeaderQueriesReturnWhileTheActorCannotRun() throws Exception {
        Collected seen = new Collected();
        HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        engine.setStatusCallback(s, seen, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        HInternet c = engine.connect(s, server.host(), server.port());
        HInternet r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
        try (Hold hold = new Hold()) {
            engine.sendRequest(r, "X-Probe: 1", null, 0, 0);
            hold.assertStillHeld("sendRequest");
            assertEquals("GET", engine.queryHeaders(r, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
            hold.assertStillHeld("queryHeaders of the request");
        }
        seen.expect(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        try (Hold hold = new Hold()) {
            engine.receiveResponse(r);
            hold.assertStillHeld("receiveResponse");
        }
        seen.expect(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        try (Hold hold = new Hold()) {
            assertEquals("200", engine.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            assertEquals(LocalHttpServer.HELLO_BODY.length(),
                    engine.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
            assertEquals("1", engine.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Probe", 0),
                    "the request headers as sent");
            hold.assertStillHeld("queryHeaders of the response");
            assertEquals(io.winhttp4j.WinHttp.PENDING, engine.readData(r, new byte[64], 0, 64));
            hold.assertStillHeld("readData");
        }
        seen.expect(r, WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
        engine.closeHandle(r);
        engine.closeHandle(c);
        engine.closeHandle(s);
    }

    /**
     * openRequest takes its connect's spare actor and returns while no actor can run, in both
     * modes (before: a message to the connect, the spawn, the answer back). HANDLE_CREATED is the
     * request's first notification: in synchronous mode run on the caller's thread before
     * openRequest returns, in asynchronous mode through the handle's queue. The request then works.
     */
    @Test
    void openRequestReturnsWhileTheActorCannotRun() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            Collected seen = new Collected();
            java.util.List<String> onCaller = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread caller = Thread.currentThread();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            engine.setStatusCallback(s, n -> {
                if (Thread.currentThread() == caller) onCaller.add(n.handle() + ":" + n.status());
                seen.onStatus(n);
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            HInternet c = engine.connect(s, server.host(), server.port());
            seen.expect(c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
            HInternet r;
            try (Hold hold = new Hold()) {
                onCaller.clear();
                r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
                hold.assertStillHeld((async ? "asynchronous" : "synchronous") + " openRequest");
                if (!async) {
                    assertEquals(java.util.List.of(r + ":" + WINHTTP_CALLBACK_STATUS_HANDLE_CREATED), onCaller,
                            "HANDLE_CREATED ran on the caller's thread before openRequest returned");
                } else {
                    assertEquals(java.util.List.of(), onCaller, "asynchronous HANDLE_CREATED goes through the handle's queue");
                }
            }
            Notification first = seen.all.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(first, "no HANDLE_CREATED of the request");
            assertSame(r, first.handle());
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, first.status(), "the request's first notification");
            answersOk(seen, r, async);
            engine.closeHandle(r);
            engine.closeHandle(c);
            engine.closeHandle(s);
        }
    }

    /**
     * connect takes its session's spare connect actor and returns while no actor can run, in both
     * modes (before: a message to the session, the spawn, the answer back), and so does an
     * openRequest on the new connect right after (the spare connect brought its own spare
     * request). HANDLE_CREATED is the connect's first notification: in synchronous mode run on the
     * caller's thread before connect returns, in asynchronous mode through the handle's queue.
     */
    @Test
    void connectAndAnOpenRequestRightAfterReturnWhileTheActorCannotRun() throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            Collected seen = new Collected();
            java.util.List<String> onCaller = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread caller = Thread.currentThread();
            HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            // answered by the session's actor: it has run, so its spare connect was spawned; the hold's
            // task runs after that spare's first on the one actor thread, so the spare is ready then
            engine.setStatusCallback(s, n -> {
                if (Thread.currentThread() == caller) onCaller.add(n.handle() + ":" + n.status());
                seen.onStatus(n);
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            HInternet c, r;
            try (Hold hold = new Hold()) {
                c = engine.connect(s, server.host(), server.port());
                hold.assertStillHeld((async ? "asynchronous" : "synchronous") + " connect");
                if (!async) {
                    assertEquals(java.util.List.of(c + ":" + WINHTTP_CALLBACK_STATUS_HANDLE_CREATED), onCaller,
                            "HANDLE_CREATED ran on the caller's thread before connect returned");
                } else {
                    assertEquals(java.util.List.of(), onCaller, "asynchronous HANDLE_CREATED goes through the handle's queue");
                }
                r = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
                hold.assertStillHeld((async ? "asynchronous" : "synchronous") + " openRequest right after connect");
            }
            Notification first = seen.all.poll(WAIT_S, TimeUnit.SECONDS);
            assertNotNull(first, "no HANDLE_CREATED of the connect");
            assertSame(c, first.handle());
            assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, first.status(), "the connect's first notification");
            answersOk(seen, r, async);
            engine.closeHandle(r);
            engine.closeHandle(c);
            engine.closeHandle(s);
        }
    }

    /** The handle made without its actor works: its GET is answered 200, in either mode. */
    private static void answersOk(Collected seen, HInternet r, boolean async) throws InterruptedException {
        engine.sendRequest(r, null, null, 0, 0);
        if (async) {
            seen.expect(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            engine.receiveResponse(r);
            seen.expect(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        } else {
            engine.receiveResponse(r);
        }
        assertEquals("200", engine.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
    }

    /**
     * A synchronous readData (and queryDataAvailable) of bytes already in hand is answered on the
     * caller's thread while no actor can run: no message, no thread hop. queryDataAvailable's
     * answer is what is in hand at least, so the read of that many is served from the hand-off.
     */
    @Test
    void synchronousReadsOfBytesInHandReturnWhileTheActorCannotRun() throws Exception {
        int size = 1 << 20;
        HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = engine.connect(s, server.host(), server.port());
        HInternet r = engine.openRequest(c, "GET", "/bytes?n=" + size, null, null, null, 0);
        engine.sendRequest(r, null, null, 0, 0);
        engine.receiveResponse(r);
        int inHand = engine.queryDataAvailable(r);
        assertTrue(inHand > 0 && inHand < size, "a first piece of the body is in hand: " + inHand);
        byte[] buf = new byte[64 * 1024];
        int first;
        try (Hold hold = new Hold()) {
            assertEquals(inHand, engine.queryDataAvailable(r));
            hold.assertStillHeld("queryDataAvailable");
            first = engine.readData(r, buf, 0, Math.min(inHand, buf.length));
            hold.assertStillHeld("readData");
        }
        assertEquals(Math.min(inHand, buf.length), first);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(buf, 0, first, 0));
        long got = first;
        for (int n; (n = engine.readData(r, buf, 0, buf.length)) > 0; got += n) {
            assertEquals(-1, LocalHttpServer.firstPatternMismatch(buf, 0, n, got), "at " + got);
        }
        assertEquals(size, got);
        try (Hold hold = new Hold()) { // endOfBody: every read returns 0, from the published state
            assertEquals(0, engine.readData(r, buf, 0, buf.length));
            assertEquals(0, engine.queryDataAvailable(r));
            hold.assertStillHeld("a read at the end of the body");
        }
        engine.closeHandle(r);
        engine.closeHandle(c);
        engine.closeHandle(s);
    }

    /**
     * An asynchronous queryDataAvailable and readData of bytes already in hand complete while no
     * actor can run: served on the caller's thread, their DATA_AVAILABLE / READ_COMPLETE queued
     * from there (before: a message to the actor each, and its hop to the callback). The
     * callbacks still run on the callback dispatcher, never on the calling thread.
     */
    @Test
    void asynchronousReadsOfBytesInHandCompleteWhileTheActorCannotRun() throws Exception {
        int size = 1 << 20;
        Thread caller = Thread.currentThread();
        AtomicBoolean onCaller = new AtomicBoolean();
        Collected seen = new Collected();
        HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        engine.setStatusCallback(s, n -> {
            if (Thread.currentThread() == caller) onCaller.set(true);
            seen.onStatus(n);
        }, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        HInternet c = engine.connect(s, server.host(), server.port());
        HInternet r = engine.openRequest(c, "GET", "/bytes?n=" + size, null, null, null, 0);
        engine.sendRequest(r, null, null, 0, 0);
        seen.expect(r, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        engine.receiveResponse(r);
        seen.expect(r, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        engine.queryDataAvailable(r);
        long inHand = available(seen.next(r));
        assertTrue(inHand > 0 && inHand < size, "a first piece of the body is in hand: " + inHand);
        byte[] buf = new byte[64 * 1024];
        int want = (int) Math.min(inHand, buf.length);
        try (Hold hold = new Hold()) {
            assertEquals(io.winhttp4j.WinHttp.PENDING, engine.queryDataAvailable(r));
            assertEquals(inHand, available(seen.next(r)), "DATA_AVAILABLE while the actor cannot run");
            hold.assertStillHeld("queryDataAvailable's DATA_AVAILABLE");
            assertEquals(io.winhttp4j.WinHttp.PENDING, engine.readData(r, buf, 0, want));
            Notification done = seen.next(r);
            assertEquals(WINHTTP_CALLBACK_STATUS_READ_COMPLETE, done.status(), done.toString());
            assertEquals(want, ((io.winhttp4j.StatusInfo.ReadComplete) done.info()).bytesRead());
            hold.assertStillHeld("readData's READ_COMPLETE");
        }
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(buf, 0, want, 0));
        assertFalse(onCaller.get(), "a callback ran on the calling thread");
        engine.closeHandle(r);
        engine.closeHandle(c);
        engine.closeHandle(s);
    }

    private static long available(Notification n) {
        assertEquals(WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, n.status(), n.toString());
        return ((io.winhttp4j.StatusInfo.ByteCount) n.info()).bytes();
    }
}
