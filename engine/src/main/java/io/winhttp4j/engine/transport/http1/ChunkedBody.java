package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.HeaderList;
import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A chunked body (RFC 9112 7.1), read byte by byte between chunks and sliced out of the input
 * within them. Chunk extensions are skipped, never stored; the chunk-size line is bounded
 * (CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW); the trailer section is read by the exchange's
 * {@link HeadReader}, so it counts against the same header limits as the head. Any other
 * deviation from the framing is ERROR_WINHTTP_INVALID_SERVER_RESPONSE: a body whose end is
 * uncertain must not be taken for a complete one.
 */
final class ChunkedBody implements BodyReader {
    private enum State {
        /** The first hex digit of a chunk size. */
        SIZE,
        /** More hex digits, or what may follow them. */
        SIZE_DIGITS,
        /** Whitespace after the size: only an extension or the line end may follow. */
        SIZE_SPACE,
        /** Inside chunk extensions, skipped up to the line end. */
        EXTENSION,
        /** A CR ended the size line; its LF must follow. */
        SIZE_LF,
        DATA,
        /** The CR LF after a chunk's data. */
        DATA_CR,
        DATA_LF,
        TRAILERS,
        DONE
    }

    private final int maxLine;
    private final HeadReader trailerReader;
    private State state = State.SIZE;
    private long size;
    private int lineBytes;
    private HeaderList trailers = HeaderList.EMPTY;

    ChunkedBody(Limits limits, HeadReader trailerReader) {
        this.maxLine = limits.maxChunkLineBytes();
        this.trailerReader = trailerReader;
    }

    @Override
    public int take(ByteString bytes, ByteBuffer in, int pos, int end, Consumer<? super ResponsePart> out) {
        while (pos < end && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(size, end - pos);
                out.accept(new ResponsePart.Data(bytes.slice(pos, pos + n)));
                pos += n;
                size -= n;
                if (size == 0) state = State.DATA_CR;
            } else if (state == State.TRAILERS) {
                pos = trailerReader.take(in, pos, end);
                if (trailerReader.complete()) {
                    trailers = trailerReader.headers();
                    state = State.DONE;
                }
            } else {
                framing(in.get(pos++));
            }
        }
        return pos;
    }

    /** One byte of a chunk-size line or of the line end after a chunk's data. */
    private void framing(byte b) {
        switch (state) {
            case DATA_CR -> state = b == '\r' ? State.DATA_LF : b == '\n' ? startLine() : fail("chunk data longer than its size");
            case DATA_LF -> state = b == '\n' ? startLine() : fail("a CR without LF after chunk data");
            default -> sizeLine(b);
        }
    }

    private State startLine() {
        size = 0;
        lineBytes = 0;
        return State.SIZE;
    }

    private void sizeLine(byte b) {
        if (++lineBytes > maxLine) throw Errors.chunkLineTooLarge("a chunk-size line longer than " + maxLine + " bytes");
        switch (state) {
            case SIZE, SIZE_DIGITS -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    if (size > (Long.MAX_VALUE >>> 4)) throw Errors.chunkLineTooLarge("a chunk size beyond 2^63");
                    size = (size << 4) | digit;
                    state = State.SIZE_DIGITS;
                } else if (state == State.SIZE) {
                    fail("a chunk-size line without a size");
                } else {
                    afterSize(b);
                }
            }
            case SIZE_SPACE -> afterSize(b);
            case EXTENSION -> {
                if (b == '\r') state = State.SIZE_LF;
                else if (b == '\n') endSizeLine();
            }
            case SIZE_LF -> {
                if (b != '\n') fail("a CR without LF in a chunk-size line");
                endSizeLine();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** After the size: whitespace (RFC 9112 BWS), an extension, or the line end. */
    private void afterSize(byte b) {
        if (Chars.isSpace(b)) state = State.SIZE_SPACE;
        else if (b == ';') state = State.EXTENSION;
        else if (b == '\r') state = State.SIZE_LF;
        else if (b == '\n') endSizeLine();
        else fail("a bad chunk size");
    }

    private void endSizeLine() {
        if (size > 0) {
            state = State.DATA;
        } else {
            trailerReader.startTrailers();
            state = State.TRAILERS;
        }
    }

    private static State fail(String detail) {
        throw Errors.invalid("chunked body: " + detail);
    }

    @Override
    public boolean done() { return state == State.DONE; }

    @Override
    public void closed() {
        if (state != State.DONE) throw Errors.closed("the connection closed inside the chunked body");
    }

    @Override
    public HeaderList trailers() { return trailers; }
}
