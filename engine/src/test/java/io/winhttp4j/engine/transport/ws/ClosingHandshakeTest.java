package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.engine.transport.ws.ClosingHandshake.Decision;
import io.winhttp4j.engine.transport.ws.ClosingHandshake.Then;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static io.winhttp4j.engine.transport.ws.ClosingHandshake.*;
import static io.winhttp4j.engine.transport.ws.ClosingHandshake.Decision.NO_CLOSE;
import static org.junit.jupiter.api.Assertions.*;

/** Every state of the closing handshake against every event. */
class ClosingHandshakeTest {

    private static void assertCell(ClosingHandshake from, String event, Function<ClosingHandshake, Decision> e,
                                   ClosingHandshake next, int sendClose, Then then) {
        Decision d = e.apply(from);
        assertEquals(new Decision(next, sendClose, then), d, from + " + " + event);
        assertEquals(next.then(), d.then(), "a decision's instruction is its next state's");
        assertEquals(sendClose != NO_CLOSE, d.sendsClose());
    }

    @Test
    void ourClose() {
        Function<ClosingHandshake, Decision> e = s -> s.ourClose(1000);
        assertCell(OPEN, "our close", e, CLOSE_SENT, 1000, Then.READ_ON);
        assertCell(CLOSE_RECEIVED, "our close", e, CLOSED, 1000, Then.AWAIT_TCP_END);
        assertCell(CLOSE_SENT, "our close", e, CLOSE_SENT, NO_CLOSE, Then.READ_ON);
        assertCell(CLOSED, "our close", e, CLOSED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(FAILED, "our close", e, FAILED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(DONE, "our close", e, DONE, NO_CLOSE, Then.CLOSE_TCP);
        assertEquals(1005, OPEN.ourClose(1005).sendClose(), "an empty close is sent as asked");
    }

    @Test
    void peerClose() {
        Function<ClosingHandshake, Decision> e = ClosingHandshake::peerClose;
        assertCell(OPEN, "peer close", e, CLOSE_RECEIVED, NO_CLOSE, Then.REPLY_OWED);
        assertCell(CLOSE_SENT, "peer close", e, CLOSED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(CLOSE_RECEIVED, "peer close", e, CLOSE_RECEIVED, NO_CLOSE, Then.REPLY_OWED);
        assertCell(CLOSED, "peer close", e, CLOSED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(FAILED, "peer close", e, FAILED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(DONE, "peer close", e, DONE, NO_CLOSE, Then.CLOSE_TCP);
    }

    @Test
    void failWhileWritableSendsTheCodeFirstUnlessOurCloseWentAlready() {
        Function<ClosingHandshake, Decision> e = s -> s.fail(1002, true);
        assertCell(OPEN, "fail", e, FAILED, 1002, Then.AWAIT_TCP_END);
        assertCell(CLOSE_RECEIVED, "fail", e, FAILED, 1002, Then.AWAIT_TCP_END);
        assertCell(CLOSE_SENT, "fail", e, FAILED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(CLOSED, "fail", e, FAILED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(FAILED, "fail", e, FAILED, NO_CLOSE, Then.AWAIT_TCP_END);
        assertCell(DONE, "fail", e, DONE, NO_CLOSE, Then.CLOSE_TCP);
        assertEquals(1007, OPEN.fail(1007, true).sendClose());
        assertEquals(1009, OPEN.fail(1009, true).sendClose());
    }

    @Test
    void failWhenNotWritableClosesTcpAtOnce() {
        for (ClosingHandshake s : values()) {
            assertCell(s, "fail unwritable", x -> x.fail(1002, false), DONE, NO_CLOSE, Then.CLOSE_TCP);
        }
    }

    @Test
    void aTimeoutOrTheEndOfTcpEndsEverything() {
        for (ClosingHandshake s : values()) {
            assertCell(s, "timeout", ClosingHandshake::timedOut, DONE, NO_CLOSE, Then.CLOSE_TCP);
            assertCell(s, "tcp end", ClosingHandshake::tcpEnded, DONE, NO_CLOSE, Then.CLOSE_TCP);
        }
    }

    @Test
    void theTwoOrdersOfACleanCloseMeetInClosed() {
        Decision ours = OPEN.ourClose(1000);
        Decision theirs = ours.next().peerClose();
        assertEquals(CLOSED, theirs.next());
        Decision reply = OPEN.peerClose().next().ourClose(1000);
        assertTrue(reply.sendsClose());
        assertEquals(CLOSED, reply.next());
    }
}
