package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.HeaderList;
import org.apache.pekko.util.ByteString;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Reads one body under one framing rule, emitting its bytes as {@link ResponsePart.Data} slices. */
interface BodyReader {
    /**
     * Takes body bytes from {@code in} (a view of {@code bytes}) between {@code pos} and
     * {@code end}; returns where it stopped: {@code end}, or where the body ended.
     */
    int take(ByteString bytes, ByteBuffer in, int pos, int end, Consumer<? super ResponsePart> out);

    boolean done();

    /** The connection ended: the end of a body that ends there; for any other, CONNECTION_ERROR. */
    void closed();

    default HeaderList trailers() {
        return HeaderList.EMPTY;
    }
}
