package io.winhttp4j.samples.cli;

import io.winhttp4j.WinHttpError;

/**
 * The command line's exit statuses. Where curl has a status for the same failure the number is
 * curl's, so scripts written for curl read the result the same way; every {@link WinHttpError}
 * maps to one status, listed by {@link #table()} in {@code --help} and the samples' README.
 */
final class ExitCodes {
    static final int OK = 0;
    /** Anything without a closer match, as curl's "unsupported protocol" catch-all. */
    static final int OTHER = 1;
    /** Bad options or arguments (picocli's usage error status, curl's "failed to initialise"). */
    static final int USAGE = 2;
    static final int URL_MALFORMED = 3;
    static final int NOT_SUPPORTED = 4;
    static final int COULD_NOT_RESOLVE = 6;
    static final int COULD_NOT_CONNECT = 7;
    static final int WEIRD_SERVER_REPLY = 8;
    /** -f and a status of 400 or more. */
    static final int HTTP_ERROR = 22;
    static final int WRITE_ERROR = 23;
    static final int READ_ERROR = 26;
    static final int OUT_OF_MEMORY = 27;
    static final int TIMEOUT = 28;
    static final int SSL_CONNECT = 35;
    static final int ABORTED = 42;
    static final int BAD_ARGUMENT = 43;
    static final int TOO_MANY_REDIRECTS = 47;
    static final int RECEIVE_ERROR = 56;
    static final int LOCAL_CERTIFICATE = 58;
    static final int PEER_CERTIFICATE = 60;
    static final int LOGIN_DENIED = 67;
    static final int PROXY = 97;

    private ExitCodes() {
    }

    /** The status a failed call with this error exits with. */
    static int of(WinHttpError error) {
        return switch (error) {
            case ERROR_WINHTTP_INVALID_URL -> URL_MALFORMED;
            case ERROR_WINHTTP_UNRECOGNIZED_SCHEME -> OTHER;
            case ERROR_NOT_SUPPORTED, ERROR_WINHTTP_FEATURE_DISABLED,
                 ERROR_WINHTTP_FAST_FORWARDING_NOT_SUPPORTED -> NOT_SUPPORTED;
            case ERROR_WINHTTP_NAME_NOT_RESOLVED -> COULD_NOT_RESOLVE;
            case ERROR_WINHTTP_CANNOT_CONNECT -> COULD_NOT_CONNECT;
            case ERROR_WINHTTP_INVALID_SERVER_RESPONSE, ERROR_WINHTTP_HEADER_COUNT_EXCEEDED,
                 ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW,
                 ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW, ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH,
                 ERROR_WINHTTP_RESEND_REQUEST -> WEIRD_SERVER_REPLY;
            case ERROR_NOT_ENOUGH_MEMORY, ERROR_OUTOFMEMORY, ERROR_WINHTTP_OUT_OF_HANDLES -> OUT_OF_MEMORY;
            case ERROR_WINHTTP_TIMEOUT -> TIMEOUT;
            case ERROR_WINHTTP_SECURE_CHANNEL_ERROR -> SSL_CONNECT;
            case ERROR_WINHTTP_OPERATION_CANCELLED, ERROR_WINHTTP_SHUTDOWN -> ABORTED;
            case ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_INSUFFICIENT_BUFFER,
                 ERROR_INVALID_OPERATION, WSAEINVAL, ERROR_WINHTTP_INVALID_OPTION,
                 ERROR_WINHTTP_OPTION_NOT_SETTABLE, ERROR_WINHTTP_INCORRECT_HANDLE_TYPE,
                 ERROR_WINHTTP_INCORRECT_HANDLE_STATE, ERROR_WINHTTP_CANNOT_CALL_BEFORE_OPEN,
                 ERROR_WINHTTP_CANNOT_CALL_BEFORE_SEND, ERROR_WINHTTP_CANNOT_CALL_AFTER_SEND,
                 ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN, ERROR_WINHTTP_HEADER_NOT_FOUND,
                 ERROR_WINHTTP_INVALID_HEADER, ERROR_WINHTTP_INVALID_QUERY_REQUEST,
                 ERROR_WINHTTP_HEADER_ALREADY_EXISTS -> BAD_ARGUMENT;
            case ERROR_WINHTTP_REDIRECT_FAILED -> TOO_MANY_REDIRECTS;
            case ERROR_WINHTTP_CONNECTION_ERROR -> RECEIVE_ERROR;
            case ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY,
                 ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY -> LOCAL_CERTIFICATE;
            case ERROR_WINHTTP_SECURE_CERT_DATE_INVALID, ERROR_WINHTTP_SECURE_CERT_CN_INVALID,
                 ERROR_WINHTTP_SECURE_INVALID_CA, ERROR_WINHTTP_SECURE_CERT_REV_FAILED,
                 ERROR_WINHTTP_SECURE_INVALID_CERT, ERROR_WINHTTP_SECURE_CERT_REVOKED,
                 ERROR_WINHTTP_SECURE_FAILURE, ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE -> PEER_CERTIFICATE;
            case ERROR_WINHTTP_LOGIN_FAILURE -> LOGIN_DENIED;
            case ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED_PROXY, ERROR_WINHTTP_SECURE_FAILURE_PROXY,
                 ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT, ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT,
                 ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE, ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR,
                 ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR, ERROR_WINHTTP_AUTODETECTION_FAILED -> PROXY;
            default -> OTHER;
        };
    }

    /** Every exit status, then every WinHttpError with its status: the table --help shows (plain text). */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Exit status:%n"));
        row(sb, OK, "success, whatever the HTTP status (as curl without -f)");
        row(sb, USAGE, "bad options or arguments");
        row(sb, HTTP_ERROR, "-f and an HTTP status of 400 or more");
        row(sb, WRITE_ERROR, "the output file cannot be written (or -O finds no file name in the URL)");
        row(sb, READ_ERROR, "the upload file (--data-binary @FILE) cannot be read");
        row(sb, LOCAL_CERTIFICATE, "also: --cert or --cacert cannot be read");
        sb.append(String.format("%nA failed WinHTTP call exits with the status of its error (name and message on stderr):%n"));
        for (WinHttpError e : WinHttpError.values()) {
            if (e != WinHttpError.ERROR_SUCCESS) {
                sb.append(String.format("  %3d  %s (%d)%n", of(e), e.name(), e.code()));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, int status, String meaning) {
        sb.append(String.format("  %3d  %s%n", status, meaning));
    }
}
