package io.winhttp4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WinHttpErrorTest {

    @ParameterizedTest
    @CsvSource({
        "ERROR_SUCCESS, 0",
        "ERROR_INVALID_HANDLE, 6",
        "ERROR_NOT_ENOUGH_MEMORY, 8",
        "ERROR_OUTOFMEMORY, 14",
        "ERROR_NOT_SUPPORTED, 50",
        "ERROR_INVALID_PARAMETER, 87",
        "ERROR_INSUFFICIENT_BUFFER, 122",
        "ERROR_IO_PENDING, 997",
        "ERROR_NO_TOKEN, 1008",
        "ERROR_INVALID_OPERATION, 4317",
        "WSAEINVAL, 10022",
        "ERROR_WINHTTP_OUT_OF_HANDLES, 12001",
        "ERROR_WINHTTP_TIMEOUT, 12002",
        "ERROR_WINHTTP_INVALID_OPTION, 12009",
        "ERROR_WINHTTP_OPTION_NOT_SETTABLE, 12011",
        "ERROR_WINHTTP_SHUTDOWN, 12012",
        "ERROR_WINHTTP_OPERATION_CANCELLED, 12017",
        "ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, 12018",
        "ERROR_WINHTTP_INCORRECT_HANDLE_STATE, 12019",
        "ERROR_WINHTTP_CANNOT_CONNECT, 12029",
        "ERROR_WINHTTP_SECURE_CERT_REV_FAILED, 12057",
        "ERROR_WINHTTP_CANNOT_CALL_AFTER_OPEN, 12103",
        "ERROR_WINHTTP_HEADER_NOT_FOUND, 12150",
        "ERROR_WINHTTP_REDIRECT_FAILED, 12156",
        "ERROR_WINHTTP_SECURE_FAILURE, 12175",
        "ERROR_WINHTTP_RESERVED_189, 12189",
        "ERROR_WINHTTP_HTTP_PROTOCOL_MISMATCH, 12190",
        "ERROR_WINHTTP_GLOBAL_CALLBACK_FAILED, 12191",
        "ERROR_WINHTTP_FEATURE_DISABLED, 12192",
        "ERROR_WINHTTP_FAST_FORWARDING_NOT_SUPPORTED, 12193",
    })
    void codesMatchTheTable(WinHttpError error, int code) {
        assertEquals(code, error.code());
    }

    @Test
    void everyCodeOfTheTableIsPresent() {
        // 11 generic Win32 codes + 56 ERROR_WINHTTP_* codes (CONFORMANCE section 1.1).
        assertEquals(67, WinHttpError.values().length);
    }

    @ParameterizedTest
    @EnumSource(WinHttpError.class)
    void ofRoundTrips(WinHttpError error) {
        assertSame(error, WinHttpError.of(error.code()));
    }

    @Test
    void codesAreUnique() {
        Set<Integer> seen = new HashSet<>();
        for (WinHttpError e : WinHttpError.values()) {
            assertTrue(seen.add(e.code()), "duplicate code " + e.code());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 5, 12000, 12003, 12008, 12194, 99999, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void unknownCodeThrows(int code) {
        assertThrows(IllegalArgumentException.class, () -> WinHttpError.of(code));
    }

    @Test
    void exceptionMessageAndAccessors() {
        WinHttpException plain = new WinHttpException(WinHttpError.ERROR_WINHTTP_TIMEOUT);
        assertEquals("ERROR_WINHTTP_TIMEOUT (12002)", plain.getMessage());
        assertSame(WinHttpError.ERROR_WINHTTP_TIMEOUT, plain.error());
        assertEquals(12002, plain.code());
        assertTrue(plain.getStackTrace().length > 0, "stack trace is kept");

        WinHttpException detailed =
                new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, "option 45 needs a Long");
        assertEquals("ERROR_INVALID_PARAMETER (87): option 45 needs a Long", detailed.getMessage());
    }
}
