package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.ActorSubscriber;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.transport.TransportEvent;
import org.apache.pekko.actor.Kill;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A request actor serves one request handle after another (Unborn): closeHandle sends it back to
 * its connect instead of stopping it. Nothing meant for a closed handle may reach the handle its
 * actor serves next, and a connect's close still closes every request once and stops its actors.
 * A message "meant for a closed handle" is made here as a caller that passed the caller-side
 * checks just before another thread's close would send it (Handle.tell, Unborn.lessee).
 */
class RecycledRequestTest extends EngineTestBase {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int TRIES = 50;

    private record Pair(HInternet closed, HInternet next) {}

    /** Opens and closes requests until one is served by the actor of a request closed before it. */
    private static Pair recycled(WinHttpEngine engine, HInternet connect) {
        Map<ActorRef<?>, HInternet> closedBy = new HashMap<>();
        for (int i = 0; i < TRIES; i++) {
            HInternet r = engine.openRequest(connect, "GET", "/hello", null, null, null, 0);
            HInternet before = closedBy.get(((Handle) r).actor());
            if (before != null) return new Pair(before, r);
            closedBy.put(((Handle) r).actor(), r);
            engine.closeHandle(r);
        }
        throw new AssertionError("no request actor served a second handle in " + TRIES + " requests");
    }

    private static Notification next(TestProbe<Notification> probe) {
        return probe.expectMessageClass(Notification.class, WAIT);
    }

    @Test
    void aClosedRequestsActorServesALaterRequestAndTheClosedHandleStaysClosed() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        Pair p = recycled(winHttp, c);
        assertTrue(((Handle) p.closed()).isTerminated(), "the closed handle is over");
        WinHttpException e = assertThrows(WinHttpException.class, () -> winHttp.sendRequest(p.closed(), null, null, 0, 0));
        assertEquals(WinHttpError.ERROR_INVALID_HANDLE, e.error());
        // the later request works as any other
        winHttp.sendRequest(p.next(), null, null, 0, 0);
        winHttp.receiveResponse(p.next());
        assertEquals(200L, winHttp.queryHeadersNumber(p.next(), WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER, null, 0));
        winHttp.closeHandle(p.next());
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * Calls made on the closed handle that reach the actor once it serves the next one (an option,
     * a header, a send that was claimed before the close) are refused with ERROR_INVALID_HANDLE
     * and change nothing of the next handle.
     */
    @Test
    void aCallMadeOnTheClosedHandleIsRefusedAndNeverReachesTheNextOne() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        Pair p = recycled(winHttp, c);
        Handle closed = (Handle) p.closed();
        int receiveTimeout = (Integer) winHttp.queryOption(p.next(), WINHTTP_OPTION_RECEIVE_TIMEOUT);

        Call option = new Call("setOption");
        closed.tell(new Commands.SetOption(WINHTTP_OPTION_RECEIVE_TIMEOUT, receiveTimeout + 1234, option));
        Call header = new Call("addRequestHeaders");
        closed.tell(new RequestActor.AddHeaders(List.of(new Header("X-Stale", "1")), null, WINHTTP_ADDREQ_FLAG_ADD, header));
        Call send = new Call("sendRequest");
        closed.tell(new RequestActor.SendRequest(List.of(), null, 0, 0, send));

        for (Call stale : List.of(option, header, send)) {
            WinHttpException e = assertThrows(WinHttpException.class, () -> stale.await(closed), stale.api());
            assertEquals(WinHttpError.ERROR_INVALID_HANDLE, e.error(), stale.api());
        }
        // the actor took the stale messages before this query, which it answers from the next handle's state
        assertEquals(receiveTimeout, winHttp.queryOption(p.next(), WINHTTP_OPTION_RECEIVE_TIMEOUT));
        assertEquals("opened", ((Handle) p.next()).calls().shown(), "the stale send did not send the next request");
        WinHttpException none = assertThrows(WinHttpException.class, () -> winHttp.queryHeaders(p.next(),
                WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Stale", 0));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, none.error());

        winHttp.sendRequest(p.next(), null, null, 0, 0); // still in `opened`: the send is its own
        winHttp.receiveResponse(p.next());
        winHttp.closeHandle(p.next());
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * A transport event for the closed handle (its lessee's) that arrives once the actor serves
     * the next handle is dropped: the next handle's subscriber never sees it.
     */
    @Test
    void aTransportEventForTheClosedHandleNeverBecomesANotificationOfTheNextOne() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        winHttp.setStatusCallback(c, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        Pair p = recycled(winHttp, c);
        Handle next = (Handle) p.next();
        ActorRef<RequestActor.Command> actor = next.actor();

        Unborn.lessee(actor, (Handle) p.closed()).tell(new TransportEvent.Progress(
                WINHTTP_CALLBACK_STATUS_RESOLVING_NAME, new StatusInfo.ServerName("stale.invalid")));
        Unborn.lessee(actor, next).tell(new TransportEvent.Progress( // the next handle's own events still come
                WINHTTP_CALLBACK_STATUS_NAME_RESOLVED, new StatusInfo.ServerName("127.0.0.1")));
        winHttp.closeHandle(next);

        List<Integer> seen = new ArrayList<>();
        for (;;) {
            Notification n = next(probe);
            if (n.handle() != next) continue; // the earlier requests' notifications
            seen.add(n.status());
            if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) break;
        }
        assertEquals(List.of(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, WINHTTP_CALLBACK_STATUS_NAME_RESOLVED,
                WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), seen);
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }

    /**
     * A connect with requests closed (their actors waiting for the next), requests still open and
     * its spare: its close waits for the open ones, every request says HANDLE_CLOSING once, the
     * connect's comes after theirs, and every request actor stops.
     */
    @Test
    void closingAConnectClosesEachRequestOnceAndStopsEveryRequestActor() {
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        winHttp.setStatusCallback(c, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
        List<HInternet> requests = new ArrayList<>();
        Set<ActorRef<?>> actors = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
            requests.add(r);
            actors.add(((Handle) r).actor());
            if (i % 3 != 2) winHttp.closeHandle(r); // two of three closed at once: their actors go back
        }
        winHttp.closeHandle(c); // four requests still open
        for (HInternet r : requests) {
            if (!((Handle) r).isClosed()) winHttp.closeHandle(r);
        }

        Map<HInternet, Integer> closings = new HashMap<>();
        for (;;) {
            Notification n = next(probe);
            if (n.status() != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) continue;
            closings.merge(n.handle(), 1, Integer::sum);
            if (n.handle() == c) break;
        }
        for (HInternet r : requests) assertEquals(1, closings.get(r), r + ": HANDLE_CLOSING before the connect's, once");
        probe.expectNoMessage(Duration.ofMillis(200)); // nothing after the connect's HANDLE_CLOSING
        TestProbe<Object> watcher = kit.createTestProbe();
        for (ActorRef<?> a : actors) watcher.expectTerminated(a, WAIT);
        assertTrue(((Handle) c).isTerminated());
        winHttp.closeHandle(s);
    }

    /** An engine shut down with request actors between handles stops them all, and every handle is over. */
    @Test
    void anEngineShutdownStopsTheRequestActorsBetweenHandles() {
        WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
        HInternet s = engine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = engine.connect(s, server.host(), server.port());
        Pair p = recycled(engine, c);
        HInternet open = engine.openRequest(c, "GET", "/hello", null, null, null, 0);
        List<ActorRef<?>> actors = List.of(((Handle) p.next()).actor(), ((Handle) open).actor());
        engine.closeHandle(p.next()); // back between handles
        long t0 = System.nanoTime();
        engine.close();
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "the shutdown did not wait out its timeout");
        for (HInternet h : List.of(s, c, open, p.next(), p.closed())) assertTrue(((Handle) h).isTerminated(), h + " is over");
        TestProbe<Object> watcher = kit.createTestProbe();
        for (ActorRef<?> a : actors) watcher.expectTerminated(a, WAIT);
    }

    /**
     * A request actor that dies while it waits between handles (killed, as a failure would) is
     * never offered again: the requests opened after it run on live actors.
     */
    @Test
    void aRequestActorThatDiesBetweenHandlesIsNeverOfferedAgain() {
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        Pair p = recycled(winHttp, c); // the connect keeps closed requests' actors
        ActorRef<?> idle = null;
        for (int i = 0; i < TRIES && idle == null; i++) { // a request actor waiting between handles
            HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
            winHttp.closeHandle(r);
            if (((Handle) r).actor() != ((Handle) p.next()).actor()) idle = ((Handle) r).actor();
        }
        assertNotNull(idle);
        Adapter.toClassic(idle).tell(Kill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
        kit.createTestProbe().expectTerminated(idle, WAIT);
        // the connect heard of the stop before these openRequests' Taken: its ChildClosed came first
        // (setOption waits for the connect's actor; queryOption answers from a snapshot)
        winHttp.setOption(c, WINHTTP_OPTION_CONTEXT_VALUE, 1L);
        for (int i = 0; i < 2 * Brood.IDLE_MAX; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
            assertNotEquals(idle, ((Handle) r).actor(), "request " + i + " got the dead actor");
            winHttp.setOption(r, WINHTTP_OPTION_CONTEXT_VALUE, (long) i); // its actor answers
            winHttp.closeHandle(r);
        }
        winHttp.closeHandle(p.next());
        winHttp.closeHandle(c);
        winHttp.closeHandle(s);
    }
}
