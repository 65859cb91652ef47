package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * WINHTTP_OPTION_DECOMPRESSION end to end (CONFORMANCE 4.4, engine/README.md "Decompression"),
 * both modes. Pekko HTTP routes: {@code /enc?e=E&n=N&chunk=K} answers N bytes of
 * {@link LocalHttpServer#patternByte} coded as E (gzip, x-gzip, zlib or raw: deflate with or
 * without its zlib wrapping; stacked: gzip twice; identity: not coded), chunked in pieces of K
 * bytes when K is given; {@code /range} the same gzip body as a 206 with Content-Range;
 * {@code /empty} an empty body that says gzip; {@code /big?n=N} N bytes gzip-coded as they are
 * sent, never held whole; {@code /ae} the Accept-Encoding it got. The raw server sends what Pekko
 * would not: a HEAD and a 304 that say gzip, and corrupt gzip bodies.
 */
class ResponseDecompressionTest extends EngineTestBase {
    static LocalHttpServer coded;
    static RawServer raw;

    static final int N = 300_000;

    @BeforeAll
    static void startServers() {
        Materializer mat = Materializer.matFromSystem(kit.system());
        Map<String, LocalHttpServer.Handler> routes = new HashMap<>();
        routes.put("/enc", r -> {
            var q = r.getUri().query();
            String e = q.get("e").orElse("gzip");
            byte[] body = encode(e, pattern(Integer.parseInt(q.get("n").orElse("0"))));
            int chunk = Integer.parseInt(q.get("chunk").orElse("0"));
            String header = switch (e) {
                case "zlib", "raw" -> "deflate";
                case "stacked" -> "gzip, gzip";
                default -> e;
            };
            return answer(r, mat, 200, body, chunk, e.equals("identity") ? List.of() : List.of(RawHeader.create("Content-Encoding", header)));
        });
        routes.put("/range", r -> {
            byte[] body = encode("gzip", pattern(N));
            return answer(r, mat, 206, body, 0, List.of(RawHeader.create("Content-Encoding", "gzip"),
                    RawHeader.create("Content-Range", "bytes 0-" + (body.length - 1) + "/" + body.length)));
        });
        routes.put("/empty", r -> answer(r, mat, 200, new byte[0], 0, List.of(RawHeader.create("Content-Encoding", "gzip"))));
        routes.put("/ae", r -> answer(r, mat, 200,
                r.getHeader("Accept-Encoding").map(HttpHeader::value).orElse("(none)").getBytes(StandardCharsets.ISO_8859_1), 0, List.of()));
        routes.put("/big", r -> {
            long n = Long.parseLong(r.getUri().query().get("n").orElse("0"));
            return r.discardEntityBytes(mat).completionStage().thenApply(done -> HttpResponse.create()
                    .withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM,
                            Source.fromIterator(() -> new GzipStream(n))))
                    .addHeader(RawHeader.create("Content-Encoding", "gzip")));
        });
        coded = LocalHttpServer.start(kit.system(), routes);

        byte[] gz = encode("gzip", pattern(N));
        byte[] corrupt = gz.clone();
        Arrays.fill(corrupt, 10, 40, (byte) 0xff); // the first deflate block: an invalid block type
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        raw = rawServer(new RawRoutes()
                .handler("/headgz", (c, head) -> {
                    c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n");
                    return true;
                })
                .handler("/notmodified", (c, head) -> {
                    c.write("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Encoding: gzip\r\n\r\n");
                    return true;
                })
                .handler("/corrupt", (c, head) -> writeGzip(c, corrupt, corrupt.length))
                .handler("/badcrc", (c, head) -> writeGzip(c, badCrc, badCrc.length))
                .handler("/truncated", (c, head) -> writeGzip(c, truncated, truncated.length)));
    }

    private static boolean writeGzip(io.winhttp4j.engine.testkit.RawConnection c, byte[] body, int announced) throws IOException {
        c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + announced + "\r\n\r\n");
        c.write(body);
        return true;
    }

    @AfterAll
    static void stopServers() {
        if (coded != null) coded.close();
    }

    static CompletionStage<HttpResponse> answer(HttpRequest r, Materializer mat, int status, byte[] body, int chunk,
                                                List<HttpHeader> headers) {
        return r.discardEntityBytes(mat).completionStage().thenApply(done -> {
            HttpResponse response = HttpResponse.create().withStatus(StatusCodes.get(status)).addHeaders(headers);
            if (chunk <= 0) return response.withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, body));
            List<ByteString> pieces = new ArrayList<>();
            for (int i = 0; i < body.length; i += chunk) pieces.add(ByteString.fromArray(body, i, Math.min(chunk, body.length - i)));
            return response.withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_OCTET_STREAM, Source.from(pieces)));
        });
    }

    static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = LocalHttpServer.patternByte(i);
        return b;
    }

    static byte[] encode(String coding, byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (coding) {
                case "gzip", "x-gzip" -> {
                    try (GZIPOutputStream z = new GZIPOutputStream(out)) { z.write(data); }
                }
                case "zlib" -> {
                    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(6, false))) { z.write(data); }
                }
                case "raw" -> {
                    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(6, true))) { z.write(data); }
                }
                case "stacked" -> out.write(encode("gzip", encode("gzip", data)));
                case "identity" -> out.write(data);
                default -> throw new IllegalArgumentException(coding);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * n bytes of the pattern as one gzip member, coded piece by piece as Pekko pulls them: the
     * server never holds more than one megabyte of input and what the deflater makes of it.
     */
    static final class GzipStream implements Iterator<ByteString> {
        /** A whole number of pattern periods (251), so every block continues the pattern. */
        private static final byte[] BLOCK = pattern(251 * 4096);
        private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        private final CRC32 crc = new CRC32();
        private final byte[] out = new byte[64 * 1024];
        private final long size;
        private long left;
        private boolean started;
        private boolean done;

        GzipStream(long n) {
            size = n;
            left = n;
        }

        @Override
        public boolean hasNext() { return !done; }

        @Override
        public ByteString next() {
            if (!started) {
                started = true;
                return ByteString.fromArray(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            }
            org.apache.pekko.util.ByteStringBuilder b = ByteString.createBuilder();
            while (left > 0) {
                int len = (int) Math.min(BLOCK.length, left);
                left -= len;
                crc.update(BLOCK, 0, len);
                deflater.setInput(BLOCK, 0, len);
                while (!deflater.needsInput()) {
                    int k = deflater.deflate(out);
                    b.putBytes(out, 0, k);
                }
                if (b.length() > 0) return b.result();
            }
            deflater.finish();
            while (!deflater.finished()) {
                int k = deflater.deflate(out);
                b.putBytes(out, 0, k);
            }
            deflater.end();
            long c = crc.getValue();
            for (long v : new long[] {c, size}) {
                for (int i = 0; i < 4; i++) b.putByte((byte) (v >>> (8 * i)));
            }
            done = true;
            return b.result();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A request on the coded server (or raw), with DECOMPRESSION set on the request when flags != 0. */
    static HInternet sent(Driven d, int port, String verb, String path, int flags, String headers) throws Exception {
        HInternet c = d.connect(LocalHttpServer.HOST, port);
        HInternet r = d.request(c, verb, path);
        if (flags != 0) winHttp.setOption(r, WINHTTP_OPTION_DECOMPRESSION, flags);
        d.send(r, headers);
        return r;
    }

    static void assertDecodedHeaders(HInternet r) {
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0)));
        assertEquals(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, error(() -> winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_ENCODING, null, 0)));
        for (int level : new int[] {WINHTTP_QUERY_RAW_HEADERS_CRLF, WINHTTP_QUERY_RAW_HEADERS}) {
            String block = winHttp.queryHeaders(r, level, null, 0).toLowerCase();
            assertFalse(block.contains("content-length") || block.contains("content-encoding"), block);
        }
    }

    /** The body read through queryDataAvailable and readData of exactly that much, each count checked. */
    static byte[] readByAvailable(Driven d, HInternet r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int available;
        while ((available = d.available(r)) > 0) {
            byte[] buf = new byte[available];
            assertEquals(available, d.read(r, buf, 0, available), "readData(available) gives what queryDataAvailable counted");
            out.write(buf);
        }
        assertEquals(0, d.read(r, new byte[10], 0, 10));
        return out.toByteArray();
    }

    // ---- decoded ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0} {1} chunk={2}")
    @CsvSource({"false,gzip,0", "true,gzip,0", "false,x-gzip,0", "false,zlib,0", "true,zlib,0", "false,raw,0", "true,raw,0",
            "false,gzip,777", "true,gzip,777", "false,raw,1000"})
    void codedBodiesAreDecodedAsTheyStream(boolean async, String coding, int chunk) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            HInternet r = sent(d, coded.port(), "GET", "/enc?e=" + coding + "&n=" + N + "&chunk=" + chunk,
                    WINHTTP_DECOMPRESSION_FLAG_ALL, null);
            assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            assertDecodedHeaders(r);
            byte[] body = readByAvailable(d, r);
            assertEquals(N, body.length, "queryDataAvailable counts decoded bytes");
            assertArrayEquals(pattern(N), body);
        }
    }

    /** Read to its end, a decoded body gives its connection back to the pool as any other. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aDecodedBodyReadToItsEndLeavesItsConnectionReusable(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            coded.clearRecorded();
            for (int i = 0; i < 2; i++) {
                HInternet r = sent(d, coded.port(), "GET", "/enc?e=gzip&n=" + N, WINHTTP_DECOMPRESSION_FLAG_ALL, null);
                assertEquals(N, d.body(r).length);
            }
            List<LocalHttpServer.Recorded> seen = coded.awaitRequests(2, Duration.ofSeconds(5));
            assertEquals(seen.get(0).connectionId(), seen.get(1).connectionId(), "the second request went on the first one's connection");
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void sessionOptionIsInheritedAndAnEmptyBodyDecodesToNothing(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            winHttp.setOption(d.session, WINHTTP_OPTION_DECOMPRESSION, WINHTTP_DECOMPRESSION_FLAG_GZIP);
            HInternet r = sent(d, coded.port(), "GET", "/empty", 0, null);
            assertDecodedHeaders(r);
            assertEquals(0, d.available(r));
            assertEquals(0, d.read(r, new byte[10], 0, 10));
            HInternet zero = sent(d, coded.port(), "GET", "/enc?e=gzip&n=0", 0, null);
            assertDecodedHeaders(zero);
            assertEquals(0, d.body(zero).length, "a gzip member of nothing");
        }
    }

    // ---- Accept-Encoding ----------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void acceptEncodingReplacesTheApplications(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            String mine = "Accept-Encoding: br";
            assertEquals("gzip, deflate", d.text(sent(d, coded.port(), "GET", "/ae", WINHTTP_DECOMPRESSION_FLAG_ALL, mine)));
            assertEquals("gzip", d.text(sent(d, coded.port(), "GET", "/ae", WINHTTP_DECOMPRESSION_FLAG_GZIP, mine)));
            assertEquals("deflate", d.text(sent(d, coded.port(), "GET", "/ae", WINHTTP_DECOMPRESSION_FLAG_DEFLATE, null)));
            assertEquals("br", d.text(sent(d, coded.port(), "GET", "/ae", 0, mine)), "without the option the application's goes");
            assertEquals("(none)", d.text(sent(d, coded.port(), "GET", "/ae", 0, null)));
            HInternet r = sent(d, coded.port(), "GET", "/ae", WINHTTP_DECOMPRESSION_FLAG_ALL, mine);
            assertEquals("gzip, deflate", winHttp.queryHeaders(r, WINHTTP_QUERY_ACCEPT_ENCODING | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, null, 0));
        }
    }

    // ---- not decoded --------------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0} {1} flags={2}")
    @CsvSource({"false,zlib,1", "true,zlib,1", "false,gzip,2", "false,gzip,0", "true,gzip,0", "false,stacked,3",
            "true,stacked,3", "false,identity,3"})
    void otherResponsesComeThroughUntouched(boolean async, String coding, int flags) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            byte[] expected = encode(coding, pattern(N));
            HInternet r = sent(d, coded.port(), "GET", "/enc?e=" + coding + "&n=" + N, flags, null);
            assertEquals(expected.length, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
            if (!coding.equals("identity")) assertNotNull(winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_ENCODING, null, 0));
            assertArrayEquals(expected, d.body(r));
        }
    }

    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aPartIsNotDecoded(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            byte[] expected = encode("gzip", pattern(N));
            HInternet r = sent(d, coded.port(), "GET", "/range", WINHTTP_DECOMPRESSION_FLAG_ALL, null);
            assertEquals(206, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            assertEquals("gzip", winHttp.queryHeaders(r, WINHTTP_QUERY_CONTENT_ENCODING, null, 0));
            assertArrayEquals(expected, d.body(r));
        }
    }

    /** No body by the framing rules: nothing to decode, the head as it came. */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void headAndNotModifiedKeepTheirHeads(boolean async) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            HInternet head = sent(d, raw.port(), "HEAD", "/headgz", WINHTTP_DECOMPRESSION_FLAG_ALL, null);
            assertEquals(encode("gzip", pattern(N)).length, winHttp.queryHeadersNumber(head, WINHTTP_QUERY_CONTENT_LENGTH, null, 0));
            assertEquals("gzip", winHttp.queryHeaders(head, WINHTTP_QUERY_CONTENT_ENCODING, null, 0));
            assertEquals(0, d.available(head));
            assertEquals(0, d.read(head, new byte[10], 0, 10));
            HInternet notModified = sent(d, raw.port(), "GET", "/notmodified", WINHTTP_DECOMPRESSION_FLAG_ALL, null);
            assertEquals(304, winHttp.queryHeadersNumber(notModified, WINHTTP_QUERY_STATUS_CODE, null, 0));
            assertEquals("gzip", winHttp.queryHeaders(notModified, WINHTTP_QUERY_CONTENT_ENCODING, null, 0));
            assertEquals(0, d.available(notModified));
            assertEquals(0, d.read(notModified, new byte[10], 0, 10));
        }
    }

    // ---- corrupt ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "async={0} {1}")
    @CsvSource({"false,/corrupt", "true,/corrupt", "false,/badcrc", "true,/badcrc", "false,/truncated", "true,/truncated"})
    void aCorruptStreamFailsTheRead(boolean async, String path) throws Exception {
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            HInternet r = sent(d, raw.port(), "GET", path, WINHTTP_DECOMPRESSION_FLAG_ALL, null);
            assertEquals(200, winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0), "the head is fine");
            byte[] expected = pattern(N);
            byte[] buf = new byte[8192];
            long got = 0;
            WinHttpException failure = null;
            try {
                int n;
                while ((n = d.read(r, buf, 0, buf.length)) > 0) {
                    assertEquals(-1, LocalHttpServer.firstPatternMismatch(buf, 0, n, got), "what came before the damage is right");
                    got += n;
                }
            } catch (WinHttpException e) {
                failure = e;
            }
            assertNotNull(failure, "a corrupt body must fail a read, not end normally (" + got + " bytes read)");
            assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, failure.error());
            assertTrue(got < expected.length, got + " bytes read");
            // the request has failed: a later read is refused by the failed state (engine/STATES.md)
            assertEquals(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, error(() -> winHttp.readData(r, buf, 0, buf.length)));
        }
    }

    // ---- bounded ------------------------------------------------------------------------------------

    /**
     * 1 GiB of gzip body, coded by the server as it is sent and decoded as it is read: the heap
     * (measured after a full GC, every 128 MiB, against what it was after a first 16 MiB body)
     * never grows by more than 64 MiB, so neither side holds the body.
     */
    @ParameterizedTest(name = "async={0}")
    @ValueSource(booleans = {false, true})
    void aGibibyteBodyIsDecodedInBoundedMemory(boolean async) throws Exception {
        long size = 1L << 30;
        try (Driven d = new Driven(winHttp, async, "decompression")) {
            // what the first use of this path keeps for good (caches, pools, class data) is not growth
            assertEquals(16 << 20, d.body(sent(d, coded.port(), "GET", "/big?n=" + (16 << 20), WINHTTP_DECOMPRESSION_FLAG_GZIP, null)).length);
            long base = usedAfterGc();
            HInternet r = sent(d, coded.port(), "GET", "/big?n=" + size, WINHTTP_DECOMPRESSION_FLAG_GZIP, null);
            assertDecodedHeaders(r);
            long[] gotAndGrowth = d.bounded(Duration.ofSeconds(50), () -> {
                byte[] buf = new byte[64 * 1024];
                long got = 0;
                long nextCheck = 128L << 20;
                long growth = 0;
                int n;
                while ((n = d.read(r, buf, 0, buf.length)) > 0) {
                    long bad = LocalHttpServer.firstPatternMismatch(buf, 0, n, got);
                    if (bad >= 0) fail("decoded byte " + bad + " is wrong");
                    got += n;
                    if (got >= nextCheck) {
                        growth = Math.max(growth, usedAfterGc() - base);
                        nextCheck += 128L << 20;
                    }
                }
                return new long[] {got, growth};
            });
            assertEquals(size, gotAndGrowth[0]);
            assertTrue(gotAndGrowth[1] <= 64L << 20, "the heap grew by " + (gotAndGrowth[1] >> 20) + " MiB while the body was read");
        }
    }

    /**
     * The heap in use right after a full collection. G1 skips System.gc() while another thread
     * is inside a JNI critical region (the inflater and deflater use them), so it is asked again,
     * a millisecond apart and for 10 s at most, until the full-collection count has moved: a
     * skipped one would count every dead piece since the last collection as growth.
     */
    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long before = fullCollections();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fullCollections() == before && System.nanoTime() < end) {
            System.gc();
            if (fullCollections() == before) java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertNotEquals(before, fullCollections(), "no full collection happened within 10 s");
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long fullCollections() {
        long n = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Young")) n += gc.getCollectionCount();
        }
        return n;
    }
}
