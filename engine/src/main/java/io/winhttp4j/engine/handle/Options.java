package io.winhttp4j.engine.handle;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.HashMap;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The one table of options: which handle kinds may set or query each option, its value type,
 * its default, and how a value is checked. Every setOption/queryOption check happens here, on
 * the caller's thread, before a message is sent. Later options are added as rows.
 */
public final class Options {
    /** Value types as they cross the Java API. */
    enum Type { DWORD, POINTER, STRING, HANDLE }

    private static final int S = 1 << WINHTTP_HANDLE_TYPE_SESSION;
    private static final int C = 1 << WINHTTP_HANDLE_TYPE_CONNECT;
    private static final int R = 1 << WINHTTP_HANDLE_TYPE_REQUEST;
    private static final int W = 1 << WINHTTP_HANDLE_TYPE_WEBSOCKET;

    /** Where the answer to a query comes from. */
    public enum Source {
        /** The handle's own actor keeps the value. */
        ACTOR,
        /** Fixed by the handle itself (type, parent): answered on the caller's thread. */
        HANDLE,
        /** Connect handles report their session's current value (CONFORMANCE 3.6). */
        ACTOR_OR_SESSION
    }

    record Def(int id, String name, int settable, int queryable, Type type, Object dflt,
               boolean inherited, Source source) {}

    private static final Map<Integer, Def> DEFS = new HashMap<>();

    private static void def(int id, String name, int settable, int queryable, Type type, Object dflt,
                            boolean inherited, Source source) {
        DEFS.put(id, new Def(id, name, settable, queryable, type, dflt, inherited, source));
    }

    static {
        def(WINHTTP_OPTION_CONTEXT_VALUE, "CONTEXT_VALUE", S | C | R | W, S | C | R | W, Type.POINTER, 0L, false, Source.ACTOR);
        def(WINHTTP_OPTION_RESOLVE_TIMEOUT, "RESOLVE_TIMEOUT", S | R, S | C | R, Type.DWORD, 0, true, Source.ACTOR_OR_SESSION);
        def(WINHTTP_OPTION_CONNECT_TIMEOUT, "CONNECT_TIMEOUT", S | R, S | C | R, Type.DWORD, 60_000, true, Source.ACTOR_OR_SESSION);
        def(WINHTTP_OPTION_SEND_TIMEOUT, "SEND_TIMEOUT", S | R, S | C | R, Type.DWORD, 30_000, true, Source.ACTOR_OR_SESSION);
        def(WINHTTP_OPTION_RECEIVE_TIMEOUT, "RECEIVE_TIMEOUT", S | R, S | C | R, Type.DWORD, 30_000, true, Source.ACTOR_OR_SESSION);
        def(WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT, "RECEIVE_RESPONSE_TIMEOUT", S | R, S | C | R, Type.DWORD, -1, true, Source.ACTOR_OR_SESSION);
        def(WINHTTP_OPTION_HANDLE_TYPE, "HANDLE_TYPE", 0, S | C | R | W, Type.DWORD, null, false, Source.HANDLE);
        def(WINHTTP_OPTION_PARENT_HANDLE, "PARENT_HANDLE", 0, C | R, Type.HANDLE, null, false, Source.HANDLE);
        def(WINHTTP_OPTION_URL, "URL", 0, R, Type.STRING, null, false, Source.ACTOR);
        def(WINHTTP_OPTION_MAX_CONNS_PER_SERVER, "MAX_CONNS_PER_SERVER", S, S, Type.DWORD, WINHTTP_CONNS_PER_SERVER_UNLIMITED, true, Source.ACTOR);
        def(WINHTTP_OPTION_WORKER_THREAD_COUNT, "WORKER_THREAD_COUNT", 0, S | C | R, Type.DWORD, 0, false, Source.HANDLE);
        def(WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, "MAX_RESPONSE_HEADER_SIZE", R, R, Type.DWORD, 64 * 1024, false, Source.ACTOR);
        def(WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, "MAX_RESPONSE_DRAIN_SIZE", R, R, Type.DWORD, 1024 * 1024, false, Source.ACTOR);
        def(WINHTTP_OPTION_DISABLE_FEATURE, "DISABLE_FEATURE", R, 0, Type.DWORD, 0, false, Source.ACTOR);
    }

    private Options() {}

    static Object defaultOf(int option) {
        Def d = DEFS.get(option);
        return d == null ? null : d.dflt();
    }

    static boolean inherited(int option) {
        Def d = DEFS.get(option);
        return d != null && d.inherited();
    }

    /** Checks a setOption call and returns the value in its stored form. */
    public static Object checkSet(Handle h, int option, Object value) {
        Def d = DEFS.get(option);
        if (d == null) {
            throw error(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, "setOption: unknown option " + option);
        }
        int kind = 1 << h.handleType();
        if ((d.settable() & kind) == 0) {
            boolean settableAnywhere = d.settable() != 0;
            throw error(settableAnywhere ? WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE
                            : WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE,
                    "setOption: " + d.name() + " cannot be set on " + h);
        }
        Object v = convert(d, value);
        if (option == WINHTTP_OPTION_MAX_CONNS_PER_SERVER && (Integer) v == 0) {
            throw error(WinHttpError.ERROR_INVALID_PARAMETER, "setOption: MAX_CONNS_PER_SERVER must be at least 1");
        }
        if (option == WINHTTP_OPTION_DISABLE_FEATURE && ((Integer) v & ~0xF) != 0) {
            throw error(WinHttpError.ERROR_INVALID_PARAMETER, "setOption: unknown DISABLE_FEATURE bits " + v);
        }
        return v;
    }

    /** Checks a queryOption call; returns where its answer comes from. */
    public static Source checkQuery(Handle h, int option) {
        Def d = DEFS.get(option);
        if (d == null || d.queryable() == 0) {
            throw error(WinHttpError.ERROR_INVALID_PARAMETER,
                    "queryOption: option " + option + (d == null ? " is unknown" : " cannot be queried"));
        }
        if ((d.queryable() & (1 << h.handleType())) == 0) {
            throw error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                    "queryOption: " + d.name() + " cannot be queried on " + h);
        }
        return d.source();
    }

    private static Object convert(Def d, Object value) {
        switch (d.type()) {
            case DWORD:
                if (value instanceof Integer) return value;
                if (value instanceof Long l && l >= 0 && l <= 0xFFFF_FFFFL) return (int) (long) l;
                break;
            case POINTER:
                if (value instanceof Long) return value;
                if (value instanceof Integer i) return (long) i;
                break;
            case STRING:
                if (value instanceof String) return value;
                break;
            default:
                break;
        }
        throw error(WinHttpError.ERROR_INVALID_PARAMETER, "setOption: " + d.name() + " takes a "
                + d.type().name().toLowerCase() + ", not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static WinHttpException error(WinHttpError e, String detail) {
        return new WinHttpException(e, detail);
    }
}
