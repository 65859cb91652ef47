package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The single mapping from whatever Pekko or the JDK throws to the WinHttpError Windows would
 * report. Nothing else in the engine translates exceptions.
 */
public final class Failures {
    private Failures() {}

    public static WinHttpError map(Throwable t) {
        Throwable root = unwrap(t);
        if (root instanceof WinHttpException w) return w.error();
        for (Throwable c = root; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) return WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED;
            if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
                // Pekko reports an expired connect timeout as a ConnectException too
                String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
                return m.contains("timeout") || m.contains("timed out")
                        ? WinHttpError.ERROR_WINHTTP_TIMEOUT : WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT;
            }
            if (c instanceof TimeoutException) return WinHttpError.ERROR_WINHTTP_TIMEOUT;
            if (c instanceof WinHttpException w) return w.error();
        }
        String name = root.getClass().getName();
        // Pekko's URI model refusing the server name while a connection is set up (request
        // targets are checked, and reported, before they get here): the name cannot be looked up.
        if (name.endsWith("IllegalUriException")) return WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED;
        String msg = describe(root).toLowerCase(Locale.ROOT);
        if (msg.contains("connection refused")) return WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT;
        if (msg.contains("connect timeout") || msg.contains("timed out")) return WinHttpError.ERROR_WINHTTP_TIMEOUT;
        if (msg.contains("chunk") && (msg.contains("exceeds") || msg.contains("limit"))) {
            return WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW;
        }
        if (msg.contains("header") && (msg.contains("exceeds") || msg.contains("too long") || msg.contains("limit"))) {
            // Pekko: "HTTP message contains more than the configured limit of N headers"
            boolean count = msg.contains("more than the configured limit") && msg.contains("headers");
            return count ? WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED : WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW;
        }
        if (name.endsWith("IllegalResponseException") || name.endsWith("ParsingException")
                || msg.contains("illegal http") || msg.contains("invalid http") || msg.contains("unsupported http")) {
            return WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE;
        }
        if (root instanceof SocketException || name.endsWith("StreamTcpException")
                || name.endsWith("EntityStreamException") || name.contains("ConnectionClosure")
                || msg.contains("reset") || msg.contains("closed the connection")
                || msg.contains("connection was closed") || msg.contains("premature")) {
            return WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR;
        }
        return WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR;
    }

    /** A one-line cause for error messages: every error names its cause. */
    public static String describe(Throwable t) {
        Throwable root = unwrap(t);
        StringBuilder sb = new StringBuilder();
        for (Throwable c = root; c != null && sb.length() < 400; c = c.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) sb.append(": ").append(c.getMessage());
            if (c.getCause() == c) break;
        }
        return sb.toString();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
