package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.transport.ws.Received.binaryLine;
import static io.winhttp4j.engine.transport.ws.Received.textLine;
import static io.winhttp4j.engine.transport.ws.ServerFrames.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every rule of the decoder with exact input: RFC 6455 5.7's examples first. */
class MessageDecoderTest {

    /** Feeds {@code wire} one byte at a time; the index of the byte after which the failure came. */
    private static int failsAtByte(ByteString wire, int status) {
        MessageDecoder d = new MessageDecoder();
        Received r = new Received();
        for (int i = 0; i < wire.length(); i++) {
            r.feed(d, 1 << 20, wire.slice(i, i + 1));
            if (r.failure != null) {
                assertEquals(status, r.failure.closeStatus(), r.failure.toString());
                return i;
            }
        }
        return fail("no failure: " + r.summary);
    }

    private static Inbound.Data piece(String hexBytes, int type) {
        return new Inbound.Data(hex(hexBytes), type);
    }

    // ---- RFC 6455 5.7 ----

    @Test
    void rfcUnmaskedTextMessage() {
        assertEquals(List.of(textLine("Hello")), Received.all(hex("81 05 48 65 6c 6c 6f")).summary);
    }

    @Test
    void rfcMaskedTextMessageIsRefusedFromAServer() {
        assertEquals(1002, Received.all(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")).failureStatus());
    }

    @Test
    void rfcFragmentedTextMessage() {
        Received r = Received.all(hex("01 03 48 65 6c"), hex("80 02 6c 6f"));
        assertEquals(List.of(textLine("Hello")), r.summary);
        assertEquals(List.of(piece("48656c", WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE),
                piece("6c6f", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE)), r.raw);
    }

    @Test
    void rfcPingAndMaskedPong() {
        assertEquals(List.of(new Inbound.Ping(ByteString.fromString("Hello"))), Received.all(hex("89 05 48 65 6c 6c 6f")).raw);
        assertEquals(1002, Received.all(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58")).failureStatus());
    }

    @Test
    void rfc256ByteAnd64KiBBinaryMessages() {
        byte[] b256 = new byte[256];
        for (int i = 0; i < b256.length; i++) b256[i] = (byte) i;
        assertEquals(List.of(binaryLine(b256)), Received.all(concat(hex("82 7E 0100"), ByteString.fromArrayUnsafe(b256))).summary);
        byte[] b64k = new byte[65_536];
        for (int i = 0; i < b64k.length; i++) b64k[i] = (byte) (i * 31);
        assertEquals(List.of(binaryLine(b64k)), Received.all(concat(hex("82 7F 0000000000010000"), ByteString.fromArrayUnsafe(b64k))).summary);
    }

    // ---- header rules, each as soon as the offending byte is in ----

    @Test
    void rsvBitsFailAtTheFirstByte() {
        for (int rsv : new int[] {0x40, 0x20, 0x10, 0x70}) {
            assertEquals(0, failsAtByte(frame(0x80 | rsv | Opcode.TEXT, utf8("x")), 1002), "rsv " + rsv);
            assertEquals(0, failsAtByte(frame(0x80 | rsv | Opcode.PING, new byte[0]), 1002), "rsv " + rsv + " on a ping");
        }
    }

    @Test
    void reservedOpcodesFailAtTheFirstByte() {
        for (int op : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            assertEquals(0, failsAtByte(frame(0x80 | op, utf8("x")), 1002), "opcode " + op);
        }
    }

    @Test
    void maskedFramesFailAtTheSecondByte() {
        assertEquals(1, failsAtByte(masked(0x82, new byte[3], new byte[] {1, 2, 3, 4}), 1002));
        assertEquals(1, failsAtByte(masked(0x89, new byte[0], new byte[] {0, 0, 0, 0}), 1002));
    }

    @Test
    void fragmentedControlFramesFail() {
        for (int op : new int[] {Opcode.CLOSE, Opcode.PING, Opcode.PONG}) {
            assertEquals(0, failsAtByte(frame(op, utf8("x")), 1002), "opcode " + op);
        }
    }

    @Test
    void controlFramesLongerThan125BytesFail() {
        for (int op : new int[] {Opcode.CLOSE, Opcode.PING, Opcode.PONG}) {
            assertEquals(1, failsAtByte(frame(0x80 | op, new byte[126]), 1002), "opcode " + op);
        }
        assertEquals(List.of("ping " + "00".repeat(125)), Received.all(ping(new byte[125])).summary);
    }

    @Test
    void a64BitLengthWithItsHighBitSetFails() {
        assertEquals(2, failsAtByte(hex("82 7F 80 00 00 00 00 00 00 01"), 1002));
        assertEquals(2, failsAtByte(hex("82 7F FF FF FF FF FF FF FF FF"), 1002));
        // the largest legal length is only a promise of bytes: nothing is held for it
        Received r = Received.all(hex("82 7F 7F FF FF FF FF FF FF FF 00 01 02"));
        assertNull(r.failure);
        assertEquals(3, r.open.size());
    }

    @Test
    void aLengthInALongerFormThanNeededIsAccepted() {
        assertEquals(List.of(binaryLine(new byte[] {1, 2, 3})), Received.all(hex("82 7E 0003 010203")).summary);
        assertEquals(List.of(binaryLine(new byte[] {1})), Received.all(hex("82 7F 0000000000000001 01")).summary);
    }

    // ---- message rules ----

    @Test
    void aContinuationWithNoMessageOpenFails() {
        assertEquals(1002, Received.all(hex("80 01 61")).failureStatus());
        assertEquals(1002, Received.all(hex("00 01 61")).failureStatus());
        assertEquals(1002, Received.all(text("done"), hex("80 01 61")).failureStatus(), "after a message ended");
    }

    @Test
    void aNewMessageInsideAFragmentedOneFails() {
        assertEquals(1002, Received.all(hex("01 01 61"), hex("81 01 62")).failureStatus());
        assertEquals(1002, Received.all(hex("01 01 61"), hex("82 01 62")).failureStatus());
        assertEquals(1002, Received.all(hex("02 01 61"), hex("01 01 62")).failureStatus());
        Received r = Received.all(hex("02 01 61"), hex("82 01 62"));
        assertEquals(List.of(piece("61", WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE), r.failure), r.raw,
                "the fragment before is handed out, then the failure");
    }

    @Test
    void aMessageLongerThanTheLimitFailsWith1009FromItsHeader() {
        MessageDecoder d = new MessageDecoder(10);
        assertEquals(new Inbound.Failure(1009, "a message longer than the limit of 10 bytes"),
                nextAfter(d, hex("82 0B")), "decided before the payload arrives");
        assertEquals(List.of(binaryLine(new byte[10])), Received.of(new MessageDecoder(10), 100,
                List.of(binary(new byte[10]))).summary);
        Received across = Received.of(new MessageDecoder(10), 100,
                List.of(frame(false, Opcode.BINARY, new byte[6]), frame(true, Opcode.CONTINUATION, new byte[5])));
        assertEquals(1009, across.failureStatus());
        Received exact = Received.of(new MessageDecoder(10), 100, List.of(frame(false, Opcode.TEXT, utf8("12345")),
                ping(new byte[50]), frame(true, Opcode.CONTINUATION, utf8("67890")), text("0123456789")));
        assertEquals(List.of("ping " + "00".repeat(50), textLine("1234567890"), textLine("0123456789")), exact.summary,
                "control frames do not count, and each message starts from zero");
        assertEquals(1009, Received.of(new MessageDecoder(10), 100, List.of(hex("82 7F 7FFFFFFFFFFFFFFF"))).failureStatus());
        assertEquals(List.of(textLine("")), Received.of(new MessageDecoder(0), 100, List.of(text(""))).summary);
    }

    private static Inbound nextAfter(MessageDecoder d, ByteString bytes) {
        d.feed(bytes);
        return d.next(1 << 20);
    }

    // ---- pieces and their buffer types ----

    @Test
    void aMessageBiggerThanTheBufferComesInPiecesTheLastTypedMessage() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        Received r = Received.of(new MessageDecoder(), 128, List.of(binary(b)));
        List<Inbound.Data> p = r.pieces();
        assertEquals(2, p.size());
        assertEquals(WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE, p.get(0).bufferType());
        assertEquals(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, p.get(1).bufferType());
        assertEquals(128, p.get(0).bytes().length());
        assertEquals(List.of(binaryLine(b)), r.summary);

        Received small = Received.of(new MessageDecoder(), 3, List.of(text("abcdefghij")));
        assertEquals(List.of(piece("616263", 3), piece("646566", 3), piece("676869", 3), piece("6a", 2)), small.raw);
    }

    @Test
    void aPieceNeverSpansTwoFramesAndIsWhatWasFed() {
        Received r = Received.of(new MessageDecoder(), 100, List.of(frame(false, Opcode.BINARY, new byte[] {1, 2}),
                frame(true, Opcode.CONTINUATION, new byte[] {3, 4})));
        assertEquals(List.of(piece("0102", WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE),
                piece("0304", WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE)), r.raw);

        Received partial = Received.of(new MessageDecoder(), 100, List.of(hex("82 0A 01020304"), hex("05060708090A")));
        assertEquals(List.of(piece("01020304", WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE),
                piece("05060708090a", WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE)), partial.raw);
    }

    @Test
    void emptyMessagesAreOneEmptyMessagePiece() {
        assertEquals(List.of(piece("", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE)), Received.all(hex("81 00")).raw);
        assertEquals(List.of(piece("", WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE)), Received.all(hex("82 00")).raw);
        assertEquals(List.of(piece("48656c", WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE),
                piece("", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE)), Received.all(hex("01 03 48656c"), hex("80 00")).raw,
                "an empty final frame ends the message");
    }

    @Test
    void emptyFramesThatDoNotEndAMessageAreSkipped() {
        assertEquals(List.of(piece("6869", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE)),
                Received.all(hex("01 00"), hex("00 00"), hex("80 02 6869")).raw);
        assertEquals(List.of(piece("", WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE)),
                Received.all(hex("02 00 00 00 80 00")).raw);
    }

    // ---- control frames ----

    @Test
    void controlFramesMayComeBetweenTheFramesOfAMessage() {
        Received r = Received.all(hex("01 03 48656c"), hex("89 02 6869"), hex("8A 00"), hex("80 02 6c6f"));
        assertEquals(List.of(piece("48656c", WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE),
                new Inbound.Ping(hex("6869")), new Inbound.Pong(ByteString.emptyByteString()),
                piece("6c6f", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE)), r.raw);
    }

    @Test
    void aControlBodySplitAcrossReadsIsHandedOutWhole() {
        MessageDecoder d = new MessageDecoder();
        Received r = new Received();
        ByteString wire = ping(utf8("a ping payload"));
        for (int i = 0; i < wire.length(); i++) r.feed(d, 1, wire.slice(i, i + 1));
        assertEquals(List.of(new Inbound.Ping(ByteString.fromString("a ping payload"))), r.raw);
    }

    @Test
    void unsolicitedPongsAreReported() {
        assertEquals(List.of("pong 6869", textLine("x")), Received.all(pong(utf8("hi")), text("x")).summary);
    }

    // ---- close ----

    @Test
    void aCloseWithoutABodyReports1005() {
        Received r = Received.all(hex("88 00"));
        assertEquals(List.of(new Inbound.Close(1005, ByteString.emptyByteString())), r.raw);
    }

    @Test
    void aCloseWithAOneByteBodyFails() {
        assertEquals(1002, Received.all(hex("88 01 03")).failureStatus());
    }

    @Test
    void closeStatusesAreCheckedAsIssue12Says() {
        for (int status : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            assertEquals(List.of("close " + status + " "), Received.all(ServerFrames.close(status, new byte[0])).summary, "status " + status);
        }
        for (int status : new int[] {0, 999, 1004, 1005, 1006, 1012, 1013, 1014, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            assertEquals(1002, Received.all(ServerFrames.close(status, new byte[0])).failureStatus(), "status " + status);
        }
    }

    @Test
    void theCloseReasonMustBeUtf8() {
        assertEquals(new Inbound.Close(1000, ByteString.fromString("κλείσιμο")),
                Received.all(ServerFrames.close(1000, utf8("κλείσιμο"))).close);
        assertEquals(1007, Received.all(ServerFrames.close(1000, hex("C0 80").toArray())).failureStatus());
        assertEquals(1007, Received.all(ServerFrames.close(1000, hex("61 ED A0 80").toArray())).failureStatus());
        assertEquals(1007, Received.all(ServerFrames.close(1000, hex("61 E2 82").toArray())).failureStatus(), "truncated");
        byte[] longest = new byte[123];
        java.util.Arrays.fill(longest, (byte) 'r');
        assertEquals(123, Received.all(ServerFrames.close(4000, longest)).close.reason().length());
    }

    @Test
    void nothingIsReadAfterTheClose() {
        MessageDecoder d = new MessageDecoder();
        d.feed(concat(ServerFrames.close(1000, utf8("bye")), text("late"), hex("FF FF")));
        assertEquals(new Inbound.Close(1000, ByteString.fromString("bye")), d.next(100));
        assertTrue(d.finished());
        assertFalse(d.needsInput());
        assertNull(d.next(100));
        d.feed(text("later"));
        assertNull(d.next(100));
        assertEquals(0, d.heldBytes());
    }

    @Test
    void nothingIsReadAfterAFailure() {
        MessageDecoder d = new MessageDecoder();
        d.feed(concat(hex("C1 00"), text("late")));
        Inbound first = d.next(100);
        assertEquals(1002, ((Inbound.Failure) first).closeStatus());
        assertTrue(d.finished());
        assertNull(d.next(100));
        d.feed(text("later"));
        assertNull(d.next(100));
        assertEquals(0, d.heldBytes());
    }

    // ---- the owner's contract ----

    @Test
    void bytesAreFedOnlyWhenTheOnesBeforeAreUsedUp() {
        MessageDecoder d = new MessageDecoder();
        assertTrue(d.needsInput());
        d.feed(text("one"));
        assertFalse(d.needsInput());
        assertThrows(IllegalStateException.class, () -> d.feed(text("two")));
        assertEquals(piece("6f6e65", WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE), d.next(100), "the refused feed changed nothing");
        assertTrue(d.needsInput());
        assertNull(d.next(100));
        assertThrows(IllegalArgumentException.class, () -> d.next(0));
        d.feed(ByteString.emptyByteString());
        assertTrue(d.needsInput());
    }

    @Test
    void aSliceOrAConcatenationIsDecodedLikeACompactRead() {
        ByteString wire = concat(text("sliced"), binary(new byte[] {9}));
        ByteString slice = concat(hex("00 00"), wire).drop(2);
        ByteString rope = wire.take(3).concat(wire.drop(3));
        assertFalse(slice.isCompact());
        assertEquals(Received.all(wire).summary, Received.all(slice).summary);
        assertEquals(Received.all(wire).summary, Received.all(rope).summary);
    }

    // ---- UTF-8 in text messages ----

    @Test
    void invalidTextFailsWith1007AndHandsOutNothingOfItsFrame() {
        Received r = Received.of(new MessageDecoder(), 2, List.of(frame(true, Opcode.TEXT, hex("61 62 63 64 C0 80").toArray())));
        assertEquals(1007, r.failureStatus());
        assertEquals(List.of(r.failure), r.raw, "the bad byte is past the first piece but in the frame: no piece of it goes out");
        assertEquals(List.of(binaryLine(hex("C0 80").toArray())), Received.all(binary(hex("C0 80").toArray())).summary,
                "binary messages are not checked");
    }

    @Test
    void invalidTextFailsAsSoonAsItIsFedEvenBeforeTheMessageEnds() {
        // Autobahn 6.4.x: the bad bytes come, the rest of the message comes only seconds later
        MessageDecoder d = new MessageDecoder();
        d.feed(frame(false, Opcode.TEXT, utf8("κόσμε")));
        assertInstanceOf(Inbound.Data.class, d.next(100));
        assertNull(d.next(100));
        // the next frame is "ab", U+D800 (ED A0 80), "c": only its first 4 payload bytes have come
        d.feed(hex("00 06 61 62 ED A0"));
        assertEquals(1007, ((Inbound.Failure) d.next(100)).closeStatus(), "ED A0 starts a surrogate: known before its frame ends");

        MessageDecoder d2 = new MessageDecoder();
        d2.feed(concat(hex("01 0A"), ByteString.fromArrayUnsafe(utf8("ab")), hex("F4 90")));
        assertEquals(1007, ((Inbound.Failure) d2.next(100)).closeStatus(), "past U+10FFFF, 6 bytes of the frame still to come");
    }

    @Test
    void aCodePointSplitBetweenFramesIsValid() {
        Received r = Received.all(hex("01 01 E2"), hex("00 01 82"), hex("89 00"), hex("80 01 AC"));
        assertEquals(List.of("ping ", textLine("€")), r.summary);
    }

    @Test
    void textEndingInsideACodePointFails() {
        assertEquals(1007, Received.all(hex("81 02 E2 82")).failureStatus());
        assertEquals(1007, Received.all(hex("01 02 E2 82"), hex("80 00")).failureStatus(), "ended by an empty frame");
        assertEquals(1007, Received.all(hex("01 01 E2"), hex("80 01 82")).failureStatus());
    }

    @Test
    void textSplitIntoFramesAndReadsAtEveryBytePosition() {
        byte[] msg = utf8("κόσμε 𝄞 €!");
        for (int cut = 0; cut <= msg.length; cut++) {
            ByteString wire = concat(frame(false, Opcode.TEXT, java.util.Arrays.copyOfRange(msg, 0, cut)),
                    frame(true, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(msg, cut, msg.length)));
            for (int read = 1; read < wire.length(); read++) {
                for (int max : new int[] {1, 3, 100}) {
                    Received r = Received.of(new MessageDecoder(), max, List.of(wire.take(read), wire.drop(read)));
                    assertEquals(List.of(textLine("κόσμε 𝄞 €!")), r.summary, "frame cut " + cut + ", read cut " + read + ", max " + max);
                }
            }
        }
    }

    @Test
    void invalidTextIsFoundAtEveryFrameAndReadSplit() {
        String[] invalid = {"C0 AF", "E0 80 AF", "ED A0 80", "ED BF BF", "F4 90 80 80", "F8 88 80 80 80", "80", "FE", "E2 82 41"};
        for (String bad : invalid) {
            byte[] msg = concat(ByteString.fromString("ok "), hex(bad), ByteString.fromString(" end")).toArray();
            for (int cut = 0; cut <= msg.length; cut++) {
                ByteString wire = concat(frame(false, Opcode.TEXT, java.util.Arrays.copyOfRange(msg, 0, cut)),
                        frame(true, Opcode.CONTINUATION, java.util.Arrays.copyOfRange(msg, cut, msg.length)));
                for (int read = 1; read < wire.length(); read += 2) {
                    Received r = Received.of(new MessageDecoder(), 2, List.of(wire.take(read), wire.drop(read)));
                    assertEquals(1007, r.failureStatus(), bad + ", frame cut " + cut + ", read cut " + read);
                    assertTrue(r.summary.size() == 1, bad + ": " + r.summary);
                }
            }
        }
    }

    @Test
    void everyValidCloseAndPingStillWorksWithSmallReads() {
        List<ByteString> oneByteReads = new ArrayList<>();
        ByteString wire = concat(ping(utf8("p")), text("t"), ServerFrames.close(1001, utf8("going")));
        for (int i = 0; i < wire.length(); i++) oneByteReads.add(wire.slice(i, i + 1));
        assertEquals(List.of("ping 70", textLine("t"), "close 1001 " + Received.hex(utf8("going"))),
                Received.of(new MessageDecoder(), 1, oneByteReads).summary);
    }
}
