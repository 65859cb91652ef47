package io.winhttp4j.engine.transport.http1;

import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A body of Content-Length bytes. */
final class FixedLengthBody implements BodyReader {
    private final long length;
    private long remaining;

    FixedLengthBody(long length) {
        this.length = length;
        this.remaining = length;
    }

    @Override
    public int take(ByteString bytes, ByteBuffer in, int pos, int end, Consumer<? super ResponsePart> out) {
        int n = (int) Math.min(remaining, end - pos);
        if (n > 0) out.accept(new ResponsePart.Data(bytes.slice(pos, pos + n)));
        remaining -= n;
        return pos + n;
    }

    @Override
    public boolean done() { return remaining == 0; }

    @Override
    public void closed() {
        if (remaining > 0) {
            throw Errors.closed("the connection closed after " + (length - remaining) + " of the "
                    + length + " bytes of the body");
        }
    }
}
