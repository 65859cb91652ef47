package io.winhttp4j.engine.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The header rules of WINHTTP_OPTION_DECOMPRESSION (CONFORMANCE 1.5 and 4.4): what the request
 * asks for, whether a response is decoded, and how a decoded response's headers look. The body
 * itself goes through {@link ContentDecoder}.
 *
 * <ul>
 *   <li>The request carries "Accept-Encoding: gzip", "deflate" or "gzip, deflate" for the GZIP,
 *       DEFLATE and ALL flags, replacing any the application added (Microsoft's option page:
 *       WinHTTP sets it, "overriding any supplied by the caller"). With no flag nothing changes.</li>
 *   <li>A response is decoded when its Content-Encoding names exactly one coding besides
 *       "identity" (across all its Content-Encoding headers, names case-insensitive), that coding
 *       is gzip (or its alias x-gzip) with the GZIP flag or deflate with the DEFLATE flag, and it
 *       has no Content-Range (a part of a compressed body cannot be decoded on its own). Anything
 *       else, several codings stacked included, is passed on as it came with its headers
 *       untouched, as WinINet does with its decoding option.</li>
 *   <li>A decoded response no longer reports Content-Length (CONFORMANCE 4.4: HEADER_NOT_FOUND,
 *       in the raw header blocks too) nor Content-Encoding (issue 11; WinINet strips it once
 *       it has decoded): both describe bytes the application never sees.</li>
 * </ul>
 */
public final class Decompression {
    private Decompression() {}

    /** The Accept-Encoding value for these DECOMPRESSION flags, or null when none is set. */
    public static String acceptEncoding(int flags) {
        boolean gzip = (flags & WINHTTP_DECOMPRESSION_FLAG_GZIP) != 0;
        boolean deflate = (flags & WINHTTP_DECOMPRESSION_FLAG_DEFLATE) != 0;
        if (gzip && deflate) return "gzip, deflate";
        if (gzip) return "gzip";
        if (deflate) return "deflate";
        return null;
    }

    /** The request's headers as they are sent: the Accept-Encoding of the flags replaces the caller's. */
    public static HeaderList requestHeaders(HeaderList headers, int flags) {
        String value = acceptEncoding(flags);
        return value == null ? headers : headers.without("Accept-Encoding").add("Accept-Encoding", value);
    }

    /** The coding to decode this response with, or null when its body is passed on as it came. */
    public static ContentDecoder.Coding codingOf(int flags, HeaderList response) {
        if (acceptEncoding(flags) == null || response.has("Content-Range")) return null;
        List<String> codings = new ArrayList<>(1);
        for (int i = 0; i < response.size(); i++) {
            Header h = response.at(i);
            if (!h.is("Content-Encoding")) continue;
            for (String part : h.value().split(",", -1)) {
                String c = part.trim().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !c.equals("identity")) codings.add(c);
            }
        }
        if (codings.size() != 1) return null;
        return switch (codings.get(0)) {
            case "gzip", "x-gzip" -> (flags & WINHTTP_DECOMPRESSION_FLAG_GZIP) != 0 ? ContentDecoder.Coding.GZIP : null;
            case "deflate" -> (flags & WINHTTP_DECOMPRESSION_FLAG_DEFLATE) != 0 ? ContentDecoder.Coding.DEFLATE : null;
            default -> null;
        };
    }

    /** The decoder for this response, or null when its body is passed on as it came. */
    public static ContentDecoder decoderFor(int flags, HeaderList response) {
        ContentDecoder.Coding c = codingOf(flags, response);
        return c == null ? null : ContentDecoder.of(c);
    }

    /** What queryHeaders reports for a response whose body is decoded. */
    public static HeaderList decodedHeaders(HeaderList response) {
        return response.without("Content-Length").without("Content-Encoding");
    }
}
