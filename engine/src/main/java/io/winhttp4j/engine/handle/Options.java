package io.winhttp4j.engine.handle;

import io.winhttp4j.ConnectionInfo;
import io.winhttp4j.HInternet;
import io.winhttp4j.ProxyInfo;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.WireText;
import io.winhttp4j.engine.transport.tls.SecurityFlags;
import io.winhttp4j.engine.transport.tls.SecureProtocols;

import javax.security.auth.x500.X500Principal;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The one table of options (CONFORMANCE 1.5, 3; Microsoft's "Option Flags" page where those are
 * silent): for every option id, which handle kinds may set and query it, its Java value type, its
 * default, how a child handle inherits it, how a value is checked, and what this engine does with
 * it. Every check of setOption and queryOption that needs no state runs here, on the caller's
 * thread, before a message is sent; the two state rules CONFORMANCE gives (CLIENT_CERT_CONTEXT,
 * CONNECTION_INFO) are applied by the request's actor through {@link #refusedInState}.
 *
 * <p>Order of the checks, the same for every option. setOption: unknown id
 * (INVALID_OPTION), query-only (OPTION_NOT_SETTABLE), handle kind (INCORRECT_HANDLE_TYPE), no
 * meaning here (NOT_SUPPORTED), Java type (INVALID_PARAMETER), value (INVALID_PARAMETER, or
 * NOT_SUPPORTED for a value only Windows could honour). queryOption: unknown id and set-only
 * (INVALID_PARAMETER), handle kind, no meaning here, then where the answer comes from.
 */
public final class Options {

    /** Value types as they cross the Java API (API.md "Options"). */
    enum Type {
        /** Integer; a Long that fits in 32 unsigned bits is taken; queried as Integer, bits as they are. */
        DWORD,
        /** Boolean; a DWORD (Integer or Long) is taken as C's BOOL, 0 being FALSE; queried as Boolean. */
        BOOL,
        /** Long (DWORD_PTR); an Integer is widened. */
        POINTER,
        /** String; null is refused, "" is the empty value. */
        STRING,
        /** An HInternet (queried only). */
        HANDLE,
        /** Set with (NULL, 0): the value must be null. */
        NONE,
        /** The handle's StatusCallback, or null for none. */
        CALLBACK,
        /** java.security.KeyStore.PrivateKeyEntry, or null for WINHTTP_NO_CLIENT_CERT_CONTEXT. */
        CLIENT_CERT,
        /** java.security.cert.X509Certificate[], the peer's chain, leaf first (queried only). */
        CERT_CHAIN,
        /** java.security.cert.X509Certificate, the peer's leaf certificate (queried only). */
        CERTIFICATE,
        /** javax.security.auth.x500.X500Principal[], issuers the server accepts (queried only). */
        ISSUERS,
        /** byte[] (queried only; a copy). */
        BYTES,
        /** io.winhttp4j.ProxyInfo. */
        PROXY,
        /** io.winhttp4j.ConnectionInfo (queried only). */
        CONNECTION,
        /** A Windows structure or handle with no Java counterpart: only on refused options. */
        OPAQUE
    }

    /** What the engine does with an option (engine/README.md "Options" lists all but LIVE). */
    enum Effect {
        /** Honoured now. */
        LIVE,
        /** Checked and stored (and queryable where Windows allows), not acted on yet: a later issue adds the behaviour. */
        LATER,
        /** Checked and stored; no effect, as Windows itself lets it be without one (deprecated, a hint, an optimisation, a feature switched off). */
        IGNORED,
        /** ERROR_NOT_SUPPORTED naming the option: no meaning on the JVM, and silently ignoring it would mislead. */
        REFUSED
    }

    /** Where the answer to a query comes from. */
    public enum Source {
        /** The handle's own actor keeps the value. */
        ACTOR,
        /** Fixed by the handle itself (type, parent, a constant): answered on the caller's thread. */
        HANDLE,
        /** Connect handles report their session's current value (CONFORMANCE 3.6); others their own. */
        ACTOR_OR_SESSION,
        /** Process-wide on Windows (set with a NULL handle): one value per engine. */
        ENGINE,
        /** Only a request with a secure connection has it: its actor answers from the TLS session (Link). */
        SECURE_CONNECTION,
        /** Only a request that has a connection has it (CONNECTION_INFO). */
        CONNECTION
    }

    /** How a child handle gets its value. */
    enum Inherit {
        /** It has its own value, starting at the default. */
        NONE,
        /** A request copies its session's current value when it is opened (CONFORMANCE 3.6, timeouts). */
        SESSION,
        /** A connect copies its session's value when it is made, a request its connect's when it is opened (CONFORMANCE 1.5, REDIRECT_POLICY). */
        THROUGH_CONNECT
    }

    /** Checks a value of the right Java type; returns the value to store (or throws the option's error). */
    @FunctionalInterface
    interface Rule {
        Object apply(String name, int kind, Object value);

        Rule ANY = (name, kind, value) -> value;
    }

    /** "No handle": Windows takes these with a NULL HINTERNET, which this API does not have. */
    static final int G = 1;
    static final int S = 1 << WINHTTP_HANDLE_TYPE_SESSION;
    static final int C = 1 << WINHTTP_HANDLE_TYPE_CONNECT;
    static final int R = 1 << WINHTTP_HANDLE_TYPE_REQUEST;
    static final int W = 1 << WINHTTP_HANDLE_TYPE_WEBSOCKET;
    static final int ALL = S | C | R | W;

    /**
     * One row. set and query are masks of the kinds (S, C, R, W, G) that may set or query it;
     * accumulates: a set ORs into the current value (DISABLE_FEATURE, ENABLE_FEATURE, as Wine
     * does); secureOnly: only a request opened with WINHTTP_FLAG_SECURE takes it
     * (INCORRECT_HANDLE_STATE otherwise, CONFORMANCE 3.2); why: what happens here and why, for
     * the README and for the message of a refused option.
     */
    record Def(int id, String name, int set, int query, Type type, Object dflt, Inherit inherit, Source source,
               Effect effect, Rule rule, boolean accumulates, boolean secureOnly, String why) {}

    private static final Map<Integer, Def> DEFS;

    private static final class Row {
        final int id;
        final String name;
        final int set;
        final int query;
        final Type type;
        final Object dflt;
        final Effect effect;
        Inherit inherit = Inherit.NONE;
        Source source = Source.ACTOR;
        Rule rule = Rule.ANY;
        boolean accumulates;
        boolean secureOnly;
        String why = "";

        Row(int id, String name, int set, int query, Type type, Object dflt, Effect effect) {
            this.id = id;
            this.name = name;
            this.set = set;
            this.query = query;
            this.type = type;
            this.dflt = dflt;
            this.effect = effect;
        }

        Row inherit() { inherit = Inherit.SESSION; return this; }
        Row throughConnect() { inherit = Inherit.THROUGH_CONNECT; return this; }
        Row from(Source s) { source = s; return this; }
        Row rule(Rule r) { rule = r; return this; }
        Row accumulates() { accumulates = true; return this; }
        Row secureOnly() { secureOnly = true; return this; }
        Row why(String w) { why = w; return this; }

        Def def() {
            return new Def(id, name, set, query, type, dflt, inherit, source, effect, rule, accumulates, secureOnly, why);
        }
    }

    private static Row live(int id, String name, int set, int query, Type type, Object dflt) {
        return new Row(id, name, set, query, type, dflt, Effect.LIVE);
    }

    private static Row later(int id, String name, int set, int query, Type type, Object dflt) {
        return new Row(id, name, set, query, type, dflt, Effect.LATER);
    }

    private static Row ignored(int id, String name, int set, int query, Type type, Object dflt, String why) {
        return new Row(id, name, set, query, type, dflt, Effect.IGNORED).why(why);
    }

    private static Row refused(int id, String name, int set, int query, String why) {
        return new Row(id, name, set, query, Type.OPAQUE, null, Effect.REFUSED).why(why);
    }

    private static Row refused(int id, String name, int set, int query, Type type, String why) {
        return new Row(id, name, set, query, type, null, Effect.REFUSED).why(why);
    }

    private static final int DISABLE_BITS = WINHTTP_DISABLE_COOKIES | WINHTTP_DISABLE_REDIRECTS
            | WINHTTP_DISABLE_AUTHENTICATION | WINHTTP_DISABLE_KEEP_ALIVE;
    private static final String NO_HTTP2 = "HTTP/2 and HTTP/3 only; this engine speaks HTTP/1.1, as Windows does with a server that offers nothing else";
    private static final String PASSPORT = "Passport authentication (retired by Microsoft) is not implemented";
    private static final String NO_STRUCT = "a Windows statistics structure with no Java counterpart";

    static {
        List<Row> rows = new ArrayList<>();
        // ---- callbacks, handles, context -------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_CALLBACK, "CALLBACK", ALL, ALL, Type.CALLBACK, null)
                .why("the handle's StatusCallback; setting it keeps the notification mask of setStatusCallback"));
        rows.add(live(WINHTTP_OPTION_HANDLE_TYPE, "HANDLE_TYPE", 0, ALL, Type.DWORD, null).from(Source.HANDLE));
        rows.add(live(WINHTTP_OPTION_PARENT_HANDLE, "PARENT_HANDLE", 0, C | R, Type.HANDLE, null).from(Source.HANDLE)
                .why("connect and request only, as CONFORMANCE 1.5 (Microsoft's table also lists the session)"));
        rows.add(live(WINHTTP_OPTION_CONTEXT_VALUE, "CONTEXT_VALUE", ALL, ALL, Type.POINTER, 0L));
        rows.add(live(WINHTTP_OPTION_WORKER_THREAD_COUNT, "WORKER_THREAD_COUNT", G, S | C | R, Type.DWORD, 0)
                .from(Source.HANDLE).why("reports 0 as Windows does; set only with a NULL handle on Windows"));
        rows.add(refused(WINHTTP_OPTION_EXTENDED_ERROR, "EXTENDED_ERROR", 0, G | S | R, Type.DWORD,
                "it reports the Winsock error behind the last WinHTTP error; the JVM's socket errors have no Winsock codes"));
        // ---- timeouts ----------------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_RESOLVE_TIMEOUT, "RESOLVE_TIMEOUT", S | R, S | C | R, Type.DWORD, 0)
                .inherit().from(Source.ACTOR_OR_SESSION));
        rows.add(live(WINHTTP_OPTION_CONNECT_TIMEOUT, "CONNECT_TIMEOUT", S | R, S | C | R, Type.DWORD, 60_000)
                .inherit().from(Source.ACTOR_OR_SESSION));
        rows.add(live(WINHTTP_OPTION_SEND_TIMEOUT, "SEND_TIMEOUT", S | R, S | C | R, Type.DWORD, 30_000)
                .inherit().from(Source.ACTOR_OR_SESSION));
        rows.add(live(WINHTTP_OPTION_RECEIVE_TIMEOUT, "RECEIVE_TIMEOUT", S | R, S | C | R, Type.DWORD, 30_000)
                .inherit().from(Source.ACTOR_OR_SESSION));
        rows.add(live(WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT, "RECEIVE_RESPONSE_TIMEOUT", S | R, S | C | R, Type.DWORD, -1)
                .inherit().from(Source.ACTOR_OR_SESSION).why("stored and returned as set (CONFORMANCE 3.6's read-back quirks are not copied)"));
        rows.add(ignored(WINHTTP_OPTION_CONNECT_RETRIES, "CONNECT_RETRIES", S | R, S | R, Type.DWORD, 5,
                "Windows tries up to this many addresses of a multihomed name; the engine connects to the first address only (Wine ignores it too)")
                .inherit());
        // ---- buffers, priority: deprecated -------------------------------------------------------
        rows.add(ignored(WINHTTP_OPTION_READ_BUFFER_SIZE, "READ_BUFFER_SIZE", R, R, Type.DWORD, 0,
                "deprecated, no effect on Windows either; Windows' default is not documented, 0 here"));
        rows.add(ignored(WINHTTP_OPTION_WRITE_BUFFER_SIZE, "WRITE_BUFFER_SIZE", R, R, Type.DWORD, 0,
                "deprecated, no effect on Windows either; Windows' default is not documented, 0 here"));
        rows.add(ignored(WINHTTP_OPTION_REQUEST_PRIORITY, "REQUEST_PRIORITY", R, R, Type.DWORD, 0,
                "deprecated, no effect on Windows either"));
        // ---- the request and its protocol --------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_URL, "URL", 0, R, Type.STRING, null));
        rows.add(live(WINHTTP_OPTION_USER_AGENT, "USER_AGENT", S, S, Type.STRING, "").rule(Options::sendableText)
                .why("the User-Agent header of every later sendRequest of the session's requests, unless they set their own"));
        rows.add(live(WINHTTP_OPTION_HTTP_VERSION, "HTTP_VERSION", S | R, S | R, Type.STRING, "HTTP/1.1")
                .from(Source.ENGINE).rule(Options::httpVersion)
                .why("\"HTTP/1.0\" or \"HTTP/1.1\" (HTTP_VERSION_INFO): the version of requests opened afterwards without one; process-wide on Windows, engine-wide here"));
        rows.add(live(WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL, "ENABLE_HTTP_PROTOCOL", S | R, 0, Type.DWORD, 0)
                .inherit().rule(bits(WINHTTP_PROTOCOL_FLAG_HTTP2 | WINHTTP_PROTOCOL_FLAG_HTTP3))
                .why("accepted; requests speak HTTP/1.1 (HTTP_PROTOCOL_USED reports 0) until HTTP/2 lands"));
        rows.add(live(WINHTTP_OPTION_HTTP_PROTOCOL_USED, "HTTP_PROTOCOL_USED", 0, R, Type.DWORD, 0).from(Source.HANDLE)
                .why("0: HTTP/1.1"));
        rows.add(live(WINHTTP_OPTION_DISABLE_FEATURE, "DISABLE_FEATURE", R, 0, Type.DWORD, 0)
                .accumulates().rule(bits(DISABLE_BITS))
                .why("KEEP_ALIVE, REDIRECTS, AUTHENTICATION and COOKIES are honoured"));
        rows.add(later(WINHTTP_OPTION_CODEPAGE, "CODEPAGE", S, 0, Type.DWORD, 65001).inherit()
                .why("request paths are escaped as UTF-8 (Windows' default) whatever the code page"));
        rows.add(later(WINHTTP_OPTION_ENCODE_EXTRA, "ENCODE_EXTRA", R, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_MAX_HTTP_STATUS_CONTINUE, "MAX_HTTP_STATUS_CONTINUE", S | R, S | R, Type.DWORD, 10).inherit()
                .why("interim 1xx responses are handled by the transport"));
        rows.add(live(WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE, "MAX_RESPONSE_HEADER_SIZE", S | R, S | R, Type.DWORD, 64 * 1024).inherit());
        rows.add(live(WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE, "MAX_RESPONSE_DRAIN_SIZE", S | R, S | R, Type.DWORD, 1024 * 1024).inherit());
        rows.add(live(WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, "UPGRADE_TO_WEB_SOCKET", R, 0, Type.NONE, false)
                .why("set with null: each later sendRequest carries the WebSocket handshake headers"));
        rows.add(ignored(WINHTTP_OPTION_REQUEST_ANNOTATION, "REQUEST_ANNOTATION", R, 0, Type.STRING, "",
                "annotates Windows' own event tracing; nothing to annotate here")
                .rule((name, kind, v) -> {
                    if (((String) v).length() > WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH) {
                        throw invalid("setOption: REQUEST_ANNOTATION is longer than WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH");
                    }
                    return v;
                }));
        rows.add(later(WINHTTP_OPTION_HTTP_PROTOCOL_REQUIRED, "HTTP_PROTOCOL_REQUIRED", R, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_STREAM_ERROR_CODE, "STREAM_ERROR_CODE", 0, R, Type.DWORD, 0).why("HTTP/2"));
        rows.add(later(WINHTTP_OPTION_HTTP3_STREAM_ERROR_CODE, "HTTP3_STREAM_ERROR_CODE", 0, R, Type.DWORD, 0).why("HTTP/3"));
        rows.add(later(WINHTTP_OPTION_REQUIRE_STREAM_END, "REQUIRE_STREAM_END", R, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_RESOLUTION_HOSTNAME, "RESOLUTION_HOSTNAME", R, 0, Type.STRING, ""));
        rows.add(ignored(WINHTTP_OPTION_DISABLE_STREAM_QUEUE, "DISABLE_STREAM_QUEUE", S | R, 0, Type.BOOL, false, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_ENABLE_HTTP2_PLUS_CLIENT_CERT, "ENABLE_HTTP2_PLUS_CLIENT_CERT", S, 0, Type.BOOL, false, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP2_KEEPALIVE, "HTTP2_KEEPALIVE", S, 0, Type.DWORD, 0, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP2_PLUS_TRANSFER_ENCODING, "HTTP2_PLUS_TRANSFER_ENCODING", S | R, 0, Type.BOOL, false, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP2_RECEIVE_WINDOW, "HTTP2_RECEIVE_WINDOW", S | R, 0, Type.DWORD, 0, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP3_KEEPALIVE, "HTTP3_KEEPALIVE", S | R, 0, Type.DWORD, 0, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP3_HANDSHAKE_TIMEOUT, "HTTP3_HANDSHAKE_TIMEOUT", S | R, 0, Type.DWORD, 0, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP3_INITIAL_RTT, "HTTP3_INITIAL_RTT", S | R, 0, Type.DWORD, 0, NO_HTTP2));
        rows.add(ignored(WINHTTP_OPTION_HTTP11_DOWNGRADE_TTL, "HTTP11_DOWNGRADE_TTL", S, 0, Type.DWORD, 0, NO_HTTP2));
        // ---- redirects ---------------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_REDIRECT_POLICY, "REDIRECT_POLICY", S | R, S | R, Type.DWORD,
                WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT).throughConnect()
                .rule(range(WINHTTP_OPTION_REDIRECT_POLICY_NEVER, WINHTTP_OPTION_REDIRECT_POLICY_LAST)));
        rows.add(live(WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, "MAX_HTTP_AUTOMATIC_REDIRECTS", S | R, S | R, Type.DWORD, 10).inherit());
        rows.add(live(WINHTTP_OPTION_REJECT_USERPWD_IN_URL, "REJECT_USERPWD_IN_URL", R, 0, Type.BOOL, false)
                .why("a redirect whose Location has a user name or password fails with REDIRECT_FAILED"));
        // ---- connections -------------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_MAX_CONNS_PER_SERVER, "MAX_CONNS_PER_SERVER", S, S, Type.DWORD, WINHTTP_CONNS_PER_SERVER_UNLIMITED)
                .rule((name, kind, v) -> (Integer) v == 0 ? 2 : v).why("0 means 2, as Microsoft's docs say"));
        rows.add(ignored(WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER, "MAX_CONNS_PER_1_0_SERVER", S, S, Type.DWORD,
                WINHTTP_CONNS_PER_SERVER_UNLIMITED, "obsolete since Windows Vista SP1 (Microsoft's docs); MAX_CONNS_PER_SERVER bounds every server"));
        rows.add(live(WINHTTP_OPTION_CONNECTION_INFO, "CONNECTION_INFO", 0, R, Type.CONNECTION, null).from(Source.CONNECTION)
                .why("INCORRECT_HANDLE_STATE before sendRequest; after it, NOT_SUPPORTED until the transport reports the connection's addresses"));
        rows.add(later(WINHTTP_OPTION_EXPIRE_CONNECTION, "EXPIRE_CONNECTION", R, 0, Type.NONE, false));
        rows.add(later(WINHTTP_OPTION_FAILED_CONNECTION_RETRIES, "FAILED_CONNECTION_RETRIES", S, 0, Type.DWORD, 0));
        rows.add(later(WINHTTP_OPTION_NETWORK_INTERFACE_AFFINITY, "NETWORK_INTERFACE_AFFINITY", S | R, 0, Type.DWORD, 0));
        rows.add(later(WINHTTP_OPTION_DISABLE_GLOBAL_POOLING, "DISABLE_GLOBAL_POOLING", S, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_DSCP_TAG, "DSCP_TAG", S | R, 0, Type.DWORD, 0));
        rows.add(ignored(WINHTTP_OPTION_TCP_PRIORITY_HINT, "TCP_PRIORITY_HINT", S | R, 0, Type.DWORD, 0,
                "a hint, which Windows may ignore as well"));
        rows.add(ignored(WINHTTP_OPTION_IPV6_FAST_FALLBACK, "IPV6_FAST_FALLBACK", S, 0, Type.BOOL, false,
                "an optimisation of connection set-up; results are the same without it"));
        rows.add(ignored(WINHTTP_OPTION_TCP_FAST_OPEN, "TCP_FAST_OPEN", S, 0, Type.BOOL, false,
                "an optimisation of connection set-up; results are the same without it"));
        rows.add(ignored(WINHTTP_OPTION_BACKGROUND_CONNECTIONS, "BACKGROUND_CONNECTIONS", S, 0, Type.DWORD, 0,
                "opens connections ahead of need: an optimisation; results are the same without it"));
        rows.add(ignored(WINHTTP_OPTION_FIRST_AVAILABLE_CONNECTION, "FIRST_AVAILABLE_CONNECTION", S | R, 0, Type.BOOL, false,
                "an optimisation of connection choice; results are the same without it"));
        rows.add(ignored(WINHTTP_OPTION_USE_LOOKASIDE, "USE_LOOKASIDE", S, 0, Type.BOOL, false,
                "a Windows memory optimisation"));
        rows.add(ignored(WINHTTP_OPTION_ASSURED_NON_BLOCKING_CALLBACKS, "ASSURED_NON_BLOCKING_CALLBACKS", S, 0, Type.BOOL, false,
                "callbacks run on the engine's callback dispatcher, never on an I/O thread, whatever this says"));
        rows.add(refused(WINHTTP_OPTION_TCP_KEEPALIVE, "TCP_KEEPALIVE", S, 0,
                "a Winsock tcp_keepalive structure; no Java type is defined for it"));
        rows.add(refused(WINHTTP_OPTION_CONNECTION_FILTER, "CONNECTION_FILTER", S | R, 0, "reserved for Windows' internal use"));
        rows.add(refused(WINHTTP_OPTION_RESOLVER_CACHE_CONFIG, "RESOLVER_CACHE_CONFIG", S, 0,
                "configures Windows' DNS resolver cache, which the JVM does not use"));
        rows.add(refused(WINHTTP_OPTION_CONNECTION_GUID, "CONNECTION_GUID", 0, R,
                "the GUID Windows gives a connection; the engine's connections have none"));
        rows.add(refused(WINHTTP_OPTION_MATCH_CONNECTION_GUID, "MATCH_CONNECTION_GUID", R, 0,
                "needs CONNECTION_GUID, which has no counterpart here"));
        // ---- statistics --------------------------------------------------------------------------
        rows.add(refused(WINHTTP_OPTION_CONNECTION_STATS_V0, "CONNECTION_STATS_V0", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_CONNECTION_STATS_V1, "CONNECTION_STATS_V1", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_CONNECTION_STATS_V2, "CONNECTION_STATS_V2", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_REQUEST_TIMES, "REQUEST_TIMES", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_REQUEST_STATS, "REQUEST_STATS", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_TCP_PRIORITY_STATUS, "TCP_PRIORITY_STATUS", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_QUIC_STATS, "QUIC_STATS", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_QUIC_STATS_V2, "QUIC_STATS_V2", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_QUIC_STREAM_STATS, "QUIC_STREAM_STATS", 0, R, NO_STRUCT));
        rows.add(refused(WINHTTP_OPTION_FEATURE_SUPPORTED, "FEATURE_SUPPORTED", 0, S,
                "queries Windows' own feature list, which says nothing about this engine"));
        // ---- proxy -------------------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_PROXY, "PROXY", S | R, S | R, Type.PROXY,
                new ProxyInfo(WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, null, null)).inherit().rule(Options::proxy)
                .why("a session starts with what open() was given; requests copy it"));
        rows.add(refused(WINHTTP_OPTION_PROXY_RESULT_ENTRY, "PROXY_RESULT_ENTRY", S | R, S | R,
                "an entry of WinHttpGetProxyResult, which this API does not have"));
        rows.add(ignored(WINHTTP_OPTION_PROXY_DISABLE_SERVICE_CALLS, "PROXY_DISABLE_SERVICE_CALLS", S, 0, Type.BOOL, false,
                "there is no WinHTTP proxy service to call on the JVM"));
        rows.add(later(WINHTTP_OPTION_RECEIVE_PROXY_CONNECT_RESPONSE, "RECEIVE_PROXY_CONNECT_RESPONSE", S | R, 0, Type.BOOL, false));
        rows.add(live(WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE, "IS_PROXY_CONNECT_RESPONSE", 0, S | R, Type.BOOL, false)
                .why("TRUE on a request while its response is a proxy's answer to a tunnel's CONNECT (a 407); FALSE otherwise"));
        rows.add(later(WINHTTP_OPTION_DISABLE_PROXY_AUTH_SCHEMES, "DISABLE_PROXY_AUTH_SCHEMES", S | R, 0, Type.DWORD, 0));
        // ---- authentication and credentials -----------------------------------------------------
        rows.add(live(WINHTTP_OPTION_USERNAME, "USERNAME", R, R, Type.STRING, "")
                .why("per request (Wine keeps it on the connect, shared by its requests); answers a 401 for every scheme setCredentials gave nothing for"));
        rows.add(live(WINHTTP_OPTION_PASSWORD, "PASSWORD", R, R, Type.STRING, "")
                .why("per request (Wine keeps it on the connect, shared by its requests); goes with USERNAME"));
        rows.add(live(WINHTTP_OPTION_PROXY_USERNAME, "PROXY_USERNAME", R, R, Type.STRING, "")
                .why("per request (Wine keeps it on the session); answers a proxy's 407 for every scheme setCredentials gave nothing for"));
        rows.add(live(WINHTTP_OPTION_PROXY_PASSWORD, "PROXY_PASSWORD", R, R, Type.STRING, "")
                .why("per request (Wine keeps it on the session); goes with PROXY_USERNAME"));
        rows.add(later(WINHTTP_OPTION_AUTOLOGON_POLICY, "AUTOLOGON_POLICY", R, 0, Type.DWORD, WINHTTP_AUTOLOGON_SECURITY_LEVEL_DEFAULT)
                .rule(range(WINHTTP_AUTOLOGON_SECURITY_LEVEL_MEDIUM, WINHTTP_AUTOLOGON_SECURITY_LEVEL_MAX)));
        rows.add(later(WINHTTP_OPTION_SPN, "SPN", R, 0, Type.DWORD, WINHTTP_DISABLE_SPN_SERVER_PORT)
                .rule(bits(WINHTTP_OPTION_SPN_MASK)));
        rows.add(later(WINHTTP_OPTION_SERVER_SPN_USED, "SERVER_SPN_USED", 0, R, Type.STRING, "")
                .why("\"\": no SSPI authentication has run"));
        rows.add(later(WINHTTP_OPTION_PROXY_SPN_USED, "PROXY_SPN_USED", 0, R, Type.STRING, "")
                .why("\"\": no SSPI authentication has run"));
        rows.add(ignored(WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS, "USE_GLOBAL_SERVER_CREDENTIALS", S | R, 0, Type.BOOL, false,
                "FALSE (the default) is accepted; TRUE asks for credentials shared by WinINet, which the JVM does not have: NOT_SUPPORTED")
                .rule((name, kind, v) -> {
                    if ((Boolean) v) throw notSupported("USE_GLOBAL_SERVER_CREDENTIALS", "there are no WinINet credentials to share on the JVM");
                    return v;
                }));
        rows.add(refused(WINHTTP_OPTION_GLOBAL_PROXY_CREDS, "GLOBAL_PROXY_CREDS", G | S | R, 0,
                "credentials pushed down by WinINet; the JVM has none"));
        rows.add(refused(WINHTTP_OPTION_GLOBAL_SERVER_CREDS, "GLOBAL_SERVER_CREDS", G | S | R, 0,
                "credentials pushed down by WinINet; the JVM has none"));
        rows.add(refused(WINHTTP_OPTION_KDC_PROXY_SETTINGS, "KDC_PROXY_SETTINGS", S, 0,
                "Windows' Kerberos KDC proxy settings"));
        // ---- Passport ----------------------------------------------------------------------------
        rows.add(ignored(WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH, "CONFIGURE_PASSPORT_AUTH", S, 0, Type.DWORD, WINHTTP_DISABLE_PASSPORT_AUTH,
                "disabling (the default) is accepted; enabling Passport or its keyring: NOT_SUPPORTED (" + PASSPORT + ")")
                .rule((name, kind, v) -> {
                    int f = (Integer) v;
                    if ((f & ~(WINHTTP_ENABLE_PASSPORT_AUTH | WINHTTP_DISABLE_PASSPORT_KEYRING | WINHTTP_ENABLE_PASSPORT_KEYRING)) != 0) {
                        throw invalid("setOption: CONFIGURE_PASSPORT_AUTH: unknown bits 0x" + Integer.toHexString(f));
                    }
                    if ((f & (WINHTTP_ENABLE_PASSPORT_AUTH | WINHTTP_ENABLE_PASSPORT_KEYRING)) != 0) {
                        throw notSupported("CONFIGURE_PASSPORT_AUTH", PASSPORT);
                    }
                    return v;
                }));
        rows.add(refused(WINHTTP_OPTION_PASSPORT_COBRANDING_TEXT, "PASSPORT_COBRANDING_TEXT", 0, R, Type.STRING, PASSPORT));
        rows.add(refused(WINHTTP_OPTION_PASSPORT_COBRANDING_URL, "PASSPORT_COBRANDING_URL", 0, R, Type.STRING, PASSPORT));
        rows.add(refused(WINHTTP_OPTION_PASSPORT_SIGN_OUT, "PASSPORT_SIGN_OUT", S, 0, Type.STRING, PASSPORT));
        rows.add(refused(WINHTTP_OPTION_PASSPORT_RETURN_URL, "PASSPORT_RETURN_URL", 0, R, Type.STRING, PASSPORT));
        // ---- TLS ---------------------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_SECURITY_FLAGS, "SECURITY_FLAGS", R, R, Type.DWORD, 0)
                .rule((name, kind, v) -> SecurityFlags.checkSettable((Integer) v))
                .why("only the four SECURITY_FLAG_IGNORE_* bits can be set (CONFORMANCE 3.3)"));
        rows.add(live(WINHTTP_OPTION_CLIENT_CERT_CONTEXT, "CLIENT_CERT_CONTEXT", R, 0, Type.CLIENT_CERT, null).secureOnly()
                .why("a request opened without WINHTTP_FLAG_SECURE: INCORRECT_HANDLE_STATE (CONFORMANCE 3.2)"));
        rows.add(live(WINHTTP_OPTION_SECURE_PROTOCOLS, "SECURE_PROTOCOLS", S, 0, Type.DWORD, SecureProtocols.DEFAULT).inherit()
                .rule((name, kind, v) -> {
                    SecureProtocols.check((Integer) v); // the TLS layer's rule: no bit, an unknown one, or one this JVM cannot do
                    return v;
                }));
        rows.add(live(WINHTTP_OPTION_ENABLE_FEATURE, "ENABLE_FEATURE", S | R, 0, Type.DWORD, 0).accumulates()
                .rule((name, kind, v) -> {
                    // CONFORMANCE 3.3: a request takes SSL_REVOCATION and nothing else; Microsoft's docs: REVERT_IMPERSONATION only on a session.
                    int only = kind == S ? WINHTTP_ENABLE_SSL_REVERT_IMPERSONATION : WINHTTP_ENABLE_SSL_REVOCATION;
                    if ((Integer) v != only) {
                        throw invalid("setOption: ENABLE_FEATURE: a " + (kind == S ? "session" : "request") + " takes 0x" + Integer.toHexString(only)
                                + " only, not 0x" + Integer.toHexString((Integer) v));
                    }
                    return v;
                })
                .why("SSL_REVOCATION on a request is stored for TLS; REVERT_IMPERSONATION on a session has nothing to revert on the JVM"));
        rows.add(live(WINHTTP_OPTION_SERVER_CERT_CONTEXT, "SERVER_CERT_CONTEXT", 0, R, Type.CERT_CHAIN, null).from(Source.SECURE_CONNECTION));
        rows.add(live(WINHTTP_OPTION_SERVER_CERT_CHAIN_CONTEXT, "SERVER_CERT_CHAIN_CONTEXT", 0, R, Type.CERT_CHAIN, null).from(Source.SECURE_CONNECTION));
        rows.add(live(WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT, "SECURITY_CERTIFICATE_STRUCT", 0, R, Type.CERTIFICATE, null).from(Source.SECURE_CONNECTION));
        rows.add(live(WINHTTP_OPTION_SECURITY_KEY_BITNESS, "SECURITY_KEY_BITNESS", 0, R, Type.DWORD, 0).from(Source.SECURE_CONNECTION));
        rows.add(later(WINHTTP_OPTION_CLIENT_CERT_ISSUER_LIST, "CLIENT_CERT_ISSUER_LIST", 0, R, Type.ISSUERS, null).from(Source.SECURE_CONNECTION));
        rows.add(later(WINHTTP_OPTION_SERVER_CBT, "SERVER_CBT", 0, R, Type.BYTES, null).from(Source.SECURE_CONNECTION));
        rows.add(refused(WINHTTP_OPTION_SECURITY_INFO, "SECURITY_INFO", 0, R,
                "SChannel's WINHTTP_SECURITY_INFO structures; no Java type is defined for them yet"));
        rows.add(later(WINHTTP_OPTION_DISABLE_SECURE_PROTOCOL_FALLBACK, "DISABLE_SECURE_PROTOCOL_FALLBACK", S, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_TLS_PROTOCOL_INSECURE_FALLBACK, "TLS_PROTOCOL_INSECURE_FALLBACK", S, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_IGNORE_CERT_REVOCATION_OFFLINE, "IGNORE_CERT_REVOCATION_OFFLINE", S | R, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_DISABLE_CERT_CHAIN_BUILDING, "DISABLE_CERT_CHAIN_BUILDING", S | R, 0, Type.BOOL, false));
        rows.add(later(WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_CACHE_ONLY, "SERVER_CERT_CHAIN_BUILD_CACHE_ONLY", S | R, 0, Type.BOOL, false));
        rows.add(refused(WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_FLAGS, "SERVER_CERT_CHAIN_BUILD_FLAGS", S | R, 0, Type.DWORD,
                "CryptoAPI chain-building flags; certificate paths are built by the JVM's PKIX code"));
        rows.add(ignored(WINHTTP_OPTION_TLS_FALSE_START, "TLS_FALSE_START", S, 0, Type.BOOL, false,
                "an optimisation of the TLS handshake; results are the same without it"));
        rows.add(ignored(WINHTTP_OPTION_USE_SESSION_SCH_CRED, "USE_SESSION_SCH_CRED", S, 0, Type.BOOL, false,
                "how SChannel caches credentials; nothing to cache differently on the JVM"));
        rows.add(ignored(WINHTTP_OPTION_REVERT_IMPERSONATION_SERVER_CERT, "REVERT_IMPERSONATION_SERVER_CERT", S, 0, Type.BOOL, false,
                "there is no thread impersonation to revert on the JVM"));
        rows.add(refused(WINHTTP_OPTION_SET_TOKEN_BINDING, "SET_TOKEN_BINDING", R, 0,
                "Token Binding, withdrawn by browsers and absent from the JVM's TLS"));
        rows.add(refused(WINHTTP_OPTION_TOKEN_BINDING_PUBLIC_KEY, "TOKEN_BINDING_PUBLIC_KEY", 0, R,
                "Token Binding, withdrawn by browsers and absent from the JVM's TLS"));
        rows.add(refused(WINHTTP_OPTION_REFERER_TOKEN_BINDING_HOSTNAME, "REFERER_TOKEN_BINDING_HOSTNAME", R, 0, Type.STRING,
                "Token Binding, withdrawn by browsers and absent from the JVM's TLS"));
        // ---- decompression -----------------------------------------------------------------------
        rows.add(live(WINHTTP_OPTION_DECOMPRESSION, "DECOMPRESSION", S | R, 0, Type.DWORD, 0).inherit()
                .rule(bits(WINHTTP_DECOMPRESSION_FLAG_ALL))
                .why("Accept-Encoding sent; a gzip or deflate body decoded as it is read, without Content-Length and Content-Encoding"));
        // ---- WebSocket ---------------------------------------------------------------------------
        rows.add(later(WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE, "WEB_SOCKET_RECEIVE_BUFFER_SIZE", S | R, S | R, Type.DWORD, 32_768).inherit());
        rows.add(live(WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE, "WEB_SOCKET_SEND_BUFFER_SIZE", S | R, S | R, Type.DWORD, 32_768).inherit()
                .why("only its minimum of 16, checked by sendRequest of an upgrade request (CONFORMANCE 5.6): frames are sized by the sends"));
        rows.add(live(WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT, "WEB_SOCKET_CLOSE_TIMEOUT", W, W, Type.DWORD, 10_000));
        rows.add(live(WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL, "WEB_SOCKET_KEEPALIVE_INTERVAL", W, 0, Type.DWORD, 30_000)
                .rule((name, kind, v) -> {
                    if (Integer.toUnsignedLong((Integer) v) < WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE) {
                        throw invalid("setOption: WEB_SOCKET_KEEPALIVE_INTERVAL " + Integer.toUnsignedString((Integer) v)
                                + " is below WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE (15000)");
                    }
                    return v;
                }));
        rows.add(refused(WINHTTP_OPTION_UPGRADE_TO_PROTOCOL, "UPGRADE_TO_PROTOCOL", R, 0,
                "the PROTOCOL handle kind (WinHttpProtocolCompleteUpgrade) is not part of this API"));
        // ---- Windows-only facilities -------------------------------------------------------------
        rows.add(refused(WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT, "UNLOAD_NOTIFY_EVENT", S, 0,
                "it takes a Windows event handle, signalled when the session is gone; the JVM has none (HANDLE_CLOSING tells the same)"));
        rows.add(ignored(WINHTTP_OPTION_ENABLETRACING, "ENABLETRACING", G, G, Type.BOOL, false,
                "Windows takes it with a NULL handle only (any handle here: INCORRECT_HANDLE_TYPE); logging is Logback's"));
        rows.add(refused(WINHTTP_OPTION_UNSAFE_HEADER_PARSING, "UNSAFE_HEADER_PARSING", S | R, 0,
                "reserved for Windows' internal use (Microsoft's docs)"));
        rows.add(refused(WINHTTP_OPTION_ERROR_LOG_GUID, "ERROR_LOG_GUID", R, 0, "a GUID for Windows' error log"));
        rows.add(refused(WINHTTP_OPTION_SESSION_ERROR_LOG_GUID, "SESSION_ERROR_LOG_GUID", S, 0, "a GUID for Windows' error log"));
        rows.add(refused(WINHTTP_OPTION_ENABLE_FAST_FORWARDING, "ENABLE_FAST_FORWARDING", R, 0, Type.BOOL,
                "Windows' kernel fast-forwarding of response data"));
        rows.add(refused(WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_DATA, "FAST_FORWARDING_RESPONSE_DATA", 0, R,
                "Windows' kernel fast-forwarding of response data"));
        rows.add(refused(WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_STATUS, "FAST_FORWARDING_RESPONSE_STATUS", 0, R,
                "Windows' kernel fast-forwarding of response data"));

        Map<Integer, Def> defs = new HashMap<>();
        for (Row r : rows) {
            if (defs.put(r.id, r.def()) != null) throw new ExceptionInInitializerError("option " + r.name + " twice");
        }
        DEFS = Collections.unmodifiableMap(defs);
    }

    private Options() {}

    /** Every row, for the table-driven tests and the README. */
    static Map<Integer, Def> table() { return DEFS; }

    static Def def(int option) { return DEFS.get(option); }

    public static Object defaultOf(int option) {
        Def d = DEFS.get(option);
        return d == null ? null : d.dflt();
    }

    static Inherit inheritOf(int option) {
        Def d = DEFS.get(option);
        return d == null ? Inherit.NONE : d.inherit();
    }

    static boolean accumulates(int option) {
        Def d = DEFS.get(option);
        return d != null && d.accumulates();
    }

    public static Source source(int option) {
        Def d = DEFS.get(option);
        return d == null ? Source.ACTOR : d.source();
    }

    /** Checks a setOption call on the caller's thread and returns the value in its stored form. */
    public static Object checkSet(Handle h, int option, Object value) {
        Def d = DEFS.get(option);
        if (d == null) throw error(WinHttpError.ERROR_WINHTTP_INVALID_OPTION, "setOption: unknown option " + option);
        int kind = kindOf(h);
        if ((d.set() & kind) == 0) {
            if (d.set() == 0) {
                throw error(WinHttpError.ERROR_WINHTTP_OPTION_NOT_SETTABLE, "setOption: " + d.name() + " can only be queried");
            }
            throw error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, "setOption: " + d.name() + " is not set on "
                    + kindName(kind) + " handle" + (d.set() == G ? " (Windows takes it with a NULL handle only)" : ""));
        }
        if (d.effect() == Effect.REFUSED) throw notSupported(d.name(), d.why());
        return d.rule().apply(d.name(), kind, convert(d, value));
    }

    /** Checks a queryOption call on the caller's thread; returns where its answer comes from. */
    public static Source checkQuery(Handle h, int option) {
        Def d = DEFS.get(option);
        if (d == null) throw error(WinHttpError.ERROR_INVALID_PARAMETER, "queryOption: unknown option " + option);
        if (d.query() == 0) throw error(WinHttpError.ERROR_INVALID_PARAMETER, "queryOption: " + d.name() + " can only be set");
        int kind = kindOf(h);
        if ((d.query() & kind) == 0) {
            throw error(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, "queryOption: " + d.name() + " is not queried on "
                    + kindName(kind) + " handle" + (d.query() == G ? " (Windows takes it with a NULL handle only)" : ""));
        }
        if (d.effect() == Effect.REFUSED) throw notSupported(d.name(), d.why());
        return d.source();
    }

    /** The answer to a query whose source is HANDLE. */
    public static Object fixedAnswer(Handle h, int option) {
        return switch (option) {
            case WINHTTP_OPTION_HANDLE_TYPE -> h.handleType();
            case WINHTTP_OPTION_PARENT_HANDLE -> h.parent();
            default -> DEFS.get(option).dflt(); // WORKER_THREAD_COUNT and HTTP_PROTOCOL_USED: 0, as Windows reports
        };
    }

    /**
     * The rules that need the request's state (CONFORMANCE 3.2): CLIENT_CERT_CONTEXT on a request
     * opened without WINHTTP_FLAG_SECURE (the connection's answers are the request's Link). Answers the call
     * and returns true when one applies; the request's actor calls this before the common
     * handling.
     */
    static boolean refusedInState(Object msg, boolean secure) {
        if (msg instanceof Commands.SetOption s && !secure && DEFS.get(s.option()).secureOnly()) {
            s.call().fail(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                    DEFS.get(s.option()).name() + " needs a request opened with WINHTTP_FLAG_SECURE");
            return true;
        }
        return false;
    }

    /** A set value combined with the current one: ORed for the feature switches, else replacing it. */
    static Object combine(int option, Object current, Object value) {
        return accumulates(option) ? Integer.valueOf((Integer) current | (Integer) value) : value;
    }

    // ---- types ---------------------------------------------------------------------------------

    private static Object convert(Def d, Object value) {
        switch (d.type()) {
            case DWORD -> {
                Integer v = dword(value);
                if (v != null) return v;
            }
            case BOOL -> {
                if (value instanceof Boolean) return value;
                Integer v = dword(value);
                if (v != null) return v != 0;
            }
            case POINTER -> {
                if (value instanceof Long) return value;
                if (value instanceof Integer i) return (long) i;
            }
            case STRING -> {
                if (value instanceof String) return value;
            }
            case NONE -> {
                if (value == null) return Boolean.TRUE;
            }
            case CALLBACK -> {
                if (value == null || value instanceof StatusCallback) return value;
            }
            case CLIENT_CERT -> {
                if (value == null || value instanceof KeyStore.PrivateKeyEntry) return value;
            }
            case PROXY -> {
                if (value instanceof ProxyInfo) return value;
            }
            default -> { } // the query-only types are never set
        }
        throw invalid("setOption: " + d.name() + " takes " + javaType(d.type()) + ", not "
                + (value == null ? "null" : value.getClass().getName()));
    }

    private static Integer dword(Object value) {
        if (value instanceof Integer i) return i;
        if (value instanceof Long l && l >= 0 && l <= 0xFFFF_FFFFL) return (int) (long) l;
        return null;
    }

    /** The Java type an option takes, as the error message and the README say it. */
    static String javaType(Type t) {
        return switch (t) {
            case DWORD -> "an Integer (DWORD)";
            case BOOL -> "a Boolean (BOOL)";
            case POINTER -> "a Long (DWORD_PTR)";
            case STRING -> "a String";
            case HANDLE -> "an " + HInternet.class.getSimpleName();
            case NONE -> "null";
            case CALLBACK -> "a StatusCallback or null";
            case CLIENT_CERT -> "a KeyStore.PrivateKeyEntry or null";
            case CERT_CHAIN -> "an " + X509Certificate.class.getSimpleName() + "[]";
            case CERTIFICATE -> "an " + X509Certificate.class.getSimpleName();
            case ISSUERS -> "an " + X500Principal.class.getSimpleName() + "[]";
            case BYTES -> "a byte[]";
            case PROXY -> "a " + ProxyInfo.class.getSimpleName();
            case CONNECTION -> "a " + ConnectionInfo.class.getSimpleName();
            case OPAQUE -> "no Java type";
        };
    }

    // ---- value rules -----------------------------------------------------------------------------

    /** Only these bits may be set. */
    private static Rule bits(int allowed) {
        return (name, kind, v) -> {
            int b = (Integer) v;
            if ((b & ~allowed) != 0) throw invalid("setOption: " + name + ": unknown bits 0x" + Integer.toHexString(b & ~allowed));
            return v;
        };
    }

    /** An unsigned value from min to max. */
    private static Rule range(int min, int max) {
        return (name, kind, v) -> {
            long n = Integer.toUnsignedLong((Integer) v);
            if (n < min || n > max) throw invalid("setOption: " + name + ": " + n + " is not in " + min + ".." + max);
            return v;
        };
    }

    private static Object httpVersion(String name, int kind, Object v) {
        return WireText.version("setOption: HTTP_VERSION", (String) v);
    }

    private static Object proxy(String name, int kind, Object v) {
        ProxyInfo p = (ProxyInfo) v;
        checkProxy("setOption: PROXY", p.accessType(), p.proxy(), p.bypass());
        return v;
    }

    /**
     * The access type, proxy list and bypass list of open() and of a PROXY option: one rule for
     * both. The lists count for NAMED_PROXY only, as in WinHTTP.
     */
    public static void checkProxy(String api, int accessType, String proxyName, String proxyBypass) {
        if (accessType != WINHTTP_ACCESS_TYPE_DEFAULT_PROXY && accessType != WINHTTP_ACCESS_TYPE_NO_PROXY
                && accessType != WINHTTP_ACCESS_TYPE_NAMED_PROXY && accessType != WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY) {
            throw invalid(api + ": unknown access type " + accessType);
        }
        if (accessType == WINHTTP_ACCESS_TYPE_NAMED_PROXY && (proxyName == null || proxyName.isEmpty())) {
            throw invalid(api + ": WINHTTP_ACCESS_TYPE_NAMED_PROXY needs a proxy name");
        }
        ProxyChoice.check(api, accessType, proxyName, proxyBypass);
    }

    /** Text that goes into a header: the engine's one wire-text rule. */
    private static Object sendableText(String name, int kind, Object v) {
        return WireText.parameterValue("setOption", name, (String) v);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static int kindOf(Handle h) { return 1 << h.handleType(); }

    private static String kindName(int kind) {
        return kind == S ? "a session" : kind == C ? "a connect" : kind == R ? "a request" : "a WebSocket";
    }

    static WinHttpException notSupported(String name, String why) {
        return error(WinHttpError.ERROR_NOT_SUPPORTED, "WINHTTP_OPTION_" + name + " is not supported: " + why);
    }

    private static WinHttpException invalid(String detail) {
        return error(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }

    private static WinHttpException error(WinHttpError e, String detail) {
        return new WinHttpException(e, detail);
    }
}
