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
 * The single mapping from whatever Pekko Streams or the JDK throws to the WinHttpError Windows
 * would report. The engine's own codec and TLS checks throw WinHttpExceptions already, so only the
 * socket's failures are translated here. Nothing else in the engine translates exceptions.
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
        // Pekko Streams' TCP stage reports what the socket said in its messages
        String msg = describe(root).toLowerCase(Locale.ROOT);
        if (msg.contains("connection refused")) return WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT;
        if (msg.contains("connect timeout") || msg.contains("timed out")) return WinHttpError.ERROR_WINHTTP_TIMEOUT;
        // anything else below a request (a reset, a closed stream, a socket error) is the connection's
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
