package io.winhttp4j.engine.transport;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
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
        boolean chunked = headers.hasToken("Transfer-Encoding", "chunked");
        boolean callerFrames = chunked && !engineFramesChunks;
        String lengthHeader = headers.get("Content-Length", 0);
        long declared = totalLength;
        if (lengthHeader != null) {
            long fromHeader = parseLength(lengthHeader);
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
                .withUri(uri(target))
                .withProtocol("HTTP/1.0".equals(version) ? HttpProtocols.HTTP_1_0 : HttpProtocols.HTTP_1_1)
                .addHeaders(pekkoHeaders(headers))
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

    private static List<HttpHeader> pekkoHeaders(HeaderList headers) {
        List<HttpHeader> out = new ArrayList<>(headers.all().size());
        for (Header h : headers.all()) {
            switch (h.name().toLowerCase(Locale.ROOT)) {
                case "content-type", "content-length", "transfer-encoding" -> { }
                // Pekko acts on these itself, so it must see them as its own models.
                case "host", "connection", "user-agent", "expect" -> out.add(HttpHeader.parse(h.name(), h.value()));
                default -> out.add(RawHeader.create(h.name(), h.value()));
            }
        }
        return out;
    }

    private static HttpMethod method(String verb) {
        return HttpMethods.lookup(verb).orElseGet(() ->
                HttpMethods.custom(verb, false, false, RequestEntityAcceptances.Tolerated));
    }

    private static Uri uri(String target) {
        try {
            return Uri.create(target, Uri.RELAXED);
        } catch (RuntimeException e) {
            throw invalid("request target \"" + target + "\" is not a valid URI: " + e.getMessage());
        }
    }

    private static ContentType contentType(String value) {
        if (value == null) return ContentTypes.NO_CONTENT_TYPE;
        try {
            return ContentTypes.parse(value);
        } catch (RuntimeException e) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_HEADER, "Content-Type \"" + value + "\" cannot be parsed");
        }
    }

    private static long parseLength(String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid("Content-Length \"" + v + "\" is not a length");
    }

    private static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }
}
