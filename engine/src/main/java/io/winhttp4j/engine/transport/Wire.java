package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.http.WireText;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpProtocols;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.RequestEntityAcceptances;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates between the engine's model (verb, target, HeaderList, bytes) and Pekko HTTP's.
 * Pekko keeps Content-Type, Content-Length and Transfer-Encoding on the entity, not in the
 * header list, so they are moved there on the way out and rebuilt on the way in.
 *
 * <p>Nothing reaches Pekko without passing {@link WireText} here, and nothing Pekko would drop
 * (with only a warning in its log) or fail on is handed to it: {@link #carried} is that rule,
 * applied when a header is given and again when the request is built.
 */
public final class Wire {
    private Wire() {}

    /**
     * A request ready to hand to a connection. body is null when everything was given to
     * sendRequest; toWrite is what writeData must still supply (-1: chunked, ended by a
     * zero-length write).
     */
    public record Plan(HttpRequest request, RequestBody body, long toWrite, boolean callerFrames, int wireBytes) {}

    /**
     * A "Transfer-Encoding: chunked" body is framed by the caller (as on Windows) unless
     * engineFramesChunks (WINHTTP_FLAG_AUTOMATIC_CHUNKING): then each writeData is one chunk.
     */
    public static Plan plan(String verb, String target, String version, HeaderList headers, byte[] optional,
                            long totalLength, boolean engineFramesChunks, Materializer mat) {
        byte[] data = optional == null ? new byte[0] : optional;
        if (!WireText.isToken(verb)) throw invalid("the verb \"" + WireText.shown(verb) + "\" is not an HTTP token");
        Uri uri = uri(WireText.requestTarget(target));
        List<HttpHeader> carried = pekkoHeaders(headers);
        if (headers.get("Content-Type", 1) != null) {
            throw invalidHeader("more than one Content-Type: Pekko HTTP carries one, on its entity");
        }
        boolean chunked = headers.chunked();
        boolean callerFrames = chunked && !engineFramesChunks;
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
        ContentType type = contentType(headers.get("Content-Type", 0));
        RequestEntity entity;
        RequestBody body = null;
        long toWrite = 0;
        ByteString prefix = ByteString.fromArrayUnsafe(data);
        if (chunked) {
            body = RequestBody.create(ByteString.emptyByteString(), mat);
            entity = HttpEntities.createChunked(type, body.source());
            toWrite = -1;
        } else if (declared > data.length) {
            body = RequestBody.create(prefix, mat);
            entity = HttpEntities.create(type, declared, body.source());
            toWrite = declared - data.length;
        } else {
            entity = HttpEntities.create(type, prefix);
        }
        HttpRequest request = HttpRequest.create()
                .withMethod(method(verb))
                .withUri(uri)
                .withProtocol("HTTP/1.0".equals(version) ? HttpProtocols.HTTP_1_0 : HttpProtocols.HTTP_1_1)
                .addHeaders(carried)
                .withEntity(entity);
        int wire = verb.length() + target.length() + version.length() + 4 + headers.wireSize() + data.length;
        return new Plan(request, body, toWrite, callerFrames, wire);
    }

    /** The response head as queryHeaders sees it (entity-borne headers put back). */
    public static ResponseHead head(HttpResponse r) {
        List<Header> list = new ArrayList<>();
        for (HttpHeader h : r.getHeaders()) list.add(new Header(h.name(), h.value()));
        HttpEntity e = r.entity();
        int status = r.status().intValue();
        if (!e.getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
            list.add(new Header("Content-Type", e.getContentType().toString()));
        }
        if (e.isChunked()) {
            list.add(new Header("Transfer-Encoding", "chunked"));
        } else if (status >= 200 && status != 204 && status != 304) {
            e.getContentLengthOption().ifPresent(n -> list.add(new Header("Content-Length", Long.toString(n))));
        }
        return new ResponseHead(r.protocol().value(), status, r.status().reason(), HeaderList.of(list));
    }

    /** No body follows a response to HEAD, nor a 1xx, 204 or 304 (RFC 9112 6.3). */
    public static boolean hasNoBody(String verb, int status) {
        return "HEAD".equals(verb) || status < 200 || status == 204 || status == 304;
    }

    /**
     * Refuses a header given to addRequestHeaders or sendRequest that Pekko could not carry as it
     * is. An empty value is judged at send only: with REPLACE it removes a header instead.
     */
    public static void checkGiven(Header h) {
        if (!h.value().isEmpty()) carried(h);
    }

    /**
     * A header as Pekko carries it: its own model for the headers it acts on itself, a raw header
     * otherwise, null for those it keeps on the entity. What it could not carry as given is refused
     * (ERROR_WINHTTP_INVALID_HEADER): a Content-Type it cannot parse, a Content-Length that is no
     * length, a Transfer-Encoding other than chunked (Pekko frames only chunked bodies and would
     * drop any other coding).
     */
    static HttpHeader carried(Header h) {
        switch (h.name().toLowerCase(Locale.ROOT)) {
            case "content-type":
                contentType(h.value());
                return null;
            case "content-length":
                if (!isLength(h.value())) throw invalidHeader("Content-Length \"" + WireText.shown(h.value()) + "\" is not a length");
                return null;
            case "transfer-encoding":
                if (!h.value().trim().equalsIgnoreCase("chunked")) {
                    throw invalidHeader("Transfer-Encoding \"" + WireText.shown(h.value()) + "\": only chunked can be sent");
                }
                return null;
            case "host", "connection", "user-agent", "expect":
                // Pekko acts on these itself, so it must see them as its own models.
                try {
                    return HttpHeader.parse(h.name(), h.value());
                } catch (RuntimeException e) {
                    throw invalidHeader(h.name() + " \"" + WireText.shown(h.value()) + "\" cannot be sent: " + e.getMessage());
                }
            default:
                return RawHeader.create(h.name(), h.value());
        }
    }

    private static List<HttpHeader> pekkoHeaders(HeaderList headers) {
        List<HttpHeader> out = new ArrayList<>(headers.all().size());
        for (Header h : headers.all()) {
            HttpHeader carried = carried(WireText.check(h));
            if (carried != null) out.add(carried);
        }
        return out;
    }

    private static boolean isLength(String v) {
        String t = v.trim();
        if (t.isEmpty() || t.length() > 18) return false;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') return false;
        }
        return true;
    }

    private static HttpMethod method(String verb) {
        return HttpMethods.lookup(verb).orElseGet(() ->
                HttpMethods.custom(verb, false, false, RequestEntityAcceptances.Tolerated));
    }

    /** The request target in Pekko's URI model; one it cannot parse is refused (ERROR_INVALID_PARAMETER). */
    public static Uri uri(String target) {
        try {
            return Uri.create(target, Uri.RELAXED);
        } catch (RuntimeException e) {
            throw invalid("request target \"" + WireText.shown(target) + "\" is not a valid URI: " + e.getMessage());
        }
    }

    private static ContentType contentType(String value) {
        if (value == null) return ContentTypes.NO_CONTENT_TYPE;
        try {
            return ContentTypes.parse(value);
        } catch (RuntimeException e) {
            throw invalidHeader("Content-Type \"" + WireText.shown(value) + "\" cannot be parsed");
        }
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
