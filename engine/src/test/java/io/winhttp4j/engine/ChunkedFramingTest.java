package io.winhttp4j.engine;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.ChunkedFraming;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class ChunkedFramingTest {
    private static String payloadOf(String framed, int writeSize) {
        byte[] all = framed.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChunkedFraming f = ChunkedFraming.START;
        for (int off = 0; off < all.length; off += writeSize) {
            ChunkedFraming.Step step = f.feed(all, off, Math.min(writeSize, all.length - off));
            for (int[] p : step.payloads()) out.write(all, p[0], p[1]);
            f = step.next();
        }
        assertTrue(f.ended(), "the terminating chunk ends the body");
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void payloadsSurviveAnySplitOfTheWrites() {
        String framed = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
        for (int size = 1; size <= framed.length(); size++) assertEquals("hello, world", payloadOf(framed, size));
    }

    @Test
    void malformedFramingIsInvalidParameter() {
        for (String bad : new String[] {"zz\r\nabc\r\n", "3\r\nabcd\r\n", "3\nabc\r\n", "0\r\n\r\nmore"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            WinHttpException e = assertThrows(WinHttpException.class, () -> ChunkedFraming.START.feed(b, 0, b.length), bad);
            assertEquals(WinHttpError.ERROR_INVALID_PARAMETER, e.error());
        }
    }
}
