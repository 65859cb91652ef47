package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * MAX_RESPONSE_HEADER_SIZE, the header count and the chunk-line bound, and that whatever a server
 * sends the decoder holds no more than the limits allow.
 */
class LimitsTest {
    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";

    private static Limits headerBytes(int n) {
        return new Limits(n, Limits.DEFAULT_HEADER_COUNT, Limits.DEFAULT_CHUNK_LINE_BYTES);
    }

    @Test
    void aHeadExactlyAtTheLimitPassesOneByteMoreOverflows() {
        String head = "HTTP/1.1 200 OK\r\nX-Pad: " + "p".repeat(100) + "\r\nContent-Length: 0\r\n\r\n";
        assertTrue(Decoding.ofAnySplit("GET", headerBytes(head.length()), false, head).ended());
        Decoding d = Decoding.ofAnySplit("GET", headerBytes(head.length() - 1), false, head);
        d.failedWith(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW);
        d.assertStaysFailed();
    }

    /** As ResponseBodyTest does on the wire: a 2000-byte header against MAX_RESPONSE_HEADER_SIZE 1000. */
    @Test
    void aBigHeaderOverASmallLimit() {
        String head = "HTTP/1.1 200 OK\r\nX-Big: " + "b".repeat(2000) + "\r\nContent-Length: 0\r\n\r\n";
        assertEquals(2000, Decoding.of(head).headers().get(0).value().length());
        Decoding.run("GET", headerBytes(1000), false, List.of(Decoding.bytes(head)))
                .failedWith(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW);
    }

    @Test
    void theHeaderCountLimit() {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 1; i < Limits.DEFAULT_HEADER_COUNT; i++) head.append("X-").append(i).append(": v\r\n");
        head.append("Content-Length: 0\r\n");
        assertEquals(Limits.DEFAULT_HEADER_COUNT, Decoding.of(head + "\r\n").headers().size());
        Decoding.ofAnySplit("GET", Limits.DEFAULT, false, head + "X-One-Too-Many: v\r\n\r\n")
                .failedWith(WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED);
        StringBuilder three100 = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i < 300; i++) three100.append("X-").append(i).append(": v\r\n");
        Decoding.of(three100 + "\r\n").failedWith(WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED);
    }

    @Test
    void theOptionsUnsignedValue() {
        assertEquals(1000, Limits.withMaxResponseHeaderSize(1000).maxHeaderBytes());
        assertEquals(Integer.MAX_VALUE - 16, Limits.withMaxResponseHeaderSize(-1).maxHeaderBytes(), "0xFFFFFFFF");
        assertEquals(1, Limits.withMaxResponseHeaderSize(0).maxHeaderBytes());
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 1, 1));
    }

    @Test
    void interimHeadsCountAgainstTheHeaderBytes() {
        String response = CONTINUE.repeat(3) + OK;
        int heads = response.length() - 2;
        assertTrue(Decoding.ofAnySplit("GET", headerBytes(heads), false, response).ended());
        Decoding d = Decoding.ofAnySplit("GET", headerBytes(heads - 1), false, response);
        assertEquals(3, d.parts.size(), "the three interim heads came before the overflow: " + d.describe());
        d.failedWith(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW);
    }

    /** The hostile-server probe (issue 8): Pekko's parser recursed per head and overflowed its stack. */
    @Test
    void aThousandContinuesInOneBuffer() {
        Decoding d = Decoding.of(CONTINUE.repeat(1000) + OK);
        assertEquals(1000, d.parts.stream().filter(p -> p instanceof ResponsePart.Interim).count());
        assertEquals("hi", d.body());
        assertEquals(OK.length() - 2, d.head().size(), "the final head's own size");

        Decoding.closed(CONTINUE.repeat(1000)).failedWith(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE);
        Decoding.run("GET", headerBytes(16 * 1024), false, List.of(Decoding.bytes(CONTINUE.repeat(1000) + OK)))
                .failedWith(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW);
    }

    /** Heads are read in a loop: 100,000 of them in one buffer on a thread with a small stack. */
    @Test
    void interimHeadsCostNoStack() throws Exception {
        ByteString all = Decoding.bytes(CONTINUE.repeat(100_000) + OK);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Decoding d = Decoding.run("GET", headerBytes(Integer.MAX_VALUE - 16), false, List.of(all));
                outcome.set(d.failure != null ? d.failure : d.body());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 128 * 1024);
        t.start();
        t.join(20_000);
        assertFalse(t.isAlive(), "decoding did not finish");
        assertEquals("hi", outcome.get());
    }

    /** A head line that never ends, in 8 KiB pieces: the decoder stops at the limit and holds no more. */
    @Test
    void anEndlessHeadLineStopsAtTheLimit() {
        ResponseDecoder decoder = new ResponseDecoder("GET", headerBytes(32 * 1024));
        decoder.feed(Decoding.bytes("HTTP/1.1 200 OK\r\nX-Endless: "), p -> fail("no part: " + p));
        ByteString piece = Decoding.bytes("a".repeat(8192));
        long fed = 0;
        WinHttpException e = null;
        while (e == null && fed < 1 << 24) {
            try {
                decoder.feed(piece, p -> fail("no part: " + p));
                fed += piece.length();
            } catch (WinHttpException x) {
                e = x;
            }
        }
        assertNotNull(e, "an endless line must fail");
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, e.error());
        assertTrue(fed <= 32 * 1024, "failed after " + fed + " bytes");
        assertTrue(decoder.lineCapacity() <= 32 * 1024, "holds " + decoder.lineCapacity() + " bytes");
    }

    @Test
    void anEndlessStatusLineAndEndlessHeadersStopAtTheLimit() {
        for (String start : new String[] {"HTTP/1.1 200 ", "HTTP/1.1 200 OK\r\n"}) {
            String filler = start.endsWith("\n") ? "X: y\r\n" : "r";
            ResponseDecoder decoder = new ResponseDecoder("GET", Limits.DEFAULT);
            decoder.feed(Decoding.bytes(start), p -> { });
            ByteString piece = Decoding.bytes(filler.repeat(1000));
            WinHttpException e = assertThrows(WinHttpException.class, () -> {
                for (int i = 0; i < 10_000; i++) decoder.feed(piece, p -> { });
            });
            assertTrue(e.error() == WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW
                    || e.error() == WinHttpError.ERROR_WINHTTP_HEADER_COUNT_EXCEEDED, e.getMessage());
            assertTrue(decoder.lineCapacity() <= Limits.DEFAULT_HEADER_BYTES);
        }
    }

    /** A chunk extension that never ends is skipped, never stored, and stopped at the chunk-line bound. */
    @Test
    void anEndlessChunkExtensionStopsAtTheBound() {
        ResponseDecoder decoder = new ResponseDecoder("GET", Limits.DEFAULT);
        decoder.feed(Decoding.bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;"), p -> { });
        int before = decoder.lineCapacity();
        ByteString piece = Decoding.bytes("e".repeat(100));
        long fed = 0;
        try {
            while (fed < 1 << 20) {
                decoder.feed(piece, p -> { });
                fed += piece.length();
            }
            fail("an endless chunk line must fail");
        } catch (WinHttpException e) {
            assertEquals(WinHttpError.ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW, e.error());
        }
        assertTrue(fed <= Limits.DEFAULT_CHUNK_LINE_BYTES, "failed after " + fed + " bytes");
        assertEquals(before, decoder.lineCapacity(), "the extension is not buffered");
    }

    /** Endless interim heads, in pieces that cut them anywhere, end at the byte limit. */
    @Test
    void endlessInterimHeadsStopAtTheLimit() {
        ResponseDecoder decoder = new ResponseDecoder("GET", Limits.DEFAULT);
        ByteString stream = Decoding.bytes(CONTINUE.repeat(10_000));
        List<ResponsePart> parts = new ArrayList<>();
        WinHttpException e = assertThrows(WinHttpException.class, () -> {
            for (int at = 0; at < stream.length(); at += 37) decoder.feed(stream.slice(at, at + 37), parts::add);
        });
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_SIZE_OVERFLOW, e.error());
        assertEquals(Limits.DEFAULT_HEADER_BYTES / CONTINUE.length(), parts.size(), "every head within the limit was reported");
    }
}
