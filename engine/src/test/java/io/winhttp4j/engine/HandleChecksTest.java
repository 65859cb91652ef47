package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The checks every call makes before it reaches a handle's state (engine/STATES.md, in order:
 * shut down, invalid handle, wrong handle kind, bad arguments) and the option rules of API.md
 * "Options".
 */
class HandleChecksTest extends EngineTestBase {

    /** Handles opened by a test; closed after it (those it closed itself are skipped). */
    private final List<HInternet> opened = new ArrayList<>();

    @AfterEach
    void closeOpened() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                winHttp.closeHandle(opened.get(i));
            } catch (WinHttpException e) {
                if (e.error() != WinHttpError.ERROR_INVALID_HANDLE) throw e; // closed by the test
            }
        }
    }

    private HInternet session(int flags) {
        HInternet s = winHttp.open("handle-checks", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, flags);
        opened.add(s);
        return s;
    }

    private HInternet connect(HInternet session) {
        HInternet c = winHttp.connect(session, server.host(), server.port());
        opened.add(c);
        return c;
    }

    private HInternet request(HInternet connect, String path) {
        HInternet r = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
        opened.add(r);
        return r;
    }

    // ---- ERROR_INVALID_HANDLE ----------------------------------------------------------------------

    /** Every call that takes a handle, made on {@code h} with arguments that are otherwise fine. */
    private static Map<String, Executable> everyHandleCall(WinHttp w, HInternet h) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("connect", () -> w.connect(h, "127.0.0.1", 80));
        calls.put("openRequest", () -> w.openRequest(h, "GET", "/", null, null, null, 0));
        calls.put("setStatusCallback", () -> w.setStatusCallback(h, n -> { }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS));
        calls.put("setOption", () -> w.setOption(h, WINHTTP_OPTION_CONTEXT_VALUE, 1L));
        calls.put("queryOption", () -> w.queryOption(h, WINHTTP_OPTION_CONTEXT_VALUE));
        calls.put("setTimeouts", () -> w.setTimeouts(h, 1000, 1000, 1000, 1000));
        calls.putAll(everyRequestCall(w, h));
        calls.put("closeHandle", () -> w.closeHandle(h));
        return calls;
    }

    /** Every request-handle call, made on {@code h} with arguments that are otherwise fine. */
    private static Map<String, Executable> everyRequestCall(WinHttp w, HInternet h) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("addRequestHeaders", () -> w.addRequestHeaders(h, "X-A: 1", WINHTTP_ADDREQ_FLAG_ADD));
        calls.put("sendRequest", () -> w.sendRequest(h, null, null, 0, 0));
        calls.put("writeData", () -> w.writeData(h, new byte[4], 0, 4));
        calls.put("receiveResponse", () -> w.receiveResponse(h));
        calls.put("queryHeaders", () -> w.queryHeaders(h, WINHTTP_QUERY_STATUS_CODE, null, 0));
        calls.put("queryHeaders(request)", () -> w.queryHeaders(h, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
        calls.put("queryHeadersNumber", () -> w.queryHeadersNumber(h, WINHTTP_QUERY_STATUS_CODE, null, 0));
        calls.put("queryDataAvailable", () -> w.queryDataAvailable(h));
        calls.put("readData", () -> w.readData(h, new byte[4], 0, 4));
        return calls;
    }

    private static void assertEveryCall(WinHttpError expected, Map<String, Executable> calls) {
        List<String> wrong = new ArrayList<>();
        calls.forEach((name, call) -> {
            try {
                call.execute();
                wrong.add(name + ": no error");
            } catch (WinHttpException e) {
                if (e.error() != expected) wrong.add(name + ": " + e.error() + " (" + e.getMessage() + ")");
            } catch (Throwable t) {
                wrong.add(name + ": " + t);
            }
        });
        assertTrue(wrong.isEmpty(), "expected " + expected + " from every call, but " + wrong);
    }

    @Test
    void nullIsAnInvalidHandleForEveryCall() {
        assertEveryCall(WinHttpError.ERROR_INVALID_HANDLE, everyHandleCall(winHttp, null));
        // the handle is checked before the arguments
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.connect(null, null, -5));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.readData(null, null, -1, -1));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.setOption(null, 999_999, "x"));
    }

    @Test
    void aClosedRequestIsAnInvalidHandleForEveryCall() {
        HInternet r = request(connect(session(0)), "/hello");
        winHttp.closeHandle(r);
        assertEveryCall(WinHttpError.ERROR_INVALID_HANDLE, everyHandleCall(winHttp, r));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.queryHeaders(r, 79, null, 0));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.sendRequest(r, null, null, -1, 0));
    }

    @Test
    void aClosedAsyncRequestIsInvalidAsSoonAsCloseHandleReturns() {
        HInternet r = request(connect(session(WINHTTP_FLAG_ASYNC)), "/hello");
        winHttp.closeHandle(r);
        assertEveryCall(WinHttpError.ERROR_INVALID_HANDLE, everyRequestCall(winHttp, r));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.closeHandle(r));
    }

    @Test
    void closedSessionAndConnectAreInvalidHandles() {
        HInternet s = session(0);
        HInternet c = connect(s);
        winHttp.closeHandle(c);
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.openRequest(c, "GET", "/", null, null, null, 0));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.queryOption(c, WINHTTP_OPTION_HANDLE_TYPE));
        winHttp.closeHandle(s);
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.connect(s, "127.0.0.1", server.port()));
        assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.setOption(s, WINHTTP_OPTION_CONTEXT_VALUE, 1L));
    }

    @Test
    void closeHandleTwiceFailsAndSendsNoSecondHandleClosing() {
        for (int flags : new int[] {0, WINHTTP_FLAG_ASYNC}) {
            TestProbe<Notification> probe = kit.createTestProbe();
            HInternet s = session(flags);
            winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
            HInternet c = connect(s);
            HInternet r = request(c, "/hello");
            expectStatus(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
            expectStatus(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
            for (HInternet h : new HInternet[] {r, c, s}) {
                winHttp.closeHandle(h);
                expectStatus(probe, h, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                assertError(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.closeHandle(h));
            }
            probe.expectNoMessage(Duration.ofMillis(200));
        }
    }

    @Test
    void aHandleOfAnotherEngineIsInvalid() {
        WinHttpEngine other = WinHttpEngine.embedded(kit.system());
        try {
            HInternet s2 = other.open("other", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c2 = other.connect(s2, server.host(), server.port());
            HInternet r2 = other.openRequest(c2, "GET", "/hello", null, null, null, 0);
            for (HInternet foreign : new HInternet[] {s2, c2, r2}) {
                assertEveryCall(WinHttpError.ERROR_INVALID_HANDLE, everyHandleCall(winHttp, foreign));
            }
            // ... and the other way round
            HInternet mine = request(connect(session(0)), "/hello");
            assertEveryCall(WinHttpError.ERROR_INVALID_HANDLE, everyRequestCall(other, mine));
            // the handles are alive in their own engine
            assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, other.queryOption(r2, WINHTTP_OPTION_HANDLE_TYPE));
            assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, winHttp.queryOption(mine, WINHTTP_OPTION_HANDLE_TYPE));
            other.closeHandle(r2);
            other.closeHandle(c2);
            other.closeHandle(s2);
        } finally {
            other.close();
        }
    }

    // ---- ERROR_WINHTTP_INCORRECT_HANDLE_TYPE -------------------------------------------------------

    @Test
    void requestCallsOnASessionOrConnectAreTheWrongHandleType() {
        HInternet s = session(0);
        HInternet c = connect(s);
        assertEveryCall(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, everyRequestCall(winHttp, s));
        assertEveryCall(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, everyRequestCall(winHttp, c));
    }

    @Test
    void connectOpenRequestAndSetTimeoutsOnTheWrongHandleType() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/hello");
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.connect(c, "127.0.0.1", server.port()));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.connect(r, "127.0.0.1", server.port()));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.openRequest(s, "GET", "/", null, null, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.openRequest(r, "GET", "/", null, null, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setTimeouts(c, 1000, 1000, 1000, 1000));
        // the kind is checked before the arguments (setTimeouts is the exception, see below)
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.connect(c, null, 70_000));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.readData(s, null, -1, 0));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.sendRequest(c, null, null, -1, 0));
        // nothing was changed by the rejected setTimeouts
        assertEquals(30_000, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT));
    }

    // ---- ERROR_INVALID_PARAMETER -------------------------------------------------------------------

    @Test
    void connectChecksServerAndPort() {
        HInternet s = session(0);
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.connect(s, null, 80));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.connect(s, "", 80));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.connect(s, "127.0.0.1", 70_000));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.connect(s, "127.0.0.1", -1));
        // the edges are fine
        HInternet c = winHttp.connect(s, "127.0.0.1", 65_535);
        opened.add(c);
        assertEquals(WINHTTP_HANDLE_TYPE_CONNECT, c.handleType());
    }

    @Test
    void requestCallsCheckTheirArgumentsAndLeaveTheRequestUsable() {
        HInternet r = request(connect(session(0)), "/hello");
        byte[] four = new byte[4];
        Map<String, Executable> bad = new LinkedHashMap<>();
        bad.put("addRequestHeaders null", () -> winHttp.addRequestHeaders(r, null, WINHTTP_ADDREQ_FLAG_ADD));
        bad.put("addRequestHeaders empty", () -> winHttp.addRequestHeaders(r, "", WINHTTP_ADDREQ_FLAG_ADD));
        bad.put("queryHeaders level 79", () -> winHttp.queryHeaders(r, WINHTTP_QUERY_MAX + 1, null, 0));
        bad.put("queryHeaders request level 79",
                () -> winHttp.queryHeaders(r, (WINHTTP_QUERY_MAX + 1) | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
        bad.put("queryHeaders CUSTOM null name", () -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM, null, 0));
        bad.put("queryHeaders CUSTOM empty name",
                () -> winHttp.queryHeaders(r, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "", 0));
        bad.put("queryHeadersNumber level 79", () -> winHttp.queryHeadersNumber(r, WINHTTP_QUERY_MAX + 1, null, 0));
        bad.put("readData null buffer", () -> winHttp.readData(r, null, 0, 0));
        bad.put("readData offset -1", () -> winHttp.readData(r, four, -1, 1));
        bad.put("readData length -1", () -> winHttp.readData(r, four, 0, -1));
        bad.put("readData past the end", () -> winHttp.readData(r, four, 3, 2));
        bad.put("readData offset past the end", () -> winHttp.readData(r, four, 5, 0));
        bad.put("writeData past the end", () -> winHttp.writeData(r, four, 2, 3));
        bad.put("writeData offset -1", () -> winHttp.writeData(r, four, -1, 1));
        bad.put("writeData length -1", () -> winHttp.writeData(r, four, 0, -1));
        bad.put("writeData null buffer", () -> winHttp.writeData(r, null, 0, 1));
        bad.put("sendRequest totalLength -1", () -> winHttp.sendRequest(r, null, null, -1, 0));
        bad.put("sendRequest totalLength 2^32", () -> winHttp.sendRequest(r, null, null, 0x1_0000_0000L, 0));
        assertEveryCall(WinHttpError.ERROR_INVALID_PARAMETER, bad);

        // none of them touched the request: it is still opened and sends as usual
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.readData(r, four, 0, 4));
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
        byte[] buf = new byte[64];
        int n = winHttp.readData(r, buf, 0, buf.length);
        assertEquals(LocalHttpServer.HELLO_BODY.substring(0, n), new String(buf, 0, n, StandardCharsets.US_ASCII));
        assertTrue(n > 0);
    }

    @Test
    void setTimeoutsChecksItsValuesBeforeTheHandleKind() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/hello");
        for (HInternet h : new HInternet[] {s, c, r}) {
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setTimeouts(h, -2, 0, 0, 0));
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setTimeouts(h, 0, -2, 0, 0));
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setTimeouts(h, 0, 0, -2, 0));
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setTimeouts(h, 0, 0, 0, Integer.MIN_VALUE));
        }
        // nothing was set by the rejected calls
        assertEquals(0, winHttp.queryOption(s, WINHTTP_OPTION_RESOLVE_TIMEOUT));
        assertEquals(30_000, winHttp.queryOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        // -1 (infinite) is a value, not an error
        winHttp.setTimeouts(r, -1, -1, -1, -1);
        assertEquals(-1, winHttp.queryOption(r, WINHTTP_OPTION_CONNECT_TIMEOUT));
    }

    @Test
    void openRejectsAnUnknownAccessType() {
        for (int accessType : new int[] {2, 5, 99, -1}) {
            assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                    () -> winHttp.open("x", accessType, null, null, 0));
        }
        HInternet s = session(0); // a known one opens
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, s.handleType());
    }

    // ---- options -----------------------------------------------------------------------------------

    @Test
    void anUnknownOptionIsInvalidOptionToSetAndInvalidParameterToQuery() {
        HInternet s = session(0);
        HInternet r = request(connect(s), "/hello");
        for (HInternet h : new HInternet[] {s, r}) {
            assertError(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, () -> winHttp.setOption(h, 9_999, 1));
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(h, 9_999));
        }
    }

    @Test
    void aQueryOnlyOptionIsNotSettable() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/path");
        assertError(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, () -> winHttp.setOption(s, WINHTTP_OPTION_HANDLE_TYPE, 3));
        assertError(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, () -> winHttp.setOption(r, WINHTTP_OPTION_HANDLE_TYPE, 1));
        assertError(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE,
                () -> winHttp.setOption(r, WINHTTP_OPTION_URL, "http://example.com/"));
        assertError(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, () -> winHttp.setOption(c, WINHTTP_OPTION_PARENT_HANDLE, 0L));
        assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, winHttp.queryOption(r, WINHTTP_OPTION_HANDLE_TYPE));
        assertEquals(server.url("/path"), winHttp.queryOption(r, WINHTTP_OPTION_URL));
    }

    private static final int[] TIMEOUT_OPTIONS = {WINHTTP_OPTION_RESOLVE_TIMEOUT, WINHTTP_OPTION_CONNECT_TIMEOUT,
            WINHTTP_OPTION_SEND_TIMEOUT, WINHTTP_OPTION_RECEIVE_TIMEOUT, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT};

    @Test
    void aConnectHasNoTimeoutsToSetButReportsItsSessionsCurrentOnes() {
        HInternet s = session(0);
        HInternet c = connect(s);
        for (int option : TIMEOUT_OPTIONS) {
            assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(c, option, 1234));
        }
        assertEquals(30_000, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        // changed on the session after the connect was made: the connect reports the new value
        winHttp.setOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT, 12_345);
        assertEquals(12_345, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        winHttp.setOption(s, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT, 7_000);
        assertEquals(7_000, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT));
        winHttp.setTimeouts(s, 11, 22, 33, 44);
        assertEquals(11, winHttp.queryOption(c, WINHTTP_OPTION_RESOLVE_TIMEOUT));
        assertEquals(22, winHttp.queryOption(c, WINHTTP_OPTION_CONNECT_TIMEOUT));
        assertEquals(33, winHttp.queryOption(c, WINHTTP_OPTION_SEND_TIMEOUT));
        assertEquals(44, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT));
    }

    @Test
    void aRequestCopiesTheSessionsTimeoutsWhenOpenedAndIsIndependentAfterwards() {
        HInternet s = session(0);
        HInternet c = connect(s);
        winHttp.setTimeouts(s, 100, 200, 300, 400);
        HInternet r = request(c, "/hello");
        assertEquals(100, winHttp.queryOption(r, WINHTTP_OPTION_RESOLVE_TIMEOUT));
        assertEquals(200, winHttp.queryOption(r, WINHTTP_OPTION_CONNECT_TIMEOUT));
        assertEquals(300, winHttp.queryOption(r, WINHTTP_OPTION_SEND_TIMEOUT));
        assertEquals(400, winHttp.queryOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        // the session changes: the request keeps its copy
        winHttp.setTimeouts(s, 1_000, 2_000, 3_000, 4_000);
        assertEquals(400, winHttp.queryOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        assertEquals(100, winHttp.queryOption(r, WINHTTP_OPTION_RESOLVE_TIMEOUT));
        // the request changes: the session keeps its own
        winHttp.setOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT, 5_000);
        assertEquals(5_000, winHttp.queryOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        assertEquals(4_000, winHttp.queryOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        assertEquals(4_000, winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        // a request opened now copies the session's current values
        HInternet r2 = request(c, "/hello");
        assertEquals(4_000, winHttp.queryOption(r2, WINHTTP_OPTION_RECEIVE_TIMEOUT));
        assertEquals(1_000, winHttp.queryOption(r2, WINHTTP_OPTION_RESOLVE_TIMEOUT));
    }

    /**
     * The two tests above check once that a session's change is visible to its connect and to new
     * requests as soon as the call returns; this one does it 300 times, so a change that is
     * published after the caller is answered shows up as a stale value.
     */
    @Test
    void aSessionTimeoutChangeIsSeenByItsConnectAndNewRequestsAsSoonAsTheCallReturns() {
        HInternet s = session(0);
        HInternet c = connect(s);
        List<String> stale = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            winHttp.setOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT, i);
            Object fromConnect = winHttp.queryOption(c, WINHTTP_OPTION_RECEIVE_TIMEOUT);
            if (!Integer.valueOf(i).equals(fromConnect)) stale.add("connect saw " + fromConnect + " for " + i);
            winHttp.setTimeouts(s, 0, 60_000, 30_000, 1_000 + i);
            HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
            Object copied = winHttp.queryOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT);
            winHttp.closeHandle(r);
            if (!Integer.valueOf(1_000 + i).equals(copied)) stale.add("request copied " + copied + " for " + (1_000 + i));
        }
        assertTrue(stale.isEmpty(), stale.size() + " stale values, e.g. " + stale.subList(0, Math.min(5, stale.size())));
    }

    @Test
    void aValueOfTheWrongTypeOrRangeIsAnInvalidParameter() {
        HInternet s = session(0);
        HInternet r = request(connect(s), "/hello");
        Map<String, Executable> bad = new LinkedHashMap<>();
        bad.put("String for a DWORD", () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, "5000"));
        bad.put("null for a DWORD", () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, null));
        bad.put("Double for a DWORD", () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, 5000.0));
        bad.put("negative Long for a DWORD", () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, -1L));
        bad.put("Long over 32 bits for a DWORD", () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, 0x1_0000_0000L));
        bad.put("String for a request DWORD", () -> winHttp.setOption(r, WINHTTP_OPTION_RECEIVE_TIMEOUT, "1"));
        bad.put("String for CONTEXT_VALUE", () -> winHttp.setOption(r, WINHTTP_OPTION_CONTEXT_VALUE, "ctx"));
        assertEveryCall(WinHttpError.ERROR_INVALID_PARAMETER, bad);
        assertEquals(60_000, winHttp.queryOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT), "nothing was set");
        assertEquals(0L, winHttp.queryOption(r, WINHTTP_OPTION_CONTEXT_VALUE), "nothing was set");
    }

    @Test
    void aLongThatFitsInThirtyTwoUnsignedBitsIsTakenForADword() {
        HInternet s = session(0);
        winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, 5_000L);
        Object five = winHttp.queryOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT);
        assertEquals(Integer.valueOf(5_000), five);
        winHttp.setOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT, 0xFFFF_FFFFL);
        Object all = winHttp.queryOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT);
        assertEquals(Integer.valueOf(-1), all, "DWORD bits as they are: 0xFFFFFFFF is -1");
        winHttp.setOption(s, WINHTTP_OPTION_SEND_TIMEOUT, 0x8000_0000L);
        assertEquals(Integer.valueOf(Integer.MIN_VALUE), winHttp.queryOption(s, WINHTTP_OPTION_SEND_TIMEOUT));
    }

    @Test
    void disableFeatureIsWriteOnly() {
        HInternet r = request(connect(session(0)), "/hello");
        winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_KEEP_ALIVE);
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(r, WINHTTP_OPTION_DISABLE_FEATURE));
    }

    @Test
    void contextValueRoundTripsOnEveryHandleKind() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/hello");
        long[] values = {0x1111_2222_3333_4444L, -7L, 42L};
        HInternet[] handles = {s, c, r};
        for (int i = 0; i < handles.length; i++) winHttp.setOption(handles[i], WINHTTP_OPTION_CONTEXT_VALUE, values[i]);
        for (int i = 0; i < handles.length; i++) {
            Object v = winHttp.queryOption(handles[i], WINHTTP_OPTION_CONTEXT_VALUE);
            assertEquals(Long.valueOf(values[i]), v, handles[i].toString());
        }
    }

    @Test
    void handleTypeAndParentHandle() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/hello");
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, winHttp.queryOption(s, WINHTTP_OPTION_HANDLE_TYPE));
        assertEquals(WINHTTP_HANDLE_TYPE_CONNECT, winHttp.queryOption(c, WINHTTP_OPTION_HANDLE_TYPE));
        assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, winHttp.queryOption(r, WINHTTP_OPTION_HANDLE_TYPE));
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, s.handleType());
        assertEquals(WINHTTP_HANDLE_TYPE_CONNECT, c.handleType());
        assertEquals(WINHTTP_HANDLE_TYPE_REQUEST, r.handleType());
        assertSame(s, winHttp.queryOption(c, WINHTTP_OPTION_PARENT_HANDLE));
        assertSame(c, winHttp.queryOption(r, WINHTTP_OPTION_PARENT_HANDLE));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(s, WINHTTP_OPTION_PARENT_HANDLE));
    }

    @Test
    void theUrlOfARequest() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/path");
        assertEquals("http://127.0.0.1:" + server.port() + "/path", winHttp.queryOption(r, WINHTTP_OPTION_URL));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(c, WINHTTP_OPTION_URL));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(s, WINHTTP_OPTION_URL));
    }

    @Test
    void defaultTimeouts() {
        HInternet s = session(0);
        HInternet c = connect(s);
        HInternet r = request(c, "/hello");
        for (HInternet h : new HInternet[] {s, c, r}) {
            assertEquals(0, winHttp.queryOption(h, WINHTTP_OPTION_RESOLVE_TIMEOUT), h.toString());
            assertEquals(60_000, winHttp.queryOption(h, WINHTTP_OPTION_CONNECT_TIMEOUT), h.toString());
            assertEquals(30_000, winHttp.queryOption(h, WINHTTP_OPTION_SEND_TIMEOUT), h.toString());
            assertEquals(30_000, winHttp.queryOption(h, WINHTTP_OPTION_RECEIVE_TIMEOUT), h.toString());
            assertEquals(-1, winHttp.queryOption(h, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT), h.toString());
        }
    }

    @Test
    void setTimeoutsRoundTripsThroughQueryOption() {
        HInternet s = session(0);
        HInternet r = request(connect(s), "/hello");
        winHttp.setTimeouts(s, 1, 2, 3, 4);
        winHttp.setTimeouts(r, 5, 6, 7, 8);
        int[] sessionValues = {1, 2, 3, 4};
        int[] requestValues = {5, 6, 7, 8};
        for (int i = 0; i < 4; i++) {
            assertEquals(sessionValues[i], winHttp.queryOption(s, TIMEOUT_OPTIONS[i]));
            assertEquals(requestValues[i], winHttp.queryOption(r, TIMEOUT_OPTIONS[i]));
        }
    }

    @Test
    void setStatusCallbackReturnsThePreviousCallback() {
        HInternet s = session(0);
        HInternet r = request(connect(s), "/hello");
        for (HInternet h : new HInternet[] {s, r}) {
            StatusCallback first = n -> { };
            StatusCallback second = n -> { };
            assertNull(winHttp.setStatusCallback(h, first, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS));
            assertSame(first, winHttp.setStatusCallback(h, second, WINHTTP_CALLBACK_FLAG_HANDLES));
            assertSame(second, winHttp.setStatusCallback(h, null, 0));
            assertNull(winHttp.setStatusCallback(h, first, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS));
        }
    }

    // ---- engine shutdown ---------------------------------------------------------------------------

    @Test
    void afterCloseEveryCallIsShutdown() {
        WinHttpEngine doomed = WinHttpEngine.embedded(kit.system());
        TestProbe<Notification> probe = kit.createTestProbe();
        HInternet s = doomed.open("doomed", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        doomed.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_HANDLES);
        HInternet c = doomed.connect(s, server.host(), server.port());
        HInternet r = doomed.openRequest(c, "GET", "/hello", null, null, null, 0);
        expectStatus(probe, c, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);
        expectStatus(probe, r, WINHTTP_CALLBACK_STATUS_HANDLE_CREATED);

        doomed.close();
        Set<HInternet> closing = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Notification n = probe.receiveMessage(Duration.ofSeconds(5));
            assertEquals(statusName(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), statusName(n.status()), n.toString());
            closing.add(n.handle());
        }
        assertEquals(Set.of(s, c, r), closing, "every open handle got its HANDLE_CLOSING");

        for (HInternet h : new HInternet[] {s, c, r, null}) {
            assertEveryCall(WinHttpError.ERROR_WINHTTP_SHUTDOWN, everyHandleCall(doomed, h));
        }
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN,
                () -> doomed.open("late", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0));
        assertError(WinHttpError.ERROR_WINHTTP_SHUTDOWN, () -> doomed.open("late", 99, null, null, 0));
        doomed.close(); // a second close is harmless
        probe.expectNoMessage(Duration.ofMillis(100));
        // the shared actor system and the other engine are untouched
        assertEquals(WINHTTP_HANDLE_TYPE_SESSION, winHttp.queryOption(session(0), WINHTTP_OPTION_HANDLE_TYPE));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void expectStatus(TestProbe<Notification> probe, HInternet handle, int status) {
        Notification n = probe.receiveMessage(Duration.ofSeconds(5));
        assertEquals(statusName(status), statusName(n.status()), n.toString());
        assertSame(handle, n.handle(), n.toString());
    }
}
