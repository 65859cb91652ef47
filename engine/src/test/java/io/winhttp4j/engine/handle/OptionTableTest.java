package io.winhttp4j.engine.handle;

import io.winhttp4j.HInternet;
import io.winhttp4j.ProxyInfo;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every cell of the option table, generated from it: for each option, setOption and queryOption
 * on a session, a connect, a plain request and a secure request (one opened with
 * WINHTTP_FLAG_SECURE, which CLIENT_CERT_CONTEXT needs), through the public API and the handles'
 * actors. Each cell must give what the row says: its error, or success with the default on a
 * fresh handle and the set value read back. The WebSocket column is checked at the caller's
 * checks only ({@link #theWebSocketColumnAtTheCallersChecks}): no WebSocket handle can be
 * obtained yet (webSocketCompleteUpgrade is a later issue).
 *
 * <p>The table itself was checked by hand against CONFORMANCE 1.5 and 3 once; those facts are
 * asserted independently of the table in {@code io.winhttp4j.engine.OptionConformanceTest}, which
 * also lists where the table departs from CONFORMANCE or Microsoft's option page, and why.
 */
class OptionTableTest extends EngineTestBase {

    private static final String AGENT = "option-table";

    /** One column: a handle kind (as the table's mask) and a handle of it. */
    private record Column(String name, int kind, HInternet handle, boolean secure) {}

    @Test
    void everyCellOfTheTable() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Options.Def d : new TreeMap<>(Options.table()).values()) {
            // fresh handles for every row, so that no row sees another's values
            HInternet s = winHttp.open(AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, server.host(), server.port());
            HInternet r = winHttp.openRequest(c, "GET", "/cell", null, null, null, 0);
            HInternet rs = winHttp.openRequest(c, "GET", "/cell", null, null, null, WINHTTP_FLAG_SECURE);
            try {
                Column[] columns = {new Column("session", Options.S, s, false), new Column("connect", Options.C, c, false),
                        new Column("request", Options.R, r, false), new Column("secure request", Options.R, rs, true)};
                // every fresh value first: a connect reports its session's current timeouts
                for (Column col : columns) queryCell(d, col, wrong);
                for (Column col : columns) setCell(d, col, wrong);
                cells += 2 * columns.length;
            } finally {
                for (HInternet h : new HInternet[] {rs, r, c, s}) winHttp.closeHandle(h);
            }
        }
        assertTrue(Options.table().size() > 130, Options.table().size() + " rows: is the table there?");
        assertEquals(Options.table().size() * 4 * 2, cells);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cells + " cells differ from the table:\n" + String.join("\n", wrong));
    }

    /** A query on a fresh handle: the row's error, or its default (what a fresh handle holds). */
    private static void queryCell(Options.Def d, Column col, List<String> wrong) {
        WinHttpError expected = expectedQueryError(d, col);
        Object got;
        try {
            got = winHttp.queryOption(col.handle(), d.id());
        } catch (WinHttpException e) {
            if (e.error() != expected) wrong.add(cell(d, col, "query") + ": " + e.error() + " (" + e.getMessage() + "), expected " + name(expected));
            return;
        }
        if (expected != null) {
            wrong.add(cell(d, col, "query") + ": answered " + got + ", expected " + expected);
        } else if (!Objects.equals(fresh(d, col), got)) {
            wrong.add(cell(d, col, "query") + ": fresh value " + got + ", expected " + fresh(d, col));
        }
    }

    /** A set with a value the row accepts: its error, or success and the value read back where queryable. */
    private static void setCell(Options.Def d, Column col, List<String> wrong) {
        WinHttpError expected = expectedSetError(d, col);
        Object sample = sample(d, col.kind());
        try {
            winHttp.setOption(col.handle(), d.id(), sample);
        } catch (WinHttpException e) {
            if (e.error() != expected) wrong.add(cell(d, col, "set " + sample) + ": " + e.error() + " (" + e.getMessage() + "), expected " + name(expected));
            return;
        }
        try {
            if (expected != null) {
                wrong.add(cell(d, col, "set " + sample) + ": succeeded, expected " + expected);
            } else if (expectedQueryError(d, col) == null) {
                Object back = winHttp.queryOption(col.handle(), d.id());
                if (!Objects.equals(sample, back)) wrong.add(cell(d, col, "set " + sample) + ": read back " + back);
            }
        } finally {
            if (d.source() == Options.Source.ENGINE) winHttp.setOption(col.handle(), d.id(), d.dflt()); // engine-wide: put it back
        }
    }

    private static WinHttpError expectedSetError(Options.Def d, Column col) {
        if (d.set() == 0) return WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE;
        if ((d.set() & col.kind()) == 0) return WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE;
        if (d.effect() == Options.Effect.REFUSED) return WinHttpError.ERROR_NOT_SUPPORTED;
        if (d.secureOnly() && !col.secure()) return WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE;
        return null;
    }

    private static WinHttpError expectedQueryError(Options.Def d, Column col) {
        if (d.query() == 0) return WinHttpError.ERROR_INVALID_PARAMETER;
        if ((d.query() & col.kind()) == 0) return WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE;
        if (d.effect() == Options.Effect.REFUSED) return WinHttpError.ERROR_NOT_SUPPORTED;
        if (d.source() == Options.Source.SECURE_CONNECTION) return WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE;
        if (d.source() == Options.Source.CONNECTION) return WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE; // never sent
        return null;
    }

    /** What a fresh handle reports: the row's default, except where the handle itself decides. */
    private static Object fresh(Options.Def d, Column col) {
        HInternet h = col.handle();
        return switch (d.id()) {
            case WINHTTP_OPTION_HANDLE_TYPE -> h.handleType();
            case WINHTTP_OPTION_PARENT_HANDLE -> ((Handle) h).parent();
            case WINHTTP_OPTION_URL -> (col.secure() ? "https://" : "http://") + server.host() + ":" + server.port() + "/cell";
            case WINHTTP_OPTION_USER_AGENT -> AGENT;
            case WINHTTP_OPTION_PROXY -> new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null); // what open() was given
            default -> d.dflt();
        };
    }

    /**
     * A value of the row's type that its rule accepts on this kind, different from the default
     * where one is: candidates are tried in order through the row's own rule. Refused rows get
     * any object (they are refused before the type is looked at).
     */
    static Object sample(Options.Def d, int kind) {
        List<Object> candidates = switch (d.type()) {
            case DWORD -> List.of(20_000, 1, 2, 0x100, 0x20000000, 0, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2);
            case BOOL -> List.of(true, false);
            case POINTER -> List.of(0x1234_5678_9ABCL);
            case STRING -> List.of("sample text", "HTTP/1.0");
            case NONE, CLIENT_CERT -> java.util.Collections.singletonList(null);
            case CALLBACK -> List.<Object>of((StatusCallback) n -> { });
            case PROXY -> List.of(new ProxyInfo(WINHTTP_ACCESS_TYPE_NAMED_PROXY, "127.0.0.1:9", "<local>"));
            default -> List.of(new Object());
        };
        if (d.effect() == Options.Effect.REFUSED) return candidates.get(0);
        Object firstAccepted = null;
        for (Object v : candidates) {
            try {
                Object stored = d.rule().apply(d.name(), kind, v);
                if (!Objects.equals(stored, v)) continue; // normalised: not a clean round trip
                if (!Objects.equals(v, d.dflt())) return v;
                if (firstAccepted == null) firstAccepted = v;
            } catch (WinHttpException e) {
                // not accepted: try the next
            }
        }
        if (firstAccepted == null && !candidates.contains(null)) {
            throw new AssertionError("no sample value for " + d.name() + " on kind " + kind);
        }
        return firstAccepted;
    }

    /**
     * Every option a request inherits from its session and can report: the request copies the
     * session's value when it is opened; a later change on the session does not reach it, and a
     * request opened after the change copies the new value.
     */
    @Test
    void requestsCopyTheirSessionsValuesWhenOpened() {
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (Options.Def d : new TreeMap<>(Options.table()).values()) {
            if (d.inherit() != Options.Inherit.SESSION || (d.query() & Options.R) == 0 || d.source() == Options.Source.ENGINE) continue;
            rows++;
            Object sample = sample(d, Options.S);
            HInternet s = winHttp.open(AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, server.host(), server.port());
            try {
                Object before = winHttp.queryOption(s, d.id());
                winHttp.setOption(s, d.id(), sample);
                HInternet r1 = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
                if (!Objects.equals(sample, winHttp.queryOption(r1, d.id()))) wrong.add(d.name() + ": not copied at openRequest");
                winHttp.setOption(s, d.id(), before);
                if (!Objects.equals(sample, winHttp.queryOption(r1, d.id()))) wrong.add(d.name() + ": a later session change reached the request");
                HInternet r2 = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
                if (!Objects.equals(before, winHttp.queryOption(r2, d.id()))) wrong.add(d.name() + ": a request opened later did not copy the new value");
                winHttp.closeHandle(r2);
                winHttp.closeHandle(r1);
            } finally {
                winHttp.closeHandle(c);
                winHttp.closeHandle(s);
            }
        }
        assertTrue(rows >= 10, rows + " rows inherited");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Every option both a request and its session report: a change on the request stays on the request. */
    @Test
    void aChildsChangeNeverReachesItsParent() {
        List<String> wrong = new ArrayList<>();
        int rows = 0;
        for (Options.Def d : new TreeMap<>(Options.table()).values()) {
            if ((d.set() & Options.R) == 0 || (d.query() & Options.S) == 0 || (d.query() & Options.R) == 0
                    || d.effect() == Options.Effect.REFUSED || d.source() == Options.Source.ENGINE) {
                continue;
            }
            rows++;
            HInternet s = winHttp.open(AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = winHttp.connect(s, server.host(), server.port());
            HInternet r = winHttp.openRequest(c, "GET", "/", null, null, null, 0);
            try {
                Object session = winHttp.queryOption(s, d.id());
                Object connect = (d.query() & Options.C) != 0 ? winHttp.queryOption(c, d.id()) : null;
                Object sample = sample(d, Options.R);
                winHttp.setOption(r, d.id(), sample);
                if (!Objects.equals(sample, winHttp.queryOption(r, d.id()))) wrong.add(d.name() + ": the request did not keep its value");
                if (!Objects.equals(session, winHttp.queryOption(s, d.id()))) wrong.add(d.name() + ": the session reports the request's value");
                if ((d.query() & Options.C) != 0 && !Objects.equals(connect, winHttp.queryOption(c, d.id()))) {
                    wrong.add(d.name() + ": the connect reports the request's value");
                }
            } finally {
                for (HInternet h : new HInternet[] {r, c, s}) winHttp.closeHandle(h);
            }
        }
        assertTrue(rows >= 10, rows + " rows on both");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theWebSocketColumnAtTheCallersChecks() {
        // No WebSocket handle can be made yet; the caller-side checks need only the handle's kind.
        Handle w = new Handle(WINHTTP_HANDLE_TYPE_WEBSOCKET, -1, new Object(), false, null);
        Column col = new Column("websocket", Options.W, w, false);
        List<String> wrong = new ArrayList<>();
        for (Options.Def d : new TreeMap<>(Options.table()).values()) {
            WinHttpError set = expectedSetError(d, col);
            try {
                Options.checkSet(w, d.id(), sample(d, Options.W));
                if (set != null) wrong.add(cell(d, col, "set") + ": passed, expected " + set);
            } catch (WinHttpException e) {
                if (e.error() != set) wrong.add(cell(d, col, "set") + ": " + e.error() + ", expected " + name(set));
            }
            WinHttpError query = expectedQueryError(d, col);
            try {
                Options.checkQuery(w, d.id());
                if (query != null) wrong.add(cell(d, col, "query") + ": passed, expected " + query);
            } catch (WinHttpException e) {
                if (e.error() != query) wrong.add(cell(d, col, "query") + ": " + e.error() + ", expected " + name(query));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // the cells CONFORMANCE 1.5 gives for W (tested on Windows)
        assertEquals(20_000, Options.checkSet(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 20_000));
        assertEquals(15_000, Options.checkSet(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 15_000));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> Options.checkSet(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 10_000));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> Options.checkSet(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 14_999));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> Options.checkQuery(w, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> Options.checkQuery(w, WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> Options.checkSet(w, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE, 64));
        assertEquals(Options.Source.ACTOR, Options.checkQuery(w, WINHTTP_OPTION_CONTEXT_VALUE));
    }

    @Test
    void everyRowIsWellFormed() {
        List<String> wrong = new ArrayList<>();
        for (Options.Def d : Options.table().values()) {
            if (d.set() == 0 && d.query() == 0) wrong.add(d.name() + ": neither settable nor queryable");
            if (d.effect() != Options.Effect.LIVE && d.why().isEmpty() && d.effect() != Options.Effect.LATER) {
                wrong.add(d.name() + ": " + d.effect() + " without a reason for the README");
            }
            if (d.effect() == Options.Effect.REFUSED && d.dflt() != null) wrong.add(d.name() + ": refused with a default");
            if (d.inherit() != Options.Inherit.NONE && (d.set() & Options.S) == 0) {
                wrong.add(d.name() + ": inherited from the session, which cannot set it");
            }
            if (d.accumulates() && d.type() != Options.Type.DWORD) wrong.add(d.name() + ": accumulates a non-DWORD");
            if (d.query() != 0 && d.effect() != Options.Effect.REFUSED && d.source() == Options.Source.ACTOR
                    && d.dflt() == null && d.id() != WINHTTP_OPTION_CALLBACK && d.id() != WINHTTP_OPTION_URL) {
                wrong.add(d.name() + ": queryable from the actor without a default");
            }
            try {
                if (!Objects.equals(WinHttpConstantsNames.of(d.id()), "WINHTTP_OPTION_" + d.name())) {
                    wrong.add(d.name() + ": id " + d.id() + " is " + WinHttpConstantsNames.of(d.id()));
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** The table covers every WINHTTP_OPTION_* id of WinHttpConstants, that is CONFORMANCE 1.5's list. */
    @Test
    void everyOptionIdHasARow() throws ReflectiveOperationException {
        List<String> missing = new ArrayList<>();
        for (var f : io.winhttp4j.WinHttpConstants.class.getFields()) {
            String n = f.getName();
            if (!n.startsWith("WINHTTP_OPTION_") || n.equals("WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH")
                    || n.startsWith("WINHTTP_OPTION_REDIRECT_POLICY_") || n.equals("WINHTTP_OPTION_SPN_MASK")) {
                continue;
            }
            int id = f.getInt(null);
            if (Options.def(id) == null) missing.add(n + " (" + id + ")");
        }
        assertTrue(missing.isEmpty(), "options without a row: " + missing);
    }

    /** WINHTTP_OPTION_* constant names by value, to check each row's name against its id. */
    private static final class WinHttpConstantsNames {
        static String of(int id) throws ReflectiveOperationException {
            for (var f : io.winhttp4j.WinHttpConstants.class.getFields()) {
                if (f.getName().startsWith("WINHTTP_OPTION_") && f.getType() == int.class && f.getInt(null) == id
                        && !f.getName().startsWith("WINHTTP_OPTION_REDIRECT_POLICY_") && !f.getName().equals("WINHTTP_OPTION_SPN_MASK")
                        && !f.getName().equals("WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH")) {
                    return f.getName();
                }
            }
            return null;
        }
    }

    private static String cell(Options.Def d, Column col, String what) {
        return d.name() + " (" + d.id() + ") on " + col.name() + ", " + what;
    }

    private static String name(WinHttpError e) {
        return e == null ? "success" : e.name();
    }

    private static void assertError(WinHttpError expected, org.junit.jupiter.api.function.Executable call) {
        WinHttpException e = assertThrows(WinHttpException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
