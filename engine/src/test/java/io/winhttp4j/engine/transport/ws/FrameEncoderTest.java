package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.transport.ws.ServerFrames.hex;
import static io.winhttp4j.engine.transport.ws.ServerFrames.utf8;
import static org.junit.jupiter.api.Assertions.*;

/** The client's frames byte for byte: header forms, masking, control frame rules, fresh keys. */
class FrameEncoderTest {
    /** The key of the masked examples in RFC 6455 5.7. */
    private static final int RFC_KEY = 0x37FA213D;

    private static FrameEncoder withKey(int key) {
        return new FrameEncoder(() -> key);
    }

    private static ClientFrames.Frame only(ByteString wire) {
        List<ClientFrames.Frame> frames = ClientFrames.parse(wire);
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    @Test
    void rfc6455MaskedTextExample() {
        ByteString wire = withKey(RFC_KEY).data(SendState.IDLE.send(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), utf8("Hello"), 0, 5);
        assertEquals(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), wire);
    }

    @Test
    void rfc6455MaskedPongExample() {
        assertEquals(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), withKey(RFC_KEY).pong(ByteString.fromString("Hello")));
    }

    @Test
    void fragmentsCarryTheOpcodeFirstAndContinuationAfter() {
        FrameEncoder e = withKey(0);
        SendState.Step first = SendState.IDLE.send(WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE);
        SendState.Step last = first.next().send(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE);
        // RFC 6455 5.7's fragmented "Hello", masked with an all-zero key
        assertEquals(hex("01 83 00000000 48 65 6c"), e.data(first, utf8("Hello"), 0, 3));
        assertEquals(hex("80 82 00000000 6c 6f"), e.data(last, utf8("Hello"), 3, 2));
    }

    @Test
    void payloadLengthsUseTheShortestOfTheThreeForms() {
        FrameEncoder e = new FrameEncoder();
        SendState.Step binary = SendState.IDLE.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
        int[] lengths = {0, 1, 125, 126, 127, 256, 65_535, 65_536, 70_000};
        int[] forms = {0, 0, 0, 2, 2, 2, 2, 8, 8};
        Random r = new Random(0x5EED_0001L);
        for (int i = 0; i < lengths.length; i++) {
            byte[] payload = new byte[lengths[i]];
            r.nextBytes(payload);
            ByteString wire = e.data(binary, payload, 0, payload.length);
            ClientFrames.Frame f = only(wire);
            assertEquals(forms[i], f.lengthBytes(), "length " + lengths[i]);
            assertEquals(2 + forms[i] + 4 + lengths[i], wire.length(), "length " + lengths[i]);
            assertTrue(f.fin());
            assertTrue(f.masked());
            assertEquals(0, f.rsv());
            assertEquals(Opcode.BINARY, f.opcode());
            assertArrayEquals(payload, f.payload(), "length " + lengths[i]);
        }
    }

    @Test
    void theRfcExamplesOf256BytesAnd64KiBHaveTheirHeaders() {
        FrameEncoder e = withKey(0x01020304);
        SendState.Step binary = SendState.IDLE.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
        assertEquals(hex("82 FE 0100 01020304"), e.data(binary, new byte[256], 0, 256).take(8));
        assertEquals(hex("82 FF 0000000000010000 01020304"), e.data(binary, new byte[65_536], 0, 65_536).take(14));
    }

    @Test
    void maskingMatchesTheRfcFormulaAtEveryLengthAndOffset() {
        Random r = new Random(0x5EED_0002L);
        for (int len = 0; len <= 40; len++) {
            for (int off = 0; off < 9; off++) {
                int key = r.nextInt();
                byte[] src = new byte[off + len + 3];
                r.nextBytes(src);
                byte[] dst = new byte[len + 5];
                Masker.mask(src, off, dst, 5, len, key);
                for (int i = 0; i < len; i++) {
                    int keyByte = (key >>> (24 - 8 * (i % 4))) & 0xFF;
                    assertEquals((byte) (src[off + i] ^ keyByte), dst[5 + i], "len " + len + " off " + off + " i " + i);
                }
            }
        }
    }

    @Test
    void theCallersSliceIsWhatIsSent() {
        byte[] buffer = utf8("xxHelloxx");
        ClientFrames.Frame f = only(new FrameEncoder().data(SendState.IDLE.send(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), buffer, 2, 5));
        assertArrayEquals(utf8("Hello"), f.payload());
        assertArrayEquals(utf8("xxHelloxx"), buffer, "the caller's buffer is left as it was");
    }

    @Test
    void anEmptyMessageIsOneEmptyFrame() {
        FrameEncoder e = withKey(RFC_KEY);
        assertEquals(hex("82 80 37fa213d"), e.data(SendState.IDLE.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), null, 0, 0));
        assertEquals(hex("80 80 37fa213d"), e.data(SendState.BINARY_OPEN.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE), new byte[0], 0, 0));
    }

    @Test
    void badSlicesAreRefused() {
        FrameEncoder e = new FrameEncoder();
        SendState.Step s = SendState.IDLE.send(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE);
        assertThrows(IllegalArgumentException.class, () -> e.data(s, null, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> e.data(s, new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> e.data(s, new byte[4], -1, 1));
    }

    @Test
    void controlFramesAreAtMost125BytesAndNeverFragmented() {
        FrameEncoder e = new FrameEncoder();
        assertEquals(125, only(e.ping(ByteString.fromArrayUnsafe(new byte[125]))).payload().length);
        assertThrows(IllegalArgumentException.class, () -> e.ping(ByteString.fromArrayUnsafe(new byte[126])));
        assertThrows(IllegalArgumentException.class, () -> e.pong(ByteString.fromArrayUnsafe(new byte[126])));
        for (int op : new int[] {Opcode.CLOSE, Opcode.PING, Opcode.PONG}) {
            assertThrows(IllegalArgumentException.class, () -> e.frame(false, op, new byte[1], 0, 1), "opcode " + op);
            assertThrows(IllegalArgumentException.class, () -> e.frame(true, op, new byte[126], 0, 126), "opcode " + op);
        }
        for (int op : new int[] {3, 7, 0xB, 0xF, 16, -1}) {
            assertThrows(IllegalArgumentException.class, () -> e.frame(true, op, null, 0, 0), "opcode " + op);
        }
    }

    @Test
    void aCloseCarriesItsStatusAndReasonOrNothingFor1005() {
        FrameEncoder e = withKey(0);
        assertEquals(hex("88 82 00000000 03e8"), e.close(1000, null));
        assertEquals(hex("88 89 00000000 03e8 73756363657373"), e.close(1000, utf8("success")));
        assertEquals(hex("88 80 00000000"), e.close(1005, null));
        assertEquals(hex("88 80 00000000"), e.close(1005, new byte[0]));
        ClientFrames.Frame longest = only(e.close(4999, new byte[123]));
        assertEquals(125, longest.payload().length);
        WinHttpException tooLong = assertThrows(WinHttpException.class, () -> e.close(1000, new byte[124]));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, tooLong.error());
        WinHttpException reserved = assertThrows(WinHttpException.class, () -> e.close(1006, null));
        assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, reserved.error());
    }

    @Test
    void everyFrameHasAFreshKey() {
        FrameEncoder e = new FrameEncoder();
        Set<Integer> keys = new HashSet<>();
        byte[] payload = utf8("same payload every time");
        Set<ByteString> wires = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ByteString wire = e.data(SendState.IDLE.send(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), payload, 0, payload.length);
            ClientFrames.Frame f = only(wire);
            assertArrayEquals(payload, f.payload());
            keys.add(f.key());
            wires.add(wire);
        }
        // 10,000 draws from 2^32 repeat a value with probability about 1%, never 10 times
        assertTrue(keys.size() >= 9_990, keys.size() + " distinct keys");
        assertTrue(wires.size() >= 9_990, "the same payload looks different on the wire");
    }

    @Test
    void twoConnectionsDrawDifferentKeys() {
        MaskKeys a = new MaskKeys();
        MaskKeys b = new MaskKeys();
        int[] fromA = new int[64];
        int[] fromB = new int[64];
        for (int i = 0; i < 64; i++) {
            fromA[i] = a.getAsInt();
            fromB[i] = b.getAsInt();
        }
        assertFalse(Arrays.equals(fromA, fromB));
    }

    @Test
    void theKeyStreamIsReKeyedAndStaysFresh() {
        MaskKeys keys = new MaskKeys(2);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 256 * 7; i++) seen.add(keys.getAsInt());
        assertEquals(3, keys.rekeys(), "a re-key after every 2 refills of 256 keys");
        assertTrue(seen.size() >= 256 * 7 - 2, seen.size() + " distinct of " + 256 * 7);
    }
}
