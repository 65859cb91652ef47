package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Header;
import org.apache.pekko.util.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs a {@link ResponseDecoder} over given segments, as a connection would feed it, and records
 * what came out: the parts, the failure if any, and the bytes after the response.
 */
final class Decoding {
    final ResponseDecoder decoder;
    final List<ResponsePart> parts = new ArrayList<>();
    WinHttpException failure;
    /** Bytes past the response: its leftover, or past an upgrade, then any segments not fed. */
    ByteString after = ByteString.emptyByteString();

    private Decoding(String verb, Limits limits) {
        decoder = new ResponseDecoder(verb, limits);
    }

    static ByteString bytes(String latin1) {
        return ByteString.fromString(latin1, StandardCharsets.ISO_8859_1);
    }

    /** Feeds the segments, then the end of the connection if {@code eof}. */
    static Decoding run(String verb, Limits limits, boolean eof, List<ByteString> segments) {
        Decoding d = new Decoding(verb, limits);
        try {
            int i = 0;
            for (; i < segments.size() && !d.finished(); i++) d.decoder.feed(segments.get(i), d.parts::add);
            if (d.finished()) {
                d.after = upgraded(d.parts) != null ? upgraded(d.parts) : d.decoder.leftover();
                for (; i < segments.size(); i++) d.after = d.after.concat(segments.get(i));
            }
            // after a complete or upgraded response the end must change nothing
            if (eof) d.decoder.end(d.parts::add);
        } catch (WinHttpException e) {
            d.failure = e;
        }
        return d;
    }

    /** One buffer, GET, default limits, the connection left open. */
    static Decoding of(String response) {
        return run("GET", Limits.DEFAULT, false, List.of(bytes(response)));
    }

    /** One buffer, then the end of the connection. */
    static Decoding closed(String response) {
        return run("GET", Limits.DEFAULT, true, List.of(bytes(response)));
    }

    /** Every split of the bytes into two segments and byte by byte give the same record as one buffer. */
    static Decoding ofAnySplit(String verb, Limits limits, boolean eof, String response) {
        ByteString all = bytes(response);
        Decoding one = run(verb, limits, eof, List.of(all));
        for (int cut = 0; cut <= all.length(); cut++) {
            Decoding two = run(verb, limits, eof, List.of(all.take(cut), all.drop(cut)));
            assertEquals(one.describe(), two.describe(), "split at " + cut);
        }
        List<ByteString> single = new ArrayList<>();
        for (int i = 0; i < all.length(); i++) single.add(all.slice(i, i + 1));
        assertEquals(one.describe(), run(verb, limits, eof, single).describe(), "byte by byte");
        return one;
    }

    private boolean finished() {
        return decoder.complete() || upgraded(parts) != null;
    }

    private static ByteString upgraded(List<ResponsePart> parts) {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof ResponsePart.Upgraded u ? u.rest() : null;
    }

    ResponsePart.Head head() {
        for (ResponsePart p : parts) if (p instanceof ResponsePart.Head h) return h;
        throw new AssertionError("no head in " + describe());
    }

    List<Header> headers() { return head().head().headers().all(); }

    /** The body's bytes, all Data parts joined. */
    String body() {
        StringBuilder sb = new StringBuilder();
        for (ResponsePart p : parts) if (p instanceof ResponsePart.Data d) sb.append(d.bytes().decodeString(StandardCharsets.ISO_8859_1));
        return sb.toString();
    }

    boolean ended() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof ResponsePart.End;
    }

    WinHttpError error() { return failure == null ? null : failure.error(); }

    /** Asserts the run failed with this error and returns the message. */
    String failedWith(WinHttpError expected) {
        assertEquals(expected, error(), () -> "parts: " + describe());
        return failure.getMessage();
    }

    /**
     * The record as text, independent of how the input was split: adjacent Data parts joined into
     * one (only their boundaries depend on the split).
     */
    String describe() {
        StringBuilder sb = new StringBuilder();
        StringBuilder data = null;
        for (ResponsePart p : parts) {
            if (p instanceof ResponsePart.Data d) {
                if (data == null) data = new StringBuilder();
                data.append(d.bytes().decodeString(StandardCharsets.ISO_8859_1));
                continue;
            }
            if (data != null) {
                sb.append("Data[").append(data).append("]\n");
                data = null;
            }
            if (p instanceof ResponsePart.Head h) {
                sb.append("Head[").append(h.statusLine()).append(" | ").append(h.head().version()).append(' ')
                        .append(h.head().status()).append(" '").append(h.head().reason()).append("' ")
                        .append(h.head().headers()).append(" size=").append(h.size()).append(' ').append(h.framing()).append("]\n");
            } else if (p instanceof ResponsePart.End e) {
                sb.append("End").append(e.trailers()).append('\n');
            } else if (p instanceof ResponsePart.Upgraded) {
                sb.append("Upgraded\n");
            } else {
                sb.append(p).append('\n');
            }
        }
        if (data != null) sb.append("Data[").append(data).append("]\n");
        if (!after.isEmpty()) sb.append("after[").append(after.decodeString(StandardCharsets.ISO_8859_1)).append("]\n");
        if (failure != null) sb.append("failed ").append(failure.error()).append('\n');
        return sb.toString();
    }

    /** Feeding after the failure repeats it: the decoder stays failed. */
    void assertStaysFailed() {
        WinHttpException again = assertThrows(WinHttpException.class, () -> decoder.feed(bytes("x"), p -> { }));
        assertEquals(failure.error(), again.error());
    }
}
