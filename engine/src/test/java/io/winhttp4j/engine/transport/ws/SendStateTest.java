package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.junit.jupiter.api.Test;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every buffer type from every send state: the frame it becomes, or INVALID_PARAMETER. */
class SendStateTest {

    private static void assertStep(SendState from, int type, int opcode, boolean fin, SendState next) {
        SendState.Step s = from.send(type);
        assertEquals(new SendState.Step(opcode, fin, next), s, from + " + type " + type);
    }

    private static void assertRefused(SendState from, int type) {
        WinHttpException e = assertThrows(WinHttpException.class, () -> from.send(type), from + " + type " + type);
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error());
    }

    @Test
    void idleStartsOrSendsWholeMessages() {
        assertStep(SendState.IDLE, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, Opcode.BINARY, true, SendState.IDLE);
        assertStep(SendState.IDLE, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE, Opcode.BINARY, false, SendState.BINARY_OPEN);
        assertStep(SendState.IDLE, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, Opcode.TEXT, true, SendState.IDLE);
        assertStep(SendState.IDLE, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, Opcode.TEXT, false, SendState.UTF8_OPEN);
    }

    @Test
    void anOpenBinaryMessageContinuesAndEndsWithContinuationFrames() {
        assertStep(SendState.BINARY_OPEN, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE, Opcode.CONTINUATION, false, SendState.BINARY_OPEN);
        assertStep(SendState.BINARY_OPEN, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, Opcode.CONTINUATION, true, SendState.IDLE);
        assertRefused(SendState.BINARY_OPEN, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE);
        assertRefused(SendState.BINARY_OPEN, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE);
    }

    @Test
    void anOpenUtf8MessageContinuesAndEndsWithContinuationFrames() {
        assertStep(SendState.UTF8_OPEN, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE, Opcode.CONTINUATION, false, SendState.UTF8_OPEN);
        assertStep(SendState.UTF8_OPEN, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, Opcode.CONTINUATION, true, SendState.IDLE);
        assertRefused(SendState.UTF8_OPEN, WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE);
        assertRefused(SendState.UTF8_OPEN, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
    }

    @Test
    void closeAndUnknownTypesAreNeverData() {
        for (SendState s : SendState.values()) {
            assertRefused(s, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE);
            assertRefused(s, 5);
            assertRefused(s, -1);
        }
    }

    @Test
    void theWineSequenceOfConformance25() {
        // steps 7-11: fragment, two refused mixes, fragment, an empty MESSAGE ending it, a whole message
        SendState s = SendState.IDLE;
        s = s.send(WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE).next();
        assertRefused(s, WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE);
        assertRefused(s, WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE);
        assertEquals(SendState.BINARY_OPEN, s, "a refused send changes nothing");
        s = s.send(WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE).next();
        SendState.Step end = s.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
        assertEquals(Opcode.CONTINUATION, end.opcode());
        assertTrue(end.fin());
        s = end.next();
        assertEquals(new SendState.Step(Opcode.BINARY, true, SendState.IDLE), s.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE));
    }
}
