package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.ChunkedFraming;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** AUTOMATIC_CHUNKING: one chunk per write, a zero-length write is the last chunk. */
class ChunkEncoderTest {

    private static String ascii(ByteString b) {
        return b.decodeString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void oneWriteIsOneChunk() {
        byte[] b = "xxhelloxx".getBytes(StandardCharsets.US_ASCII);
        assertEquals("5\r\nhello\r\n", ascii(ChunkEncoder.chunk(b, 2, 5)));
        assertEquals("5\r\nhello\r\n", ascii(ChunkEncoder.chunk(ByteString.fromString("hello"))));
    }

    @Test
    void aZeroLengthWriteIsTheLastChunk() {
        assertEquals("0\r\n\r\n", ascii(ChunkEncoder.chunk(new byte[3], 1, 0)));
        assertSame(ChunkEncoder.LAST_CHUNK, ChunkEncoder.chunk(ByteString.emptyByteString()));
    }

    @Test
    void sizesInHex() {
        for (int n : new int[] {1, 15, 16, 255, 256, 4096, 65535, 1 << 20, (1 << 20) + 1}) {
            byte[] payload = new byte[n];
            String framed = ascii(ChunkEncoder.chunk(payload, 0, n));
            String line = framed.substring(0, framed.indexOf("\r\n"));
            assertEquals(Integer.toHexString(n), line, "size line for " + n);
            assertEquals(line.length() + 2 + n + 2, framed.length());
            assertTrue(framed.endsWith("\r\n"));
            assertEquals(ascii(ChunkEncoder.chunk(ByteString.fromArray(payload))), framed);
        }
    }

    @Test
    void theWriteIsCopiedSoTheCallerMayReuseItsBuffer() {
        byte[] b = "abc".getBytes(StandardCharsets.US_ASCII);
        ByteString framed = ChunkEncoder.chunk(b, 0, 3);
        Arrays.fill(b, (byte) 'z');
        assertEquals("3\r\nabc\r\n", ascii(framed));
    }

    /** What the encoder writes is what the engine's chunk checker and the response decoder read back. */
    @Test
    void roundTripsThroughBothChunkReaders() {
        Random random = new Random(0x5eed);
        for (int run = 0; run < 50; run++) {
            List<byte[]> writes = new ArrayList<>();
            ByteString body = ByteString.emptyByteString();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int w = random.nextInt(6); w > 0; w--) {
                byte[] data = new byte[1 + random.nextInt(3000)];
                random.nextBytes(data);
                writes.add(data);
                expected.write(data, 0, data.length);
                body = body.concat(ChunkEncoder.chunk(data, 0, data.length));
            }
            body = body.concat(ChunkEncoder.chunk(new byte[0], 0, 0));
            byte[] wire = body.toArray();

            ChunkedFraming.Step step = ChunkedFraming.START.feed(wire, 0, wire.length);
            assertTrue(step.next().ended(), "run " + run);
            ByteArrayOutputStream checked = new ByteArrayOutputStream();
            for (int[] p : step.payloads()) checked.write(wire, p[0], p[1]);
            assertArrayEquals(expected.toByteArray(), checked.toByteArray(), "run " + run);

            ByteString response = Decoding.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").concat(body);
            Decoding d = Decoding.run("GET", Limits.DEFAULT, false, List.of(response));
            assertTrue(d.ended(), "run " + run + ": " + d.describe());
            assertArrayEquals(expected.toByteArray(), d.body().getBytes(StandardCharsets.ISO_8859_1), "run " + run);
        }
    }
}
