package io.winhttp4j.engine.transport.http1;

import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** A body without a length: it is everything up to the end of the connection. */
final class UntilCloseBody implements BodyReader {
    private boolean done;

    @Override
    public int take(ByteString bytes, ByteBuffer in, int pos, int end, Consumer<? super ResponsePart> out) {
        out.accept(new ResponsePart.Data(pos == 0 ? bytes : bytes.slice(pos, end)));
        return end;
    }

    @Override
    public boolean done() { return done; }

    @Override
    public void closed() { done = true; }
}
