package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Chunked response bodies (RFC 9112 7.1): extensions skipped, trailers read and bounded, bad framing refused. */
class ChunkedBodyTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

    private static Decoding chunked(Limits limits, String body) {
        return Decoding.ofAnySplit("GET", limits, false, HEAD + body);
    }

    private static Decoding chunked(String body) {
        return chunked(Limits.DEFAULT, body);
    }

    @Test
    void chunksInAnySplit() {
        Decoding d = chunked("5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
        assertEquals("hello, world", d.body());
        assertSame(ResponsePart.End.NO_TRAILERS, d.parts.get(d.parts.size() - 1));
        assertTrue(d.decoder.poolable());
    }

    @Test
    void sizesInEitherCaseWithLeadingZeros() {
        assertEquals("x".repeat(0x1a + 0x1A + 5), chunked("1a\r\n" + "x".repeat(26) + "\r\n1A\r\n" + "x".repeat(26)
                + "\r\n0005\r\nxxxxx\r\n000\r\n\r\n").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"5;name=value", "5;a;b=\"quoted; \\\" value\"", "5 ;ext", "5\t; ext = 1", "5  "})
    void extensionsAreSkipped(String sizeLine) {
        assertEquals("hello", chunked(sizeLine + "\r\nhello\r\n0;last=1\r\n\r\n").body());
    }

    @Test
    void bareLineFeedsEndChunkLines() {
        assertEquals("hello", chunked("5\nhello\n0\n\n").body());
    }

    @Test
    void trailersAreReadAndKept() {
        Decoding d = chunked("3\r\nabc\r\n0\r\nExpires: never\r\nX-Checksum  :  42 \r\n\r\n");
        ResponsePart.End end = (ResponsePart.End) d.parts.get(d.parts.size() - 1);
        assertEquals(List.of(new Header("Expires", "never"), new Header("X-Checksum", "42")), end.trailers().all());
        assertTrue(d.decoder.poolable());
        assertEquals(1, d.head().head().headers().all().size(), "trailers are not added to the head");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\nabc\r\n0\r\n\r\n", "\r\nabc\r\n0\r\n\r\n", ";ext\r\n", "-5\r\nhello\r\n0\r\n\r\n",
            "+5\r\nhello\r\n0\r\n\r\n", "0x5\r\nhello\r\n", "5 x\r\nhello\r\n", "5\rxhello\r\n", "5\r\nhelloX\r\n0\r\n\r\n",
            "5\r\nhello\rX", "5\r\nhello\r\n0\r\nbad trailer\r\n\r\n", "5\r\nhello\r\n0\r\n trailer fold\r\n\r\n",
            " 5\r\nhello\r\n"})
    void badFramingIsInvalid(String body) {
        Decoding d = chunked(body);
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
        assertFalse(d.ended());
    }

    @Test
    void dataBeforeBadFramingIsDeliveredFirst() {
        Decoding d = chunked("5\r\nhello\r\n3\r\nabcX");
        assertEquals("helloabc", d.body());
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
    }

    /** The engine's earlier chunk tests on the wire (ResponseBodyTest): 2000 bytes of extension overflow, short ones pass. */
    @Test
    void anOversizedChunkSizeLineOverflows() {
        Decoding d = chunked("3;ext=" + "e".repeat(2000) + "\r\nabc\r\n0\r\n\r\n");
        d.failedWith(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW);
        assertEquals("abc", chunked("3;ext=small\r\nabc\r\n0\r\n\r\n").body());
    }

    @Test
    void theChunkLineLimitCountsTheWholeLine() {
        Limits limits = new Limits(Limits.DEFAULT_HEADER_BYTES, Limits.DEFAULT_HEADER_COUNT, 16);
        String fits = "3;" + "e".repeat(12) + "\r\n"; // 16 bytes, line end included
        assertEquals(16, fits.length());
        assertEquals("abc", chunked(limits, fits + "abc\r\n0\r\n\r\n").body());
        chunked(limits, "3;" + "e".repeat(13) + "\r\nabc\r\n0\r\n\r\n").failedWith(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW);
        chunked(limits, "0".repeat(17) + "3\r\nabc\r\n0\r\n\r\n").failedWith(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW);
    }

    @Test
    void aChunkSizeBeyondSixtyThreeBitsOverflows() {
        Decoding big = Decoding.closed(HEAD + "7fffffffffffffff\r\nabc");
        assertEquals("abc", big.body(), "the largest size is framing, not an error");
        big.failedWith(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR);
        chunked("8000000000000000\r\n").failedWith(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW);
        chunked("fffffffffffffffff\r\n").failedWith(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW);
    }

    @Test
    void trailersCountAgainstTheHeaderCount() {
        // the head has one header (Transfer-Encoding); two trailers make three
        Limits three = new Limits(Limits.DEFAULT_HEADER_BYTES, 3, Limits.DEFAULT_CHUNK_LINE_BYTES);
        Limits two = new Limits(Limits.DEFAULT_HEADER_BYTES, 2, Limits.DEFAULT_CHUNK_LINE_BYTES);
        String body = "0\r\nA: 1\r\nB: 2\r\n\r\n";
        assertTrue(chunked(three, body).ended());
        chunked(two, body).failedWith(WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED);
    }

    @Test
    void trailersCountAgainstTheHeaderBytes() {
        String trailers = "A: 1\r\n\r\n";
        int exact = HEAD.length() + trailers.length();
        assertTrue(chunked(new Limits(exact, 10, 100), "0\r\n" + trailers).ended());
        chunked(new Limits(exact - 1, 10, 100), "0\r\n" + trailers).failedWith(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW);
    }

    @Test
    void endlessTrailersOverflow() {
        ResponseDecoder decoder = new ResponseDecoder("GET", Limits.DEFAULT);
        decoder.feed(Decoding.bytes(HEAD + "0\r\n"), p -> { });
        org.apache.pekko.util.ByteString trailer = Decoding.bytes("X-Again: and again and again\r\n");
        long fed = 0;
        try {
            while (fed < 10L * Limits.DEFAULT_HEADER_BYTES) {
                decoder.feed(trailer, p -> { });
                fed += trailer.length();
            }
            fail("endless trailers must end in an error");
        } catch (io.winhttp4j.WinHttpException e) {
            assertTrue(e.error() == WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED
                    || e.error() == WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, e.getMessage());
        }
        assertTrue(fed <= Limits.DEFAULT_HEADER_BYTES, "stopped after " + fed + " bytes");
    }
}
