package io.winhttp4j;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_SENDING_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    @Test
    void statusInfoSwitchIsExhaustive() {
        StatusInfo info = new StatusInfo.ByteCount(12);
        // A pattern switch over the sealed interface compiles without a default branch only in
        // Java 21; here we check the permitted set instead.
        assertEquals(12, StatusInfo.class.getPermittedSubclasses().length);
        assertTrue(info instanceof StatusInfo.ByteCount b && b.bytes() == 12);
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
