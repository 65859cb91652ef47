package io.winhttp4j.engine.transport.http1;

import io.winhttp4j.engine.http.Header;
import org.apache.pekko.util.ByteString;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-formed responses, exercising every tolerance the decoder has (spaces in the status
 * line, no reason, spaces before colons, folded values, bare LF line ends, chunk extensions,
 * trailers, interim heads), each with what the decoder must make of it.
 */
final class RandomResponses {
    private RandomResponses() {}

    /** One generated response and what decoding it must give. */
    record Sample(String verb, String wire, List<Integer> interims, String statusLine, int status, String reason,
                  List<Header> headers, Framing.Kind framing, String body, List<Header> trailers,
                  /* where the final head starts and ends, and where the response ends */
                  int headStart, int headEnd, int end) {
        ByteString bytes() { return Decoding.bytes(wire); }

        /** Whether the connection must end for the body to end. */
        boolean needsEof() { return framing == Framing.Kind.UNTIL_CLOSE; }
    }

    private static final int[] FINAL = {200, 200, 200, 201, 204, 206, 299, 301, 304, 400, 404, 500, 101};
    private static final int[] INTERIM = {100, 100, 102, 103, 199};
    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    static Sample next(Random r) {
        String verb = r.nextInt(8) == 0 ? "HEAD" : "GET";
        StringBuilder wire = new StringBuilder();
        List<Integer> interims = new ArrayList<>();
        for (int n = r.nextInt(4) == 0 ? r.nextInt(4) : 0; n > 0; n--) {
            int code = INTERIM[r.nextInt(INTERIM.length)];
            interims.add(code);
            wire.append(statusLine(r, "HTTP/1.1", code, r.nextBoolean() ? "Continue" : "")).append(eol(r));
            for (int h = r.nextInt(3); h > 0; h--) wire.append(headerLine(r, name(r), value(r), null)).append(eol(r));
            wire.append(eol(r));
        }
        int status = FINAL[r.nextInt(FINAL.length)];
        String version = r.nextInt(5) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        String reason = r.nextInt(4) == 0 ? "" : words(r);
        String line = statusLine(r, version, status, reason);
        String expectedReason = reason.isEmpty() ? "" : reason;
        int headStart = wire.length();
        wire.append(line).append(eol(r));

        boolean noBody = verb.equals("HEAD") || status == 204 || status == 304;
        Framing.Kind framing = status == 101 ? Framing.Kind.TUNNEL : noBody ? Framing.Kind.NONE
                : new Framing.Kind[] {Framing.Kind.LENGTH, Framing.Kind.CHUNKED, Framing.Kind.UNTIL_CLOSE}[r.nextInt(3)];
        String body = framing == Framing.Kind.NONE || framing == Framing.Kind.TUNNEL ? "" : bytes(r, r.nextInt(5) == 0 ? 0 : r.nextInt(3000));

        List<Header> headers = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int n = r.nextInt(8); n > 0; n--) {
            String name = name(r);
            String value = value(r);
            String fold = r.nextInt(10) == 0 ? value(r) : null;
            lines.add(headerLine(r, name, value, fold));
            headers.add(new Header(name, fold == null || fold.isEmpty() ? value : value.isEmpty() ? fold : value + " " + fold));
        }
        if (framing == Framing.Kind.LENGTH || (framing == Framing.Kind.NONE && r.nextBoolean())) {
            String cl = Integer.toString(framing == Framing.Kind.LENGTH ? body.length() : r.nextInt(100));
            lines.add(r.nextInt(lines.size() + 1), "Content-Length: " + cl);
            headers.add(lines.indexOf("Content-Length: " + cl), new Header("Content-Length", cl));
        }
        if (framing == Framing.Kind.CHUNKED) {
            String te = r.nextBoolean() ? "chunked" : "gzip, chunked";
            lines.add(0, "Transfer-Encoding: " + te);
            headers.add(0, new Header("Transfer-Encoding", te));
        }
        if (status == 101) {
            lines.add("Upgrade: websocket");
            headers.add(new Header("Upgrade", "websocket"));
        }
        for (String l : lines) wire.append(l).append(eol(r));
        wire.append(eol(r));
        int headEnd = wire.length();

        List<Header> trailers = new ArrayList<>();
        if (framing == Framing.Kind.LENGTH || framing == Framing.Kind.UNTIL_CLOSE) {
            wire.append(body);
        } else if (framing == Framing.Kind.CHUNKED) {
            int at = 0;
            while (at < body.length()) {
                int n = Math.min(body.length() - at, 1 + r.nextInt(r.nextBoolean() ? 16 : 1200));
                wire.append(chunkSizeLine(r, n)).append(body, at, at + n).append(eol(r));
                at += n;
            }
            wire.append(chunkSizeLine(r, 0));
            for (int n = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; n > 0; n--) {
                String name = name(r);
                String value = value(r);
                wire.append(headerLine(r, name, value, null)).append(eol(r));
                trailers.add(new Header(name, value));
            }
            wire.append(eol(r));
        }
        int end = wire.length();
        // bytes past the response: the next response, stray bytes, or (101) the new protocol's
        if (framing != Framing.Kind.UNTIL_CLOSE && r.nextInt(4) == 0) wire.append(bytes(r, 1 + r.nextInt(40)));
        return new Sample(verb, wire.toString(), interims, line, status, expectedReason, headers, framing, body, trailers, headStart, headEnd, end);
    }

    private static String statusLine(Random r, String version, int status, String reason) {
        StringBuilder sb = new StringBuilder(version).append(" ".repeat(1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0))).append(status);
        if (!reason.isEmpty()) sb.append(" ".repeat(1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0))).append(reason);
        else if (r.nextInt(4) == 0) sb.append(' ');
        return sb.toString();
    }

    private static String headerLine(Random r, String name, String value, String fold) {
        StringBuilder sb = new StringBuilder(name).append(space(r, 6)).append(':').append(space(r, 3)).append(value).append(space(r, 6));
        if (fold != null) sb.append("\r\n").append(r.nextBoolean() ? " " : "\t").append(space(r, 2)).append(fold);
        return sb.toString();
    }

    /** Mostly nothing, sometimes a few spaces or tabs. */
    private static String space(Random r, int oneIn) {
        if (r.nextInt(oneIn) != 0) return "";
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(3); n > 0; n--) sb.append(r.nextInt(3) == 0 ? '\t' : ' ');
        return sb.toString();
    }

    private static String eol(Random r) {
        return r.nextInt(6) == 0 ? "\n" : "\r\n";
    }

    private static String chunkSizeLine(Random r, int size) {
        String hex = Integer.toHexString(size);
        if (r.nextBoolean()) hex = hex.toUpperCase();
        if (r.nextInt(6) == 0) hex = "0".repeat(1 + r.nextInt(3)) + hex;
        StringBuilder sb = new StringBuilder(hex);
        if (r.nextInt(5) == 0) sb.append(space(r, 1));
        for (int e = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0; e > 0; e--) {
            sb.append(';').append(name(r));
            if (r.nextBoolean()) sb.append('=').append(r.nextBoolean() ? name(r) : "\"" + words(r) + "\"");
        }
        return sb.append(eol(r)).toString();
    }

    private static String name(Random r) {
        StringBuilder sb = new StringBuilder("X-");
        for (int n = 1 + r.nextInt(12); n > 0; n--) sb.append(TCHARS.charAt(r.nextInt(TCHARS.length())));
        return sb.toString();
    }

    /** A field value: visible ASCII, obs-text and inner spaces, no whitespace at its ends. */
    private static String value(Random r) {
        int n = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean edge = i == 0 || i == n - 1;
            int c = r.nextInt(10) == 0 ? 0x80 + r.nextInt(0x80) : 0x20 + r.nextInt(0x5f);
            if (edge && c == ' ') c = 'e';
            sb.append(r.nextInt(15) == 0 && !edge ? '\t' : (char) c);
        }
        return sb.toString();
    }

    private static String words(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            if (sb.length() > 0) sb.append(' ');
            for (int k = 1 + r.nextInt(8); k > 0; k--) sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** Any byte values, as Latin-1 characters. */
    static String bytes(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) c[i] = (char) r.nextInt(256);
        return new String(c);
    }
}
