package io.winhttp4j.engine.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading an HTTP head off a blocking socket, for the test servers that speak HTTP by hand. */
final class Heads {
    static final int MAX_HEAD = 64 * 1024;

    private Heads() {}

    /** A head up to and including its empty line, or null when the stream ended before one began. */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) return head.toString(StandardCharsets.ISO_8859_1);
            if (head.size() > MAX_HEAD) throw new IOException("head too long");
        }
        if (head.size() == 0) return null;
        throw new IOException("the stream ended inside a head");
    }
}
