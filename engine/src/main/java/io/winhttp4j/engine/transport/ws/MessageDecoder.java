package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Reads the server's frames (RFC 6455 5, client side) and hands out what webSocketReceive
 * reports, pulled by the owner at most N payload bytes at a time.
 *
 * <p>The owner {@link #feed}s bytes as the connection delivers them, in any split, and calls
 * {@link #next(int)} until it answers null (all bytes fed are used up; feed more). Payload is
 * never gathered: a {@link Inbound.Data} piece is a slice of the bytes fed, so a message of any
 * size costs what one read from the connection holds, plus a control frame's body (at most 125
 * bytes) while it is being read. A piece never spans two frames; every piece but a message's
 * last is typed FRAGMENT, the last MESSAGE (an empty one when the final frame is empty). Empty
 * frames that do not end a message are skipped.
 *
 * <p>Rules, each failing the connection with its close status as soon as the byte that breaks it
 * has been fed: the header rules of {@link FrameHeaderReader} (1002); a continuation with no
 * message open or a new message inside a fragmented one (1002); a message longer than the limit
 * (1009, decided from the frame header, before its payload arrives); text that is not UTF-8
 * (1007; every byte of the current frame fed so far is checked before any piece of it is handed
 * out, so invalid text fails at once even when the owner takes small pieces, and a code point may
 * be split between frames); a Close with a 1-byte body or an invalid status (1002) or a reason
 * that is not UTF-8 (1007). Control frames may come between the frames of a message.
 *
 * <p>After a {@link Inbound.Close} or a {@link Inbound.Failure} the decoder is finished: later
 * bytes are dropped unread (nothing follows a Close, RFC 6455 5.5.1; and a failed connection's
 * data, its Close included, is not processed, 7.1.7) and {@code next} answers null.
 *
 * <p>Not thread-safe: one connection's owner drives it.
 */
public final class MessageDecoder {
    private enum Phase { HEADER, DATA, CONTROL, FINISHED }

    private final long maxMessageBytes;
    private final FrameHeaderReader header = new FrameHeaderReader();
    private final Utf8Validator text = new Utf8Validator();
    private Phase phase = Phase.HEADER;

    // the bytes fed last, read from pos to end; dropped once used up
    private ByteString input = ByteString.emptyByteString();
    private ByteBuffer view;
    private int pos;
    private int end;

    // the data frame being read
    private boolean fin;
    private long remaining;
    /** Where in the input this frame's text is checked up to (from pos on, ahead of the pieces taken). */
    private int checkedTo;

    // the message being read: its first frame's opcode, 0 between messages
    private int messageOpcode;
    private long messageBytes;

    // the control frame being read
    private int controlOpcode;
    private byte[] control;
    private int controlRead;

    /** A decoder with no limit on the length of a message. */
    public MessageDecoder() {
        this(Long.MAX_VALUE);
    }

    /** @param maxMessageBytes the longest message accepted; beyond it the connection fails with 1009 */
    public MessageDecoder(long maxMessageBytes) {
        if (maxMessageBytes < 0) throw new IllegalArgumentException("a negative limit: " + maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The next bytes from the connection. Only when {@link #needsInput()}: the decoder holds one
     * read at a time, which is what bounds its memory. A ByteString that is not compact (a slice
     * or a concatenation) is made so first, at the cost of one copy. Ignored once finished.
     *
     * @throws IllegalStateException bytes fed before are not used up
     */
    public void feed(ByteString bytes) {
        if (phase == Phase.FINISHED || bytes.isEmpty()) return;
        if (pos < end) throw new IllegalStateException((end - pos) + " bytes fed before are not used up yet");
        input = bytes.isCompact() ? bytes : bytes.compact();
        view = input.asByteBuffer();
        pos = 0;
        end = input.length();
        checkedTo = 0;
    }

    /** True when {@link #next(int)} can give nothing more until more bytes are fed. */
    public boolean needsInput() {
        return phase != Phase.FINISHED && pos == end;
    }

    /** True after a {@link Inbound.Close} or a {@link Inbound.Failure}: nothing more will come. */
    public boolean finished() {
        return phase == Phase.FINISHED;
    }

    /**
     * The next event, or null when the bytes fed are used up (or the decoder is finished).
     *
     * @param maxPayload the most payload bytes a {@link Inbound.Data} may carry (the caller's
     *                   buffer); at least 1
     */
    public Inbound next(int maxPayload) {
        if (maxPayload < 1) throw new IllegalArgumentException("maxPayload must be at least 1, not " + maxPayload);
        try {
            while (true) {
                if (phase == Phase.HEADER) {
                    if (pos == end) return release();
                    pos = header.take(view, pos, end);
                    if (!header.complete()) return release();
                    Inbound e = frameStarts();
                    if (e != null) return e;
                } else if (phase == Phase.DATA) {
                    return data(maxPayload);
                } else if (phase == Phase.CONTROL) {
                    return controlFrame();
                } else {
                    return null;
                }
            }
        } catch (ProtocolError e) {
            finish();
            return new Inbound.Failure(e.closeStatus, e.getMessage());
        }
    }

    /** A header is complete: set up its payload; an empty frame ending a message is its own event. */
    private Inbound frameStarts() throws ProtocolError {
        int opcode = header.opcode();
        boolean last = header.fin();
        long length = header.length();
        header.reset();
        if (Opcode.isControl(opcode)) {
            controlOpcode = opcode;
            control = new byte[(int) length];
            controlRead = 0;
            phase = Phase.CONTROL;
            return null;
        }
        if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode == 0) throw ProtocolError.protocol("a continuation frame with no message to continue");
        } else {
            if (messageOpcode != 0) throw ProtocolError.protocol("a new message started inside a fragmented one");
            messageOpcode = opcode;
            messageBytes = 0;
            text.reset();
        }
        if (length > maxMessageBytes - messageBytes) {
            throw ProtocolError.tooBig("a message longer than the limit of " + maxMessageBytes + " bytes");
        }
        messageBytes += length;
        fin = last;
        remaining = length;
        checkedTo = pos;
        if (length > 0) {
            phase = Phase.DATA;
            return null;
        }
        // an empty frame has nothing to read and matters only when it ends the message
        if (!last) return null;
        if (messageOpcode == Opcode.TEXT && !text.complete()) {
            throw ProtocolError.invalidPayload("a text message ends inside a UTF-8 sequence");
        }
        int type = messageType(true);
        messageOpcode = 0;
        return new Inbound.Data(ByteString.emptyByteString(), type);
    }

    private Inbound data(int maxPayload) throws ProtocolError {
        int available = end - pos;
        if (available == 0) return release();
        int inFrame = (int) Math.min(remaining, available);
        int frameEnd = pos + inFrame;
        if (messageOpcode == Opcode.TEXT && checkedTo < frameEnd) {
            // all of the frame that is here, not just the piece: invalid text fails at once
            int bad = text.scan(view, checkedTo, frameEnd);
            if (bad >= 0) {
                throw ProtocolError.invalidPayload("byte 0x" + Integer.toHexString(view.get(bad) & 0xFF)
                        + " is not valid UTF-8 in a text message");
            }
            checkedTo = frameEnd;
            if (fin && inFrame == remaining && !text.complete()) {
                throw ProtocolError.invalidPayload("a text message ends inside a UTF-8 sequence");
            }
        }
        int n = Math.min(maxPayload, inFrame);
        ByteString piece = input.slice(pos, pos + n);
        pos += n;
        remaining -= n;
        boolean endsMessage = remaining == 0 && fin;
        int type = messageType(endsMessage);
        if (remaining == 0) {
            phase = Phase.HEADER;
            if (fin) messageOpcode = 0;
        }
        if (pos == end) release();
        return new Inbound.Data(piece, type);
    }

    private Inbound controlFrame() throws ProtocolError {
        int n = Math.min(end - pos, control.length - controlRead);
        if (n > 0) {
            view.get(pos, control, controlRead, n);
            pos += n;
            controlRead += n;
        }
        if (controlRead < control.length) return release();
        byte[] body = control;
        control = null;
        phase = Phase.HEADER;
        if (pos == end) release();
        switch (controlOpcode) {
            case Opcode.PING:
                return new Inbound.Ping(ByteString.fromArrayUnsafe(body));
            case Opcode.PONG:
                return new Inbound.Pong(ByteString.fromArrayUnsafe(body));
            default:
                return closeFrame(body);
        }
    }

    private Inbound closeFrame(byte[] body) throws ProtocolError {
        if (body.length == 1) throw ProtocolError.protocol("a close frame with a 1-byte body");
        Inbound.Close close;
        if (body.length == 0) {
            close = new Inbound.Close(WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS, ByteString.emptyByteString());
        } else {
            int status = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            if (!CloseCodes.isValid(status)) throw ProtocolError.protocol("close status " + status + " may not be sent");
            Utf8Validator reason = new Utf8Validator();
            if (reason.scan(ByteBuffer.wrap(body), 2, body.length) >= 0 || !reason.complete()) {
                throw ProtocolError.invalidPayload("the close reason is not UTF-8");
            }
            close = new Inbound.Close(status, ByteString.fromArrayUnsafe(body, 2, body.length - 2));
        }
        finish();
        return close;
    }

    /** The buffer type for a piece of the current message. */
    private int messageType(boolean endsMessage) {
        if (messageOpcode == Opcode.TEXT) {
            return endsMessage ? WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE;
        }
        return endsMessage ? WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE;
    }

    /** The input is used up: drop it, so that the decoder holds nothing between reads. */
    private Inbound release() {
        input = ByteString.emptyByteString();
        view = null;
        pos = 0;
        end = 0;
        return null;
    }

    private void finish() {
        phase = Phase.FINISHED;
        control = null;
        release();
    }

    /** The bytes the decoder holds: the read being used and a control body; for the memory tests. */
    int heldBytes() {
        return input.length() + (control == null ? 0 : control.length);
    }
}
