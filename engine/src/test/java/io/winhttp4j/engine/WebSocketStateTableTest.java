package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.transport.ws.Handshake;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every cell of the WebSocket handle's state × call table (engine/STATES.md), each on a fresh
 * asynchronous WebSocket (so an allowed call returns at once and a refused one throws), brought
 * into its state against a raw server: /plain reads and answers nothing, /stall does not read at
 * all (so a big send stays pending), /close sends the server's Close right after the 101.
 */
class WebSocketStateTableTest extends EngineTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CountDownLatch FOREVER = new CountDownLatch(1);
    private static RawServer raw;

    @BeforeAll
    static void startRaw() {
        raw = rawServer(WebSocketStateTableTest::script, 8192);
    }

    private static void script(RawConnection conn) throws Exception {
        String head = conn.readRequestHead();
        String accept = Handshake.accept(RawConnection.headerValue(head, "Sec-WebSocket-Key"));
        String path = RawConnection.requestLine(head).split(" ")[1];
        conn.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n");
        if (path.equals("/close")) conn.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
        if (path.equals("/stall")) {
            FOREVER.await(30, TimeUnit.SECONDS); // bounded; the client closes first
            return;
        }
        try {
            while (true) conn.readBytes(1);
        } catch (IOException gone) {
            // the client closed
        }
    }

    enum Api {
        SEND("webSocketSend"), RECEIVE("webSocketReceive"), SHUTDOWN("webSocketShutdown"), CLOSE("webSocketClose"),
        QUERY_CLOSE_STATUS("webSocketQueryCloseStatus"), OPTIONS("options"), CLOSE_HANDLE("closeHandle");
        final String label;
        Api(String label) { this.label = label; }
    }

    /** A cell: refused (INVALID_OPERATION), or taken. */
    enum Outcome {
        REFUSED, TAKEN;

        static Outcome ofText(String cell) {
            if (cell.startsWith("✗")) return REFUSED;
            if (cell.startsWith("✓") || cell.startsWith("→") || cell.contains("closed")) return TAKEN;
            throw new AssertionError("STATES.md cell \"" + cell + "\" names no outcome");
        }
    }

    /** The states, each with its row: one letter per call in Api order, T taken, R refused. */
    enum State {
        OPEN("open", "TTTTRTT"),
        SENDING("sending", "RTRRRTT"),
        SHUTDOWN("shutdown", "RTRTRTT"),
        CLOSING("closing", "RRRRRTT"),
        CLOSED("closed", "RRRTTTT");
        final String label;
        final String row;
        State(String label, String row) { this.label = label; this.row = row; }

        Outcome expected(Api api) { return row.charAt(api.ordinal()) == 'T' ? Outcome.TAKEN : Outcome.REFUSED; }
    }

    private static Notification awaitStatus(TestProbe<Notification> probe, int status) {
        for (int i = 0; i < 100; i++) {
            Notification n = probe.expectMessageClass(Notification.class, WAIT);
            if (n.status() == status) return n;
        }
        throw new AssertionError("no notification " + status);
    }

    /** A fresh asynchronous WebSocket brought into the state. */
    private static HInternet inState(State state, TestProbe<Notification> probe) {
        HInternet s = winHttp.open("ws-states", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        winHttp.setStatusCallback(s, ActorSubscriber.of(probe.ref()), WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        HInternet c = winHttp.connect(s, LocalHttpServer.HOST, raw.port());
        String path = switch (state) {
            case SENDING -> "/stall";
            case CLOSED -> "/close";
            default -> "/plain";
        };
        HInternet r = winHttp.openRequest(c, "GET", path, null, null, null, 0);
        winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
        winHttp.sendRequest(r, null, null, 0, 0);
        awaitStatus(probe, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
        winHttp.receiveResponse(r);
        awaitStatus(probe, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        HInternet w = winHttp.webSocketCompleteUpgrade(r, 0);
        winHttp.closeHandle(r);
        switch (state) {
            case SENDING -> {
                // more than the socket buffers of both sides hold, to a server that does not read
                byte[] big = new byte[64 * 1024 * 1024];
                winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, big, 0, big.length);
            }
            case SHUTDOWN -> {
                winHttp.webSocketShutdown(w, 1000, null);
                awaitStatus(probe, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE);
            }
            case CLOSING -> winHttp.webSocketClose(w, 1000, null);
            case CLOSED -> {
                assertNull(winHttp.webSocketReceive(w, new byte[8], 0, 8));
                awaitStatus(probe, WINHTTP_CALLBACK_STATUS_READ_COMPLETE);
            }
            default -> { }
        }
        return w;
    }

    private static void call(Api api, HInternet w) {
        byte[] b = "data".getBytes(StandardCharsets.US_ASCII);
        switch (api) {
            case SEND -> winHttp.webSocketSend(w, WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, b, 0, b.length);
            case RECEIVE -> winHttp.webSocketReceive(w, new byte[16], 0, 16);
            case SHUTDOWN -> winHttp.webSocketShutdown(w, 1000, null);
            case CLOSE -> winHttp.webSocketClose(w, 1000, null);
            case QUERY_CLOSE_STATUS -> assertEquals(1000, winHttp.webSocketQueryCloseStatus(w).status());
            case OPTIONS -> {
                winHttp.setOption(w, WINHTTP_OPTION_CONTEXT_VALUE, 9L);
                assertEquals(9L, winHttp.queryOption(w, WINHTTP_OPTION_CONTEXT_VALUE));
                assertEquals(10_000, winHttp.queryOption(w, WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT));
            }
            case CLOSE_HANDLE -> winHttp.closeHandle(w);
        }
    }

    @Test
    void everyCell() {
        List<String> wrong = new ArrayList<>();
        for (State state : State.values()) {
            for (Api api : Api.values()) {
                TestProbe<Notification> probe = kit.createTestProbe();
                HInternet w = inState(state, probe);
                Outcome got;
                try {
                    call(api, w);
                    got = Outcome.TAKEN;
                } catch (WinHttpException e) {
                    if (e.error() != WinHttpError.ERROR_INVALID_OPERATION) {
                        wrong.add(state.label + " × " + api.label + ": " + e);
                        continue;
                    }
                    got = Outcome.REFUSED;
                }
                if (got != state.expected(api)) wrong.add(state.label + " × " + api.label + ": " + got);
                if (api != Api.CLOSE_HANDLE) winHttp.closeHandle(w);
                // however the cell went, the handle ends with HANDLE_CLOSING and is gone
                Notification closing = awaitStatus(probe, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                if (closing.handle() != w) closing = awaitStatus(probe, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
                assertSame(w, closing.handle(), state.label + " × " + api.label);
                try {
                    winHttp.webSocketReceive(w, new byte[1], 0, 1);
                    wrong.add(state.label + " × " + api.label + ": the handle still answers after closeHandle");
                } catch (WinHttpException e) {
                    if (e.error() != WinHttpError.ERROR_INVALID_HANDLE) wrong.add(state.label + " × " + api.label + ": " + e);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** STATES.md's WebSocket table, row by row and cell by cell, is the one this class tests. */
    @Test
    void theTableIsTheOneInStatesMd() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("basedir", "."), "STATES.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| WebSocket state \\ call |")).findFirst()
                .orElseThrow(() -> new AssertionError("STATES.md has no WebSocket state table")));
        List<String> columns = cellsOf(lines.get(header));
        assertEquals(Stream.of(Api.values()).map(a -> a.label).toList(), columns.subList(1, columns.size()));
        List<String> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cellsOf(lines.get(i));
            String row = cells.get(0).replace("`", "");
            rows.add(row);
            State state = Stream.of(State.values()).filter(s -> s.label.equals(row)).findFirst()
                    .orElseThrow(() -> new AssertionError("STATES.md row " + row + " is not tested here"));
            for (Api api : Api.values()) {
                String text = cells.get(1 + api.ordinal());
                assertEquals(state.expected(api), Outcome.ofText(text), row + " × " + api + ": \"" + text + "\"");
            }
        }
        assertEquals(Stream.of(State.values()).map(s -> s.label).toList(), rows, "STATES.md's rows");
    }

    private static List<String> cellsOf(String tableLine) {
        String inner = tableLine.substring(1, tableLine.lastIndexOf('|'));
        return Stream.of(inner.split("\\|")).map(String::trim).toList();
    }
}
