package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.ProxyInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;


import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The error table of spec/WinHttpSetOption.md, row by row, and queryOption's errors (API.md
 * "Options", CONFORMANCE 3): each error reached through the public API, and a rejected call
 * changes nothing.
 *
 * <p>Two rows of the page cannot be reached and have no test: ERROR_WINHTTP_INTERNAL_ERROR and
 * ERROR_NOT_ENOUGH_MEMORY are Windows' answers to its own failures (an internal fault, an
 * allocation that failed); setOption here copies nothing that could fail that way. The
 * WebSocket cell of ERROR_INVALID_PARAMETER (WEB_SOCKET_KEEPALIVE_INTERVAL below 15000) needs a
 * WebSocket handle: it is checked on the table's caller-side
 * checks in OptionTableTest.theWebSocketColumnAtTheCallersChecks.
 */
class OptionErrorsTest extends EngineTestBase {

    private final OpenedHandles handles = new OpenedHandles();

    @AfterEach
    void closeOpened() { handles.closeAll(); }

    private HInternet session() { return handles.session("errors"); }

    private HInternet connect(HInternet s) { return handles.connect(s); }

    private HInternet request(HInternet c, int flags) { return handles.request(c, flags); }

    // ---- setOption, the page's table -----------------------------------------------------------------

    @Test
    void incorrectHandleState() {
        HInternet r = request(connect(session()), 0);
        WinHttpException e = error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                () -> winHttp.setOption(r, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, null));
        assertTrue(e.getMessage().contains("WINHTTP_FLAG_SECURE"), e.getMessage());
    }

    @Test
    void incorrectHandleType() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 20_000));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(s, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_COOKIES));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(c, WINHTTP_OPTION_REDIRECT_POLICY, 0));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_USER_AGENT, "x"));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 1));
        // set with a NULL handle on Windows: no handle of this API takes it
        WinHttpException e = error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                () -> winHttp.setOption(s, WINHTTP_OPTION_WORKER_THREAD_COUNT, 4));
        assertTrue(e.getMessage().contains("NULL handle"), e.getMessage());
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(s, WINHTTP_OPTION_ENABLETRACING, true));
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, winHttp.queryOption(r, WINHTTP_OPTION_REDIRECT_POLICY), "unchanged");
    }

    @Test
    void invalidOption() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        for (HInternet h : new HInternet[] {s, c, r}) {
            for (int id : new int[] {0, 10, 11, 2_000, 0x1004, Integer.MIN_VALUE}) {
                WinHttpException e = error(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, () -> winHttp.setOption(h, id, 0));
                assertTrue(e.getMessage().contains(Integer.toString(id)), e.getMessage());
            }
        }
    }

    @Test
    void invalidParameter() {
        HInternet s = session();
        HInternet r = request(connect(s), WINHTTP_FLAG_SECURE);
        // wrong Java type, null, out of range
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, "1"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, null));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, 3));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, -1));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT, 1.5));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_CONTEXT_VALUE, "ctx"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_PROXY, "127.0.0.1:9"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_PROXY, new ProxyInfo(2, null, null)));
        error(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.setOption(s, WINHTTP_OPTION_PROXY, new ProxyInfo(WINHTTP_ACCESS_TYPE_NAMED_PROXY, "", null)));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, "cert"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, 1));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_REJECT_USERPWD_IN_URL, "yes"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_CALLBACK, "not a callback"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_AUTOLOGON_POLICY, 4));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_SPN, 2));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_HTTP_VERSION, "HTTP/2"));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_REQUEST_ANNOTATION,
                "a".repeat(WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH + 1)));
        // unknown bits of the flag options
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, 0x10));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_ENABLE_FEATURE, 0x4));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_SECURITY_FLAGS, SECURITY_FLAG_SECURE));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_SECURE_PROTOCOLS, 0x1));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_DECOMPRESSION, 0x4));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, 0x4));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, 0x1));
        // nothing of it was stored
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, winHttp.queryOption(s, WINHTTP_OPTION_REDIRECT_POLICY));
        assertEquals(60_000, winHttp.queryOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT));
        assertEquals(0L, winHttp.queryOption(s, WINHTTP_OPTION_CONTEXT_VALUE));
        assertEquals(0, winHttp.queryOption(r, WINHTTP_OPTION_SECURITY_FLAGS));
        assertEquals("HTTP/1.1", winHttp.queryOption(s, WINHTTP_OPTION_HTTP_VERSION));
        assertEquals(new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null), winHttp.queryOption(s, WINHTTP_OPTION_PROXY));
        assertNull(winHttp.queryOption(s, WINHTTP_OPTION_CALLBACK));
    }

    @Test
    void optionNotSettable() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        for (int o : new int[] {WINHTTP_OPTION_URL, WINHTTP_OPTION_HANDLE_TYPE, WINHTTP_OPTION_PARENT_HANDLE,
                WINHTTP_OPTION_HTTP_PROTOCOL_USED, WINHTTP_OPTION_CONNECTION_INFO, WINHTTP_OPTION_SERVER_CERT_CONTEXT,
                WINHTTP_OPTION_SECURITY_KEY_BITNESS, WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE, WINHTTP_OPTION_SERVER_SPN_USED}) {
            for (HInternet h : new HInternet[] {s, c, r}) {
                error(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, () -> winHttp.setOption(h, o, 1));
            }
        }
        assertEquals(server.url("/hello"), winHttp.queryOption(r, WINHTTP_OPTION_URL), "unchanged");
    }

    @Test
    void notSupportedNamesTheOption() {
        HInternet s = session();
        HInternet r = request(connect(s), 0);
        WinHttpException e = error(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.setOption(s, WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT, 42L));
        assertTrue(e.getMessage().contains("WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT"), e.getMessage());
        e = error(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.queryOption(r, WINHTTP_OPTION_PASSPORT_COBRANDING_TEXT));
        assertTrue(e.getMessage().contains("WINHTTP_OPTION_PASSPORT_COBRANDING_TEXT"), e.getMessage());
        // a value only Windows could honour: refused; the one that changes nothing: accepted
        e = error(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.setOption(s, WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS, true));
        assertTrue(e.getMessage().contains("WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS"), e.getMessage());
        winHttp.setOption(s, WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS, false);
        winHttp.setOption(s, WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, WINHTTP_DISABLE_PASSPORT_KEYRING);
        error(WinHttpError.ERROR_NOT_SUPPORTED,
                () -> winHttp.setOption(s, WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, WINHTTP_ENABLE_PASSPORT_KEYRING));
        // the kind is checked before the refusal
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT, 42L));
    }

    // ---- queryOption ------------------------------------------------------------------------------------

    @Test
    void queryErrors() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(s, 0));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(r, 7_777));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(r, WINHTTP_OPTION_DISABLE_FEATURE));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(r, WINHTTP_OPTION_CLIENT_CERT_CONTEXT));
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(s, WINHTTP_OPTION_SECURE_PROTOCOLS));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(s, WINHTTP_OPTION_URL));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(c, WINHTTP_OPTION_USER_AGENT));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(r, WINHTTP_OPTION_MAX_CONNS_PER_SERVER));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.queryOption(r, WINHTTP_OPTION_CONNECTION_INFO));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.queryOption(r, WINHTTP_OPTION_SERVER_CERT_CONTEXT));
        error(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.queryOption(r, WINHTTP_OPTION_REQUEST_STATS));
    }

    @Test
    void theChecksComeInTheirOrder() {
        HInternet s = session();
        HInternet r = request(connect(s), 0);
        // handle before option id
        error(WinHttpError.ERROR_INVALID_HANDLE, () -> winHttp.setOption(null, 9_999, "x"));
        // unknown id before everything the value could be wrong about
        error(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, () -> winHttp.setOption(r, 9_999, null));
        // query-only before the kind
        error(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, () -> winHttp.setOption(s, WINHTTP_OPTION_URL, 5));
        // the kind before the value
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 1));
        error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(r, WINHTTP_OPTION_USER_AGENT, null));
        // the value before the state (the state needs the actor)
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, 1));
        // set-only before the kind, on a query
        error(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(s, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL));
    }

    private static WinHttpException error(WinHttpError expected, Executable call) {
        WinHttpException e = assertThrows(WinHttpException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
        return e;
    }
}
