package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpException;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A connection's line reader lent to each response read off it in turn: every response decodes
 * as it does with a reader of its own, whatever the one before it left in the reader (long lines,
 * a line cut by a read, a failure), and a long line does not leave a big buffer behind.
 */
class LentLineReaderTest {

    /** The parts (or the failure) of one response fed in the given segments, then the end if it needs one. */
    private static String decode(ResponseDecoder d, RandomResponses.Sample s, List<ByteString> segments) {
        List<ResponsePart> parts = new ArrayList<>();
        try {
            for (ByteString b : segments) {
                if (d.complete() || upgraded(parts)) break; // what follows is not this response's
                d.feed(b, parts::add);
            }
            if (s.needsEof()) d.end(parts::add);
        } catch (WinHttpException e) {
            return parts + " failed " + e.error();
        }
        return parts.toString();
    }

    private static boolean upgraded(List<ResponsePart> parts) {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof ResponsePart.Upgraded;
    }

    private static List<ByteString> splits(Random r, ByteString all) {
        List<ByteString> out = new ArrayList<>();
        int at = 0;
        while (at < all.length()) {
            int n = 1 + r.nextInt(Math.min(all.length() - at, r.nextBoolean() ? 7 : 200));
            out.add(all.slice(at, at + n));
            at += n;
        }
        return out;
    }

    @Test
    void responsesOneAfterAnotherDecodeAsWithAReaderOfTheirOwn() {
        long seed = 0x6c656e74L;
        for (int c = 0; c < 150; c++) {
            Random r = new Random(seed + c);
            LineReader lent = new LineReader();
            for (int k = 0; k < 8; k++) {
                RandomResponses.Sample s = RandomResponses.next(r);
                ByteString all = s.bytes();
                if (r.nextInt(5) == 0) all = all.take(r.nextInt(all.length() + 1)); // cut short: the reader is left mid-line
                List<ByteString> segments = splits(r, all);
                String alone = decode(new ResponseDecoder(s.verb(), Limits.DEFAULT), s, segments);
                String shared = decode(new ResponseDecoder(s.verb(), Limits.DEFAULT, lent), s, segments);
                assertEquals(alone, shared, "seed " + (seed + c) + ", response " + k);
            }
        }
    }

    @Test
    void aLongLineDoesNotStayBehindInTheReader() {
        LineReader lent = new LineReader();
        String longValue = "v".repeat(20_000);
        ResponseDecoder first = new ResponseDecoder("GET", Limits.DEFAULT, lent);
        first.feed(Decoding.bytes("HTTP/1.1 200 OK\r\nX-Long: " + longValue + "\r\nContent-Length: 0\r\n\r\n"), p -> { });
        assertTrue(first.complete());
        assertTrue(lent.capacity() > 20_000, "the long line was gathered in the lent reader");
        ResponseDecoder second = new ResponseDecoder("GET", Limits.DEFAULT, lent);
        assertTrue(lent.capacity() <= 1024, "lent again with " + lent.capacity() + " bytes kept");
        List<ResponsePart> parts = new ArrayList<>();
        second.feed(Decoding.bytes("HTTP/1.1 204 No Content\r\nA: b\r\n\r\n"), parts::add);
        assertTrue(second.complete());
        assertEquals(204, assertInstanceOf(ResponsePart.Head.class, parts.get(0)).head().status());
    }
}
