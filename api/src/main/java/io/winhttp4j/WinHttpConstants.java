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
    public static final int WINHTTP_CALLBACK_STATUS_RESOLVING_NAME            = 0x00000001;
    public static final int WINHTTP_CALLBACK_STATUS_NAME_RESOLVED             = 0x00000002;
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER      = 0x00000004;
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER       = 0x00000008;
    public static final int WINHTTP_CALLBACK_STATUS_SENDING_REQUEST           = 0x00000010;
    public static final int WINHTTP_CALLBACK_STATUS_REQUEST_SENT              = 0x00000020;
    public static final int WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE        = 0x00000040;
    public static final int WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED         = 0x00000080;
    public static final int WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION        = 0x00000100;
    public static final int WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED         = 0x00000200;
    public static final int WINHTTP_CALLBACK_STATUS_HANDLE_CREATED            = 0x00000400;
    public static final int WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING            = 0x00000800;
    public static final int WINHTTP_CALLBACK_STATUS_DETECTING_PROXY           = 0x00001000;
    public static final int WINHTTP_CALLBACK_STATUS_REDIRECT                  = 0x00004000;
    public static final int WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE     = 0x00008000;
    public static final int WINHTTP_CALLBACK_STATUS_SECURE_FAILURE            = 0x00010000;
    public static final int WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE         = 0x00020000;
    public static final int WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE            = 0x00040000;
    public static final int WINHTTP_CALLBACK_STATUS_READ_COMPLETE             = 0x00080000;
    public static final int WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE            = 0x00100000;
    public static final int WINHTTP_CALLBACK_STATUS_REQUEST_ERROR             = 0x00200000;
    public static final int WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE      = 0x00400000;
    public static final int WINHTTP_CALLBACK_STATUS_GETPROXYFORURL_COMPLETE   = 0x01000000;
    public static final int WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE            = 0x02000000;
    public static final int WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE         = 0x04000000;
    public static final int WINHTTP_CALLBACK_STATUS_GETPROXYSETTINGS_COMPLETE = 0x08000000;
    public static final int WINHTTP_CALLBACK_STATUS_SETTINGS_WRITE_COMPLETE   = 0x10000000;
    public static final int WINHTTP_CALLBACK_STATUS_SETTINGS_READ_COMPLETE    = 0x20000000;

    // Notification masks for setStatusCallback (WINHTTP_CALLBACK_FLAG_*); ALL_COMPLETIONS is the SDK value
    public static final int WINHTTP_CALLBACK_FLAG_RESOLVE_NAME              = 0x00000003;
    public static final int WINHTTP_CALLBACK_FLAG_CONNECT_TO_SERVER         = 0x0000000C;
    public static final int WINHTTP_CALLBACK_FLAG_SEND_REQUEST              = 0x00000030;
    public static final int WINHTTP_CALLBACK_FLAG_RECEIVE_RESPONSE          = 0x000000C0;
    public static final int WINHTTP_CALLBACK_FLAG_CLOSE_CONNECTION          = 0x00000300;
    public static final int WINHTTP_CALLBACK_FLAG_HANDLES                   = 0x00000C00;
    public static final int WINHTTP_CALLBACK_FLAG_DETECTING_PROXY           = 0x00001000;
    public static final int WINHTTP_CALLBACK_FLAG_REDIRECT                  = 0x00004000;
    public static final int WINHTTP_CALLBACK_FLAG_INTERMEDIATE_RESPONSE     = 0x00008000;
    public static final int WINHTTP_CALLBACK_FLAG_SECURE_FAILURE            = 0x00010000;
    public static final int WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE      = 0x00400000;
    public static final int WINHTTP_CALLBACK_FLAG_HEADERS_AVAILABLE         = 0x00020000;
    public static final int WINHTTP_CALLBACK_FLAG_DATA_AVAILABLE            = 0x00040000;
    public static final int WINHTTP_CALLBACK_FLAG_READ_COMPLETE             = 0x00080000;
    public static final int WINHTTP_CALLBACK_FLAG_WRITE_COMPLETE            = 0x00100000;
    public static final int WINHTTP_CALLBACK_FLAG_REQUEST_ERROR             = 0x00200000;
    public static final int WINHTTP_CALLBACK_FLAG_GETPROXYFORURL_COMPLETE   = 0x01000000;
    public static final int WINHTTP_CALLBACK_FLAG_GETPROXYSETTINGS_COMPLETE = 0x08000000;
    public static final int WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS           = 0x097E0000;
    public static final int WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS         = 0xFFFFFFFF;

    // SECURE_FAILURE payload bits (WINHTTP_CALLBACK_STATUS_FLAG_*)
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED        = 0x00000001;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CERT           = 0x00000002;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_REVOKED           = 0x00000004;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA             = 0x00000008;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID        = 0x00000010;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_DATE_INVALID      = 0x00000020;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_CERT_WRONG_USAGE       = 0x00000040;
    public static final int WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR = 0x80000000;

    // Failed call named in a REQUEST_ERROR's AsyncResult (API_*)
    public static final int API_RECEIVE_RESPONSE     = 1;
    public static final int API_QUERY_DATA_AVAILABLE = 2;
    public static final int API_READ_DATA            = 3;
    public static final int API_WRITE_DATA           = 4;
    public static final int API_SEND_REQUEST         = 5;
    public static final int API_GET_PROXY_FOR_URL    = 6;
    public static final int API_GET_PROXY_SETTINGS   = 7;

    // Handle kinds returned by HInternet.handleType() and WINHTTP_OPTION_HANDLE_TYPE (WINHTTP_HANDLE_TYPE_*)
    public static final int WINHTTP_HANDLE_TYPE_SESSION        = 1;
    public static final int WINHTTP_HANDLE_TYPE_CONNECT        = 2;
    public static final int WINHTTP_HANDLE_TYPE_REQUEST        = 3;
    public static final int WINHTTP_HANDLE_TYPE_PROXY_RESOLVER = 4;
    public static final int WINHTTP_HANDLE_TYPE_WEBSOCKET      = 5;
    public static final int WINHTTP_HANDLE_TYPE_PROTOCOL       = 6;

    // Option ids for setOption/queryOption (WINHTTP_OPTION_*); FIRST/LAST bound the numbered range
    public static final int WINHTTP_FIRST_OPTION                              = 1;
    public static final int WINHTTP_OPTION_CALLBACK                           = 1;
    public static final int WINHTTP_OPTION_RESOLVE_TIMEOUT                    = 2;
    public static final int WINHTTP_OPTION_CONNECT_TIMEOUT                    = 3;
    public static final int WINHTTP_OPTION_CONNECT_RETRIES                    = 4;
    public static final int WINHTTP_OPTION_SEND_TIMEOUT                       = 5;
    public static final int WINHTTP_OPTION_RECEIVE_TIMEOUT                    = 6;
    public static final int WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT           = 7;
    public static final int WINHTTP_OPTION_HANDLE_TYPE                        = 9;
    public static final int WINHTTP_OPTION_READ_BUFFER_SIZE                   = 12;
    public static final int WINHTTP_OPTION_WRITE_BUFFER_SIZE                  = 13;
    public static final int WINHTTP_OPTION_PARENT_HANDLE                      = 21;
    public static final int WINHTTP_OPTION_EXTENDED_ERROR                     = 24;
    public static final int WINHTTP_OPTION_SECURITY_FLAGS                     = 31;
    public static final int WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT        = 32;
    public static final int WINHTTP_OPTION_URL                                = 34;
    public static final int WINHTTP_OPTION_SECURITY_KEY_BITNESS               = 36;
    public static final int WINHTTP_OPTION_PROXY                              = 38;
    public static final int WINHTTP_OPTION_PROXY_RESULT_ENTRY                 = 39;
    public static final int WINHTTP_OPTION_USER_AGENT                         = 41;
    public static final int WINHTTP_OPTION_CONTEXT_VALUE                      = 45;
    public static final int WINHTTP_OPTION_CLIENT_CERT_CONTEXT                = 47;
    public static final int WINHTTP_OPTION_REQUEST_PRIORITY                   = 58;
    public static final int WINHTTP_OPTION_HTTP_VERSION                       = 59;
    public static final int WINHTTP_OPTION_DISABLE_FEATURE                    = 63;
    public static final int WINHTTP_OPTION_CODEPAGE                           = 68;
    public static final int WINHTTP_OPTION_MAX_CONNS_PER_SERVER               = 73;
    public static final int WINHTTP_OPTION_MAX_CONNS_PER_1_0_SERVER           = 74;
    public static final int WINHTTP_OPTION_AUTOLOGON_POLICY                   = 77;
    public static final int WINHTTP_OPTION_SERVER_CERT_CONTEXT                = 78;
    public static final int WINHTTP_OPTION_ENABLE_FEATURE                     = 79;
    public static final int WINHTTP_OPTION_WORKER_THREAD_COUNT                = 80;
    public static final int WINHTTP_OPTION_PASSPORT_COBRANDING_TEXT           = 81;
    public static final int WINHTTP_OPTION_PASSPORT_COBRANDING_URL            = 82;
    public static final int WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH            = 83;
    public static final int WINHTTP_OPTION_SECURE_PROTOCOLS                   = 84;
    public static final int WINHTTP_OPTION_ENABLETRACING                      = 85;
    public static final int WINHTTP_OPTION_PASSPORT_SIGN_OUT                  = 86;
    public static final int WINHTTP_OPTION_PASSPORT_RETURN_URL                = 87;
    public static final int WINHTTP_OPTION_REDIRECT_POLICY                    = 88;
    public static final int WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS       = 89;
    public static final int WINHTTP_OPTION_MAX_HTTP_STATUS_CONTINUE           = 90;
    public static final int WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE           = 91;
    public static final int WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE            = 92;
    public static final int WINHTTP_OPTION_CONNECTION_INFO                    = 93;
    public static final int WINHTTP_OPTION_CLIENT_CERT_ISSUER_LIST            = 94;
    public static final int WINHTTP_OPTION_SPN                                = 96;
    public static final int WINHTTP_OPTION_GLOBAL_PROXY_CREDS                 = 97;
    public static final int WINHTTP_OPTION_GLOBAL_SERVER_CREDS                = 98;
    public static final int WINHTTP_OPTION_UNLOAD_NOTIFY_EVENT                = 99;
    public static final int WINHTTP_OPTION_REJECT_USERPWD_IN_URL              = 100;
    public static final int WINHTTP_OPTION_USE_GLOBAL_SERVER_CREDENTIALS      = 101;
    public static final int WINHTTP_OPTION_RECEIVE_PROXY_CONNECT_RESPONSE     = 103;
    public static final int WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE          = 104;
    public static final int WINHTTP_OPTION_NETWORK_INTERFACE_AFFINITY         = 105;
    public static final int WINHTTP_OPTION_SERVER_SPN_USED                    = 106;
    public static final int WINHTTP_OPTION_PROXY_SPN_USED                     = 107;
    public static final int WINHTTP_OPTION_SERVER_CBT                         = 108;
    public static final int WINHTTP_OPTION_UNSAFE_HEADER_PARSING              = 110;
    public static final int WINHTTP_OPTION_ASSURED_NON_BLOCKING_CALLBACKS     = 111;
    public static final int WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET              = 114;
    public static final int WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT           = 115;
    public static final int WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL      = 116;
    public static final int WINHTTP_OPTION_DECOMPRESSION                      = 118;
    public static final int WINHTTP_OPTION_WEB_SOCKET_RECEIVE_BUFFER_SIZE     = 122;
    public static final int WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE        = 123;
    public static final int WINHTTP_OPTION_TCP_PRIORITY_HINT                  = 128;
    public static final int WINHTTP_OPTION_CONNECTION_FILTER                  = 131;
    public static final int WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL               = 133;
    public static final int WINHTTP_OPTION_HTTP_PROTOCOL_USED                 = 134;
    public static final int WINHTTP_OPTION_KDC_PROXY_SETTINGS                 = 136;
    public static final int WINHTTP_OPTION_PROXY_DISABLE_SERVICE_CALLS        = 137;
    public static final int WINHTTP_OPTION_ENCODE_EXTRA                       = 138;
    public static final int WINHTTP_OPTION_DISABLE_STREAM_QUEUE               = 139;
    public static final int WINHTTP_OPTION_IPV6_FAST_FALLBACK                 = 140;
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V0                = 141;
    public static final int WINHTTP_OPTION_REQUEST_TIMES                      = 142;
    public static final int WINHTTP_OPTION_EXPIRE_CONNECTION                  = 143;
    public static final int WINHTTP_OPTION_DISABLE_SECURE_PROTOCOL_FALLBACK   = 144;
    public static final int WINHTTP_OPTION_HTTP_PROTOCOL_REQUIRED             = 145;
    public static final int WINHTTP_OPTION_REQUEST_STATS                      = 146;
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_CONTEXT          = 147;
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_FLAGS      = 148;
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V1                = 150;
    public static final int WINHTTP_OPTION_SECURITY_INFO                      = 151;
    public static final int WINHTTP_OPTION_TCP_KEEPALIVE                      = 152;
    public static final int WINHTTP_OPTION_TCP_FAST_OPEN                      = 153;
    public static final int WINHTTP_OPTION_TLS_FALSE_START                    = 154;
    public static final int WINHTTP_OPTION_IGNORE_CERT_REVOCATION_OFFLINE     = 155;
    public static final int WINHTTP_OPTION_TLS_PROTOCOL_INSECURE_FALLBACK     = 158;
    public static final int WINHTTP_OPTION_STREAM_ERROR_CODE                  = 159;
    public static final int WINHTTP_OPTION_REQUIRE_STREAM_END                 = 160;
    public static final int WINHTTP_OPTION_ENABLE_HTTP2_PLUS_CLIENT_CERT      = 161;
    public static final int WINHTTP_OPTION_FAILED_CONNECTION_RETRIES          = 162;
    public static final int WINHTTP_OPTION_HTTP2_KEEPALIVE                    = 164;
    public static final int WINHTTP_OPTION_RESOLUTION_HOSTNAME                = 165;
    public static final int WINHTTP_OPTION_SET_TOKEN_BINDING                  = 166;
    public static final int WINHTTP_OPTION_TOKEN_BINDING_PUBLIC_KEY           = 167;
    public static final int WINHTTP_OPTION_REFERER_TOKEN_BINDING_HOSTNAME     = 168;
    public static final int WINHTTP_OPTION_HTTP2_PLUS_TRANSFER_ENCODING       = 169;
    public static final int WINHTTP_OPTION_RESOLVER_CACHE_CONFIG              = 170;
    public static final int WINHTTP_OPTION_DISABLE_CERT_CHAIN_BUILDING        = 171;
    public static final int WINHTTP_OPTION_BACKGROUND_CONNECTIONS             = 172;
    public static final int WINHTTP_OPTION_FIRST_AVAILABLE_CONNECTION         = 173;
    public static final int WINHTTP_OPTION_TCP_PRIORITY_STATUS                = 177;
    public static final int WINHTTP_OPTION_CONNECTION_GUID                    = 178;
    public static final int WINHTTP_OPTION_MATCH_CONNECTION_GUID              = 179;
    public static final int WINHTTP_OPTION_HTTP2_RECEIVE_WINDOW               = 183;
    public static final int WINHTTP_OPTION_FEATURE_SUPPORTED                  = 184;
    public static final int WINHTTP_OPTION_QUIC_STATS                         = 185;
    public static final int WINHTTP_OPTION_HTTP3_KEEPALIVE                    = 188;
    public static final int WINHTTP_OPTION_HTTP3_HANDSHAKE_TIMEOUT            = 189;
    public static final int WINHTTP_OPTION_HTTP3_INITIAL_RTT                  = 190;
    public static final int WINHTTP_OPTION_HTTP3_STREAM_ERROR_CODE            = 191;
    public static final int WINHTTP_OPTION_REQUEST_ANNOTATION                 = 192;
    public static final int WINHTTP_OPTION_DISABLE_PROXY_AUTH_SCHEMES         = 193;
    public static final int WINHTTP_OPTION_REVERT_IMPERSONATION_SERVER_CERT   = 194;
    public static final int WINHTTP_OPTION_DISABLE_GLOBAL_POOLING             = 195;
    public static final int WINHTTP_OPTION_USE_SESSION_SCH_CRED               = 196;
    public static final int WINHTTP_OPTION_SERVER_CERT_CHAIN_BUILD_CACHE_ONLY = 199;
    public static final int WINHTTP_OPTION_QUIC_STATS_V2                      = 200;
    public static final int WINHTTP_OPTION_QUIC_STREAM_STATS                  = 202;
    public static final int WINHTTP_OPTION_USE_LOOKASIDE                      = 203;
    public static final int WINHTTP_OPTION_ERROR_LOG_GUID                     = 204;
    public static final int WINHTTP_OPTION_ENABLE_FAST_FORWARDING             = 205;
    public static final int WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_DATA      = 206;
    public static final int WINHTTP_OPTION_UPGRADE_TO_PROTOCOL                = 207;
    public static final int WINHTTP_OPTION_CONNECTION_STATS_V2                = 208;
    public static final int WINHTTP_OPTION_FAST_FORWARDING_RESPONSE_STATUS    = 209;
    public static final int WINHTTP_OPTION_DSCP_TAG                           = 210;
    public static final int WINHTTP_OPTION_HTTP11_DOWNGRADE_TTL               = 211;
    public static final int WINHTTP_OPTION_SESSION_ERROR_LOG_GUID             = 212;
    public static final int WINHTTP_LAST_OPTION                               = 212;
    public static final int WINHTTP_OPTION_USERNAME                           = 0x1000;
    public static final int WINHTTP_OPTION_PASSWORD                           = 0x1001;
    public static final int WINHTTP_OPTION_PROXY_USERNAME                     = 0x1002;
    public static final int WINHTTP_OPTION_PROXY_PASSWORD                     = 0x1003;

    // Values of WINHTTP_OPTION_MAX_CONNS_PER_SERVER / _1_0_SERVER and WINHTTP_OPTION_REQUEST_ANNOTATION
    public static final int WINHTTP_CONNS_PER_SERVER_UNLIMITED           = 0xFFFFFFFF;
    public static final int WINHTTP_OPTION_REQUEST_ANNOTATION_MAX_LENGTH = 0xFA00;

    // Values of WINHTTP_OPTION_DECOMPRESSION (WINHTTP_DECOMPRESSION_FLAG_*)
    public static final int WINHTTP_DECOMPRESSION_FLAG_GZIP    = 0x1;
    public static final int WINHTTP_DECOMPRESSION_FLAG_DEFLATE = 0x2;
    public static final int WINHTTP_DECOMPRESSION_FLAG_ALL     = 0x3;

    // Values of WINHTTP_OPTION_ENABLE_HTTP_PROTOCOL / HTTP_PROTOCOL_USED (WINHTTP_PROTOCOL_*)
    public static final int WINHTTP_PROTOCOL_FLAG_HTTP2 = 0x1;
    public static final int WINHTTP_PROTOCOL_FLAG_HTTP3 = 0x2;
    public static final int WINHTTP_PROTOCOL_MASK       = 0x3;

    // Values of WINHTTP_OPTION_AUTOLOGON_POLICY (WINHTTP_AUTOLOGON_SECURITY_LEVEL_*)
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_MEDIUM     = 0;
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_LOW        = 1;
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_HIGH       = 2;
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_PROXY_ONLY = 3;
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_DEFAULT    = 0;
    public static final int WINHTTP_AUTOLOGON_SECURITY_LEVEL_MAX        = 3;

    // Values of WINHTTP_OPTION_REDIRECT_POLICY (WINHTTP_OPTION_REDIRECT_POLICY_*)
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_NEVER                  = 0;
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP = 1;
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_ALWAYS                 = 2;
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_LAST                   = 2;
    public static final int WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT                = 1;

    // Values of WINHTTP_OPTION_CONFIGURE_PASSPORT_AUTH
    public static final int WINHTTP_DISABLE_PASSPORT_AUTH    = 0x00000000;
    public static final int WINHTTP_ENABLE_PASSPORT_AUTH     = 0x10000000;
    public static final int WINHTTP_DISABLE_PASSPORT_KEYRING = 0x20000000;
    public static final int WINHTTP_ENABLE_PASSPORT_KEYRING  = 0x40000000;

    // Values of WINHTTP_OPTION_DISABLE_FEATURE (WINHTTP_DISABLE_*)
    public static final int WINHTTP_DISABLE_COOKIES        = 0x1;
    public static final int WINHTTP_DISABLE_REDIRECTS      = 0x2;
    public static final int WINHTTP_DISABLE_AUTHENTICATION = 0x4;
    public static final int WINHTTP_DISABLE_KEEP_ALIVE     = 0x8;

    // Values of WINHTTP_OPTION_ENABLE_FEATURE (WINHTTP_ENABLE_*)
    public static final int WINHTTP_ENABLE_SSL_REVOCATION           = 0x1;
    public static final int WINHTTP_ENABLE_SSL_REVERT_IMPERSONATION = 0x2;

    // Values of WINHTTP_OPTION_SPN
    public static final int WINHTTP_DISABLE_SPN_SERVER_PORT = 0;
    public static final int WINHTTP_ENABLE_SPN_SERVER_PORT  = 1;
    public static final int WINHTTP_OPTION_SPN_MASK         = 1;

    // WINHTTP_OPTION_SECURITY_FLAGS bits: settable IGNORE_* ones, then query-only ones
    public static final int SECURITY_FLAG_IGNORE_UNKNOWN_CA        = 0x00000100;
    public static final int SECURITY_FLAG_IGNORE_CERT_WRONG_USAGE  = 0x00000200;
    public static final int SECURITY_FLAG_IGNORE_CERT_CN_INVALID   = 0x00001000;
    public static final int SECURITY_FLAG_IGNORE_CERT_DATE_INVALID = 0x00002000;
    public static final int SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS   = 0x00003300;
    public static final int SECURITY_FLAG_SECURE                   = 0x00000001;
    public static final int SECURITY_FLAG_STRENGTH_WEAK            = 0x10000000;
    public static final int SECURITY_FLAG_STRENGTH_MEDIUM          = 0x40000000;
    public static final int SECURITY_FLAG_STRENGTH_STRONG          = 0x20000000;

    // Values of WINHTTP_OPTION_SECURE_PROTOCOLS (WINHTTP_FLAG_SECURE_PROTOCOL_*); ALL is SSL2|SSL3|TLS1 only, as in the SDK
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_SSL2   = 0x00000008;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_SSL3   = 0x00000020;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1   = 0x00000080;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1 = 0x00000200;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 = 0x00000800;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3 = 0x00002000;
    public static final int WINHTTP_FLAG_SECURE_PROTOCOL_ALL    = 0x000000A8;

    // Authentication schemes and targets for queryAuthSchemes/setCredentials
    public static final int WINHTTP_AUTH_SCHEME_BASIC     = 0x1;
    public static final int WINHTTP_AUTH_SCHEME_NTLM      = 0x2;
    public static final int WINHTTP_AUTH_SCHEME_PASSPORT  = 0x4;
    public static final int WINHTTP_AUTH_SCHEME_DIGEST    = 0x8;
    public static final int WINHTTP_AUTH_SCHEME_NEGOTIATE = 0x10;
    public static final int WINHTTP_AUTH_TARGET_SERVER    = 0;
    public static final int WINHTTP_AUTH_TARGET_PROXY     = 1;

    // Header info levels for queryHeaders (WINHTTP_QUERY_*); 71-74 are unused; CUSTOM takes the name argument
    public static final int WINHTTP_QUERY_MIME_VERSION              = 0;
    public static final int WINHTTP_QUERY_CONTENT_TYPE              = 1;
    public static final int WINHTTP_QUERY_CONTENT_TRANSFER_ENCODING = 2;
    public static final int WINHTTP_QUERY_CONTENT_ID                = 3;
    public static final int WINHTTP_QUERY_CONTENT_DESCRIPTION       = 4;
    public static final int WINHTTP_QUERY_CONTENT_LENGTH            = 5;
    public static final int WINHTTP_QUERY_CONTENT_LANGUAGE          = 6;
    public static final int WINHTTP_QUERY_ALLOW                     = 7;
    public static final int WINHTTP_QUERY_PUBLIC                    = 8;
    public static final int WINHTTP_QUERY_DATE                      = 9;
    public static final int WINHTTP_QUERY_EXPIRES                   = 10;
    public static final int WINHTTP_QUERY_LAST_MODIFIED             = 11;
    public static final int WINHTTP_QUERY_MESSAGE_ID                = 12;
    public static final int WINHTTP_QUERY_URI                       = 13;
    public static final int WINHTTP_QUERY_DERIVED_FROM              = 14;
    public static final int WINHTTP_QUERY_COST                      = 15;
    public static final int WINHTTP_QUERY_LINK                      = 16;
    public static final int WINHTTP_QUERY_PRAGMA                    = 17;
    public static final int WINHTTP_QUERY_VERSION                   = 18;
    public static final int WINHTTP_QUERY_STATUS_CODE               = 19;
    public static final int WINHTTP_QUERY_STATUS_TEXT               = 20;
    public static final int WINHTTP_QUERY_RAW_HEADERS               = 21;
    public static final int WINHTTP_QUERY_RAW_HEADERS_CRLF          = 22;
    public static final int WINHTTP_QUERY_CONNECTION                = 23;
    public static final int WINHTTP_QUERY_ACCEPT                    = 24;
    public static final int WINHTTP_QUERY_ACCEPT_CHARSET            = 25;
    public static final int WINHTTP_QUERY_ACCEPT_ENCODING           = 26;
    public static final int WINHTTP_QUERY_ACCEPT_LANGUAGE           = 27;
    public static final int WINHTTP_QUERY_AUTHORIZATION             = 28;
    public static final int WINHTTP_QUERY_CONTENT_ENCODING          = 29;
    public static final int WINHTTP_QUERY_FORWARDED                 = 30;
    public static final int WINHTTP_QUERY_FROM                      = 31;
    public static final int WINHTTP_QUERY_IF_MODIFIED_SINCE         = 32;
    public static final int WINHTTP_QUERY_LOCATION                  = 33;
    public static final int WINHTTP_QUERY_ORIG_URI                  = 34;
    public static final int WINHTTP_QUERY_REFERER                   = 35;
    public static final int WINHTTP_QUERY_RETRY_AFTER               = 36;
    public static final int WINHTTP_QUERY_SERVER                    = 37;
    public static final int WINHTTP_QUERY_TITLE                     = 38;
    public static final int WINHTTP_QUERY_USER_AGENT                = 39;
    public static final int WINHTTP_QUERY_WWW_AUTHENTICATE          = 40;
    public static final int WINHTTP_QUERY_PROXY_AUTHENTICATE        = 41;
    public static final int WINHTTP_QUERY_ACCEPT_RANGES             = 42;
    public static final int WINHTTP_QUERY_SET_COOKIE                = 43;
    public static final int WINHTTP_QUERY_COOKIE                    = 44;
    public static final int WINHTTP_QUERY_REQUEST_METHOD            = 45;
    public static final int WINHTTP_QUERY_REFRESH                   = 46;
    public static final int WINHTTP_QUERY_CONTENT_DISPOSITION       = 47;
    public static final int WINHTTP_QUERY_AGE                       = 48;
    public static final int WINHTTP_QUERY_CACHE_CONTROL             = 49;
    public static final int WINHTTP_QUERY_CONTENT_BASE              = 50;
    public static final int WINHTTP_QUERY_CONTENT_LOCATION          = 51;
    public static final int WINHTTP_QUERY_CONTENT_MD5               = 52;
    public static final int WINHTTP_QUERY_CONTENT_RANGE             = 53;
    public static final int WINHTTP_QUERY_ETAG                      = 54;
    public static final int WINHTTP_QUERY_HOST                      = 55;
    public static final int WINHTTP_QUERY_IF_MATCH                  = 56;
    public static final int WINHTTP_QUERY_IF_NONE_MATCH             = 57;
    public static final int WINHTTP_QUERY_IF_RANGE                  = 58;
    public static final int WINHTTP_QUERY_IF_UNMODIFIED_SINCE       = 59;
    public static final int WINHTTP_QUERY_MAX_FORWARDS              = 60;
    public static final int WINHTTP_QUERY_PROXY_AUTHORIZATION       = 61;
    public static final int WINHTTP_QUERY_RANGE                     = 62;
    public static final int WINHTTP_QUERY_TRANSFER_ENCODING         = 63;
    public static final int WINHTTP_QUERY_UPGRADE                   = 64;
    public static final int WINHTTP_QUERY_VARY                      = 65;
    public static final int WINHTTP_QUERY_VIA                       = 66;
    public static final int WINHTTP_QUERY_WARNING                   = 67;
    public static final int WINHTTP_QUERY_EXPECT                    = 68;
    public static final int WINHTTP_QUERY_PROXY_CONNECTION          = 69;
    public static final int WINHTTP_QUERY_UNLESS_MODIFIED_SINCE     = 70;
    public static final int WINHTTP_QUERY_PROXY_SUPPORT             = 75;
    public static final int WINHTTP_QUERY_AUTHENTICATION_INFO       = 76;
    public static final int WINHTTP_QUERY_PASSPORT_URLS             = 77;
    public static final int WINHTTP_QUERY_PASSPORT_CONFIG           = 78;
    public static final int WINHTTP_QUERY_MAX                       = 78;
    public static final int WINHTTP_QUERY_CUSTOM                    = 65535;
    public static final int WINHTTP_QUERY_EX_ALL_HEADERS            = 21;

    // Modifiers OR-ed into a query info level (WINHTTP_QUERY_FLAG_*)
    public static final int WINHTTP_QUERY_FLAG_REQUEST_HEADERS = 0x80000000;
    public static final int WINHTTP_QUERY_FLAG_SYSTEMTIME      = 0x40000000;
    public static final int WINHTTP_QUERY_FLAG_NUMBER          = 0x20000000;
    public static final int WINHTTP_QUERY_FLAG_NUMBER64        = 0x08000000;
    public static final int WINHTTP_QUERY_FLAG_TRAILERS        = 0x02000000;
    public static final int WINHTTP_QUERY_FLAG_WIRE_ENCODING   = 0x01000000;

    // Modifiers for addRequestHeaders (WINHTTP_ADDREQ_*)
    public static final int WINHTTP_ADDREQ_INDEX_MASK                   = 0x0000FFFF;
    public static final int WINHTTP_ADDREQ_FLAGS_MASK                   = 0xFFFF0000;
    public static final int WINHTTP_ADDREQ_FLAG_ADD_IF_NEW              = 0x10000000;
    public static final int WINHTTP_ADDREQ_FLAG_ADD                     = 0x20000000;
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA     = 0x40000000;
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON = 0x01000000;
    public static final int WINHTTP_ADDREQ_FLAG_COALESCE                = 0x40000000;
    public static final int WINHTTP_ADDREQ_FLAG_REPLACE                 = 0x80000000;

    // Flags for open (WINHTTP_FLAG_ASYNC, WINHTTP_FLAG_SECURE_DEFAULTS, which also implies async)
    public static final int WINHTTP_FLAG_ASYNC           = 0x10000000;
    public static final int WINHTTP_FLAG_SECURE_DEFAULTS = 0x30000000;

    // Flags for openRequest
    public static final int WINHTTP_FLAG_SECURE               = 0x00800000;
    public static final int WINHTTP_FLAG_ESCAPE_PERCENT       = 0x00000004;
    public static final int WINHTTP_FLAG_NULL_CODEPAGE        = 0x00000008;
    public static final int WINHTTP_FLAG_ESCAPE_DISABLE       = 0x00000040;
    public static final int WINHTTP_FLAG_ESCAPE_DISABLE_QUERY = 0x00000080;
    public static final int WINHTTP_FLAG_BYPASS_PROXY_CACHE   = 0x00000100;
    public static final int WINHTTP_FLAG_REFRESH              = 0x00000100;
    public static final int WINHTTP_FLAG_AUTOMATIC_CHUNKING   = 0x00000200;

    // Proxy access types for open (WINHTTP_ACCESS_TYPE_*)
    public static final int WINHTTP_ACCESS_TYPE_DEFAULT_PROXY   = 0;
    public static final int WINHTTP_ACCESS_TYPE_NO_PROXY        = 1;
    public static final int WINHTTP_ACCESS_TYPE_NAMED_PROXY     = 3;
    public static final int WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY = 4;

    // Ports for connect (INTERNET_DEFAULT_*_PORT); DEFAULT_PORT means the scheme's own
    public static final int INTERNET_DEFAULT_PORT       = 0;
    public static final int INTERNET_DEFAULT_HTTP_PORT  = 80;
    public static final int INTERNET_DEFAULT_HTTPS_PORT = 443;

    // URL schemes in UrlComponents.scheme (INTERNET_SCHEME_*)
    public static final int INTERNET_SCHEME_HTTP  = 1;
    public static final int INTERNET_SCHEME_HTTPS = 2;
    public static final int INTERNET_SCHEME_FTP   = 3;
    public static final int INTERNET_SCHEME_SOCKS = 4;

    // Flags for crackUrl and createUrl (ICU_*)
    public static final int ICU_ESCAPE               = 0x80000000;
    public static final int ICU_DECODE               = 0x10000000;
    public static final int ICU_INCLUDE_DEFAULT_PORT = 0x00008000;
    public static final int ICU_REJECT_USERPWD       = 0x00004000;
    public static final int ICU_ESCAPE_AUTHORITY     = 0x00002000;

    // Miscellaneous sizes and markers
    public static final int WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH = 0;
    public static final int WINHTTP_TIME_FORMAT_BUFSIZE         = 62;
    public static final int WINHTTP_ERROR_BASE                  = 12000;
    public static final int WINHTTP_ERROR_LAST                  = 12193;

    // WebSocket buffer types (WINHTTP_WEB_SOCKET_BUFFER_TYPE)
    public static final int WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE  = 0;
    public static final int WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE = 1;
    public static final int WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE    = 2;
    public static final int WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE   = 3;
    public static final int WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE           = 4;

    // WebSocket operations named in a WebSocketAsyncResult (WINHTTP_WEB_SOCKET_OPERATION)
    public static final int WINHTTP_WEB_SOCKET_SEND_OPERATION     = 0;
    public static final int WINHTTP_WEB_SOCKET_RECEIVE_OPERATION  = 1;
    public static final int WINHTTP_WEB_SOCKET_CLOSE_OPERATION    = 2;
    public static final int WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION = 3;

    // WebSocket close status codes (WINHTTP_WEB_SOCKET_CLOSE_STATUS, RFC 6455 section 7.4.1)
    public static final int WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS                = 1000;
    public static final int WINHTTP_WEB_SOCKET_ENDPOINT_TERMINATED_CLOSE_STATUS    = 1001;
    public static final int WINHTTP_WEB_SOCKET_PROTOCOL_ERROR_CLOSE_STATUS         = 1002;
    public static final int WINHTTP_WEB_SOCKET_INVALID_DATA_TYPE_CLOSE_STATUS      = 1003;
    public static final int WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS                  = 1005;
    public static final int WINHTTP_WEB_SOCKET_ABORTED_CLOSE_STATUS                = 1006;
    public static final int WINHTTP_WEB_SOCKET_INVALID_PAYLOAD_CLOSE_STATUS        = 1007;
    public static final int WINHTTP_WEB_SOCKET_POLICY_VIOLATION_CLOSE_STATUS       = 1008;
    public static final int WINHTTP_WEB_SOCKET_MESSAGE_TOO_BIG_CLOSE_STATUS        = 1009;
    public static final int WINHTTP_WEB_SOCKET_UNSUPPORTED_EXTENSIONS_CLOSE_STATUS = 1010;
    public static final int WINHTTP_WEB_SOCKET_SERVER_ERROR_CLOSE_STATUS           = 1011;
    public static final int WINHTTP_WEB_SOCKET_SECURE_HANDSHAKE_ERROR_CLOSE_STATUS = 1015;

    // WebSocket limits: close reason bytes, and the smallest keep-alive interval in ms
    public static final int WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH = 123;
    public static final int WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE     = 15000;

    // HTTP status codes with winhttp.h's names (HTTP_STATUS_*)
    public static final int HTTP_STATUS_CONTINUE            = 100;
    public static final int HTTP_STATUS_SWITCH_PROTOCOLS    = 101;
    public static final int HTTP_STATUS_OK                  = 200;
    public static final int HTTP_STATUS_CREATED             = 201;
    public static final int HTTP_STATUS_ACCEPTED            = 202;
    public static final int HTTP_STATUS_PARTIAL             = 203;
    public static final int HTTP_STATUS_NO_CONTENT          = 204;
    public static final int HTTP_STATUS_RESET_CONTENT       = 205;
    public static final int HTTP_STATUS_PARTIAL_CONTENT     = 206;
    public static final int HTTP_STATUS_WEBDAV_MULTI_STATUS = 207;
    public static final int HTTP_STATUS_AMBIGUOUS           = 300;
    public static final int HTTP_STATUS_MOVED               = 301;
    public static final int HTTP_STATUS_REDIRECT            = 302;
    public static final int HTTP_STATUS_REDIRECT_METHOD     = 303;
    public static final int HTTP_STATUS_NOT_MODIFIED        = 304;
    public static final int HTTP_STATUS_USE_PROXY           = 305;
    public static final int HTTP_STATUS_REDIRECT_KEEP_VERB  = 307;
    public static final int HTTP_STATUS_PERMANENT_REDIRECT  = 308;
    public static final int HTTP_STATUS_BAD_REQUEST         = 400;
    public static final int HTTP_STATUS_DENIED              = 401;
    public static final int HTTP_STATUS_PAYMENT_REQ         = 402;
    public static final int HTTP_STATUS_FORBIDDEN           = 403;
    public static final int HTTP_STATUS_NOT_FOUND           = 404;
    public static final int HTTP_STATUS_BAD_METHOD          = 405;
    public static final int HTTP_STATUS_NONE_ACCEPTABLE     = 406;
    public static final int HTTP_STATUS_PROXY_AUTH_REQ      = 407;
    public static final int HTTP_STATUS_REQUEST_TIMEOUT     = 408;
    public static final int HTTP_STATUS_CONFLICT            = 409;
    public static final int HTTP_STATUS_GONE                = 410;
    public static final int HTTP_STATUS_LENGTH_REQUIRED     = 411;
    public static final int HTTP_STATUS_PRECOND_FAILED      = 412;
    public static final int HTTP_STATUS_REQUEST_TOO_LARGE   = 413;
    public static final int HTTP_STATUS_URI_TOO_LONG        = 414;
    public static final int HTTP_STATUS_UNSUPPORTED_MEDIA   = 415;
    public static final int HTTP_STATUS_RETRY_WITH          = 449;
    public static final int HTTP_STATUS_SERVER_ERROR        = 500;
    public static final int HTTP_STATUS_NOT_SUPPORTED       = 501;
    public static final int HTTP_STATUS_BAD_GATEWAY         = 502;
    public static final int HTTP_STATUS_SERVICE_UNAVAIL     = 503;
    public static final int HTTP_STATUS_GATEWAY_TIMEOUT     = 504;
    public static final int HTTP_STATUS_VERSION_NOT_SUP     = 505;
    public static final int HTTP_STATUS_FIRST               = 100;
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
