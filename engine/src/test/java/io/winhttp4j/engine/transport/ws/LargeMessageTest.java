package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * 64 MiB messages taken through a 64 KiB buffer: the decoder holds at most one read (plus a
 * frame header's fields) and allocates a few dozen bytes per piece, never the payload: the
 * whole message costs well under a megabyte of allocation, where one copy would cost 64 MiB.
 * The reads are the same few arrays fed again and again, so that the test itself allocates
 * nothing per read either.
 */
class LargeMessageTest {
    private static final int MESSAGE = 64 << 20;
    private static final int BUFFER = 64 << 10;
    /** Far below one copy of the message, far above a few hundred bytes per piece. */
    private static final long ALLOCATION_BOUND = 4 << 20;

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** What taking a message out of a decoder saw. */
    private static final class Taken {
        long bytes;
        int pieces;
        int mostHeld;
        int lastType = -1;
        boolean contentOk = true;

        void take(MessageDecoder d, ByteString read, byte[] expected) {
            d.feed(read);
            int at = 0;
            for (Inbound e; (e = d.next(BUFFER)) != null; ) {
                Inbound.Data data = (Inbound.Data) e;
                int n = data.bytes().length();
                if (n > BUFFER) contentOk = false;
                // compare a few bytes of each piece: enough to see a slip, cheap enough for 64 MiB
                if (n > 0 && (data.bytes().apply(0) != expected[at] || data.bytes().apply(n - 1) != expected[at + n - 1])) {
                    contentOk = false;
                }
                at += n;
                bytes += n;
                pieces++;
                lastType = data.bufferType();
                if (!data.endsMessage() && lastType != WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE
                        && lastType != WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE) {
                    contentOk = false;
                }
                mostHeld = Math.max(mostHeld, d.heldBytes());
            }
        }
    }

    @Test
    void a64MiBBinaryFrameThroughA64KiBBuffer() {
        byte[] block = new byte[BUFFER];
        for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 7 + 3);
        ByteString read = ByteString.fromArrayUnsafe(block);
        ByteString header = ServerFrames.header(0x80 | Opcode.BINARY, MESSAGE);
        com.sun.management.ThreadMXBean t = threads();
        long id = Thread.currentThread().getId();

        MessageDecoder d = new MessageDecoder(MESSAGE);
        Taken taken = new Taken();
        long before = t == null ? 0 : t.getThreadAllocatedBytes(id);
        taken.take(d, header, block);
        for (int i = 0; i < MESSAGE / BUFFER; i++) taken.take(d, read, block);
        long allocated = t == null ? 0 : t.getThreadAllocatedBytes(id) - before;

        assertEquals(MESSAGE, taken.bytes);
        assertEquals(MESSAGE / BUFFER, taken.pieces);
        assertEquals(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, taken.lastType);
        assertTrue(taken.contentOk, "a piece with the wrong bytes, size or type");
        assertTrue(taken.mostHeld <= BUFFER, "held " + taken.mostHeld + " bytes");
        assertTrue(d.needsInput());
        assertEquals(0, d.heldBytes(), "nothing held between messages");
        assumeTrue(t != null, "this JVM does not count allocations per thread");
        assertTrue(allocated < ALLOCATION_BOUND, allocated + " bytes allocated for a 64 MiB message");
    }

    @Test
    void a64MiBTextMessageIn2048FramesThroughA64KiBBufferCheckedAsUtf8() {
        // frames of 32 KiB whose payloads end inside a euro sign (E2 82 AC) that the next frame
        // completes, so that the check carries state across every one of the 2048 frames
        int frame = 32 << 10;
        byte[] middle = textBlock(frame, new byte[] {(byte) 0x82, (byte) 0xAC}, new byte[] {(byte) 0xE2});
        byte[] first = textBlock(frame, new byte[] {'a', 'b'}, new byte[] {(byte) 0xE2});
        byte[] last = textBlock(frame, new byte[] {(byte) 0x82, (byte) 0xAC}, new byte[] {'!'});
        ByteString firstHeader = ServerFrames.header(Opcode.TEXT, frame);
        ByteString middleHeader = ServerFrames.header(Opcode.CONTINUATION, frame);
        ByteString lastHeader = ServerFrames.header(0x80 | Opcode.CONTINUATION, frame);
        ByteString firstRead = ByteString.fromArrayUnsafe(first);
        ByteString middleRead = ByteString.fromArrayUnsafe(middle);
        ByteString lastRead = ByteString.fromArrayUnsafe(last);
        int frames = MESSAGE / frame;
        com.sun.management.ThreadMXBean t = threads();
        long id = Thread.currentThread().getId();

        MessageDecoder d = new MessageDecoder(MESSAGE);
        Taken taken = new Taken();
        long before = t == null ? 0 : t.getThreadAllocatedBytes(id);
        taken.take(d, firstHeader, first);
        taken.take(d, firstRead, first);
        for (int i = 1; i < frames - 1; i++) {
            taken.take(d, middleHeader, middle);
            taken.take(d, middleRead, middle);
        }
        taken.take(d, lastHeader, last);
        taken.take(d, lastRead, last);
        long allocated = t == null ? 0 : t.getThreadAllocatedBytes(id) - before;

        assertEquals(MESSAGE, taken.bytes);
        assertEquals(frames, taken.pieces);
        assertEquals(WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, taken.lastType);
        assertTrue(taken.contentOk, "a piece with the wrong bytes, size or type");
        assertTrue(taken.mostHeld <= frame, "held " + taken.mostHeld + " bytes");
        assumeTrue(t != null, "this JVM does not count allocations per thread");
        assertTrue(allocated < ALLOCATION_BOUND, allocated + " bytes allocated for a 64 MiB message");
    }

    @Test
    void aBadByteAtTheEndOf64MiBOfTextStillFails() {
        int frame = 32 << 10;
        byte[] middle = textBlock(frame, new byte[] {(byte) 0x82, (byte) 0xAC}, new byte[] {(byte) 0xE2});
        byte[] first = textBlock(frame, new byte[] {'a', 'b'}, new byte[] {(byte) 0xE2});
        byte[] bad = textBlock(frame, new byte[] {(byte) 0x82, (byte) 0xAC}, new byte[] {'!'});
        bad[frame - 1] = (byte) 0xC0;
        MessageDecoder d = new MessageDecoder();
        d.feed(ServerFrames.header(Opcode.TEXT, frame));
        assertNull(d.next(BUFFER));
        d.feed(ByteString.fromArrayUnsafe(first));
        assertNotNull(d.next(BUFFER));
        for (int i = 1; i < MESSAGE / frame - 1; i++) {
            d.feed(ServerFrames.header(Opcode.CONTINUATION, frame));
            assertNull(d.next(BUFFER));
            d.feed(ByteString.fromArrayUnsafe(middle));
            assertNotNull(d.next(BUFFER));
        }
        d.feed(ServerFrames.header(0x80 | Opcode.CONTINUATION, frame));
        assertNull(d.next(BUFFER));
        d.feed(ByteString.fromArrayUnsafe(bad));
        Inbound e = d.next(BUFFER);
        assertEquals(1007, ((Inbound.Failure) e).closeStatus(), e.toString());
    }

    /** {@code size} bytes: {@code head}, then "ab€" repeated, ASCII padding, then {@code tail}. */
    private static byte[] textBlock(int size, byte[] head, byte[] tail) {
        byte[] unit = "ab€".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[size];
        System.arraycopy(head, 0, b, 0, head.length);
        int at = head.length;
        while (at + unit.length <= size - tail.length) {
            System.arraycopy(unit, 0, b, at, unit.length);
            at += unit.length;
        }
        Arrays.fill(b, at, size - tail.length, (byte) 'x');
        System.arraycopy(tail, 0, b, size - tail.length, tail.length);
        return b;
    }
}
