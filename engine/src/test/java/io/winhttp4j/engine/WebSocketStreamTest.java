package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.ws.Handshake;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The byte stream of a WebSocket through the public synchronous API: a framing fuzz (random
 * frames, random splits of the stream, random receive buffers; every outcome the messages sent
 * then a clean close or a WinHttpError, never another exception or a hang), and a 64 MiB message
 * each way through a 64 KiB buffer.
 */
class WebSocketStreamTest extends EngineTestBase {
    private static final long BASE_SEED = 0x5EED_0012L;
    private static final int CASES = 40;

    /** How a generated stream ends. */
    enum Ending { CLOSE, EMPTY_CLOSE, TCP_END, BROKEN }

    /** A generated stream: its bytes, the messages it carries whole, how it ends and what the client must answer. */
    record Plan(byte[] stream, List<byte[]> messages, List<Boolean> text, Ending ending, int closeStatus) {}

    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int n = payload.length;
        if (n < 126) {
            out.write(n);
        } else if (n <= 0xFFFF) {
            out.write(126);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) out.write(i >= 4 ? 0 : (n >>> (8 * i)) & 0xFF);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] randomText(Random rnd, int codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int kind = rnd.nextInt(4);
            int cp = switch (kind) {
                case 0 -> 0x20 + rnd.nextInt(0x5F);
                case 1 -> 0x80 + rnd.nextInt(0x780);
                case 2 -> 0xE000 + rnd.nextInt(0x1000);
                default -> 0x10000 + rnd.nextInt(0x1000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void maybeControl(Random rnd, ByteArrayOutputStream out) {
        int r = rnd.nextInt(6);
        if (r == 0) out.writeBytes(frame(true, 0, 0x9, randomBytes(rnd, rnd.nextInt(126))));
        if (r == 1) out.writeBytes(frame(true, 0, 0xA, randomBytes(rnd, rnd.nextInt(126))));
    }

    static Plan plan(long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> messages = new ArrayList<>();
        List<Boolean> text = new ArrayList<>();
        int count = rnd.nextInt(6);
        for (int m = 0; m < count; m++) {
            boolean isText = rnd.nextBoolean();
            int size = rnd.nextInt(10) == 0 ? 66_000 + rnd.nextInt(5000) : rnd.nextInt(300);
            byte[] payload = isText ? randomText(rnd, size / 2) : randomBytes(rnd, size);
            int frames = 1 + rnd.nextInt(4);
            int[] cuts = new int[frames + 1];
            cuts[frames] = payload.length;
            for (int f = 1; f < frames; f++) cuts[f] = rnd.nextInt(payload.length + 1);
            Arrays.sort(cuts, 1, frames);
            for (int f = 0; f < frames; f++) {
                maybeControl(rnd, out);
                out.writeBytes(frame(f == frames - 1, 0, f == 0 ? (isText ? 1 : 2) : 0,
                        Arrays.copyOfRange(payload, cuts[f], cuts[f + 1])));
            }
            messages.add(payload);
            text.add(isText);
        }
        maybeControl(rnd, out);
        Ending ending = Ending.values()[rnd.nextInt(Ending.values().length)];
        int status = 0;
        switch (ending) {
            case CLOSE -> {
                int[] codes = {1000, 1001, 1003, 1011, 3000, 4999};
                status = codes[rnd.nextInt(codes.length)];
                byte[] reason = randomText(rnd, rnd.nextInt(20));
                byte[] body = new byte[2 + Math.min(reason.length, 120)];
                body[0] = (byte) (status >>> 8);
                body[1] = (byte) status;
                System.arraycopy(reason, 0, body, 2, body.length - 2);
                out.writeBytes(frame(true, 0, 0x8, body));
            }
            case EMPTY_CLOSE -> {
                status = WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS;
                out.writeBytes(frame(true, 0, 0x8, new byte[0]));
            }
            case TCP_END -> { }
            case BROKEN -> {
                switch (rnd.nextInt(8)) {
                    case 0 -> { status = 1002; out.writeBytes(frame(true, 1 + rnd.nextInt(7), 2, new byte[3])); }
                    case 1 -> { status = 1002; out.writeBytes(frame(true, 0, 3 + rnd.nextInt(5), new byte[1])); }
                    case 2 -> { status = 1007; out.writeBytes(frame(true, 0, 1, new byte[] {'o', 'k', (byte) 0xFF})); }
                    case 3 -> { status = 1002; out.writeBytes(frame(true, 0, 0, new byte[2])); }
                    case 4 -> { status = 1002; out.writeBytes(frame(true, 0, 0x9, new byte[126])); }
                    case 5 -> { status = 1002; out.writeBytes(frame(false, 0, 0x9, new byte[1])); }
                    case 6 -> { status = 1002; out.writeBytes(frame(true, 0, 0x8, new byte[] {0x03})); }
                    default -> { status = 1002; out.writeBytes(frame(true, 0, 0x8, new byte[] {0x03, (byte) 0xED})); } // 1005
                }
            }
        }
        return new Plan(out.toByteArray(), messages, text, ending, status);
    }

    /** The status of the first Close the client sent, or -1 if it closed TCP without one. */
    private static final ConcurrentHashMap<Long, CompletableFuture<Integer>> CLIENT_CLOSE = new ConcurrentHashMap<>();

    private static int clientClose(long seed) throws Exception {
        return CLIENT_CLOSE.computeIfAbsent(seed, k -> new CompletableFuture<>()).get(5, TimeUnit.SECONDS);
    }

    private static void fuzzScript(RawConnection conn) throws Exception {
        String head = conn.readRequestHead();
        long seed = Long.parseLong(RawConnection.requestLine(head).split(" ")[1].substring("/fuzz/".length()));
        Plan plan = plan(seed);
        Random splits = new Random(~seed);
        conn.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                + Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key")) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] s = plan.stream();
        for (int pos = 0; pos < s.length; ) {
            int n = Math.min(s.length - pos, 1 + splits.nextInt(splits.nextBoolean() ? 7 : 9000));
            conn.write(Arrays.copyOfRange(s, pos, pos + n));
            pos += n;
        }
        CompletableFuture<Integer> closed = CLIENT_CLOSE.computeIfAbsent(seed, k -> new CompletableFuture<>());
        if (plan.ending() == Ending.TCP_END) {
            // FIN, then drain: closing with the client's pongs unread would be an RST, losing data in flight
            conn.socket().shutdownOutput();
            try {
                while (true) conn.readBytes(1);
            } catch (IOException gone) {
                conn.close();
            }
            return;
        }
        try {
            for (;;) {
                byte[] h = conn.readBytes(2);
                int len = h[1] & 0x7F;
                if (len == 126) len = ((conn.readBytes(1)[0] & 0xFF) << 8) | (conn.readBytes(1)[0] & 0xFF);
                byte[] mask = conn.readBytes(4);
                byte[] p = conn.readBytes(len);
                for (int i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
                if ((h[0] & 0x0F) == 0x8) {
                    closed.complete(p.length >= 2 ? ((p[0] & 0xFF) << 8) | (p[1] & 0xFF) : WINHTTP_WEB_SOCKET_EMPTY_CLOSE_STATUS);
                    conn.close(); // the server closes TCP first, after the handshake (RFC 6455 7.1.1)
                    return;
                }
            }
        } catch (IOException gone) {
            closed.complete(-1);
        }
    }

    @Test
    void framingFuzz() throws Exception {
        RawServer raw = rawServer(WebSocketStreamTest::fuzzScript);
        HInternet session = winHttp.open("ws-fuzz", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(session, LocalHttpServer.HOST, raw.port());
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int k = 0; k < CASES; k++) {
                long seed = BASE_SEED + k;
                Plan plan = plan(seed);
                Random rnd = new Random(seed * 31);
                String what = "seed " + seed + " (" + plan.ending() + ", " + plan.messages().size() + " messages)";
                HInternet r = winHttp.openRequest(c, "GET", "/fuzz/" + seed, null, null, null, 0);
                winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
                winHttp.closeHandle(r);
                // a hang fails the blocked receive (OPERATION_CANCELLED) instead of the build
                ScheduledFuture<?> limit = watchdog.schedule(() -> winHttp.closeHandle(w), 10, TimeUnit.SECONDS);
                List<byte[]> got = new ArrayList<>();
                List<Boolean> gotText = new ArrayList<>();
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                WinHttpError error = null;
                boolean closed = false;
                byte[] buf = new byte[70_000];
                try {
                    for (;;) {
                        int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 70_000);
                        WebSocketReceiveResult res = winHttp.webSocketReceive(w, buf, 0, size);
                        assertTrue(res.bytesRead() <= size, what);
                        if (res.bufferType() == WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE) {
                            closed = true;
                            break;
                        }
                        message.write(buf, 0, res.bytesRead());
                        int t = res.bufferType();
                        if (t == WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE || t == WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE) {
                            got.add(message.toByteArray());
                            gotText.add(t == WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE);
                            message.reset();
                        }
                    }
                } catch (WinHttpException e) {
                    error = e.error();
                }
                limit.cancel(false);
                assertEquals(plan.messages().size(), got.size(), what);
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(plan.messages().get(i), got.get(i), what + " message " + i);
                    assertEquals(plan.text().get(i), gotText.get(i), what + " message " + i + " type");
                }
                switch (plan.ending()) {
                    case CLOSE, EMPTY_CLOSE -> {
                        assertTrue(closed, what + ": " + error);
                        assertEquals(plan.closeStatus(), winHttp.webSocketQueryCloseStatus(w).status(), what);
                        winHttp.webSocketClose(w, 1000, null);
                        assertEquals(1000, clientClose(seed), what);
                    }
                    case TCP_END -> assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, error, what);
                    case BROKEN -> {
                        assertEquals(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, error, what);
                        // the connection was failed with a Close carrying the reason, before TCP went
                        assertEquals(plan.closeStatus(), clientClose(seed), what);
                    }
                }
                winHttp.closeHandle(w);
            }
        } finally {
            watchdog.shutdownNow();
            winHttp.closeHandle(session);
        }
    }

    private static byte pattern(long i) { return (byte) (i % 251); }

    @Test
    void sixtyFourMebibytesEachWayThroughA64KibBuffer() throws Exception {
        long size = 64L << 20;
        CompletableFuture<Long> receivedByServer = new CompletableFuture<>();
        RawServer raw = rawServer(conn -> {
            String head = conn.readRequestHead();
            conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key")) + "\r\n\r\n");
            // one binary frame of 64 MiB, written a MiB at a time
            byte[] h = {(byte) 0x82, 127, 0, 0, 0, 0, 0x04, 0, 0, 0};
            conn.write(h);
            byte[] chunk = new byte[1 << 20];
            for (long pos = 0; pos < size; pos += chunk.length) {
                for (int i = 0; i < chunk.length; i++) chunk[i] = pattern(pos + i);
                conn.write(chunk);
            }
            // then read the client's message: 1 MiB fragments, checked unmasked, until a FIN frame
            long got = 0;
            boolean fin = false;
            while (!fin) {
                byte[] fh = conn.readBytes(2);
                fin = (fh[0] & 0x80) != 0;
                int len = fh[1] & 0x7F;
                long n = len;
                if (len == 126) {
                    byte[] l = conn.readBytes(2);
                    n = ((l[0] & 0xFF) << 8) | (l[1] & 0xFF);
                } else if (len == 127) {
                    n = 0;
                    for (byte x : conn.readBytes(8)) n = (n << 8) | (x & 0xFF);
                }
                byte[] mask = conn.readBytes(4);
                byte[] p = conn.readBytes((int) n);
                for (int i = 0; i < p.length; i++) {
                    if ((byte) (p[i] ^ mask[i & 3]) != pattern(got + i)) {
                        receivedByServer.completeExceptionally(new AssertionError("byte " + (got + i) + " differs"));
                        return;
                    }
                }
                got += n;
            }
            receivedByServer.complete(got);
            conn.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
            conn.readBytes(1);
        });
        HInternet session = winHttp.open("ws-big", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(session, LocalHttpServer.HOST, raw.port());
        HInternet r = winHttp.openRequest(c, "GET", "/big", null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
        winHttp.closeHandle(r);

        byte[] buf = new byte[64 * 1024];
        long total = 0;
        WebSocketReceiveResult res;
        do {
            res = winHttp.webSocketReceive(w, buf, 0, buf.length);
            for (int i = 0; i < res.bytesRead(); i++) {
                if (buf[i] != pattern(total + i)) fail("byte " + (total + i) + " differs");
            }
            total += res.bytesRead();
        } while (res.bufferType() == WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE);
        assertEquals(WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, res.bufferType());
        assertEquals(size, total);

        byte[] piece = new byte[1 << 20];
        for (long pos = 0; pos < size; pos += piece.length) {
            for (int i = 0; i < piece.length; i++) piece[i] = pattern(pos + i);
            boolean last = pos + piece.length == size;
            winHttp.webSocketSend(w, last ? WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE,
                    piece, 0, piece.length);
        }
        assertEquals(size, receivedByServer.get(30, TimeUnit.SECONDS));
        assertEquals(new WebSocketReceiveResult(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE), winHttp.webSocketReceive(w, buf, 0, buf.length));
        winHttp.webSocketClose(w, 1000, null);
        winHttp.closeHandle(w);
        winHttp.closeHandle(session);
    }
}
