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
    ERROR_SUCCESS(0),
    ERROR_INVALID_HANDLE(6),
    ERROR_NOT_ENOUGH_MEMORY(8),
    ERROR_OUTOFMEMORY(14),
    ERROR_NOT_SUPPORTED(50),
    ERROR_INVALID_PARAMETER(87),
    ERROR_INSUFFICIENT_BUFFER(122),
    ERROR_IO_PENDING(997),
    ERROR_NO_TOKEN(1008),
    ERROR_INVALID_OPERATION(4317),
    WSAEINVAL(10022),

    // WinHTTP errors: WINHTTP_ERROR_BASE (12000) + n
    ERROR_WINHTTP_OUT_OF_HANDLES(12001),
    ERROR_WINHTTP_TIMEOUT(12002),
    ERROR_WINHTTP_INTERNAL_ERROR(12004),
    ERROR_WINHTTP_INVALID_URL(12005),
    ERROR_WINHTTP_UNRECOGNIZED_SCHEME(12006),
    ERROR_WINHTTP_NAME_NOT_RESOLVED(12007),
    ERROR_WINHTTP_INVALID_OPTION(12009),
    ERROR_WINHTTP_OPTION_NOT_SETTABLE(12011),
    ERROR_WINHTTP_SHUTDOWN(12012),
    ERROR_WINHTTP_LOGIN_FAILURE(12015),
    ERROR_WINHTTP_OPERATION_CANCELLED(12017),
    ERROR_WINHTTP_INCORRECT_HANDLE_TYPE(12018),
    ERROR_WINHTTP_INCORRECT_HANDLE_STATE(12019),
    ERROR_WINHTTP_CANNOT_CONNECT(12029),
    ERROR_WINHTTP_CONNECTION_ERROR(12030),
    ERROR_WINHTTP_RESEND_REQUEST(12032),
    ERROR_WINHTTP_SECURE_CERT_DATE_INVALID(12037),
    ERROR_WINHTTP_SECURE_CERT_CN_INVALID(12038),
    ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED(12044),
    ERROR_WINHTTP_SECURE_INVALID_CA(12045),
    ERROR_WINHTTP_SECURE_CERT_REV_FAILED(12057),
    ERROR_WINHTTP_CANNOT_CALL_BEFORE_OPEN(12100),
    ERROR_WINHTTP_CANNOT_CALL_BEFORE_SEND(12101),
    ERROR_WINHTTP_CANNOT_CALL_AFTER_SEND(12102),
    ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN(12103),
    ERROR_WINHTTP_HEADER_NOT_FOUND(12150),
    ERROR_WINHTTP_INVALID_SERVER_RESPONSE(12152),
    ERROR_WINHTTP_INVALID_HEADER(12153),
    ERROR_WINHTTP_INVALID_QUERY_REQUEST(12154),
    ERROR_WINHTTP_HEADER_ALREADY_EXISTS(12155),
    ERROR_WINHTTP_REDIRECT_FAILED(12156),
    ERROR_WINHTTP_SECURE_CHANNEL_ERROR(12157),
    ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT(12166),
    ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT(12167),
    ERROR_WINHTTP_SECURE_INVALID_CERT(12169),
    ERROR_WINHTTP_SECURE_CERT_REVOKED(12170),
    ERROR_WINHTTP_NOT_INITIALIZED(12172),
    ERROR_WINHTTP_SECURE_FAILURE(12175),
    ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE(12176),
    ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR(12177),
    ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR(12178),
    ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE(12179),
    ERROR_WINHTTP_AUTODETECTION_FAILED(12180),
    ERROR_WINHTTP_HEADER_COUNT_EXCEEDED(12181),
    ERROR_WINHTTP_HEADER_SIZE_OVERFLOW(12182),
    ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW(12183),
    ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW(12184),
    ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY(12185),
    ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY(12186),
    ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY(12187),
    ERROR_WINHTTP_SECURE_FAILURE_PROXY(12188),
    ERROR_WINHTTP_RESERVED_189(12189),
    ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH(12190),
    ERROR_WINHTTP_GLOBAL_CALLBACK_FAILED(12191),
    ERROR_WINHTTP_FEATURE_DISABLED(12192),
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
