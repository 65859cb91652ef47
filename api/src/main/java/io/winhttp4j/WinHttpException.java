package io.winhttp4j;

import java.util.Objects;

/**
 * Thrown by a {@link WinHttp} method where the C function would return FALSE or NULL; carries
 * the error {@code GetLastError()} would then report.
 *
 * <p>Unchecked, because nearly every WinHTTP call can fail and ported code usually handles
 * failure in one place. The stack trace is kept: it is what tells a user which call failed.
 */
public class WinHttpException extends RuntimeException {

    /** Version of the serialized form. */
    private static final long serialVersionUID = 1L;

    /** The error the failed call reports. */
    private final WinHttpError error;

    /**
     * @param error the error {@code GetLastError()} would return
     */
    public WinHttpException(WinHttpError error) {
        this(error, null);
    }

    /**
     * @param error  the error {@code GetLastError()} would return
     * @param detail extra context for the message (which option, which URL, ...), or {@code null}
     */
    public WinHttpException(WinHttpError error, String detail) {
        super(message(Objects.requireNonNull(error, "error"), detail));
        this.error = error;
    }

    private static String message(WinHttpError error, String detail) {
        String head = error.name() + " (" + error.code() + ")";
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }

    /**
     * @return the error, as a constant
     */
    public WinHttpError error() {
        return error;
    }

    /**
     * @return the error's Win32 code, the number {@code GetLastError()} would return
     */
    public int code() {
        return error.code();
    }
}
