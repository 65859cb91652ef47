package io.winhttp4j;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_SENDING_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final HInternet REQUEST = new HInternet() {
        @Override
        public int handleType() {
            return WinHttpConstants.WINHTTP_HANDLE_TYPE_REQUEST;
        }

        @Override
        public String toString() {
            return "REQUEST#7";
        }
    };

    @Test
    void toStringIsCompact() {
        assertEquals("REQUEST#7 ctx=0x2a SENDING_REQUEST",
                new Notification(REQUEST, 42, WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, StatusInfo.NONE).toString());
        String error = new Notification(REQUEST, 1, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR,
                new StatusInfo.AsyncResult(WinHttpConstants.API_SEND_REQUEST, WinHttpError.ERROR_WINHTTP_TIMEOUT))
                .toString();
        assertTrue(error.startsWith("REQUEST#7 ctx=0x1 REQUEST_ERROR AsyncResult["), error);
        assertTrue(error.contains("ERROR_WINHTTP_TIMEOUT"), error);
    }

    /**
     * A switch over StatusInfo can only be complete if the sealed set is exactly the records of
     * API.md's table (Java 17 has no pattern switch to let the compiler check it).
     */
    @Test
    void statusInfoIsSealedToTheRecordsOfTheApiTable() {
        Set<String> documented = Set.of("ServerName", "ServerAddress", "ByteCount", "ReadComplete",
                "WebSocketStatus", "HandleInfo", "Url", "StatusCode", "SecureFailure", "AsyncResult",
                "WebSocketAsyncResult", "None");
        assertTrue(StatusInfo.class.isSealed());
        Set<String> permitted = new HashSet<>();
        for (Class<?> c : StatusInfo.class.getPermittedSubclasses()) {
            assertTrue(c.isRecord(), c + " is a record");
            permitted.add(c.getSimpleName());
        }
        assertEquals(documented, permitted);
    }

    @Test
    void closeStatusComparesReasonBytes() {
        WebSocketCloseStatus a = new WebSocketCloseStatus(1000, "bye".getBytes(StandardCharsets.UTF_8));
        WebSocketCloseStatus b = new WebSocketCloseStatus(1000, "bye".getBytes(StandardCharsets.UTF_8));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new WebSocketCloseStatus(1001, a.reason()));
        assertEquals("bye", a.reasonText());
    }
}
