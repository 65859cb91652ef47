package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.transport.http1.Framing.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.*;

/** Body framing per RFC 9112 6.3, and when the connection can carry the next exchange. */
class FramingTest {

    private static Decoding decode(String verb, String response) {
        return Decoding.ofAnySplit(verb, Limits.DEFAULT, true, response);
    }

    @Test
    void contentLength() {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        assertEquals(new Framing(Kind.LENGTH, 5, true), d.head().framing());
        assertEquals("hello", d.body());
        assertTrue(d.ended(), "the body ends at its length, without the connection ending");
        assertTrue(d.decoder.poolable());
    }

    @Test
    void contentLengthZeroEndsWithTheHead() {
        Decoding d = Decoding.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertTrue(d.ended());
        assertEquals("", d.body());
        assertFalse(d.head().framing().hasBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified"})
    void noBodyFor204And304EvenWithALength(String statusLine) {
        Decoding d = Decoding.of(statusLine + "\r\nContent-Length: 100\r\n\r\n");
        assertSame(Framing.NONE, d.head().framing());
        assertTrue(d.ended(), "no wait for a body");
        assertTrue(d.decoder.poolable());
    }

    @Test
    void noBodyForHeadEvenWithALengthOrChunked() {
        Decoding d = Decoding.of("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        assertEquals(Kind.LENGTH, d.head().framing().kind(), "for GET the same head has a body");
        for (String te : new String[] {"Content-Length: 100", "Transfer-Encoding: chunked", "Content-Length: nonsense"}) {
            Decoding h = Decoding.ofAnySplit("HEAD", Limits.DEFAULT, false, "HTTP/1.1 200 OK\r\n" + te + "\r\n\r\n");
            assertSame(Framing.NONE, h.head().framing(), te);
            assertTrue(h.ended(), te);
        }
        Decoding h = Decoding.run("HEAD", Limits.DEFAULT, false, java.util.List.of(Decoding.bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")));
        assertEquals("100", h.head().head().headers().get("Content-Length", 0), "the header itself is still reported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "CHUNKED", "gzip, chunked", "gzip,chunked,", "gzip;q=1, chunked"})
    void chunkedWhenTheLastCodingIsChunked(String te) {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: " + te + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertSame(Framing.CHUNKED, d.head().framing());
        assertEquals("abc", d.body());
        assertTrue(d.decoder.poolable(), "a chunked response read to its end leaves the connection reusable");
    }

    @Test
    void theLastCodingAcrossSeveralHeaderLines() {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        assertSame(Framing.CHUNKED, d.head().framing());
        Decoding e = decode("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\nzz");
        assertSame(Framing.UNTIL_CLOSE, e.head().framing());
    }

    @Test
    void anotherLastCodingReadsUntilClose() {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 2\r\n\r\n2\r\nxy");
        assertSame(Framing.UNTIL_CLOSE, d.head().framing(), "Transfer-Encoding overrides Content-Length");
        assertEquals("2\r\nxy", d.body());
        assertTrue(d.ended());
        assertFalse(d.decoder.reusableAfterEnd());
    }

    /** RFC 9112 6.3: both headers may be smuggling; the chunks are read, the connection is not reused. */
    @Test
    void chunkedWithAContentLengthIgnoresTheLengthAndIsNotReused() {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertSame(Framing.CHUNKED_ONCE, d.head().framing());
        assertEquals("abc", d.body());
        assertTrue(d.ended());
        assertFalse(d.decoder.reusableAfterEnd());
        assertFalse(d.decoder.poolable());
    }

    @Test
    void chunkedFromAnHttp10ServerIsNotReused() {
        Decoding d = decode("GET", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n");
        assertSame(Framing.CHUNKED_ONCE, d.head().framing());
        assertFalse(d.decoder.poolable());
    }

    @Test
    void equalContentLengthsAreOneLength() {
        assertEquals(3, decode("GET", "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\n\r\nabc").head().framing().length());
        assertEquals(3, decode("GET", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 003\r\n\r\nabc").head().framing().length());
        assertEquals(3, decode("GET", "HTTP/1.1 200 OK\r\nContent-Length:  3 \r\n\r\nabc").head().framing().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 3, 4", "Content-Length: 3\r\nContent-Length: 4", "Content-Length: abc",
            "Content-Length: -1", "Content-Length: +3", "Content-Length:", "Content-Length: 3,", "Content-Length: 0x10",
            "Content-Length: 3 4", "Content-Length: 1234567890123456789"})
    void ambiguousOrNonNumericLengthsAreInvalid(String header) {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\n" + header + "\r\n\r\nabcd");
        d.failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
        assertTrue(d.parts.isEmpty(), "no head is reported for a response that cannot be framed");
    }

    @Test
    void longLengthsWithinRange() {
        Decoding d = Decoding.of("HTTP/1.1 200 OK\r\nContent-Length: 4700000000\r\n\r\nab");
        assertEquals(4_700_000_000L, d.head().framing().length(), "bodies over 4 GiB");
        assertEquals("ab", d.body());
        assertFalse(d.ended());
    }

    @Test
    void noLengthReadsUntilTheConnectionCloses() {
        Decoding d = decode("GET", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this\r\n\r\nand this");
        assertSame(Framing.UNTIL_CLOSE, d.head().framing());
        assertEquals("all of this\r\n\r\nand this", d.body());
        assertTrue(d.ended());
        assertFalse(d.decoder.reusableAfterEnd());
    }

    @Test
    void theServersConnectionRulesDecideReuseToo() {
        assertFalse(Decoding.of("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").decoder.poolable());
        assertFalse(Decoding.of("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").decoder.poolable());
        assertTrue(Decoding.of("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n").decoder.poolable());
    }

    @Test
    void connectSucceedingIsATunnel() {
        Decoding d = Decoding.of("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0001");
        assertEquals(Kind.LENGTH, Decoding.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").head().framing().kind());
        Decoding c = Decoding.run("CONNECT", Limits.DEFAULT, false, java.util.List.of(Decoding.bytes("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0001")));
        assertSame(Framing.TUNNEL, c.head().framing());
        assertEquals("\u0016\u0003\u0001", c.after.decodeString(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertSame(Framing.UNTIL_CLOSE, d.head().framing(), "for GET the same reply is a body until close");
        assertSame(Kind.LENGTH, Decoding.run("CONNECT", Limits.DEFAULT, false, java.util.List.of(Decoding.bytes(
                "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"))).head().framing().kind());
    }

    @Test
    void bytesAfterTheResponseAreLeftOver() {
        Decoding d = Decoding.ofAnySplit("GET", Limits.DEFAULT, false, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 200 OK\r\n");
        assertEquals("hi", d.body());
        assertEquals("HTTP/1.1 200 OK\r\n", d.after.utf8String());
        assertEquals("HTTP/1.1 200 OK\r\n", d.decoder.leftover().utf8String(), "in one buffer, all of it");
        assertTrue(d.decoder.reusableAfterEnd(), "framing and head allow reuse");
        assertFalse(d.decoder.poolable(), "but unread bytes do not");
        Decoding none = Decoding.of("HTTP/1.1 204 No Content\r\n\r\nstray");
        assertEquals("stray", none.decoder.leftover().utf8String());
        assertFalse(none.decoder.poolable());
    }

    @Test
    void feedingACompleteResponseIsTheCallersMistake() {
        Decoding d = Decoding.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThrows(IllegalStateException.class, () -> d.decoder.feed(Decoding.bytes("x"), p -> { }));
        d.decoder.end(p -> fail("nothing after the end: " + p));
    }
}
