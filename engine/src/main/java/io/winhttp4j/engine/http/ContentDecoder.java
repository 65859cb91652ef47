package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes one response body's Content-Encoding as its pieces arrive: gzip (RFC 1952, any number
 * of members, every optional header field, the CRC32 and ISIZE trailer checked) or deflate (the
 * zlib-wrapped RFC 1950 form, Adler-32 checked, or raw RFC 1951 data, as browsers accept both).
 *
 * <p>Push-based and bounded: {@link #push} keeps the network's pieces as they are (no copy) and
 * {@link #pull} inflates at most {@code maxOut} bytes (and at most {@link #MAX_PIECE}) per call,
 * so what the decoder holds is the pushed input it has not consumed yet, one output piece and
 * the inflater's 32 KiB window, whatever the body's size or its compression ratio: a zip bomb
 * costs only as much as the caller pulls. The contract: pull until it returns an empty piece;
 * then either {@link #isDone()}, or {@link #needsInput()} and the caller pushes the next piece
 * (or calls {@link #endOfInput()} when the encoded body has ended).
 *
 * <p>A corrupt or truncated stream makes pull throw ERROR_WINHTTP_INVALID_SERVER_RESPONSE (no
 * WinHTTP error is specific to a compressed body; this is the one for a reply that cannot be
 * read), and every later pull throws it again. An empty body decodes to nothing. Bytes after the
 * end of the deflate data, or after a gzip member when they do not begin another member, are
 * ignored, as browsers do.
 *
 * <p>Not thread-safe: one request's actor owns it. {@link #close} frees the native inflater
 * (the JDK's cleaner would too, later).
 */
public final class ContentDecoder implements AutoCloseable {
    /** The codings the engine decodes. */
    public enum Coding { GZIP, DEFLATE }

    /** The most one pull returns, whatever it is asked for. */
    public static final int MAX_PIECE = 64 * 1024;

    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    /** Where the decoder stands in the stream. */
    private enum Stage { DETECT, HEADER, BODY, TRAILER, MEMBER_END, TRAILING, DONE, FAILED }

    /** Where a gzip header's parse stands. */
    private enum Field { FIXED, XLEN, EXTRA, NAME, COMMENT, HCRC, END }

    private final Coding coding;
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>();
    private long buffered;
    private boolean ended;
    private boolean starved;
    private boolean closed;
    private Stage stage;
    private Inflater inflater;
    private WinHttpException failure;

    // gzip member state
    private final CRC32 crc = new CRC32();
    private long memberSize;
    private long membersDone;
    private final CRC32 headerCrc = new CRC32();
    private Field field = Field.FIXED;
    private final byte[] fixed = new byte[10];
    private int fieldPos;
    private int flags;
    private int extraLeft;
    private final byte[] small = new byte[8];

    private ContentDecoder(Coding coding) {
        this.coding = coding;
        this.stage = coding == Coding.GZIP ? Stage.HEADER : Stage.DETECT;
    }

    public static ContentDecoder of(Coding coding) {
        return new ContentDecoder(java.util.Objects.requireNonNull(coding, "coding"));
    }

    public Coding coding() { return coding; }

    /** The next piece of the encoded body, kept by reference until it is consumed. */
    public void push(ByteString piece) {
        if (ended) throw new IllegalStateException("push after endOfInput");
        starved = false;
        if (stage == Stage.TRAILING || stage == Stage.DONE || stage == Stage.FAILED) return;
        for (ByteBuffer b : piece.getByteBuffers()) {
            if (b.hasRemaining()) {
                input.add(b);
                buffered += b.remaining();
            }
        }
    }

    /** The encoded body has ended: what is missing now is a truncation. */
    public void endOfInput() {
        ended = true;
        starved = false;
    }

    /** True after a pull returned nothing because every pushed byte is consumed. */
    public boolean needsInput() { return starved; }

    /** True when the whole body is decoded and returned; pull returns empty pieces from now on. */
    public boolean isDone() { return stage == Stage.DONE; }

    /** Pushed bytes not consumed yet: all the input the decoder holds. */
    long buffered() { return buffered; }

    /**
     * Up to maxOut (and at most {@link #MAX_PIECE}) decoded bytes; empty when the decoder needs
     * more input or is done. Throws ERROR_WINHTTP_INVALID_SERVER_RESPONSE for a corrupt or
     * truncated stream.
     */
    public ByteString pull(int maxOut) {
        if (maxOut <= 0) throw new IllegalArgumentException("maxOut " + maxOut);
        if (failure != null) throw failure;
        if (closed) throw new IllegalStateException("pull after close");
        byte[] out = null;
        int n = 0;
        int cap = Math.min(maxOut, MAX_PIECE);
        try {
            while (n < cap) {
                if (stage == Stage.DONE) break;
                if (stage == Stage.BODY) {
                    if (out == null) out = new byte[cap];
                    int k = inflate(out, n, cap - n);
                    if (k < 0) break;
                    n += k;
                } else if (!step()) {
                    break;
                }
            }
        } catch (WinHttpException e) {
            fail(e);
        }
        if (n == 0) {
            starved = stage != Stage.DONE;
            return ByteString.emptyByteString();
        }
        starved = false;
        // A small result does not keep a 64 KiB array alive.
        return n < cap / 2 ? ByteString.fromArray(out, 0, n) : ByteString.fromArrayUnsafe(out, 0, n);
    }

    @Override
    public void close() {
        closed = true;
        if (inflater != null) inflater.end();
        input.clear();
        buffered = 0;
    }

    // ---- the stages ---------------------------------------------------------------------------

    /**
     * Inflates into out; the count, or -1 when the inflater needs input that has not come. Moves
     * to the next stage when the deflate data ends. The inflater is asked even when its input is
     * used up, since it may still hold output it had no room for.
     */
    private int inflate(byte[] out, int off, int len) {
        if (inflater.finished()) {
            account();
            stage = coding == Coding.GZIP ? Stage.TRAILER : Stage.TRAILING;
            return 0;
        }
        if (inflater.needsInput()) {
            account();
            ByteBuffer b = input.peek();
            if (b != null) inflater.setInput(b);
        }
        long before = inflater.getBytesRead();
        int k;
        try {
            k = inflater.inflate(out, off, len);
        } catch (DataFormatException e) {
            throw corrupt("the " + name() + " data is corrupt (" + e.getMessage() + ")");
        }
        if (coding == Coding.GZIP) {
            crc.update(out, off, k);
            memberSize += k;
        }
        if (k == 0 && !inflater.finished()) {
            if (inflater.needsDictionary()) throw corrupt("the deflate data asks for a preset dictionary");
            if (inflater.needsInput()) {
                account();
                if (!input.isEmpty()) return 0;
                if (ended) throw corrupt("the " + name() + " data is truncated");
                return -1;
            }
            if (before == inflater.getBytesRead()) throw corrupt("the " + name() + " data makes no progress");
        }
        return k;
    }

    /** Drops the buffers the inflater has read through, keeping the count of held bytes right. */
    private void account() {
        long held = 0;
        while (!input.isEmpty() && !input.peek().hasRemaining()) input.poll();
        for (ByteBuffer b : input) held += b.remaining();
        buffered = held;
    }

    /** One step of a stage that reads bytes itself; false when it must wait (or the stream is done). */
    private boolean step() {
        switch (stage) {
            case DETECT -> { return detect(); }
            case HEADER -> { return header(); }
            case TRAILER -> { return trailer(); }
            case MEMBER_END -> { return memberEnd(); }
            case TRAILING -> {
                input.clear();
                buffered = 0;
                if (!ended) return false;
                stage = Stage.DONE;
                return true;
            }
            default -> throw new IllegalStateException(stage.toString());
        }
    }

    /** Deflate: a valid zlib header (RFC 1950 2.2) means the wrapped form, anything else is raw. */
    private boolean detect() {
        if (buffered < 2) {
            if (!ended) return false;
            if (buffered == 0) {
                stage = Stage.DONE;
                return true;
            }
            throw corrupt("the deflate data is truncated");
        }
        int cmf = peek(0), flg = peek(1);
        boolean zlib = (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        inflater = new Inflater(!zlib);
        stage = Stage.BODY;
        return true;
    }

    /** A gzip member header (RFC 1952 2.3), byte by byte, so any split of it works. */
    private boolean header() {
        while (field != Field.END) {
            if (buffered == 0) {
                if (!ended) return false;
                if (membersDone == 0 && field == Field.FIXED && fieldPos == 0) {
                    stage = Stage.DONE; // an empty body
                    return true;
                }
                throw corrupt("the gzip header is truncated");
            }
            int b = read();
            switch (field) {
                case FIXED -> {
                    headerCrc.update(b);
                    fixed[fieldPos++] = (byte) b;
                    if (fieldPos == 2 && ((fixed[0] & 0xff) != 0x1f || (fixed[1] & 0xff) != 0x8b)) {
                        throw corrupt("the body is not gzip data");
                    }
                    if (fieldPos == 3 && b != 8) throw corrupt("gzip compression method " + b + " is not deflate");
                    if (fieldPos == 4) {
                        flags = b;
                        if ((flags & 0xe0) != 0) throw corrupt("the gzip header has reserved flags set");
                    }
                    if (fieldPos == 10) nextField(Field.FIXED);
                }
                case XLEN -> {
                    headerCrc.update(b);
                    small[fieldPos++] = (byte) b;
                    if (fieldPos == 2) {
                        extraLeft = (small[0] & 0xff) | (small[1] & 0xff) << 8;
                        if (extraLeft == 0) nextField(Field.EXTRA);
                        else field = Field.EXTRA;
                        fieldPos = 0;
                    }
                }
                case EXTRA -> {
                    headerCrc.update(b);
                    if (--extraLeft == 0) nextField(Field.EXTRA);
                }
                case NAME, COMMENT -> {
                    headerCrc.update(b);
                    if (b == 0) nextField(field);
                }
                case HCRC -> {
                    small[fieldPos++] = (byte) b;
                    if (fieldPos == 2) {
                        int given = (small[0] & 0xff) | (small[1] & 0xff) << 8;
                        if (given != (int) (headerCrc.getValue() & 0xffff)) throw corrupt("the gzip header CRC does not match");
                        nextField(Field.HCRC);
                    }
                }
                default -> throw new IllegalStateException(field.toString());
            }
        }
        if (inflater == null) inflater = new Inflater(true);
        else inflater.reset();
        crc.reset();
        memberSize = 0;
        stage = Stage.BODY;
        return true;
    }

    /** The field after `done`, skipping those the flags leave out. */
    private void nextField(Field done) {
        fieldPos = 0;
        Field f = done;
        while (true) {
            f = switch (f) {
                case FIXED -> Field.XLEN;
                case XLEN, EXTRA -> Field.NAME;
                case NAME -> Field.COMMENT;
                case COMMENT -> Field.HCRC;
                default -> Field.END;
            };
            boolean present = switch (f) {
                case XLEN -> (flags & FEXTRA) != 0;
                case NAME -> (flags & FNAME) != 0;
                case COMMENT -> (flags & FCOMMENT) != 0;
                case HCRC -> (flags & FHCRC) != 0;
                default -> true;
            };
            if (present) break;
        }
        field = f;
    }

    /** CRC32 and ISIZE (the size modulo 2^32), little-endian, after the member's deflate data. */
    private boolean trailer() {
        while (fieldPos < 8) {
            if (buffered == 0) {
                if (ended) throw corrupt("the gzip trailer is truncated");
                return false;
            }
            small[fieldPos++] = (byte) read();
        }
        fieldPos = 0;
        long givenCrc = le32(0), givenSize = le32(4);
        if (givenCrc != crc.getValue()) throw corrupt("the gzip CRC32 does not match the data");
        if (givenSize != (memberSize & 0xffffffffL)) throw corrupt("the gzip size does not match the data");
        membersDone++;
        stage = Stage.MEMBER_END;
        return true;
    }

    /** After a member: another member (ID1 ID2), the end, or bytes to ignore. */
    private boolean memberEnd() {
        if (buffered == 0 || (buffered == 1 && peek(0) == 0x1f)) {
            if (!ended) return false;
            stage = buffered == 0 ? Stage.DONE : Stage.TRAILING;
            return true;
        }
        if (peek(0) == 0x1f && peek(1) == 0x8b) {
            field = Field.FIXED;
            fieldPos = 0;
            headerCrc.reset();
            stage = Stage.HEADER;
        } else {
            stage = Stage.TRAILING;
        }
        return true;
    }

    // ---- bytes ------------------------------------------------------------------------------

    private int read() {
        ByteBuffer b = input.peek();
        int v = b.get() & 0xff;
        if (!b.hasRemaining()) input.poll();
        buffered--;
        return v;
    }

    private int peek(int i) {
        for (ByteBuffer b : input) {
            if (i < b.remaining()) return b.get(b.position() + i) & 0xff;
            i -= b.remaining();
        }
        throw new IllegalStateException("peek past the input");
    }

    private long le32(int at) {
        return (small[at] & 0xffL) | (small[at + 1] & 0xffL) << 8 | (small[at + 2] & 0xffL) << 16 | (small[at + 3] & 0xffL) << 24;
    }

    private String name() { return coding == Coding.GZIP ? "gzip" : "deflate"; }

    private void fail(WinHttpException e) {
        failure = e;
        stage = Stage.FAILED;
        close();
        throw e;
    }

    private static WinHttpException corrupt(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE,
                "cannot decode the response body: " + detail);
    }
}
