package io.winhttp4j;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class WinHttpConstantsTest {

    @Test
    void callbackMasks() {
        assertEquals(-1, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        assertEquals(0x097E0000, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        int completions = WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE
                | WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE
                | WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE
                | WINHTTP_CALLBACK_STATUS_READ_COMPLETE
                | WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE
                | WINHTTP_CALLBACK_STATUS_REQUEST_ERROR
                | WINHTTP_CALLBACK_STATUS_GETPROXYFORURL_COMPLETE
                | WINHTTP_CALLBACK_STATUS_GETPROXYSETTINGS_COMPLETE;
        assertEquals(completions, WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS);
        assertEquals(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED | WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING,
                WINHTTP_CALLBACK_FLAG_HANDLES);
        assertEquals(Integer.MIN_VALUE, WINHTTP_CALLBACK_STATUS_FLAG_SECURITY_CHANNEL_ERROR);
    }

    @Test
    void optionIds() {
        assertEquals(1, WINHTTP_FIRST_OPTION);
        assertEquals(45, WINHTTP_OPTION_CONTEXT_VALUE);
        assertEquals(73, WINHTTP_OPTION_MAX_CONNS_PER_SERVER);
        assertEquals(114, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET);
        assertEquals(212, WINHTTP_LAST_OPTION);
        assertEquals(WINHTTP_OPTION_SESSION_ERROR_LOG_GUID, WINHTTP_LAST_OPTION);
        assertEquals(0x1003, WINHTTP_OPTION_PROXY_PASSWORD);
        assertEquals(-1, WINHTTP_CONNS_PER_SERVER_UNLIMITED);
    }

    @Test
    void queryLevels() {
        assertEquals(78, WINHTTP_QUERY_MAX);
        assertEquals(WINHTTP_QUERY_PASSPORT_CONFIG, WINHTTP_QUERY_MAX);
        assertEquals(19, WINHTTP_QUERY_STATUS_CODE);
        assertEquals(70, WINHTTP_QUERY_UNLESS_MODIFIED_SINCE);
        assertEquals(65535, WINHTTP_QUERY_CUSTOM);
        assertEquals(WINHTTP_QUERY_RAW_HEADERS, WINHTTP_QUERY_EX_ALL_HEADERS);
        assertEquals(0x20000000, WINHTTP_QUERY_FLAG_NUMBER);
    }

    @Test
    void miscValues() {
        assertEquals(0xA8, WINHTTP_FLAG_SECURE_PROTOCOL_ALL);
        assertEquals(0x10000000, WINHTTP_FLAG_ASYNC);
        assertEquals(0x00800000, WINHTTP_FLAG_SECURE);
        assertEquals(1, WINHTTP_OPTION_REDIRECT_POLICY_DEFAULT);
        assertEquals(5, WINHTTP_HANDLE_TYPE_WEBSOCKET);
        assertEquals(443, INTERNET_DEFAULT_HTTPS_PORT);
        assertEquals(62, WINHTTP_TIME_FORMAT_BUFSIZE);
    }

    @Test
    void webSocketValues() {
        assertEquals(0, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
        assertEquals(4, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE);
        assertEquals(0, WINHTTP_WEB_SOCKET_SEND_OPERATION);
        assertEquals(3, WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION);
        assertEquals(1000, WINHTTP_WEB_SOCKET_SUCCESS_CLOSE_STATUS);
        assertEquals(1001, WINHTTP_WEB_SOCKET_ENDPOINT_TERMINATED_CLOSE_STATUS);
        assertEquals(1005, WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS);
        assertEquals(1006, WINHTTP_WEB_SOCKET_ABORTED_CLOSE_STATUS);
        assertEquals(1011, WINHTTP_WEB_SOCKET_SERVER_ERROR_CLOSE_STATUS);
        assertEquals(1015, WINHTTP_WEB_SOCKET_SECURE_HANDSHAKE_ERROR_CLOSE_STATUS);
        assertEquals(123, WINHTTP_WEB_SOCKET_MAX_CLOSE_REASON_LENGTH);
        assertEquals(15000, WINHTTP_WEB_SOCKET_MIN_KEEPALIVE_VALUE);
    }

    @Test
    void statusNameOfSomeValues() {
        assertEquals("SENDING_REQUEST", statusName(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST));
        assertEquals("RESOLVING_NAME", statusName(0x1));
        assertEquals("HANDLE_CLOSING", statusName(0x800));
        assertEquals("REQUEST_ERROR", statusName(0x00200000));
        assertEquals("SETTINGS_READ_COMPLETE", statusName(0x20000000));
        assertEquals("0x00002000", statusName(0x2000));
    }

    @Test
    void statusNameCoversEveryStatusConstant() throws IllegalAccessException {
        String prefix = "WINHTTP_CALLBACK_STATUS_";
        int count = 0;
        for (Field f : WinHttpConstants.class.getFields()) {
            if (f.getName().startsWith(prefix) && !f.getName().startsWith(prefix + "FLAG_")) {
                assertEquals(f.getName().substring(prefix.length()), statusName(f.getInt(null)));
                count++;
            }
        }
        assertEquals(28, count);
    }

    @Test
    void everyConstantIsPublicStaticFinalInt() {
        for (Field f : WinHttpConstants.class.getDeclaredFields()) {
            int m = f.getModifiers();
            assertTrue(Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m), f.getName());
            assertEquals(int.class, f.getType(), f.getName());
        }
    }
}
