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
 * The option facts of CONFORMANCE 1.5, 3.1-3.4 and 3.6, written out by hand from that page (not
 * from the option table), each through the public API. OptionTableTest checks that the engine
 * does what the table says; this checks that the table says what Windows does.
 *
 * <p>Where the table departs from CONFORMANCE or from Microsoft's "Option Flags" page, on purpose
 * (each is also in engine/README.md "Options"):
 * <ul>
 *   <li>PARENT_HANDLE on a session: Microsoft's table lists the session, CONFORMANCE (Wine) only
 *       connect and request. Followed CONFORMANCE: INCORRECT_HANDLE_TYPE.</li>
 *   <li>WEB_SOCKET_KEEPALIVE_INTERVAL: Microsoft's table says queryable; CONFORMANCE (tested on
 *       Windows) says a query is INVALID_PARAMETER. Followed CONFORMANCE.</li>
 *   <li>UNLOAD_NOTIFY_EVENT (CONFORMANCE: "S s (tested)"): refused with ERROR_NOT_SUPPORTED, as
 *       the JVM has no event handle to signal.</li>
 *   <li>CONFIGURE_PASSPORT_AUTH (CONFORMANCE: "S s (tested)"): disabling Passport is accepted,
 *       enabling it is ERROR_NOT_SUPPORTED.</li>
 *   <li>SECURITY_INFO (CONFORMANCE: a query before send succeeds with protocol 0): refused with
 *       ERROR_NOT_SUPPORTED until a Java type is defined for it.</li>
 *   <li>The ERROR_INSUFFICIENT_BUFFER cases of 3.4 and 3.5 (a REDIRECT_POLICY of 3 or 5 bytes,
 *       a short SECURITY_FLAGS, a CONTEXT_VALUE not pointer-sized, query buffers) have no Java
 *       counterpart: a value of the wrong Java type is ERROR_INVALID_PARAMETER (API.md).</li>
 *   <li>ENABLE_FEATURE: CONFORMANCE gives the request (SSL_REVOCATION only); Microsoft's page adds
 *       the session with REVERT_IMPERSONATION only. Both taken.</li>
 *   <li>MAX_HTTP_AUTOMATIC_REDIRECTS, MAX_RESPONSE_HEADER_SIZE, MAX_RESPONSE_DRAIN_SIZE:
 *       CONFORMANCE gives the request; Microsoft's table adds the session, and requests copy it.</li>
 *   <li>REDIRECT_POLICY on a connect: CONFORMANCE says the connect inherits it; it keeps the
 *       value for its requests but takes no setOption/queryOption of it (INCORRECT_HANDLE_TYPE),
 *       as a connect takes none but CONTEXT_VALUE and CALLBACK.</li>
 *   <li>USERNAME and PASSWORD: Wine keeps them on the connect, shared by its requests; here each
 *       request has its own.</li>
 * </ul>
 */
class OptionConformanceTest extends EngineTestBase {

    private final OpenedHandles handles = new OpenedHandles();

    @AfterEach
    void closeOpened() { handles.closeAll(); }

    private HInternet session() { return handles.session("conformance"); }

    private HInternet connect(HInternet s) { return handles.connect(s); }

    private HInternet request(HInternet c, int flags) { return handles.request(c, flags); }

    // ---- 1.5 and 3.1: which handles take which options ----------------------------------------------

    @Test
    void timeoutsAreSetOnSessionsAndRequestsAndQueriedOnAllThree() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        int[] timeouts = {WINHTTP_OPTION_RESOLVE_TIMEOUT, WINHTTP_OPTION_CONNECT_TIMEOUT, WINHTTP_OPTION_SEND_TIMEOUT,
                WINHTTP_OPTION_RECEIVE_TIMEOUT, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT};
        for (int t : timeouts) {
            winHttp.setOption(s, t, 1234);
            winHttp.setOption(r, t, 4321);
            assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(c, t, 1));
            assertEquals(1234, winHttp.queryOption(c, t), "a connect reports its session's value");
            assertEquals(4321, winHttp.queryOption(r, t));
        }
    }

    @Test
    void defaultsWindowsReports() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        HInternet secure = request(c, WINHTTP_FLAG_SECURE);
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP, winHttp.queryOption(s, WINHTTP_OPTION_REDIRECT_POLICY));
        for (HInternet h : new HInternet[] {s, c, r}) {
            assertEquals(0, winHttp.queryOption(h, WINHTTP_OPTION_WORKER_THREAD_COUNT));
            assertEquals(-1, winHttp.queryOption(h, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT));
            assertEquals(0L, winHttp.queryOption(h, WINHTTP_OPTION_CONTEXT_VALUE));
        }
        assertEquals(32_768, winHttp.queryOption(s, WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE));
        assertEquals(32_768, winHttp.queryOption(s, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE));
        assertEquals(0, winHttp.queryOption(secure, WINHTTP_OPTION_SECURITY_FLAGS));
        for (int o : new int[] {WINHTTP_OPTION_USERNAME, WINHTTP_OPTION_PASSWORD, WINHTTP_OPTION_PROXY_USERNAME,
                WINHTTP_OPTION_PROXY_PASSWORD}) {
            assertEquals("", winHttp.queryOption(r, o));
        }
        assertEquals(10, winHttp.queryOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS));
        assertEquals(0, winHttp.queryOption(s, WINHTTP_OPTION_RESOLVE_TIMEOUT));
        assertEquals(60_000, winHttp.queryOption(s, WINHTTP_OPTION_CONNECT_TIMEOUT), "Microsoft's default, not Wine's 20000");
        assertEquals(30_000, winHttp.queryOption(s, WINHTTP_OPTION_SEND_TIMEOUT));
        assertEquals(30_000, winHttp.queryOption(s, WINHTTP_OPTION_RECEIVE_TIMEOUT));
    }

    @Test
    void parentHandles() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        assertSame(s, winHttp.queryOption(c, WINHTTP_OPTION_PARENT_HANDLE));
        assertSame(c, winHttp.queryOption(r, WINHTTP_OPTION_PARENT_HANDLE));
    }

    @Test
    void requestOnlyOptions() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        winHttp.setOption(r, WINHTTP_OPTION_CONNECT_RETRIES, 3);
        winHttp.setOption(r, WINHTTP_OPTION_AUTOLOGON_POLICY, WINHTTP_AUTOLOGON_SECURITY_LEVEL_HIGH);
        winHttp.setOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 2);
        assertEquals(2, winHttp.queryOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS));
        winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, 1000);
        winHttp.setOption(r, WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, 1000);
        winHttp.setOption(r, WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, WINHTTP_PROTOCOL_FLAG_HTTP2);
        assertEquals(0, winHttp.queryOption(r, WINHTTP_OPTION_HTTP_PROTOCOL_USED));
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        assertEquals(server.url("/hello"), winHttp.queryOption(r, WINHTTP_OPTION_URL));
        winHttp.setOption(r, WINHTTP_OPTION_USERNAME, "user");
        assertEquals("user", winHttp.queryOption(r, WINHTTP_OPTION_USERNAME));
        winHttp.setOption(r, WINHTTP_OPTION_PROXY, new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null));
    }

    @Test
    void sessionOnlyOptions() {
        HInternet s = session();
        HInternet c = connect(s);
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, 4);
        winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER, 4);
        winHttp.setOption(s, WINHTTP_OPTION_SECURE_PROTOCOLS, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                () -> winHttp.setOption(c, WINHTTP_OPTION_SECURE_PROTOCOLS, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2));
        winHttp.setOption(s, WINHTTP_OPTION_PROXY, new ProxyInfo(WINHTTP_ACCESS_TYPE_NO_PROXY, null, null));
        winHttp.setOption(s, WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, WINHTTP_DISABLE_PASSPORT_AUTH);
    }

    @Test
    void disableFeatureIsSetOnRequestsOnly() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        winHttp.setOption(r, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_COOKIES);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(s, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_COOKIES));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.setOption(c, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_COOKIES));
        for (HInternet h : new HInternet[] {s, c, r}) {
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(h, WINHTTP_OPTION_DISABLE_FEATURE));
        }
    }

    @Test
    void enableFeatureTakesSslRevocationOnARequest() {
        HInternet r = request(connect(session()), 0);
        winHttp.setOption(r, WINHTTP_OPTION_ENABLE_FEATURE, WINHTTP_ENABLE_SSL_REVOCATION);
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_ENABLE_FEATURE, null));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_ENABLE_FEATURE, 0));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER,
                () -> winHttp.setOption(r, WINHTTP_OPTION_ENABLE_FEATURE, WINHTTP_ENABLE_SSL_REVERT_IMPERSONATION));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(r, WINHTTP_OPTION_ENABLE_FEATURE));
    }

    @Test
    void writeOnlyOptionsAreInvalidParametersToQuery() {
        HInternet s = session();
        HInternet r = request(connect(s), 0);
        for (int o : new int[] {WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_OPTION_ENABLE_FEATURE, WINHTTP_OPTION_DECOMPRESSION,
                WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL}) {
            for (HInternet h : new HInternet[] {s, r}) {
                assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(h, o));
            }
        }
        winHttp.setOption(s, WINHTTP_OPTION_DECOMPRESSION, WINHTTP_DECOMPRESSION_FLAG_ALL);
        winHttp.setOption(r, WINHTTP_OPTION_DECOMPRESSION, WINHTTP_DECOMPRESSION_FLAG_GZIP);
    }

    @Test
    void webSocketOptionsOnTheWrongHandles() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                () -> winHttp.setOption(r, WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, 20_000));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                () -> winHttp.queryOption(c, WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE));
        winHttp.setOption(s, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE, 16);
        HInternet later = request(c, 0);
        assertEquals(16, winHttp.queryOption(later, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE), "a request copies its session's at openRequest");
        assertEquals(32_768, winHttp.queryOption(r, WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE), "opened before the change");
    }

    @Test
    void redirectPolicyPassesFromSessionThroughConnectToRequest() {
        HInternet s = session();
        winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS);
        HInternet c = connect(s);
        winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, WINHTTP_OPTION_REDIRECT_POLICY_NEVER);
        // the request copies its connect's value, which the connect copied when it was made
        HInternet r = request(c, 0);
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS, winHttp.queryOption(r, WINHTTP_OPTION_REDIRECT_POLICY));
        HInternet r2 = request(connect(s), 0);
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_NEVER, winHttp.queryOption(r2, WINHTTP_OPTION_REDIRECT_POLICY));
        winHttp.setOption(r2, WINHTTP_OPTION_REDIRECT_POLICY, WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP);
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP, winHttp.queryOption(r2, WINHTTP_OPTION_REDIRECT_POLICY));
    }

    @Test
    void contextValueOnEveryHandle() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        long v = 1;
        for (HInternet h : new HInternet[] {s, c, r}) {
            winHttp.setOption(h, WINHTTP_OPTION_CONTEXT_VALUE, ++v);
            assertEquals(v, winHttp.queryOption(h, WINHTTP_OPTION_CONTEXT_VALUE));
        }
    }

    // ---- 3.2: state ------------------------------------------------------------------------------------

    @Test
    void clientCertificateNeedsASecureRequest() {
        HInternet c = connect(session());
        HInternet plain = request(c, 0);
        HInternet secure = request(c, WINHTTP_FLAG_SECURE);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                () -> winHttp.setOption(plain, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, null));
        winHttp.setOption(secure, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, null); // WINHTTP_NO_CLIENT_CERT_CONTEXT
    }

    @Test
    void connectionInfoBeforeSendIsTheWrongState() {
        HInternet r = request(connect(session()), 0);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> winHttp.queryOption(r, WINHTTP_OPTION_CONNECTION_INFO));
    }

    // ---- 3.3 and 3.4: parameters and ids -------------------------------------------------------------

    @Test
    void unknownIdsAreInvalidOptionToSetAndInvalidParameterToQuery() {
        HInternet s = session();
        HInternet c = connect(s);
        HInternet r = request(c, 0);
        for (HInternet h : new HInternet[] {s, c, r}) {
            for (int id : new int[] {0, 8, 999, 0x1004, -1}) {
                assertError(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, () -> winHttp.setOption(h, id, 1));
                assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.queryOption(h, id));
            }
        }
    }

    @Test
    void securityFlagsTakeTheFourIgnoreBitsOnly() {
        HInternet r = request(connect(session()), WINHTTP_FLAG_SECURE);
        winHttp.setOption(r, WINHTTP_OPTION_SECURITY_FLAGS, SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS);
        assertEquals(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS, winHttp.queryOption(r, WINHTTP_OPTION_SECURITY_FLAGS));
        for (int bad : new int[] {SECURITY_FLAG_SECURE, SECURITY_FLAG_STRENGTH_STRONG,
                SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_STRENGTH_WEAK, SECURITY_FLAG_STRENGTH_MEDIUM}) {
            assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_SECURITY_FLAGS, bad));
        }
        assertEquals(SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS, winHttp.queryOption(r, WINHTTP_OPTION_SECURITY_FLAGS), "unchanged");
    }

    @Test
    void nullWhereAValueIsNeeded() {
        HInternet s = session();
        HInternet r = request(connect(s), 0);
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, null));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, null));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(r, WINHTTP_OPTION_USERNAME, null));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_USER_AGENT, null));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_PROXY, null));
        assertEquals(WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT, winHttp.queryOption(s, WINHTTP_OPTION_REDIRECT_POLICY), "unchanged");
    }

    // ---- the departures (see the class comment) ------------------------------------------------------

    @Test
    void departuresFromConformance() {
        HInternet s = session();
        HInternet r = request(connect(s), 0);
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, () -> winHttp.queryOption(s, WINHTTP_OPTION_PARENT_HANDLE));
        assertError(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.setOption(s, WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT, 1L));
        assertError(WinHttpError.ERROR_NOT_SUPPORTED,
                () -> winHttp.setOption(s, WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, WINHTTP_ENABLE_PASSPORT_AUTH));
        assertError(WinHttpError.ERROR_NOT_SUPPORTED, () -> winHttp.queryOption(r, WINHTTP_OPTION_SECURITY_INFO));
        assertError(WinHttpError.ERROR_INVALID_PARAMETER, () -> winHttp.setOption(s, WINHTTP_OPTION_REDIRECT_POLICY, (short) 1));
        winHttp.setOption(s, WINHTTP_OPTION_ENABLE_FEATURE, WINHTTP_ENABLE_SSL_REVERT_IMPERSONATION);
        winHttp.setOption(s, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, 3);
        assertEquals(3, winHttp.queryOption(request(connect(s), 0), WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS));
        assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                () -> winHttp.queryOption(connect(s), WINHTTP_OPTION_REDIRECT_POLICY));
    }

    private static void assertError(WinHttpError expected, Executable call) {
        WinHttpException e = assertThrows(WinHttpException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
