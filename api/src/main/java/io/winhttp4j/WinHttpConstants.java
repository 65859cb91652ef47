package io.winhttp4j;

/**
 * The numeric constants of winhttp.h that winhttp4j supports, with their C names and values,
 * so that {@code import static io.winhttp4j.WinHttpConstants.*} lets ported code read as before.
 *
 * <p>DWORD constants are Java {@code int}s holding the same 32 bits: {@code 0xFFFFFFFF} is -1 and
 * {@code 0x80000000} is {@link Integer#MIN_VALUE}. Compare them with {@code ==} and {@code &}, never
 * with {@code <} or {@code >}. Values follow the Windows SDK header where it and Wine's differ.
 */
public final class WinHttpConstants {

    private WinHttpConstants() {
    }

    // Callback statuses (WINHTTP_CALLBACK_STATUS_*): the status argument of a notification
    /** The server name is being looked up; payload: the name. */
    public static final int WINHTTP_CALLBACK_STATUS_RESOLVING_NAME            = 0x00000001;
    /** The name lookup succeeded; payload: the address found. */
    public static final int WINHTTP_CALLBACK_STATUS_NAME_RESOLVED             = 0x00000002;
    /** A connection to the server is being opened; payload: its address. */
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER      = 0x00000004;
    /** The connection is open; payload: the server's address. */
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER       = 0x00000008;
    /** The request is being written to the server. */
    public static final int WINHTTP_CALLBACK_STATUS_SENDING_REQUEST           = 0x00000010;
    /** The request has been written; payload: the bytes sent. */
    public static final int WINHTTP_CALLBACK_STATUS_REQUEST_SENT              = 0x00000020;
    /** The response is awaited. */
    public static final int WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE        = 0x00000040;
    /** The response head has arrived; payload: the bytes received. */
    public static final int WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED         = 0x00000080;
    /** The connection to the server is being closed. */
    public static final int WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION        = 0x00000100;
    /** The connection to the server has been closed. */
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED         = 0x00000200;
    /** A handle has been created. */
    public static final int WINHTTP_CALLBACK_STATUS_HANDLE_CREATED            = 0x00000400;
    /** The handle is finished with; the last notification it gets. */
    public static final int WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING            = 0x00000800;
    /** A proxy is being detected automatically. */
    public static final int WINHTTP_CALLBACK_STATUS_DETECTING_PROXY           = 0x00001000;
    /** The request is being redirected; payload: the new URL. */
    public static final int WINHTTP_CALLBACK_STATUS_REDIRECT                  = 0x00004000;
    /** A 1xx response arrived before the final one; payload: its status. */
    public static final int WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE     = 0x00008000;
    /** The TLS or certificate checks failed; payload: {@code WINHTTP_CALLBACK_STATUS_FLAG_*} bits. */
    public static final int WINHTTP_CALLBACK_STATUS_SECURE_FAILURE            = 0x00010000;
    /** receiveResponse completed: the response headers can be queried. */
    public static final int WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE         = 0x00020000;
    /** queryDataAvailable completed; payload: the bytes available. */
    public static final int WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE            = 0x00040000;
    /** readData completed; payload: the bytes read. */
    public static final int WINHTTP_CALLBACK_STATUS_READ_COMPLETE             = 0x00080000;
    /** writeData completed; payload: the bytes written. */
    public static final int WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE            = 0x00100000;
    /** An asynchronous call failed; payload: the failed API and the error. */
    public static final int WINHTTP_CALLBACK_STATUS_REQUEST_ERROR             = 0x00200000;
    /** sendRequest completed. */
    public static final int WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE      = 0x00400000;
    /** An asynchronous proxy lookup for a URL completed. */
    public static final int WINHTTP_CALLBACK_STATUS_GETPROXYFORURL_COMPLETE   = 0x01000000;
    /** A WebSocket close handshake completed. */
    public static final int WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE            = 0x02000000;
    /** A WebSocket shutdown (our close frame sent) completed. */
    public static final int WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE         = 0x04000000;
    /** An asynchronous read of the proxy settings completed. */
    public static final int WINHTTP_CALLBACK_STATUS_GETPROXYSETTINGS_COMPLETE = 0x08000000;
    /** An asynchronous write of proxy settings completed. */
    public static final int WINHTTP_CALLBACK_STATUS_SETTINGS_WRITE_COMPLETE   = 0x10000000;
    /** An asynchronous read of proxy settings completed. */
    public static final int WINHTTP_CALLBACK_STATUS_SETTINGS_READ_COMPLETE    = 0x20000000;

    // Notification masks for setStatusCallback (WINHTTP_CALLBACK_FLAG_*); ALL_COMPLETIONS is the SDK value
    /** Mask: RESOLVING_NAME and NAME_RESOLVED. */
    public static final int WINHTTP_CALLBACK_FLAG_RESOLVE_NAME              = 0x00000003;
    /** Mask: CONNECTING_TO_SERVER and CONNECTED_TO_SERVER. */
    public static final int WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER         = 0x0000000C;
    /** Mask: SENDING_REQUEST and REQUEST_SENT. */
    public static final int WINHTTP_CALLBACK_FLAG_SEND_REQUEST              = 0x00000030;
    /** Mask: RECEIVING_RESPONSE and RESPONSE_RECEIVED. */
    public static final int WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE          = 0x000000C0;
    /** Mask: CLOSING_CONNECTION and CONNECTION_CLOSED. */
    public static final int WINHTTP_CALLBACK_FLAG_CLOSE_CONNECTION          = 0x00000300;
    /** Mask: HANDLE_CREATED and HANDLE_CLOSING. */
    public static final int WINHTTP_CALLBACK_FLAG_HANDLES                   = 0x00000C00;
    /** Mask: DETECTING_PROXY. */
    public static final int WINHTTP_CALLBACK_FLAG_DETECTING_PROXY           = 0x00001000;
    /** Mask: REDIRECT. */
    public static final int WINHTTP_CALLBACK_FLAG_REDIRECT                  = 0x00004000;
    /** Mask: INTERMEDIATE_RESPONSE. */
    public static final int WINHTTP_CALLBACK_FLAG_INTERMEDIATE_RESPONSE     = 0x00008000;
    /** Mask: SECURE_FAILURE. */
    public static final int WINHTTP_CALLBACK_FLAG_SECURE_FAILURE            = 0x00010000;
    /** Mask: SENDREQUEST_COMPLETE. */
    public static final int WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE      = 0x00400000;
    /** Mask: HEADERS_AVAILABLE. */
    public static final int WINHTTP_CALLBACK_FLAG_HEADERS_AVAILABLE         = 0x00020000;
    /** Mask: DATA_AVAILABLE. */
    public static final int WINHTTP_CALLBACK_FLAG_DATA_AVAILABLE            = 0x00040000;
    /** Mask: READ_COMPLETE. */
    public static final int WINHTTP_CALLBACK_FLAG_READ_COMPLETE             = 0x00080000;
    /** Mask: WRITE_COMPLETE. */
    public static final int WINHTTP_CALLBACK_FLAG_WRITE_COMPLETE            = 0x00100000;
    /** Mask: REQUEST_ERROR. */
    public static final int WINHTTP_CALLBACK_FLAG_REQUEST_ERROR             = 0x00200000;
    /** Mask: GETPROXYFORURL_COMPLETE. */
    public static final int WINHTTP_CALLBACK_FLAG_GETPROXYFORURL_COMPLETE   = 0x01000000;
    /** Mask: GETPROXYSETTINGS_COMPLETE. */
    public static final int WINHTTP_CALLBACK_FLAG_GETPROXYSETTINGS_COMPLETE = 0x08000000;
    /** Mask: every completion status (SENDREQUEST_COMPLETE to GETPROXYSETTINGS_COMPLETE). */
    public static final int WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS           = 0x097E0000;
    /** Mask: every status. */
    public static final int WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS         = 0xFFFFFFFF;

    // SECURE_FAILURE payload bits (WINHTTP_CALLBACK_STATUS_FLAG_*)
    /** The revocation check could not be made. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED        = 0x00000001;
    /** The certificate is invalid. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT           = 0x00000002;
    /** The certificate has been revoked. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED           = 0x00000004;
    /** The certificate comes from an untrusted authority. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA             = 0x00000008;
    /** The certificate's name does not match the server. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID        = 0x00000010;
    /** The certificate is expired or not yet valid. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID      = 0x00000020;
    /** The certificate is not meant for server authentication. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE       = 0x00000040;
    /** The TLS channel itself failed. */
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR = 0x80000000;

    // Failed call named in a REQUEST_ERROR's AsyncResult (API_*)
    /** receiveResponse failed. */
    public static final int API_RECEIVE_RESPONSE     = 1;
    /** queryDataAvailable failed. */
    public static final int API_QUERY_DATA_AVAILABLE = 2;
    /** readData failed. */
    public static final int API_READ_DATA            = 3;
    /** writeData failed. */
    public static final int API_WRITE_DATA           = 4;
    /** sendRequest failed. */
    public static final int API_SEND_REQUEST         = 5;
    /** A proxy lookup for a URL failed. */
    public static final int API_GET_PROXY_FOR_URL    = 6;
    /** A read of the proxy settings failed. */
    public static final int API_GET_PROXY_SETTINGS   = 7;

    // Handle kinds returned by HInternet.handleType() and WINHTTP_OPTION_HANDLE_TYPE (WINHTTP_HANDLE_TYPE_*)
    /** A session handle, from open. */
    public static final int WINHTTP_HANDLE_TYPE_SESSION        = 1;
    /** A connect handle, from connect. */
    public static final int WINHTTP_HANDLE_TYPE_CONNECT        = 2;
    /** A request handle, from openRequest. */
    public static final int WINHTTP_HANDLE_TYPE_REQUEST        = 3;
    /** A proxy resolver handle. */
    public static final int WINHTTP_HANDLE_TYPE_PROXY_RESOLVER = 4;
    /** A WebSocket handle, from webSocketCompleteUpgrade. */
    public static final int WINHTTP_HANDLE_TYPE_WEBSOCKET      = 5;
    /** A protocol handle (an upgrade to another protocol). */
    public static final int WINHTTP_HANDLE_TYPE_PROTOCOL       = 6;

    // Option ids for setOption/queryOption (WINHTTP_OPTION_*); FIRST/LAST bound the numbered range
    /** Lowest numbered option id. */
    public static final int WINHTTP_FIRST_OPTION                              = 1;
    /** The status callback of the handle. */
    public static final int WINHTTP_OPTION_CALLBACK                           = 1;
    /** Name lookup timeout, in milliseconds (0: none). */
    public static final int WINHTTP_OPTION_RESOLVE_TIMEOUT                    = 2;
    /** Connection timeout, in milliseconds. */
    public static final int WINHTTP_OPTION_CONNECT_TIMEOUT                    = 3;
    /** How many times a connection is tried before the call fails. */
    public static final int WINHTTP_OPTION_CONNECT_RETRIES                    = 4;
    /** Timeout for sending the request, in milliseconds. */
    public static final int WINHTTP_OPTION_SEND_TIMEOUT                       = 5;
    /** Timeout for each receive of response data, in milliseconds. */
    public static final int WINHTTP_OPTION_RECEIVE_TIMEOUT                    = 6;
    /** Timeout for the whole response head to arrive, in milliseconds. */
    public static final int WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT           = 7;
    /** The handle's kind, a {@code WINHTTP_HANDLE_TYPE_*} value (query only). */
    public static final int WINHTTP_OPTION_HANDLE_TYPE                        = 9;
    /** Size of the read buffer (obsolete). */
    public static final int WINHTTP_OPTION_READ_BUFFER_SIZE                   = 12;
    /** Size of the write buffer (obsolete). */
    public static final int WINHTTP_OPTION_WRITE_BUFFER_SIZE                  = 13;
    /** The handle this one was created from (query only). */
    public static final int WINHTTP_OPTION_PARENT_HANDLE                      = 21;
    /** A Winsock error detail for the last failure (query only). */
    public static final int WINHTTP_OPTION_EXTENDED_ERROR                     = 24;
    /** The request's {@code SECURITY_FLAG_*} bits: errors to ignore, strength. */
    public static final int WINHTTP_OPTION_SECURITY_FLAGS                     = 31;
    /** A summary of the server certificate (query only, after a secure send). */
    public static final int WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT        = 32;
    /** The request's full URL, updated after a redirect (query only). */
    public static final int WINHTTP_OPTION_URL                                = 34;
    /** The cipher strength of the TLS channel, in bits (query only). */
    public static final int WINHTTP_OPTION_SECURITY_KEY_BITNESS               = 36;
    /** The proxy settings of a session or request. */
    public static final int WINHTTP_OPTION_PROXY                              = 38;
    /** The proxy entry a request uses from a proxy lookup result. */
    public static final int WINHTTP_OPTION_PROXY_RESULT_ENTRY                 = 39;
    /** The User-Agent sent by the session's requests. */
    public static final int WINHTTP_OPTION_USER_AGENT                         = 41;
    /** A value of the caller's own, handed back with each notification. */
    public static final int WINHTTP_OPTION_CONTEXT_VALUE                      = 45;
    /** The client certificate a secure request presents. */
    public static final int WINHTTP_OPTION_CLIENT_CERT_CONTEXT                = 47;
    /** The priority of the request. */
    public static final int WINHTTP_OPTION_REQUEST_PRIORITY                   = 58;
    /** The HTTP version the requests use. */
    public static final int WINHTTP_OPTION_HTTP_VERSION                       = 59;
    /** Turns features off for a request: {@code WINHTTP_DISABLE_*} bits (set only). */
    public static final int WINHTTP_OPTION_DISABLE_FEATURE                    = 63;
    /** The code page for converting non-ASCII URL characters. */
    public static final int WINHTTP_OPTION_CODEPAGE                           = 68;
    /** The most connections a session keeps to one HTTP/1.1 server. */
    public static final int WINHTTP_OPTION_MAX_CONNS_PER_SERVER               = 73;
    /** The most connections a session keeps to one HTTP/1.0 server. */
    public static final int WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER           = 74;
    /** When logon credentials are sent by default: a {@code WINHTTP_AUTOLOGON_SECURITY_LEVEL_*}. */
    public static final int WINHTTP_OPTION_AUTOLOGON_POLICY                   = 77;
    /** The server's certificate (query only, after a secure send). */
    public static final int WINHTTP_OPTION_SERVER_CERT_CONTEXT                = 78;
    /** Turns features on for a request: {@code WINHTTP_ENABLE_*} bits (set only). */
    public static final int WINHTTP_OPTION_ENABLE_FEATURE                     = 79;
    /** The number of worker threads WinHTTP uses for callbacks. */
    public static final int WINHTTP_OPTION_WORKER_THREAD_COUNT                = 80;
    /** Passport co-branding text (Passport is retired). */
    public static final int WINHTTP_OPTION_PASSPORT_COBRANDING_TEXT           = 81;
    /** Passport co-branding URL (Passport is retired). */
    public static final int WINHTTP_OPTION_PASSPORT_COBRANDING_URL            = 82;
    /** Passport authentication switches (Passport is retired). */
    public static final int WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH            = 83;
    /** The TLS versions a session may use: {@code WINHTTP_FLAG_SECURE_PROTOCOL_*} bits. */
    public static final int WINHTTP_OPTION_SECURE_PROTOCOLS                   = 84;
    /** Turns WinHTTP's tracing on or off. */
    public static final int WINHTTP_OPTION_ENABLETRACING                      = 85;
    /** Signs out of Passport (Passport is retired). */
    public static final int WINHTTP_OPTION_PASSPORT_SIGN_OUT                  = 86;
    /** The Passport return URL (Passport is retired). */
    public static final int WINHTTP_OPTION_PASSPORT_RETURN_URL                = 87;
    /** Which redirects are followed: a {@code WINHTTP_OPTION_REDIRECT_POLICY_*} value. */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY                    = 88;
    /** The most redirects a request follows (default 10). */
    public static final int WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS       = 89;
    /** The most 1xx responses a request accepts before the final one. */
    public static final int WINHTTP_OPTION_MAX_HTTP_STATUS_CONTINUE           = 90;
    /** The largest response head accepted, in bytes. */
    public static final int WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE           = 91;
    /** The most body bytes drained to reuse a connection, in bytes. */
    public static final int WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE            = 92;
    /** The local and remote addresses of the request's connection (query only). */
    public static final int WINHTTP_OPTION_CONNECTION_INFO                    = 93;
    /** The certificate issuers the server accepts for client certificates (query only). */
    public static final int WINHTTP_OPTION_CLIENT_CERT_ISSUER_LIST            = 94;
    /** How the service principal name is formed: {@code WINHTTP_*_SPN_SERVER_PORT}. */
    public static final int WINHTTP_OPTION_SPN                                = 96;
    /** Use the process-wide proxy credentials. */
    public static final int WINHTTP_OPTION_GLOBAL_PROXY_CREDS                 = 97;
    /** Use the process-wide server credentials. */
    public static final int WINHTTP_OPTION_GLOBAL_SERVER_CREDS                = 98;
    /** An event signalled when the session is finally destroyed. */
    public static final int WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT                = 99;
    /** Refuse URLs that carry a user name and password. */
    public static final int WINHTTP_OPTION_REJECT_USERPWD_IN_URL              = 100;
    /** Let the request use the process-wide server credentials. */
    public static final int WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS      = 101;
    /** Hand the proxy's reply to CONNECT to the caller. */
    public static final int WINHTTP_OPTION_RECEIVE_PROXY_CONNECT_RESPONSE     = 103;
    /** Whether the current response is the proxy's reply to CONNECT (query only). */
    public static final int WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE          = 104;
    /** The network interface the request goes through. */
    public static final int WINHTTP_OPTION_NETWORK_INTERFACE_AFFINITY         = 105;
    /** The service principal name used for the server (query only). */
    public static final int WINHTTP_OPTION_SERVER_SPN_USED                    = 106;
    /** The service principal name used for the proxy (query only). */
    public static final int WINHTTP_OPTION_PROXY_SPN_USED                     = 107;
    /** The server's channel binding token (query only). */
    public static final int WINHTTP_OPTION_SERVER_CBT                         = 108;
    /** Accept responses whose headers break the strict grammar. */
    public static final int WINHTTP_OPTION_UNSAFE_HEADER_PARSING              = 110;
    /** The caller promises its callbacks never block. */
    public static final int WINHTTP_OPTION_ASSURED_NON_BLOCKING_CALLBACKS     = 111;
    /** Marks a request as a WebSocket upgrade (set with no value). */
    public static final int WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET              = 114;
    /** How long a WebSocket waits for the close handshake, in milliseconds. */
    public static final int WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT           = 115;
    /** Interval between WebSocket keep-alive pings, in milliseconds (at least 15000). */
    public static final int WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL      = 116;
    /** Which response encodings are decoded: {@code WINHTTP_DECOMPRESSION_FLAG_*} bits. */
    public static final int WINHTTP_OPTION_DECOMPRESSION                      = 118;
    /** Size of a WebSocket's receive buffer, in bytes (default 32768). */
    public static final int WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE     = 122;
    /** Size of a WebSocket's send buffer, in bytes (default 32768). */
    public static final int WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE        = 123;
    /** A priority hint for the request's TCP connection. */
    public static final int WINHTTP_OPTION_TCP_PRIORITY_HINT                  = 128;
    /** An SDK option that Microsoft does not document. */
    public static final int WINHTTP_OPTION_CONNECTION_FILTER                  = 131;
    /** The HTTP versions beyond 1.1 a request may use: {@code WINHTTP_PROTOCOL_FLAG_*} bits. */
    public static final int WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL               = 133;
    /** The HTTP version the request used: {@code WINHTTP_PROTOCOL_FLAG_*} bits (query only). */
    public static final int WINHTTP_OPTION_HTTP_PROTOCOL_USED                 = 134;
    /** The Kerberos KDC proxy to use. */
    public static final int WINHTTP_OPTION_KDC_PROXY_SETTINGS                 = 136;
    /** Keep proxy lookups away from the proxy service. */
    public static final int WINHTTP_OPTION_PROXY_DISABLE_SERVICE_CALLS        = 137;
    /** Percent-encode the URL's extra part (query string). */
    public static final int WINHTTP_OPTION_ENCODE_EXTRA                       = 138;
    /** Turns off the HTTP/2 stream queue. */
    public static final int WINHTTP_OPTION_DISABLE_STREAM_QUEUE               = 139;
    /** Try IPv4 quickly when IPv6 connecting is slow. */
    public static final int WINHTTP_OPTION_IPV6_FAST_FALLBACK                 = 140;
    /** TCP statistics of the connection, version 0 (query only). */
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V0                = 141;
    /** Timings of the request's phases (query only). */
    public static final int WINHTTP_OPTION_REQUEST_TIMES                      = 142;
    /** Keep the request's connection out of the pool after it. */
    public static final int WINHTTP_OPTION_EXPIRE_CONNECTION                  = 143;
    /** Do not retry a failed TLS handshake with an older version. */
    public static final int WINHTTP_OPTION_DISABLE_SECURE_PROTOCOL_FALLBACK   = 144;
    /** Fail rather than fall back when the chosen HTTP version is not available. */
    public static final int WINHTTP_OPTION_HTTP_PROTOCOL_REQUIRED             = 145;
    /** Statistics of the request (query only). */
    public static final int WINHTTP_OPTION_REQUEST_STATS                      = 146;
    /** The server's certificate chain (query only, after a secure send). */
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_CONTEXT          = 147;
    /** Flags for building the server's certificate chain. */
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_FLAGS      = 148;
    /** TCP statistics of the connection, version 1 (query only). */
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V1                = 150;
    /** The TLS protocol and cipher of the connection (query only). */
    public static final int WINHTTP_OPTION_SECURITY_INFO                      = 151;
    /** TCP keep-alive settings of the connection. */
    public static final int WINHTTP_OPTION_TCP_KEEPALIVE                      = 152;
    /** Use TCP Fast Open. */
    public static final int WINHTTP_OPTION_TCP_FAST_OPEN                      = 153;
    /** Use TLS False Start. */
    public static final int WINHTTP_OPTION_TLS_FALSE_START                    = 154;
    /** Ignore a revocation check that fails because the server is offline. */
    public static final int WINHTTP_OPTION_IGNORE_CERT_REVOCATION_OFFLINE     = 155;
    /** Allow falling back to an insecure TLS version. */
    public static final int WINHTTP_OPTION_TLS_PROTOCOL_INSECURE_FALLBACK     = 158;
    /** The HTTP/2 stream error code of a failed request (query only). */
    public static final int WINHTTP_OPTION_STREAM_ERROR_CODE                  = 159;
    /** Require an HTTP/2 stream to end properly. */
    public static final int WINHTTP_OPTION_REQUIRE_STREAM_END                 = 160;
    /** Allow client certificates over HTTP/2 and above. */
    public static final int WINHTTP_OPTION_ENABLE_HTTP2_PLUS_CLIENT_CERT      = 161;
    /** How many failed connections are retried. */
    public static final int WINHTTP_OPTION_FAILED_CONNECTION_RETRIES          = 162;
    /** The HTTP/2 keep-alive ping interval, in milliseconds. */
    public static final int WINHTTP_OPTION_HTTP2_KEEPALIVE                    = 164;
    /** A host name to resolve instead of the URL's. */
    public static final int WINHTTP_OPTION_RESOLUTION_HOSTNAME                = 165;
    /** Token binding parameters (token binding is retired). */
    public static final int WINHTTP_OPTION_SET_TOKEN_BINDING                  = 166;
    /** The token binding public key (query only). */
    public static final int WINHTTP_OPTION_TOKEN_BINDING_PUBLIC_KEY           = 167;
    /** The host name for referred token binding. */
    public static final int WINHTTP_OPTION_REFERER_TOKEN_BINDING_HOSTNAME     = 168;
    /** Allow Transfer-Encoding over HTTP/2 and above. */
    public static final int WINHTTP_OPTION_HTTP2_PLUS_TRANSFER_ENCODING       = 169;
    /** Settings of the name resolver's cache. */
    public static final int WINHTTP_OPTION_RESOLVER_CACHE_CONFIG              = 170;
    /** Skip building the server's certificate chain. */
    public static final int WINHTTP_OPTION_DISABLE_CERT_CHAIN_BUILDING        = 171;
    /** An SDK option that Microsoft does not document. */
    public static final int WINHTTP_OPTION_BACKGROUND_CONNECTIONS             = 172;
    /** Use the first connection that becomes available. */
    public static final int WINHTTP_OPTION_FIRST_AVAILABLE_CONNECTION         = 173;
    /** The TCP priority status of the connection. */
    public static final int WINHTTP_OPTION_TCP_PRIORITY_STATUS                = 177;
    /** The id of the request's connection (query only). */
    public static final int WINHTTP_OPTION_CONNECTION_GUID                    = 178;
    /** Send the request only over the connection with this id. */
    public static final int WINHTTP_OPTION_MATCH_CONNECTION_GUID              = 179;
    /** The HTTP/2 receive window size, in bytes. */
    public static final int WINHTTP_OPTION_HTTP2_RECEIVE_WINDOW               = 183;
    /** Whether a WinHTTP feature is supported (query only). */
    public static final int WINHTTP_OPTION_FEATURE_SUPPORTED                  = 184;
    /** QUIC statistics of the connection (query only). */
    public static final int WINHTTP_OPTION_QUIC_STATS                         = 185;
    /** The HTTP/3 keep-alive interval, in milliseconds. */
    public static final int WINHTTP_OPTION_HTTP3_KEEPALIVE                    = 188;
    /** The HTTP/3 handshake timeout, in milliseconds. */
    public static final int WINHTTP_OPTION_HTTP3_HANDSHAKE_TIMEOUT            = 189;
    /** The initial round-trip time HTTP/3 assumes, in milliseconds. */
    public static final int WINHTTP_OPTION_HTTP3_INITIAL_RTT                  = 190;
    /** The HTTP/3 stream error code of a failed request (query only). */
    public static final int WINHTTP_OPTION_HTTP3_STREAM_ERROR_CODE            = 191;
    /** A text annotation of the request (at most REQUEST_ANNOTATION_MAX_LENGTH). */
    public static final int WINHTTP_OPTION_REQUEST_ANNOTATION                 = 192;
    /** Authentication schemes not to use with a proxy. */
    public static final int WINHTTP_OPTION_DISABLE_PROXY_AUTH_SCHEMES         = 193;
    /** Check the server certificate without impersonation. */
    public static final int WINHTTP_OPTION_REVERT_IMPERSONATION_SERVER_CERT   = 194;
    /** Keep the session's connections out of the process-wide pool. */
    public static final int WINHTTP_OPTION_DISABLE_GLOBAL_POOLING             = 195;
    /** Share one TLS credential across the session. */
    public static final int WINHTTP_OPTION_USE_SESSION_SCH_CRED               = 196;
    /** Build the server's certificate chain from the cache only. */
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_CACHE_ONLY = 199;
    /** QUIC statistics of the connection, version 2 (query only). */
    public static final int WINHTTP_OPTION_QUIC_STATS_V2                      = 200;
    /** Statistics of the request's QUIC stream (query only). */
    public static final int WINHTTP_OPTION_QUIC_STREAM_STATS                  = 202;
    /** An SDK option that Microsoft does not document. */
    public static final int WINHTTP_OPTION_USE_LOOKASIDE                      = 203;
    /** An id tagging the request's error log entries. */
    public static final int WINHTTP_OPTION_ERROR_LOG_GUID                     = 204;
    /** Turns on fast forwarding of response data. */
    public static final int WINHTTP_OPTION_ENABLE_FAST_FORWARDING             = 205;
    /** The response data of a fast-forwarded request. */
    public static final int WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_DATA      = 206;
    /** Marks a request as an upgrade to another protocol. */
    public static final int WINHTTP_OPTION_UPGRADE_TO_PROTOCOL                = 207;
    /** TCP statistics of the connection, version 2 (query only). */
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V2                = 208;
    /** The status of a fast-forwarded response (query only). */
    public static final int WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_STATUS    = 209;
    /** The DSCP tag put on the connection's packets. */
    public static final int WINHTTP_OPTION_DSCP_TAG                           = 210;
    /** How long a server stays downgraded to HTTP/1.1. */
    public static final int WINHTTP_OPTION_HTTP11_DOWNGRADE_TTL               = 211;
    /** An id tagging the session's error log entries. */
    public static final int WINHTTP_OPTION_SESSION_ERROR_LOG_GUID             = 212;
    /** Highest numbered option id (the credential options lie beyond it). */
    public static final int WINHTTP_LAST_OPTION                               = 212;
    /** The user name sent to the server. */
    public static final int WINHTTP_OPTION_USERNAME                           = 0x1000;
    /** The password sent to the server. */
    public static final int WINHTTP_OPTION_PASSWORD                           = 0x1001;
    /** The user name sent to the proxy. */
    public static final int WINHTTP_OPTION_PROXY_USERNAME                     = 0x1002;
    /** The password sent to the proxy. */
    public static final int WINHTTP_OPTION_PROXY_PASSWORD                     = 0x1003;

    // Values of WINHTTP_OPTION_MAX_CONNS_PER_SERVER / _1_0_SERVER and WINHTTP_OPTION_REQUEST_ANNOTATION
    /** No limit on connections per server. */
    public static final int WINHTTP_CONNS_PER_SERVER_UNLIMITED           = 0xFFFFFFFF;
    /** The longest REQUEST_ANNOTATION, in characters. */
    public static final int WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH = 0xFA00;

    // Values of WINHTTP_OPTION_DECOMPRESSION (WINHTTP_DECOMPRESSION_FLAG_*)
    /** Decode gzip bodies. */
    public static final int WINHTTP_DECOMPRESSION_FLAG_GZIP    = 0x1;
    /** Decode deflate bodies. */
    public static final int WINHTTP_DECOMPRESSION_FLAG_DEFLATE = 0x2;
    /** Decode gzip and deflate bodies. */
    public static final int WINHTTP_DECOMPRESSION_FLAG_ALL     = 0x3;

    // Values of WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL / HTTP_PROTOCOL_USED (WINHTTP_PROTOCOL_*)
    /** HTTP/2. */
    public static final int WINHTTP_PROTOCOL_FLAG_HTTP2 = 0x1;
    /** HTTP/3. */
    public static final int WINHTTP_PROTOCOL_FLAG_HTTP3 = 0x2;
    /** Every protocol bit. */
    public static final int WINHTTP_PROTOCOL_MASK       = 0x3;

    // Values of WINHTTP_OPTION_AUTOLOGON_POLICY (WINHTTP_AUTOLOGON_SECURITY_LEVEL_*)
    /** Send logon credentials to intranet servers only. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_MEDIUM     = 0;
    /** Send logon credentials to every server. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_LOW        = 1;
    /** Never send logon credentials by default. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_HIGH       = 2;
    /** Send logon credentials to proxies only. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_PROXY_ONLY = 3;
    /** The default level, MEDIUM. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_DEFAULT    = 0;
    /** The highest level value. */
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_MAX        = 3;

    // Values of WINHTTP_OPTION_REDIRECT_POLICY (WINHTTP_OPTION_REDIRECT_POLICY_*)
    /** Never follow a redirect. */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_NEVER                  = 0;
    /** Follow redirects except from https to http (the default). */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP = 1;
    /** Follow every redirect. */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS                 = 2;
    /** The highest redirect policy value. */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_LAST                   = 2;
    /** The default redirect policy, DISALLOW_HTTPS_TO_HTTP. */
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT                = 1;

    // Values of WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH
    /** Passport authentication off. */
    public static final int WINHTTP_DISABLE_PASSPORT_AUTH    = 0x00000000;
    /** Passport authentication on. */
    public static final int WINHTTP_ENABLE_PASSPORT_AUTH     = 0x10000000;
    /** Passport keyring off. */
    public static final int WINHTTP_DISABLE_PASSPORT_KEYRING = 0x20000000;
    /** Passport keyring on. */
    public static final int WINHTTP_ENABLE_PASSPORT_KEYRING  = 0x40000000;

    // Values of WINHTTP_OPTION_DISABLE_FEATURE (WINHTTP_DISABLE_*)
    /** Neither send nor store cookies. */
    public static final int WINHTTP_DISABLE_COOKIES        = 0x1;
    /** Do not follow redirects: the 3xx is the response. */
    public static final int WINHTTP_DISABLE_REDIRECTS      = 0x2;
    /** Do not answer authentication challenges. */
    public static final int WINHTTP_DISABLE_AUTHENTICATION = 0x4;
    /** Do not keep the connection open for another request. */
    public static final int WINHTTP_DISABLE_KEEP_ALIVE     = 0x8;

    // Values of WINHTTP_OPTION_ENABLE_FEATURE (WINHTTP_ENABLE_*)
    /** Check the server certificate for revocation. */
    public static final int WINHTTP_ENABLE_SSL_REVOCATION           = 0x1;
    /** Check the server certificate as the process, not the impersonated user. */
    public static final int WINHTTP_ENABLE_SSL_REVERT_IMPERSONATION = 0x2;

    // Values of WINHTTP_OPTION_SPN
    /** Leave the port out of the service principal name. */
    public static final int WINHTTP_DISABLE_SPN_SERVER_PORT = 0;
    /** Put the port in the service principal name. */
    public static final int WINHTTP_ENABLE_SPN_SERVER_PORT  = 1;
    /** Mask of the SPN option's bits. */
    public static final int WINHTTP_OPTION_SPN_MASK         = 1;

    // WINHTTP_OPTION_SECURITY_FLAGS bits: settable IGNORE_* ones, then query-only ones
    /** Accept a certificate from an untrusted authority. */
    public static final int SECURITY_FLAG_IGNORE_UNKNOWN_CA        = 0x00000100;
    /** Accept a certificate not meant for server authentication. */
    public static final int SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE  = 0x00000200;
    /** Accept a certificate whose name does not match the host. */
    public static final int SECURITY_FLAG_IGNORE_CERT_CN_INVALID   = 0x00001000;
    /** Accept an expired or not yet valid certificate. */
    public static final int SECURITY_FLAG_IGNORE_CERT_DATE_INVALID = 0x00002000;
    /** All four IGNORE_* bits. */
    public static final int SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS   = 0x00003300;
    /** Query only: the request went over TLS. */
    public static final int SECURITY_FLAG_SECURE                   = 0x00000001;
    /** Query only: weak cipher strength. */
    public static final int SECURITY_FLAG_STRENGTH_WEAK            = 0x10000000;
    /** Query only: medium cipher strength. */
    public static final int SECURITY_FLAG_STRENGTH_MEDIUM          = 0x40000000;
    /** Query only: strong cipher strength. */
    public static final int SECURITY_FLAG_STRENGTH_STRONG          = 0x20000000;

    // Values of WINHTTP_OPTION_SECURE_PROTOCOLS (WINHTTP_FLAG_SECURE_PROTOCOL_*); ALL is SSL2|SSL3|TLS1 only, as in the SDK
    /** SSL 2.0. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_SSL2   = 0x00000008;
    /** SSL 3.0. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_SSL3   = 0x00000020;
    /** TLS 1.0. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1   = 0x00000080;
    /** TLS 1.1. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1 = 0x00000200;
    /** TLS 1.2. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 = 0x00000800;
    /** TLS 1.3. */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3 = 0x00002000;
    /** SSL 2.0, SSL 3.0 and TLS 1.0, as the SDK defines it (not the newer versions). */
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_ALL    = 0x000000A8;

    // Authentication schemes and targets for queryAuthSchemes/setCredentials
    /** Basic authentication. */
    public static final int WINHTTP_AUTH_SCHEME_BASIC     = 0x1;
    /** NTLM authentication. */
    public static final int WINHTTP_AUTH_SCHEME_NTLM      = 0x2;
    /** Passport authentication. */
    public static final int WINHTTP_AUTH_SCHEME_PASSPORT  = 0x4;
    /** Digest authentication. */
    public static final int WINHTTP_AUTH_SCHEME_DIGEST    = 0x8;
    /** Negotiate (Kerberos or NTLM) authentication. */
    public static final int WINHTTP_AUTH_SCHEME_NEGOTIATE = 0x10;
    /** Credentials for the server (a 401). */
    public static final int WINHTTP_AUTH_TARGET_SERVER    = 0;
    /** Credentials for the proxy (a 407). */
    public static final int WINHTTP_AUTH_TARGET_PROXY     = 1;

    // Header info levels for queryHeaders (WINHTTP_QUERY_*); 71-74 are unused; CUSTOM takes the name argument
    /** The MIME-Version header. */
    public static final int WINHTTP_QUERY_MIME_VERSION              = 0;
    /** The Content-Type header. */
    public static final int WINHTTP_QUERY_CONTENT_TYPE              = 1;
    /** The Content-Transfer-Encoding header. */
    public static final int WINHTTP_QUERY_CONTENT_TRANSFER_ENCODING = 2;
    /** The Content-ID header. */
    public static final int WINHTTP_QUERY_CONTENT_ID                = 3;
    /** The Content-Description header. */
    public static final int WINHTTP_QUERY_CONTENT_DESCRIPTION       = 4;
    /** The Content-Length header. */
    public static final int WINHTTP_QUERY_CONTENT_LENGTH            = 5;
    /** The Content-Language header. */
    public static final int WINHTTP_QUERY_CONTENT_LANGUAGE          = 6;
    /** The Allow header. */
    public static final int WINHTTP_QUERY_ALLOW                     = 7;
    /** The Public header. */
    public static final int WINHTTP_QUERY_PUBLIC                    = 8;
    /** The Date header. */
    public static final int WINHTTP_QUERY_DATE                      = 9;
    /** The Expires header. */
    public static final int WINHTTP_QUERY_EXPIRES                   = 10;
    /** The Last-Modified header. */
    public static final int WINHTTP_QUERY_LAST_MODIFIED             = 11;
    /** The Message-ID header. */
    public static final int WINHTTP_QUERY_MESSAGE_ID                = 12;
    /** The URI header. */
    public static final int WINHTTP_QUERY_URI                       = 13;
    /** The Derived-From header. */
    public static final int WINHTTP_QUERY_DERIVED_FROM              = 14;
    /** The Cost header. */
    public static final int WINHTTP_QUERY_COST                      = 15;
    /** The Link header. */
    public static final int WINHTTP_QUERY_LINK                      = 16;
    /** The Pragma header. */
    public static final int WINHTTP_QUERY_PRAGMA                    = 17;
    /** The response's HTTP version, such as {@code HTTP/1.1}. */
    public static final int WINHTTP_QUERY_VERSION                   = 18;
    /** The response's status code. */
    public static final int WINHTTP_QUERY_STATUS_CODE               = 19;
    /** The response's reason phrase. */
    public static final int WINHTTP_QUERY_STATUS_TEXT               = 20;
    /** Every header, each ending in a NUL character. */
    public static final int WINHTTP_QUERY_RAW_HEADERS               = 21;
    /** Every header as received, each line ending in CRLF. */
    public static final int WINHTTP_QUERY_RAW_HEADERS_CRLF          = 22;
    /** The Connection header. */
    public static final int WINHTTP_QUERY_CONNECTION                = 23;
    /** The Accept header. */
    public static final int WINHTTP_QUERY_ACCEPT                    = 24;
    /** The Accept-Charset header. */
    public static final int WINHTTP_QUERY_ACCEPT_CHARSET            = 25;
    /** The Accept-Encoding header. */
    public static final int WINHTTP_QUERY_ACCEPT_ENCODING           = 26;
    /** The Accept-Language header. */
    public static final int WINHTTP_QUERY_ACCEPT_LANGUAGE           = 27;
    /** The Authorization header. */
    public static final int WINHTTP_QUERY_AUTHORIZATION             = 28;
    /** The Content-Encoding header. */
    public static final int WINHTTP_QUERY_CONTENT_ENCODING          = 29;
    /** The Forwarded header. */
    public static final int WINHTTP_QUERY_FORWARDED                 = 30;
    /** The From header. */
    public static final int WINHTTP_QUERY_FROM                      = 31;
    /** The If-Modified-Since header. */
    public static final int WINHTTP_QUERY_IF_MODIFIED_SINCE         = 32;
    /** The Location header. */
    public static final int WINHTTP_QUERY_LOCATION                  = 33;
    /** The original URI of the request. */
    public static final int WINHTTP_QUERY_ORIG_URI                  = 34;
    /** The Referer header. */
    public static final int WINHTTP_QUERY_REFERER                   = 35;
    /** The Retry-After header. */
    public static final int WINHTTP_QUERY_RETRY_AFTER               = 36;
    /** The Server header. */
    public static final int WINHTTP_QUERY_SERVER                    = 37;
    /** The Title header. */
    public static final int WINHTTP_QUERY_TITLE                     = 38;
    /** The User-Agent header. */
    public static final int WINHTTP_QUERY_USER_AGENT                = 39;
    /** The WWW-Authenticate header. */
    public static final int WINHTTP_QUERY_WWW_AUTHENTICATE          = 40;
    /** The Proxy-Authenticate header. */
    public static final int WINHTTP_QUERY_PROXY_AUTHENTICATE        = 41;
    /** The Accept-Ranges header. */
    public static final int WINHTTP_QUERY_ACCEPT_RANGES             = 42;
    /** The Set-Cookie header. */
    public static final int WINHTTP_QUERY_SET_COOKIE                = 43;
    /** The Cookie header. */
    public static final int WINHTTP_QUERY_COOKIE                    = 44;
    /** The request's verb. */
    public static final int WINHTTP_QUERY_REQUEST_METHOD            = 45;
    /** The Refresh header. */
    public static final int WINHTTP_QUERY_REFRESH                   = 46;
    /** The Content-Disposition header. */
    public static final int WINHTTP_QUERY_CONTENT_DISPOSITION       = 47;
    /** The Age header. */
    public static final int WINHTTP_QUERY_AGE                       = 48;
    /** The Cache-Control header. */
    public static final int WINHTTP_QUERY_CACHE_CONTROL             = 49;
    /** The Content-Base header. */
    public static final int WINHTTP_QUERY_CONTENT_BASE              = 50;
    /** The Content-Location header. */
    public static final int WINHTTP_QUERY_CONTENT_LOCATION          = 51;
    /** The Content-MD5 header. */
    public static final int WINHTTP_QUERY_CONTENT_MD5               = 52;
    /** The Content-Range header. */
    public static final int WINHTTP_QUERY_CONTENT_RANGE             = 53;
    /** The ETag header. */
    public static final int WINHTTP_QUERY_ETAG                      = 54;
    /** The Host header. */
    public static final int WINHTTP_QUERY_HOST                      = 55;
    /** The If-Match header. */
    public static final int WINHTTP_QUERY_IF_MATCH                  = 56;
    /** The If-None-Match header. */
    public static final int WINHTTP_QUERY_IF_NONE_MATCH             = 57;
    /** The If-Range header. */
    public static final int WINHTTP_QUERY_IF_RANGE                  = 58;
    /** The If-Unmodified-Since header. */
    public static final int WINHTTP_QUERY_IF_UNMODIFIED_SINCE       = 59;
    /** The Max-Forwards header. */
    public static final int WINHTTP_QUERY_MAX_FORWARDS              = 60;
    /** The Proxy-Authorization header. */
    public static final int WINHTTP_QUERY_PROXY_AUTHORIZATION       = 61;
    /** The Range header. */
    public static final int WINHTTP_QUERY_RANGE                     = 62;
    /** The Transfer-Encoding header. */
    public static final int WINHTTP_QUERY_TRANSFER_ENCODING         = 63;
    /** The Upgrade header. */
    public static final int WINHTTP_QUERY_UPGRADE                   = 64;
    /** The Vary header. */
    public static final int WINHTTP_QUERY_VARY                      = 65;
    /** The Via header. */
    public static final int WINHTTP_QUERY_VIA                       = 66;
    /** The Warning header. */
    public static final int WINHTTP_QUERY_WARNING                   = 67;
    /** The Expect header. */
    public static final int WINHTTP_QUERY_EXPECT                    = 68;
    /** The Proxy-Connection header. */
    public static final int WINHTTP_QUERY_PROXY_CONNECTION          = 69;
    /** The Unless-Modified-Since header. */
    public static final int WINHTTP_QUERY_UNLESS_MODIFIED_SINCE     = 70;
    /** The Proxy-Support header. */
    public static final int WINHTTP_QUERY_PROXY_SUPPORT             = 75;
    /** The Authentication-Info header. */
    public static final int WINHTTP_QUERY_AUTHENTICATION_INFO       = 76;
    /** The Passport-Urls header. */
    public static final int WINHTTP_QUERY_PASSPORT_URLS             = 77;
    /** The Passport-Config header. */
    public static final int WINHTTP_QUERY_PASSPORT_CONFIG           = 78;
    /** The highest numbered header level. */
    public static final int WINHTTP_QUERY_MAX                       = 78;
    /** The header named by the name argument. */
    public static final int WINHTTP_QUERY_CUSTOM                    = 65535;
    /** Every header (the level WinHttpQueryHeadersEx uses). */
    public static final int WINHTTP_QUERY_EX_ALL_HEADERS            = 21;

    // Modifiers OR-ed into a query info level (WINHTTP_QUERY_FLAG_*)
    /** Query the request's headers instead of the response's. */
    public static final int WINHTTP_QUERY_FLAG_REQUEST_HEADERS = 0x80000000;
    /** Return the header as a date and time. */
    public static final int WINHTTP_QUERY_FLAG_SYSTEMTIME      = 0x40000000;
    /** Return the header as a 32-bit number. */
    public static final int WINHTTP_QUERY_FLAG_NUMBER          = 0x20000000;
    /** Return the header as a 64-bit number. */
    public static final int WINHTTP_QUERY_FLAG_NUMBER64        = 0x08000000;
    /** Query the response's trailers. */
    public static final int WINHTTP_QUERY_FLAG_TRAILERS        = 0x02000000;
    /** Return the header in its bytes as received. */
    public static final int WINHTTP_QUERY_FLAG_WIRE_ENCODING   = 0x01000000;

    // Modifiers for addRequestHeaders (WINHTTP_ADDREQ_*)
    /** Mask of the header index part of the modifiers. */
    public static final int WINHTTP_ADDREQ_INDEX_MASK                   = 0x0000FFFF;
    /** Mask of the flag part of the modifiers. */
    public static final int WINHTTP_ADDREQ_FLAGS_MASK                   = 0xFFFF0000;
    /** Add the header only if it is not there yet. */
    public static final int WINHTTP_ADDREQ_FLAG_ADD_IF_NEW              = 0x10000000;
    /** Add the header (with REPLACE: replace, or add if absent). */
    public static final int WINHTTP_ADDREQ_FLAG_ADD                     = 0x20000000;
    /** Merge with a header of the same name, separated by a comma. */
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA     = 0x40000000;
    /** Merge with a header of the same name, separated by a semicolon. */
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON = 0x01000000;
    /** Same as COALESCE_WITH_COMMA. */
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE                = 0x40000000;
    /** Replace the header of the same name; an empty value removes it. */
    public static final int WINHTTP_ADDREQ_FLAG_REPLACE                 = 0x80000000;

    // Flags for open (WINHTTP_FLAG_ASYNC, WINHTTP_FLAG_SECURE_DEFAULTS, which also implies async)
    /** Asynchronous mode: calls return at once and complete through the callback. */
    public static final int WINHTTP_FLAG_ASYNC           = 0x10000000;
    /** Secure defaults (TLS 1.2 and up, among others); implies ASYNC. */
    public static final int WINHTTP_FLAG_SECURE_DEFAULTS = 0x30000000;

    // Flags for openRequest
    /** Use https (TLS) for the request. */
    public static final int WINHTTP_FLAG_SECURE               = 0x00800000;
    /** Escape percent signs in the object name too. */
    public static final int WINHTTP_FLAG_ESCAPE_PERCENT       = 0x00000004;
    /** Take the object name's characters as bytes, with no code page. */
    public static final int WINHTTP_FLAG_NULL_CODEPAGE        = 0x00000008;
    /** Do not escape unsafe characters in the object name. */
    public static final int WINHTTP_FLAG_ESCAPE_DISABLE       = 0x00000040;
    /** Do not escape unsafe characters in the query string. */
    public static final int WINHTTP_FLAG_ESCAPE_DISABLE_QUERY = 0x00000080;
    /** Ask caches for a fresh copy: the request gets Pragma and Cache-Control no-cache. */
    public static final int WINHTTP_FLAG_BYPASS_PROXY_CACHE   = 0x00000100;
    /** Same as BYPASS_PROXY_CACHE. */
    public static final int WINHTTP_FLAG_REFRESH              = 0x00000100;
    /** Send the body chunked when its length is not known. */
    public static final int WINHTTP_FLAG_AUTOMATIC_CHUNKING   = 0x00000200;

    // Proxy access types for open (WINHTTP_ACCESS_TYPE_*)
    /** Use the configured default proxy settings. */
    public static final int WINHTTP_ACCESS_TYPE_DEFAULT_PROXY   = 0;
    /** Connect directly, with no proxy. */
    public static final int WINHTTP_ACCESS_TYPE_NO_PROXY        = 1;
    /** Use the proxy and bypass list given to open. */
    public static final int WINHTTP_ACCESS_TYPE_NAMED_PROXY     = 3;
    /** Find the proxy automatically. */
    public static final int WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY = 4;

    // Ports for connect (INTERNET_DEFAULT_*_PORT); DEFAULT_PORT means the scheme's own
    /** The scheme's own port (80 or 443). */
    public static final int INTERNET_DEFAULT_PORT       = 0;
    /** Port 80, http's default. */
    public static final int INTERNET_DEFAULT_HTTP_PORT  = 80;
    /** Port 443, https's default. */
    public static final int INTERNET_DEFAULT_HTTPS_PORT = 443;

    // URL schemes in UrlComponents.scheme (INTERNET_SCHEME_*)
    /** http. */
    public static final int INTERNET_SCHEME_HTTP  = 1;
    /** https. */
    public static final int INTERNET_SCHEME_HTTPS = 2;
    /** ftp. */
    public static final int INTERNET_SCHEME_FTP   = 3;
    /** socks. */
    public static final int INTERNET_SCHEME_SOCKS = 4;

    // Flags for crackUrl and createUrl (ICU_*)
    /** Escape unsafe characters (createUrl), or decode escapes (crackUrl). */
    public static final int ICU_ESCAPE               = 0x80000000;
    /** Decode escape sequences in the parts. */
    public static final int ICU_DECODE               = 0x10000000;
    /** Write the port even when it is the scheme's default. */
    public static final int ICU_INCLUDE_DEFAULT_PORT = 0x00008000;
    /** Refuse a URL that carries a user name or password. */
    public static final int ICU_REJECT_USERPWD       = 0x00004000;
    /** Escape the authority (host) part too. */
    public static final int ICU_ESCAPE_AUTHORITY     = 0x00002000;

    // Miscellaneous sizes and markers
    /** Total length 0 for sendRequest: the body's length is not known up front. */
    public static final int WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH = 0;
    /** Size of the buffer for an HTTP date, in bytes. */
    public static final int WINHTTP_TIME_FORMAT_BUFSIZE         = 62;
    /** The first WinHTTP error code. */
    public static final int WINHTTP_ERROR_BASE                  = 12000;
    /** The last WinHTTP error code. */
    public static final int WINHTTP_ERROR_LAST                  = 12193;

    // WebSocket buffer types (WINHTTP_WEB_SOCKET_BUFFER_TYPE)
    /** A whole binary message, or its last part. */
    public static final int WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE  = 0;
    /** Part of a binary message; more follows. */
    public static final int WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE = 1;
    /** A whole UTF-8 message, or its last part. */
    public static final int WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE    = 2;
    /** Part of a UTF-8 message; more follows. */
    public static final int WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE   = 3;
    /** A close frame: the peer is closing. */
    public static final int WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE           = 4;

    // WebSocket operations named in a WebSocketAsyncResult (WINHTTP_WEB_SOCKET_OPERATION)
    /** webSocketSend. */
    public static final int WINHTTP_WEB_SOCKET_SEND_OPERATION     = 0;
    /** webSocketReceive. */
    public static final int WINHTTP_WEB_SOCKET_RECEIVE_OPERATION  = 1;
    /** webSocketClose. */
    public static final int WINHTTP_WEB_SOCKET_CLOSE_OPERATION    = 2;
    /** webSocketShutdown. */
    public static final int WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION = 3;

    // WebSocket close status codes (WINHTTP_WEB_SOCKET_CLOSE_STATUS, RFC 6455 section 7.4.1)
    /** 1000: normal closure. */
    public static final int WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS                = 1000;
    /** 1001: the endpoint is going away. */
    public static final int WINHTTP_WEB_SOCKET_ENDPOINT_TERMINATED_CLOSE_STATUS    = 1001;
    /** 1002: protocol error. */
    public static final int WINHTTP_WEB_SOCKET_PROTOCOL_ERROR_CLOSE_STATUS         = 1002;
    /** 1003: a data type the endpoint does not accept. */
    public static final int WINHTTP_WEB_SOCKET_INVALID_DATA_TYPE_CLOSE_STATUS      = 1003;
    /** 1005: the close frame had no status (never sent). */
    public static final int WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS                  = 1005;
    /** 1006: the connection ended without a close frame (never sent). */
    public static final int WINHTTP_WEB_SOCKET_ABORTED_CLOSE_STATUS                = 1006;
    /** 1007: data inconsistent with its type, such as bad UTF-8. */
    public static final int WINHTTP_WEB_SOCKET_INVALID_PAYLOAD_CLOSE_STATUS        = 1007;
    /** 1008: a policy was violated. */
    public static final int WINHTTP_WEB_SOCKET_POLICY_VIOLATION_CLOSE_STATUS       = 1008;
    /** 1009: the message is too big. */
    public static final int WINHTTP_WEB_SOCKET_MESSAGE_TOO_BIG_CLOSE_STATUS        = 1009;
    /** 1010: the server did not agree an extension the client needs. */
    public static final int WINHTTP_WEB_SOCKET_UNSUPPORTED_EXTENSIONS_CLOSE_STATUS = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int WINHTTP_WEB_SOCKET_SERVER_ERROR_CLOSE_STATUS           = 1011;
    /** 1015: the TLS handshake failed (never sent). */
    public static final int WINHTTP_WEB_SOCKET_SECURE_HANDSHAKE_ERROR_CLOSE_STATUS = 1015;

    // WebSocket limits: close reason bytes, and the smallest keep-alive interval in ms
    /** The longest close reason, in bytes. */
    public static final int WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH = 123;
    /** The smallest WEB_SOCKET_KEEPALIVE_INTERVAL, in milliseconds. */
    public static final int WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE     = 15000;

    // HTTP status codes with winhttp.h's names (HTTP_STATUS_*)
    /** 100 Continue. */
    public static final int HTTP_STATUS_CONTINUE            = 100;
    /** 101 Switching Protocols. */
    public static final int HTTP_STATUS_SWITCH_PROTOCOLS    = 101;
    /** 200 OK. */
    public static final int HTTP_STATUS_OK                  = 200;
    /** 201 Created. */
    public static final int HTTP_STATUS_CREATED             = 201;
    /** 202 Accepted. */
    public static final int HTTP_STATUS_ACCEPTED            = 202;
    /** 203 Non-Authoritative Information. */
    public static final int HTTP_STATUS_PARTIAL             = 203;
    /** 204 No Content. */
    public static final int HTTP_STATUS_NO_CONTENT          = 204;
    /** 205 Reset Content. */
    public static final int HTTP_STATUS_RESET_CONTENT       = 205;
    /** 206 Partial Content. */
    public static final int HTTP_STATUS_PARTIAL_CONTENT     = 206;
    /** 207 Multi-Status (WebDAV). */
    public static final int HTTP_STATUS_WEBDAV_MULTI_STATUS = 207;
    /** 300 Multiple Choices. */
    public static final int HTTP_STATUS_AMBIGUOUS           = 300;
    /** 301 Moved Permanently. */
    public static final int HTTP_STATUS_MOVED               = 301;
    /** 302 Found (temporary redirect). */
    public static final int HTTP_STATUS_REDIRECT            = 302;
    /** 303 See Other (redirect with GET). */
    public static final int HTTP_STATUS_REDIRECT_METHOD     = 303;
    /** 304 Not Modified. */
    public static final int HTTP_STATUS_NOT_MODIFIED        = 304;
    /** 305 Use Proxy. */
    public static final int HTTP_STATUS_USE_PROXY           = 305;
    /** 307 Temporary Redirect (verb kept). */
    public static final int HTTP_STATUS_REDIRECT_KEEP_VERB  = 307;
    /** 308 Permanent Redirect (verb kept). */
    public static final int HTTP_STATUS_PERMANENT_REDIRECT  = 308;
    /** 400 Bad Request. */
    public static final int HTTP_STATUS_BAD_REQUEST         = 400;
    /** 401 Unauthorized: the server asks for credentials. */
    public static final int HTTP_STATUS_DENIED              = 401;
    /** 402 Payment Required. */
    public static final int HTTP_STATUS_PAYMENT_REQ         = 402;
    /** 403 Forbidden. */
    public static final int HTTP_STATUS_FORBIDDEN           = 403;
    /** 404 Not Found. */
    public static final int HTTP_STATUS_NOT_FOUND           = 404;
    /** 405 Method Not Allowed. */
    public static final int HTTP_STATUS_BAD_METHOD          = 405;
    /** 406 Not Acceptable. */
    public static final int HTTP_STATUS_NONE_ACCEPTABLE     = 406;
    /** 407 Proxy Authentication Required. */
    public static final int HTTP_STATUS_PROXY_AUTH_REQ      = 407;
    /** 408 Request Timeout. */
    public static final int HTTP_STATUS_REQUEST_TIMEOUT     = 408;
    /** 409 Conflict. */
    public static final int HTTP_STATUS_CONFLICT            = 409;
    /** 410 Gone. */
    public static final int HTTP_STATUS_GONE                = 410;
    /** 411 Length Required. */
    public static final int HTTP_STATUS_LENGTH_REQUIRED     = 411;
    /** 412 Precondition Failed. */
    public static final int HTTP_STATUS_PRECOND_FAILED      = 412;
    /** 413 Payload Too Large. */
    public static final int HTTP_STATUS_REQUEST_TOO_LARGE   = 413;
    /** 414 URI Too Long. */
    public static final int HTTP_STATUS_URI_TOO_LONG        = 414;
    /** 415 Unsupported Media Type. */
    public static final int HTTP_STATUS_UNSUPPORTED_MEDIA   = 415;
    /** 449 Retry With (a Microsoft extension). */
    public static final int HTTP_STATUS_RETRY_WITH          = 449;
    /** 500 Internal Server Error. */
    public static final int HTTP_STATUS_SERVER_ERROR        = 500;
    /** 501 Not Implemented. */
    public static final int HTTP_STATUS_NOT_SUPPORTED       = 501;
    /** 502 Bad Gateway. */
    public static final int HTTP_STATUS_BAD_GATEWAY         = 502;
    /** 503 Service Unavailable. */
    public static final int HTTP_STATUS_SERVICE_UNAVAIL     = 503;
    /** 504 Gateway Timeout. */
    public static final int HTTP_STATUS_GATEWAY_TIMEOUT     = 504;
    /** 505 HTTP Version Not Supported. */
    public static final int HTTP_STATUS_VERSION_NOT_SUP     = 505;
    /** The lowest status code with a name here. */
    public static final int HTTP_STATUS_FIRST               = 100;
    /** The highest status code with a name here. */
    public static final int HTTP_STATUS_LAST                = 505;

    /**
     * Names a callback status without its {@code WINHTTP_CALLBACK_STATUS_} prefix, for logs:
     * {@code statusName(0x10)} is {@code "SENDING_REQUEST"}.
     *
     * @param status a {@code WINHTTP_CALLBACK_STATUS_*} value
     * @return its short name, or the value in hex (for example {@code "0x00002000"}) if it names none
     */
    public static String statusName(int status) {
        return switch (status) {
            case WINHTTP_CALLBACK_STATUS_RESOLVING_NAME -> "RESOLVING_NAME";
            case WINHTTP_CALLBACK_STATUS_NAME_RESOLVED -> "NAME_RESOLVED";
            case WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER -> "CONNECTING_TO_SERVER";
            case WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER -> "CONNECTED_TO_SERVER";
            case WINHTTP_CALLBACK_STATUS_SENDING_REQUEST -> "SENDING_REQUEST";
            case WINHTTP_CALLBACK_STATUS_REQUEST_SENT -> "REQUEST_SENT";
            case WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE -> "RECEIVING_RESPONSE";
            case WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED -> "RESPONSE_RECEIVED";
            case WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION -> "CLOSING_CONNECTION";
            case WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED -> "CONNECTION_CLOSED";
            case WINHTTP_CALLBACK_STATUS_HANDLE_CREATED -> "HANDLE_CREATED";
            case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> "HANDLE_CLOSING";
            case WINHTTP_CALLBACK_STATUS_DETECTING_PROXY -> "DETECTING_PROXY";
            case WINHTTP_CALLBACK_STATUS_REDIRECT -> "REDIRECT";
            case WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE -> "INTERMEDIATE_RESPONSE";
            case WINHTTP_CALLBACK_STATUS_SECURE_FAILURE -> "SECURE_FAILURE";
            case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> "HEADERS_AVAILABLE";
            case WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE -> "DATA_AVAILABLE";
            case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> "READ_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE -> "WRITE_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> "REQUEST_ERROR";
            case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> "SENDREQUEST_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_GETPROXYFORURL_COMPLETE -> "GETPROXYFORURL_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE -> "CLOSE_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE -> "SHUTDOWN_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_GETPROXYSETTINGS_COMPLETE -> "GETPROXYSETTINGS_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_SETTINGS_WRITE_COMPLETE -> "SETTINGS_WRITE_COMPLETE";
            case WINHTTP_CALLBACK_STATUS_SETTINGS_READ_COMPLETE -> "SETTINGS_READ_COMPLETE";
            default -> String.format("0x%08X", status);
        };
    }
}
