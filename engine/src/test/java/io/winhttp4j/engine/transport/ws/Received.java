package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a decoder handed out for some input, read as the WebSocketActor will read it: feed a
 * segment when the decoder needs input, then take events until it answers null. Checks the
 * decoder's promises on the way (pieces no longer than asked, FRAGMENT pieces of one kind ending
 * in one MESSAGE piece, nothing after a terminal event, memory within one segment plus a control
 * body) and keeps both the raw events and a split-independent summary: whole messages, controls,
 * the close or the failure.
 */
final class Received {
    final List<Inbound> raw = new ArrayList<>();
    /** One line per message, control frame, close or failure, in order. */
    final List<String> summary = new ArrayList<>();
    /** The payload of a message begun but not ended when the input stopped. */
    final ByteArrayOutputStream open = new ByteArrayOutputStream();
    Inbound.Failure failure;
    Inbound.Close close;
    int openType = -1;
    int mostHeld;

    static Received all(ByteString... segments) {
        return of(new MessageDecoder(), Integer.MAX_VALUE, List.of(segments));
    }

    static Received of(MessageDecoder d, int maxPayload, List<ByteString> segments) {
        Received r = new Received();
        for (ByteString s : segments) r.feed(d, maxPayload, s);
        return r;
    }

    /** Feeds one segment and takes every event it gives. */
    void feed(MessageDecoder d, int maxPayload, ByteString segment) {
        assertTrue(d.needsInput() || d.finished(), "the decoder asked for no input");
        d.feed(segment);
        int bound = segment.length() + Opcode.MAX_CONTROL_PAYLOAD;
        for (Inbound e; (e = d.next(maxPayload)) != null; ) {
            add(e, maxPayload);
            mostHeld = Math.max(mostHeld, d.heldBytes());
            assertTrue(d.heldBytes() <= bound, "holds " + d.heldBytes() + " bytes after a segment of " + segment.length());
        }
        assertTrue(d.needsInput() || d.finished(), "null while input is left");
        // between reads it keeps at most a control body begun: never payload, never the read itself
        if (d.finished()) assertEquals(0, d.heldBytes(), "a finished decoder holds bytes");
        else assertTrue(d.heldBytes() <= Opcode.MAX_CONTROL_PAYLOAD, "holds " + d.heldBytes() + " bytes between reads");
    }

    private void add(Inbound e, int maxPayload) {
        assertNull(failure, "an event after the failure: " + e);
        assertNull(close, "an event after the close: " + e);
        raw.add(e);
        if (e instanceof Inbound.Data data) {
            assertTrue(data.bytes().length() <= maxPayload, data.bytes().length() + " bytes asked at most " + maxPayload);
            int family = data.isText() ? WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE;
            if (openType >= 0) assertEquals(openType, family, "a piece of another kind inside a message");
            open.writeBytes(data.bytes().toArray());
            if (data.endsMessage()) {
                summary.add((data.isText() ? "text " : "binary ") + hex(open.toByteArray()));
                open.reset();
                openType = -1;
            } else {
                assertFalse(data.bytes().isEmpty(), "an empty FRAGMENT piece");
                openType = family;
            }
        } else if (e instanceof Inbound.Ping p) {
            summary.add("ping " + hex(p.payload().toArray()));
        } else if (e instanceof Inbound.Pong p) {
            summary.add("pong " + hex(p.payload().toArray()));
        } else if (e instanceof Inbound.Close c) {
            close = c;
            summary.add("close " + c.status() + " " + hex(c.reason().toArray()));
        } else if (e instanceof Inbound.Failure f) {
            failure = f;
            assertTrue(f.closeStatus() == 1002 || f.closeStatus() == 1007 || f.closeStatus() == 1009, f.toString());
            summary.add("failure " + f.closeStatus());
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The summary line of a text message. */
    static String textLine(String s) {
        return "text " + hex(ServerFrames.utf8(s));
    }

    static String binaryLine(byte[] b) {
        return "binary " + hex(b);
    }

    int failureStatus() {
        assertNotNull(failure, "no failure: " + summary);
        return failure.closeStatus();
    }

    List<Inbound.Data> pieces() {
        List<Inbound.Data> out = new ArrayList<>();
        for (Inbound e : raw) if (e instanceof Inbound.Data d) out.add(d);
        return out;
    }
}
