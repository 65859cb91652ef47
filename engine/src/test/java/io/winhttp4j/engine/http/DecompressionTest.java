package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.ContentDecoder.Coding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/** The header rules of WINHTTP_OPTION_DECOMPRESSION ({@link Decompression}). */
class DecompressionTest {
    private static final int GZIP = WINHTTP_DECOMPRESSION_FLAG_GZIP, DEFLATE = WINHTTP_DECOMPRESSION_FLAG_DEFLATE,
            ALL = WINHTTP_DECOMPRESSION_FLAG_ALL;

    static HeaderList headers(String... nameValues) {
        HeaderList h = HeaderList.EMPTY;
        for (int i = 0; i < nameValues.length; i += 2) h = h.add(nameValues[i], nameValues[i + 1]);
        return h;
    }

    @Test
    void acceptEncodingForEachFlag() {
        assertEquals("gzip", Decompression.acceptEncoding(GZIP));
        assertEquals("deflate", Decompression.acceptEncoding(DEFLATE));
        assertEquals("gzip, deflate", Decompression.acceptEncoding(ALL));
        assertNull(Decompression.acceptEncoding(0));
        assertEquals("gzip", Decompression.acceptEncoding(GZIP | 0x100), "bits beyond ALL add nothing");
    }

    @Test
    void theFlagsReplaceTheCallersAcceptEncoding() {
        HeaderList callers = headers("Accept", "*/*", "Accept-Encoding", "br", "X-A", "1", "accept-encoding", "zstd");
        HeaderList sent = Decompression.requestHeaders(callers, ALL);
        assertEquals(List.of(new Header("Accept", "*/*"), new Header("X-A", "1"), new Header("Accept-Encoding", "gzip, deflate")), sent.all());
        assertSame(callers, Decompression.requestHeaders(callers, 0), "no flag: the caller's headers as they are");
        assertEquals("deflate", Decompression.requestHeaders(HeaderList.EMPTY, DEFLATE).get("Accept-Encoding", 0));
    }

    @Test
    void whichResponsesAreDecoded() {
        record Case(int flags, HeaderList response, Coding expected) {}
        List<Case> cases = List.of(
                new Case(ALL, headers("Content-Encoding", "gzip"), Coding.GZIP),
                new Case(ALL, headers("Content-Encoding", "x-gzip"), Coding.GZIP),
                new Case(ALL, headers("content-encoding", " GZip "), Coding.GZIP),
                new Case(ALL, headers("Content-Encoding", "deflate"), Coding.DEFLATE),
                new Case(GZIP, headers("Content-Encoding", "gzip"), Coding.GZIP),
                new Case(GZIP, headers("Content-Encoding", "deflate"), null),
                new Case(DEFLATE, headers("Content-Encoding", "deflate"), Coding.DEFLATE),
                new Case(DEFLATE, headers("Content-Encoding", "gzip"), null),
                new Case(0, headers("Content-Encoding", "gzip"), null),
                new Case(ALL, headers("Content-Type", "text/plain"), null),
                new Case(ALL, headers("Content-Encoding", "identity"), null),
                new Case(ALL, headers("Content-Encoding", ""), null),
                new Case(ALL, headers("Content-Encoding", "br"), null),
                new Case(ALL, headers("Content-Encoding", "gzip, identity"), Coding.GZIP),
                new Case(ALL, headers("Content-Encoding", "identity", "Content-Encoding", "gzip"), Coding.GZIP),
                new Case(ALL, headers("Content-Encoding", ",gzip,"), Coding.GZIP),
                new Case(ALL, headers("Content-Encoding", "deflate, gzip"), null),
                new Case(ALL, headers("Content-Encoding", "gzip, gzip"), null),
                new Case(ALL, headers("Content-Encoding", "gzip", "Content-Encoding", "gzip"), null),
                new Case(ALL, headers("Content-Encoding", "gzip", "Content-Range", "bytes 0-9/100"), null));
        for (Case c : cases) {
            assertEquals(c.expected(), Decompression.codingOf(c.flags(), c.response()), "flags " + c.flags() + " " + c.response());
            ContentDecoder d = Decompression.decoderFor(c.flags(), c.response());
            assertEquals(c.expected(), d == null ? null : d.coding());
            if (d != null) d.close();
        }
    }

    @Test
    void aDecodedResponseNoLongerReportsItsLengthAndCoding() {
        HeaderList h = headers("Content-Type", "text/plain", "Content-Length", "120", "Content-Encoding", "gzip",
                "Vary", "Accept-Encoding", "content-length", "120");
        HeaderList decoded = Decompression.decodedHeaders(h);
        assertEquals(List.of(new Header("Content-Type", "text/plain"), new Header("Vary", "Accept-Encoding")), decoded.all());
        HeaderQuery.Message m = new HeaderQuery.Message("HTTP/1.1 200 OK", "HTTP/1.1", "200", "OK", decoded);
        for (int level : new int[] {WINHTTP_QUERY_CONTENT_LENGTH, WINHTTP_QUERY_CONTENT_ENCODING}) {
            WinHttpException e = assertThrows(WinHttpException.class, () -> HeaderQuery.answer(m, level, null, 0));
            assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, e.error());
        }
        String raw = HeaderQuery.answer(m, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nVary: Accept-Encoding\r\n\r\n", raw);
    }
}
