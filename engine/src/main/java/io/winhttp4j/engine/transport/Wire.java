package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.WireText;
import org.apache.pekko.util.ByteString;

import java.util.List;
import java.util.Locale;

/**
 * The request as it goes on the wire: its head rendered exactly from the engine's model (the
 * verb, the target as PathEscaper made it, the version, every header in the model's order with
 * its value as given), and what the body still needs. Every byte of the head passes
 * {@link WireText} here, whatever path its text came by, and is written as ISO-8859-1: one byte
 * per character, which is what the rule let through.
 */
public final class Wire {
    private static final byte[] NO_DATA = new byte[0];

    private Wire() {}

    /**
     * A request ready for a connection: the head, the optional data given to sendRequest, and what
     * writeData must still supply (toWrite; -1 for a chunked body, ended by its last chunk).
     * callerFrames: the application writes the chunk framing (Transfer-Encoding: chunked), checked
     * as it streams; engineFrames: AUTOMATIC_CHUNKING, the engine frames each write.
     */
    public record Plan(ByteString head, ByteString optional, long toWrite, boolean callerFrames, boolean engineFrames) {
        /** Bytes handed to the socket by sendRequest: REQUEST_SENT's count. */
        public int wireBytes() { return head.size() + optional.size(); }
    }

    public static Plan plan(String verb, String target, String version, HeaderList headers, byte[] optional,
                            long totalLength, boolean engineFramesChunks) {
        byte[] data = optional == null ? NO_DATA : optional;
        ByteString head = render(verb, target, version, headers);
        boolean chunked = headers.chunked();
        String lengthHeader = headers.get("Content-Length", 0);
        long declared = totalLength;
        if (lengthHeader != null) {
            long fromHeader = parseLength(lengthHeader);
            for (int i = 1; headers.get("Content-Length", i) != null; i++) {
                if (parseLength(headers.get("Content-Length", i)) != fromHeader) throw invalid("Content-Length headers disagree");
            }
            if (chunked) throw invalid("Transfer-Encoding and Content-Length together");
            if (totalLength != 0 && totalLength != fromHeader) {
                throw invalid("totalLength " + totalLength + " differs from Content-Length " + fromHeader);
            }
            declared = fromHeader;
        }
        if (chunked && data.length > 0) throw invalid("optional data with Transfer-Encoding: chunked");
        if (declared != 0 && declared < data.length) {
            throw invalid("optional data (" + data.length + " bytes) is longer than totalLength " + declared);
        }
        long toWrite = chunked ? -1 : Math.max(0, declared - data.length);
        return new Plan(head, data.length == 0 ? ByteString.emptyByteString() : ByteString.fromArrayUnsafe(data), toWrite, chunked && !engineFramesChunks,
                chunked && engineFramesChunks);
    }

    /**
     * True when {@link #plan} cannot refuse a send of these headers (stored, and given to
     * sendRequest) whatever its lengths: plan refuses only framing headers that contradict each
     * other or the lengths, and without Content-Length or Transfer-Encoding from the caller the
     * defaults frame the body from the lengths themselves (RequestDefaults). Lets an asynchronous
     * sendRequest return before its actor has looked at it.
     */
    public static boolean refusesNothing(HeaderList stored, List<Header> given) {
        if (stored.has("Content-Length") || stored.has("Transfer-Encoding")) return false;
        for (Header h : given) {
            if (h.is("Content-Length") || h.is("Transfer-Encoding")) return false;
        }
        return true;
    }

    /**
     * "VERB target VERSION CRLF (Name: value CRLF)* CRLF", each piece checked by the one rule,
     * written into one array of the head's exact size that the ByteString then owns.
     */
    static ByteString render(String verb, String target, String version, HeaderList headers) {
        if (!WireText.isToken(verb)) throw invalid("the verb \"" + WireText.shown(verb) + "\" is not an HTTP token");
        String checkedTarget = WireText.requestTarget(target);
        String checkedVersion = WireText.version(version);
        int size = verb.length() + checkedTarget.length() + checkedVersion.length() + 4 + headers.wireSize();
        byte[] out = new byte[size];
        int at = latin1(out, 0, verb);
        out[at++] = ' ';
        at = latin1(out, at, checkedTarget);
        out[at++] = ' ';
        at = latin1(out, at, checkedVersion);
        out[at++] = '\r';
        out[at++] = '\n';
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.at(i);
            WireText.check(h);
            at = latin1(out, at, h.name());
            out[at++] = ':';
            out[at++] = ' ';
            at = latin1(out, at, h.value());
            out[at++] = '\r';
            out[at++] = '\n';
        }
        out[at++] = '\r';
        out[at++] = '\n';
        if (at != size) throw new IllegalStateException("head rendered to " + at + " bytes, sized " + size);
        return ByteString.fromArrayUnsafe(out);
    }

    /** Text the rule has passed is ISO-8859-1: every character is its own byte. */
    private static int latin1(byte[] out, int at, String s) {
        for (int i = 0; i < s.length(); i++) out[at++] = (byte) s.charAt(i);
        return at;
    }

    /**
     * Refuses, when it is given to addRequestHeaders or sendRequest, a framing header the engine
     * could not honour (ERROR_WINHTTP_INVALID_HEADER): a Content-Length that is no length, a
     * Transfer-Encoding other than chunked (the engine frames only chunked bodies). An empty value
     * is judged at send only: with REPLACE it removes a header instead.
     */
    public static void checkGiven(Header h) {
        if (h.value().isEmpty()) return;
        switch (h.name().toLowerCase(Locale.ROOT)) {
            case "content-length" -> parseLength(h.value());
            case "transfer-encoding" -> {
                if (!h.value().trim().equalsIgnoreCase("chunked")) {
                    throw invalidHeader("Transfer-Encoding \"" + WireText.shown(h.value()) + "\": only chunked can be sent");
                }
            }
            default -> { }
        }
    }

    private static boolean isLength(String v) {
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18) return false;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') return false;
        }
        return true;
    }

    private static long parseLength(String v) {
        if (!isLength(v)) throw invalidHeader("Content-Length \"" + WireText.shown(v) + "\" is not a length");
        return Long.parseLong(v.trim());
    }

    private static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }

    private static WinHttpException invalidHeader(String detail) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, detail);
    }
}
