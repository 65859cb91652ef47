package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CloseCodesTest {

    @Test
    void exactlyTheFixedRangesAreValid() {
        for (int code = -1; code <= 70_000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
                    || (code >= 3000 && code <= 4999);
            assertEquals(expected, CloseCodes.isValid(code), "code " + code);
        }
    }

    @Test
    void theCodesAutobahnProbesAreJudgedAsIssue12Says() {
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            assertFalse(CloseCodes.isValid(code), "code " + code);
        }
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            assertTrue(CloseCodes.isValid(code), "code " + code);
        }
    }

    @Test
    void aSendableCloseHasAValidStatusAndAShortReason() {
        CloseCodes.checkSendable(1000, 0);
        CloseCodes.checkSendable(1000, 123);
        CloseCodes.checkSendable(4999, 10);
        CloseCodes.checkSendable(1005, 0);
        assertInvalidParameter(() -> CloseCodes.checkSendable(1000, 124));
        assertInvalidParameter(() -> CloseCodes.checkSendable(1000, 128));
        assertInvalidParameter(() -> CloseCodes.checkSendable(1000, -1));
        assertInvalidParameter(() -> CloseCodes.checkSendable(1005, 1));
        assertInvalidParameter(() -> CloseCodes.checkSendable(1006, 0));
        assertInvalidParameter(() -> CloseCodes.checkSendable(1015, 0));
        assertInvalidParameter(() -> CloseCodes.checkSendable(999, 0));
        assertInvalidParameter(() -> CloseCodes.checkSendable(5000, 0));
        assertInvalidParameter(() -> CloseCodes.checkSendable(70_000, 0));
    }

    private static void assertInvalidParameter(Runnable r) {
        WinHttpException e = assertThrows(WinHttpException.class, r::run);
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error());
    }
}
