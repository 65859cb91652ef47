package io.winhttp4j;

/**
 * The error codes WinHTTP reports through {@code GetLastError()}, with the names and values of
 * winhttp.h and winerror.h.
 *
 * <p>An enum rather than bare ints so that a {@code switch} reads like the C code it replaces
 * and a log shows a name, while {@link #code()} keeps the exact Windows number for anything
 * that compares numerically (for example {@code HRESULT_FROM_WIN32}).
 */
public enum WinHttpError {

    // Generic Win32 codes (winerror.h) that WinHTTP calls report
    /** No error. */
    ERROR_SUCCESS(0),
    /** The handle is null, closed or not a WinHTTP handle. */
    ERROR_INVALID_HANDLE(6),
    /** Not enough memory to complete the call. */
    ERROR_NOT_ENOUGH_MEMORY(8),
    /** Out of memory. */
    ERROR_OUTOFMEMORY(14),
    /** The call or value is not supported. */
    ERROR_NOT_SUPPORTED(50),
    /** An argument is out of range or malformed. */
    ERROR_INVALID_PARAMETER(87),
    /** The caller's buffer is too small for the result. */
    ERROR_INSUFFICIENT_BUFFER(122),
    /** The operation goes on asynchronously. */
    ERROR_IO_PENDING(997),
    /** No security token is available. */
    ERROR_NO_TOKEN(1008),
    /** The operation is not valid now, for example queryAuthSchemes without a 401 or 407 to read. */
    ERROR_INVALID_OPERATION(4317),
    /** Winsock's invalid-argument error. */
    WSAEINVAL(10022),

    // WinHTTP errors: WINHTTP_ERROR_BASE (12000) + n
    /** No more handles can be created. */
    ERROR_WINHTTP_OUT_OF_HANDLES(12001),
    /** A resolve, connect, send or receive timeout expired. */
    ERROR_WINHTTP_TIMEOUT(12002),
    /** An internal error occurred. */
    ERROR_WINHTTP_INTERNAL_ERROR(12004),
    /** The URL is invalid. */
    ERROR_WINHTTP_INVALID_URL(12005),
    /** The URL's scheme is not http or https. */
    ERROR_WINHTTP_UNRECOGNIZED_SCHEME(12006),
    /** The server name could not be resolved. */
    ERROR_WINHTTP_NAME_NOT_RESOLVED(12007),
    /** The option id is unknown or not valid on this handle. */
    ERROR_WINHTTP_INVALID_OPTION(12009),
    /** The option can be queried only. */
    ERROR_WINHTTP_OPTION_NOT_SETTABLE(12011),
    /** The engine or its session has been shut down. */
    ERROR_WINHTTP_SHUTDOWN(12012),
    /** The server or proxy refused the credentials. */
    ERROR_WINHTTP_LOGIN_FAILURE(12015),
    /** The operation was cancelled, usually because its handle was closed. */
    ERROR_WINHTTP_OPERATION_CANCELLED(12017),
    /** The handle is of the wrong kind for this call. */
    ERROR_WINHTTP_INCORRECT_HANDLE_TYPE(12018),
    /** The handle is not in a state that accepts this call. */
    ERROR_WINHTTP_INCORRECT_HANDLE_STATE(12019),
    /** No connection to the server could be made. */
    ERROR_WINHTTP_CANNOT_CONNECT(12029),
    /** The connection was reset or ended early. */
    ERROR_WINHTTP_CONNECTION_ERROR(12030),
    /** The request must be sent again, for example after an authentication step. */
    ERROR_WINHTTP_RESEND_REQUEST(12032),
    /** The server certificate is expired or not yet valid. */
    ERROR_WINHTTP_SECURE_CERT_DATE_INVALID(12037),
    /** The server certificate's name does not match the host. */
    ERROR_WINHTTP_SECURE_CERT_CN_INVALID(12038),
    /** The server asks for a client certificate and none was set. */
    ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED(12044),
    /** The server certificate comes from an untrusted authority. */
    ERROR_WINHTTP_SECURE_INVALID_CA(12045),
    /** The certificate's revocation could not be checked. */
    ERROR_WINHTTP_SECURE_CERT_REV_FAILED(12057),
    /** The call needs an opened request. */
    ERROR_WINHTTP_CANNOT_CALL_BEFORE_OPEN(12100),
    /** The call needs a request that has been sent. */
    ERROR_WINHTTP_CANNOT_CALL_BEFORE_SEND(12101),
    /** The call is no longer allowed once the request has been sent. */
    ERROR_WINHTTP_CANNOT_CALL_AFTER_SEND(12102),
    /** The call is no longer allowed once the request has been opened. */
    ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN(12103),
    /** The requested header is not there. */
    ERROR_WINHTTP_HEADER_NOT_FOUND(12150),
    /** The server's response could not be parsed. */
    ERROR_WINHTTP_INVALID_SERVER_RESPONSE(12152),
    /** A header given to the call is malformed. */
    ERROR_WINHTTP_INVALID_HEADER(12153),
    /** The header query is invalid, for example a value that is not a number or date. */
    ERROR_WINHTTP_INVALID_QUERY_REQUEST(12154),
    /** The header exists already and the flags say add only if new. */
    ERROR_WINHTTP_HEADER_ALREADY_EXISTS(12155),
    /** A redirect could not be followed (bad Location, scheme change or too many hops). */
    ERROR_WINHTTP_REDIRECT_FAILED(12156),
    /** The TLS handshake or channel failed. */
    ERROR_WINHTTP_SECURE_CHANNEL_ERROR(12157),
    /** The proxy auto-config script has an error. */
    ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT(12166),
    /** The proxy auto-config script could not be downloaded. */
    ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT(12167),
    /** The server certificate is invalid. */
    ERROR_WINHTTP_SECURE_INVALID_CERT(12169),
    /** The server certificate has been revoked. */
    ERROR_WINHTTP_SECURE_CERT_REVOKED(12170),
    /** WinHTTP has not been initialised. */
    ERROR_WINHTTP_NOT_INITIALIZED(12172),
    /** One or more errors in the server certificate (see the SECURE_FAILURE flags). */
    ERROR_WINHTTP_SECURE_FAILURE(12175),
    /** The proxy auto-config script is of an unknown type. */
    ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE(12176),
    /** The proxy auto-config script failed while running. */
    ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR(12177),
    /** The automatic proxy service failed. */
    ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR(12178),
    /** The server certificate is not meant for server authentication. */
    ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE(12179),
    /** No proxy auto-config URL could be detected. */
    ERROR_WINHTTP_AUTODETECTION_FAILED(12180),
    /** The response has more headers than allowed. */
    ERROR_WINHTTP_HEADER_COUNT_EXCEEDED(12181),
    /** The response headers exceed WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE. */
    ERROR_WINHTTP_HEADER_SIZE_OVERFLOW(12182),
    /** A chunk-size line of a chunked body is too long. */
    ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW(12183),
    /** A body to drain (for a redirect or challenge) exceeds WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE. */
    ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW(12184),
    /** The client certificate has no private key. */
    ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY(12185),
    /** The client certificate's private key cannot be used. */
    ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY(12186),
    /** The proxy asks for a client certificate. */
    ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY(12187),
    /** The proxy's certificate failed the checks. */
    ERROR_WINHTTP_SECURE_FAILURE_PROXY(12188),
    /** Reserved by Windows. */
    ERROR_WINHTTP_RESERVED_189(12189),
    /** The server does not speak the HTTP version the request requires. */
    ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH(12190),
    /** A global callback failed. */
    ERROR_WINHTTP_GLOBAL_CALLBACK_FAILED(12191),
    /** The feature is disabled. */
    ERROR_WINHTTP_FEATURE_DISABLED(12192),
    /** Fast forwarding is not supported on this connection. */
    ERROR_WINHTTP_FAST_FORWARDING_NOT_SUPPORTED(12193);

    /** First code of the dense WinHTTP range, {@code WINHTTP_ERROR_BASE}. */
    private static final int BASE = 12000;
    /** Indexed by {@code code - BASE}; covers every ERROR_WINHTTP_* value. */
    private static final WinHttpError[] WINHTTP_RANGE;
    /** The eleven generic Win32 codes; few enough that a scan beats any map. */
    private static final WinHttpError[] OTHERS;

    static {
        WinHttpError[] all = values();
        int max = 0;
        int others = 0;
        for (WinHttpError e : all) {
            if (e.code >= BASE) {
                max = Math.max(max, e.code);
            } else {
                others++;
            }
        }
        WINHTTP_RANGE = new WinHttpError[max - BASE + 1];
        OTHERS = new WinHttpError[others];
        int i = 0;
        for (WinHttpError e : all) {
            if (e.code >= BASE) {
                WINHTTP_RANGE[e.code - BASE] = e;
            } else {
                OTHERS[i++] = e;
            }
        }
    }

    private final int code;

    WinHttpError(int code) {
        this.code = code;
    }

    /**
     * The numeric value Windows uses for this error.
     *
     * @return the Win32 error code
     */
    public int code() {
        return code;
    }

    /**
     * Maps a Win32 error code back to its constant, in constant time.
     *
     * @param code a value that {@code GetLastError()} could return from WinHTTP
     * @return the matching constant
     * @throws IllegalArgumentException if the code is not one of this enum's values
     */
    public static WinHttpError of(int code) {
        if (code >= BASE) {
            int index = code - BASE;
            if (index < WINHTTP_RANGE.length && WINHTTP_RANGE[index] != null) {
                return WINHTTP_RANGE[index];
            }
        } else {
            for (WinHttpError e : OTHERS) {
                if (e.code == code) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown WinHTTP error code " + code);
    }
}
