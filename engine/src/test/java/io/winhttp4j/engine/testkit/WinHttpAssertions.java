package io.winhttp4j.engine.testkit;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Assertions on the WinHttpException a call must throw. */
public final class WinHttpAssertions {
    private WinHttpAssertions() {
    }

    /** The error of the WinHttpException the call throws; fails if it throws none, or another exception. */
    public static WinHttpError error(Executable call) {
        return assertThrows(WinHttpException.class, call).error();
    }

    /** The call throws a WinHttpException with this error (its message is shown if not). */
    public static void assertError(WinHttpError expected, Executable call) {
        WinHttpException e = assertThrows(WinHttpException.class, call);
        assertEquals(expected, e.error(), e.getMessage());
    }

    /** The same, {@code what} saying which case failed. */
    public static void assertError(WinHttpError expected, Executable call, String what) {
        WinHttpException e = assertThrows(WinHttpException.class, call, what);
        assertEquals(expected, e.error(), what + ": " + e.getMessage());
    }
}
