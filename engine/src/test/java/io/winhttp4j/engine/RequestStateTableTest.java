package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.assertError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every cell of the request handle's state × call table (engine/STATES.md): each of its 11 rows
 * (10 states, `sent` in two) is entered on a fresh request handle against a real server on
 * 127.0.0.1, then one of the 10 calls is made and its outcome checked. The transient states
 * (sending, draining, writing, receiving, reading) are entered in asynchronous mode, so the call
 * that enters them returns at once and the request stays there; on close, the operation they
 * hold must end with OPERATION_CANCELLED, which also proves the request was still in that state
 * when the cell's call was made.
 */
class RequestStateTableTest extends EngineTestBase {
    static RawServer raw;

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OWED_PREFIX = "abcd";
    private static final String OWED_REST = "efghij";
    /** The raw server's receive buffer, and what /sink reads of a body before it stops reading. */
    private static final int SINK_BUFFER = 64 * 1024;
    private static final int SINK_READ = 64 * 1024;
    /**
     * writing: one writeData of this much chunked body, framed by the caller, so the engine offers
     * it as 2,048 chunks and the write completes only when the last is taken. Once /sink stops
     * reading, the connection holds a few MiB at most (the server's fixed buffer, the client's
     * socket buffer, a few chunks in Pekko's streams), so the write stays in flight.
     */
    private static final byte[] STUCK_WRITE = framedChunks(2048, 16 * 1024);
    /** /sink: the X-Cell-Id of each request once the server has read SINK_READ bytes of its body and stopped. */
    private static final BlockingQueue<String> sinkStopped = new LinkedBlockingQueue<>();
    private static final AtomicInteger CELL_IDS = new AtomicInteger();

    @BeforeAll
    static void startRaw() {
        raw = rawServer(RequestStateTableTest::rawScript, SINK_BUFFER);
    }

    /**
     * The raw server, by path: /hold10 answers a head announcing 10 body bytes and then holds
     * them back; /sink reads SINK_READ bytes of the body, says so (sinkStopped) and reads no
     * more; anything else (/stall) reads the head and never answers nor reads on.
     */
    private static void rawScript(RawConnection c) throws Exception {
        String head = c.readRequestHead();
        if (head == null) return;
        String path = RawConnection.requestLine(head).split(" ")[1];
        if (path.equals("/hold10")) c.write("HTTP/1.1 203 Held\r\nContent-Length: 10\r\n\r\n");
        if (path.equals("/sink")) {
            c.readBytes(SINK_READ);
            sinkStopped.add(RawConnection.headerValue(head, "X-Cell-Id"));
        }
        c.stall(Duration.ofMinutes(5));
    }

    /** n chunks of size bytes each, framed, without the terminating chunk. */
    private static byte[] framedChunks(int n, int size) {
        byte[] line = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[n * (line.length + size + 2)];
        for (int i = 0, at = 0; i < n; i++) {
            System.arraycopy(line, 0, out, at, line.length);
            at += line.length + size;
            out[at++] = '\r';
            out[at++] = '\n';
        }
        return out;
    }

    // ---- the table -------------------------------------------------------------------------------

    enum Outcome {
        /** The call is taken and does its work. */
        ALLOWED("✓"),
        /** ERROR_WINHTTP_INCORRECT_HANDLE_STATE, thrown at once. */
        WRONG_STATE("✗ INCORRECT_HANDLE_STATE"),
        /** closeHandle of an idle request: HANDLE_CLOSING, and the handle is gone. */
        CLOSED("closed"),
        /** closeHandle with an operation in flight: it ends OPERATION_CANCELLED, then HANDLE_CLOSING. */
        CANCELS_AND_CLOSES("cancels, closed"),
        /** queryDataAvailable / readData at the end of the body: 0. */
        RETURNS_ZERO("✓ returns 0"),
        /**
         * writeData past the declared length: succeeds as on Windows, the extra bytes are dropped
         * and the connection is not pooled afterwards.
         */
        DROPPED("✓ bytes dropped");

        final String label;

        Outcome(String label) { this.label = label; }

        static Outcome of(char c) {
            return switch (c) {
                case 'A' -> ALLOWED;
                case 'x' -> WRONG_STATE;
                case 'C' -> CLOSED;
                case 'K' -> CANCELS_AND_CLOSES;
                case '0' -> RETURNS_ZERO;
                case 'D' -> DROPPED;
                default -> throw new IllegalArgumentException("no outcome " + c);
            };
        }

        /** A cell of STATES.md: ✗, closed, "cancels, closed", or ✓ / → with what it does. */
        static Outcome ofText(String cell) {
            if (cell.equals("✗")) return WRONG_STATE;
            if (cell.equals("closed")) return CLOSED;
            if (cell.equals("cancels, closed")) return CANCELS_AND_CLOSES;
            if (cell.startsWith("✓ returns 0")) return RETURNS_ZERO;
            if (cell.startsWith("✓ bytes dropped")) return DROPPED;
            if (cell.startsWith("✓") || cell.startsWith("→")) return ALLOWED;
            throw new AssertionError("STATES.md cell \"" + cell + "\" names no outcome");
        }

        @Override public String toString() { return label; }
    }

    /**
     * The rows of STATES.md's table, one letter per call in {@link Api} order (checked against the
     * file by theTableIsTheOneInStatesMd): A allowed, x wrong state, C closed, K cancels and
     * closed, 0 returns 0, D accepted and dropped.
     */
    enum State {
        //                                           send write recv QHrs QHrq QDA read add opts close
        OPENED("opened", false, 0, "A x x x A x x A A C") {
            @Override void enter(Cell c) {
                c.open(false, server.port(), "GET", "/hello", 0);
            }
        },
        SENDING("sending", true, API_SEND_REQUEST, "x x x x A x x x A K") {
            @Override void enter(Cell c) {
                c.open(true, raw.port(), "GET", "/stall", 1);
                // another request of the session takes the only connection to the server...
                c.holder = winHttp.openRequest(c.connect, "GET", "/stall", null, null, null, 0);
                winHttp.sendRequest(c.holder, null, null, 0, 0);
                c.await(c.holder, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                // ...so this one waits for a connection
                winHttp.sendRequest(c.request, null, null, 0, 0);
            }
        },
        DRAINING("draining", true, API_SEND_REQUEST, "x x x x A x x x A K") {
            @Override void enter(Cell c) {
                c.headersWithTheBodyHeldBack();
                // the re-send drains the previous body, waiting for it
                winHttp.sendRequest(c.request, null, null, 0, 0);
            }
        },
        SENT_BODY_OWED("sent, body owed", false, 0, "x A x x A x x x A C") {
            @Override void enter(Cell c) {
                c.open(false, server.port(), "PUT", "/upload", 0);
                byte[] prefix = OWED_PREFIX.getBytes(StandardCharsets.US_ASCII);
                winHttp.sendRequest(c.request, null, prefix, OWED_PREFIX.length() + OWED_REST.length(), 0);
            }
        },
        SENT_BODY_COMPLETE("sent, body complete", false, 0, "x D A x A x x x A C") {
            @Override void enter(Cell c) {
                c.open(false, server.port(), "GET", "/hello", 0);
                winHttp.sendRequest(c.request, null, null, 0, 0);
            }
        },
        WRITING("writing", true, API_WRITE_DATA, "x x x x A x x x A K") {
            @Override void enter(Cell c) {
                c.open(true, raw.port(), "PUT", "/sink", 0);
                winHttp.sendRequest(c.request, "Transfer-Encoding: chunked", null, WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH, 0);
                c.await(c.request, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                assertEquals(WinHttp.PENDING, winHttp.writeData(c.request, STUCK_WRITE, 0, STUCK_WRITE.length));
                // the body reached the server, which now reads no more: the rest of the write is held
                assertEquals(c.id, poll(sinkStopped), "/sink read " + SINK_READ + " bytes of this cell's body");
            }
        },
        RECEIVING("receiving", true, API_RECEIVE_RESPONSE, "x x x x A x x x A K") {
            @Override void enter(Cell c) {
                c.open(true, raw.port(), "GET", "/stall", 0);
                winHttp.sendRequest(c.request, null, null, 0, 0);
                c.await(c.request, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
                winHttp.receiveResponse(c.request);
            }
        },
        HEADERS_AVAILABLE("headersAvailable", false, 0, "A x x A A A A A A C") {
            @Override void enter(Cell c) {
                c.open(false, server.port(), "GET", "/hello", 0);
                winHttp.sendRequest(c.request, null, null, 0, 0);
                winHttp.receiveResponse(c.request);
            }
        },
        READING("reading", true, API_QUERY_DATA_AVAILABLE, "x x x A A x x x A K") {
            @Override void enter(Cell c) {
                c.headersWithTheBodyHeldBack();
                assertEquals(WinHttp.PENDING, winHttp.queryDataAvailable(c.request));
            }
        },
        END_OF_BODY("endOfBody", false, 0, "A x x A A 0 0 A A C") {
            @Override void enter(Cell c) {
                c.open(false, server.port(), "GET", "/status/202", 0);
                winHttp.sendRequest(c.request, null, null, 0, 0);
                winHttp.receiveResponse(c.request);
                assertEquals("status 202", readAll(c.request));
            }
        },
        FAILED("failed", false, 0, "A x x x A x x A A C") {
            @Override void enter(Cell c) {
                c.open(false, refusedPort(), "GET", "/hello", 0);
                assertError(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT,
                        () -> winHttp.sendRequest(c.request, null, null, 0, 0));
            }
        };

        final String label;
        final boolean async;
        /** The API_* of the operation held in flight (ended by close), or 0 for an idle state. */
        final int inFlight;
        final Outcome[] row;

        State(String label, boolean async, int inFlight, String row) {
            this.label = label;
            this.async = async;
            this.inFlight = inFlight;
            String letters = row.replace(" ", "");
            if (letters.length() != Api.values().length) throw new IllegalArgumentException(row);
            this.row = letters.chars().mapToObj(ch -> Outcome.of((char) ch)).toArray(Outcome[]::new);
        }

        /** Drives the cell's fresh request handle into this state. */
        abstract void enter(Cell c);

        Outcome expected(Api api) { return row[api.ordinal()]; }

        @Override public String toString() { return label; }
    }

    /** The ten calls, in the table's column order, each labelled as its column is. */
    enum Api {
        SEND_REQUEST("sendRequest") {
            @Override Object call(Cell c) {
                winHttp.sendRequest(c.request, null, null, 0, 0);
                return null;
            }

            @Override void allowed(Cell c) {
                if (c.state == State.FAILED) {
                    // the re-send is taken and tries the (still refused) server again
                    c.drain();
                    assertError(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT, () -> call(c));
                    c.await(c.request, WINHTTP_CALLBACK_STATUS_CONNECTING_TO_SERVER);
                    return;
                }
                call(c);
                winHttp.receiveResponse(c.request);
                assertEquals(c.status, winHttp.queryHeadersNumber(c.request, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(c.body, readAll(c.request));
            }
        },
        WRITE_DATA("writeData") {
            @Override Object call(Cell c) {
                return winHttp.writeData(c.request, new byte[1], 0, 1);
            }

            @Override void allowed(Cell c) {
                byte[] rest = OWED_REST.getBytes(StandardCharsets.US_ASCII);
                assertEquals(rest.length, winHttp.writeData(c.request, rest, 0, rest.length));
                winHttp.receiveResponse(c.request);
                assertEquals(200, winHttp.queryHeadersNumber(c.request, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(Integer.toString(OWED_PREFIX.length() + OWED_REST.length()), readAll(c.request),
                        "/upload counted the whole body");
            }
        },
        RECEIVE_RESPONSE("receiveResponse") {
            @Override Object call(Cell c) {
                winHttp.receiveResponse(c.request);
                return null;
            }

            @Override void allowed(Cell c) {
                call(c);
                assertEquals("200", winHttp.queryHeaders(c.request, WINHTTP_QUERY_STATUS_CODE, null, 0));
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(c.request));
            }
        },
        QH_RESPONSE("QH resp") {
            @Override Object call(Cell c) {
                return winHttp.queryHeaders(c.request, WINHTTP_QUERY_STATUS_CODE, null, 0);
            }

            @Override void allowed(Cell c) {
                assertEquals(Integer.toString(c.status), call(c));
            }
        },
        QH_REQUEST("QH req") {
            @Override Object call(Cell c) {
                return winHttp.queryHeaders(c.request, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Cell", 0);
            }

            @Override void allowed(Cell c) {
                assertEquals(c.state.name(), call(c));
                assertEquals(c.verb, winHttp.queryHeaders(c.request, WINHTTP_QUERY_REQUEST_METHOD, null, 0));
            }
        },
        QUERY_DATA_AVAILABLE("queryDataAvailable") {
            @Override Object call(Cell c) {
                return winHttp.queryDataAvailable(c.request);
            }

            @Override void allowed(Cell c) {
                int n = (Integer) call(c);
                assertTrue(n > 0 && n <= LocalHttpServer.HELLO_BODY.length(), "bytes available: " + n);
                assertEquals(LocalHttpServer.HELLO_BODY, readAll(c.request));
            }
        },
        READ_DATA("readData") {
            @Override Object call(Cell c) {
                return winHttp.readData(c.request, new byte[16], 0, 16);
            }

            @Override void allowed(Cell c) {
                byte[] buf = new byte[64];
                int n = winHttp.readData(c.request, buf, 3, 61);
                assertTrue(n > 0 && n <= LocalHttpServer.HELLO_BODY.length(), "bytes read: " + n);
                String first = new String(buf, 3, n, StandardCharsets.US_ASCII);
                assertEquals(LocalHttpServer.HELLO_BODY, first + readAll(c.request));
            }
        },
        ADD_REQUEST_HEADERS("addRequestHeaders") {
            @Override Object call(Cell c) {
                winHttp.addRequestHeaders(c.request, "X-Added: yes", WINHTTP_ADDREQ_FLAG_ADD);
                return null;
            }

            @Override void allowed(Cell c) {
                assertError(WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND, () -> addedHeader(c));
                call(c);
                assertEquals("yes", addedHeader(c));
            }

            private String addedHeader(Cell c) {
                return winHttp.queryHeaders(c.request, WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS, "X-Added", 0);
            }
        },
        OPTIONS("options") {
            /** setOption, queryOption, setTimeouts, setStatusCallback. */
            @Override Object call(Cell c) {
                winHttp.setOption(c.request, WINHTTP_OPTION_CONTEXT_VALUE, 0xC0FFEEL);
                winHttp.setTimeouts(c.request, 41_000, 42_000, 43_000, 44_000);
                return winHttp.setStatusCallback(c.request, c.subscriber, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            }

            @Override void allowed(Cell c) {
                assertSame(c.subscriber, call(c), "the previous callback is the one inherited from the session");
                assertEquals(0xC0FFEEL, winHttp.queryOption(c.request, WINHTTP_OPTION_CONTEXT_VALUE));
                assertEquals(41_000, winHttp.queryOption(c.request, WINHTTP_OPTION_RESOLVE_TIMEOUT));
                assertEquals(42_000, winHttp.queryOption(c.request, WINHTTP_OPTION_CONNECT_TIMEOUT));
                assertEquals(43_000, winHttp.queryOption(c.request, WINHTTP_OPTION_SEND_TIMEOUT));
                assertEquals(44_000, winHttp.queryOption(c.request, WINHTTP_OPTION_RECEIVE_TIMEOUT));
            }
        },
        CLOSE_HANDLE("closeHandle") {
            @Override Object call(Cell c) {
                winHttp.closeHandle(c.request);
                c.requestClosed = true;
                return null;
            }

            @Override void allowed(Cell c) {
                throw new AssertionError("closeHandle has its own outcomes");
            }
        };

        final String label;

        Api(String label) { this.label = label; }

        /** Makes the call with ordinary arguments, as a wrong-state cell needs it. */
        abstract Object call(Cell c);

        /** Makes the call in a state that takes it and checks that it did its work. */
        abstract void allowed(Cell c);

        @Override public String toString() { return label; }
    }

    static Stream<Arguments> cells() {
        List<Arguments> all = new ArrayList<>();
        for (State s : State.values()) {
            for (Api a : Api.values()) all.add(Arguments.of(s, a, s.expected(a)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("cells")
    void cell(State state, Api api, Outcome expected) {
        try (Cell c = new Cell(state)) {
            state.enter(c);
            switch (expected) {
                case WRONG_STATE -> assertError(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, () -> api.call(c));
                case ALLOWED -> api.allowed(c);
                case RETURNS_ZERO -> assertEquals(0, api.call(c));
                case DROPPED -> {
                    assertSame(Api.WRITE_DATA, api);
                    writePastTheDeclaredLength(c);
                }
                case CLOSED, CANCELS_AND_CLOSES -> {
                    assertNull(api.call(c));
                    c.expectClosing(c.request, expected == Outcome.CANCELS_AND_CLOSES ? state.inFlight : 0);
                    assertError(WinHttpError.ERROR_INVALID_HANDLE,
                            () -> winHttp.queryOption(c.request, WINHTTP_OPTION_CONTEXT_VALUE));
                }
            }
        }
    }

    /** STATES.md's table, row by row and cell by cell, is the one this class tests. */
    @Test
    void theTableIsTheOneInStatesMd() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("basedir", "."), "STATES.md"));
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("| state \\ call |")).findFirst()
                .orElseThrow(() -> new AssertionError("STATES.md has no request state table")));
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
        assertEquals(110, cells().count());
    }

    private static List<String> cellsOf(String tableLine) {
        String inner = tableLine.substring(1, tableLine.lastIndexOf('|'));
        return Stream.of(inner.split("\\|")).map(String::trim).toList();
    }

    @Test
    void everyStateTakesRequestQueriesAndOptionsAndEndsOnClose() {
        for (State s : State.values()) {
            assertEquals(Outcome.ALLOWED, s.expected(Api.QH_REQUEST), s.label);
            assertEquals(Outcome.ALLOWED, s.expected(Api.OPTIONS), s.label);
            assertEquals(s.inFlight != 0 ? Outcome.CANCELS_AND_CLOSES : Outcome.CLOSED, s.expected(Api.CLOSE_HANDLE), s.label);
            assertEquals(s.async, s.inFlight != 0, s.label);
        }
    }

    /**
     * writeData on a request whose declared body (none: GET) is complete: it succeeds with the
     * count, the exchange is unharmed, the server gets none of the bytes, and the connection is
     * not pooled afterwards.
     */
    private static void writePastTheDeclaredLength(Cell c) {
        byte[] extra = "extra bytes".getBytes(StandardCharsets.US_ASCII);
        assertEquals(extra.length, winHttp.writeData(c.request, extra, 0, extra.length), "the write counts as done");
        winHttp.receiveResponse(c.request);
        assertEquals(200, winHttp.queryHeadersNumber(c.request, WINHTTP_QUERY_STATUS_CODE, null, 0));
        assertEquals(LocalHttpServer.HELLO_BODY, readAll(c.request), "the exchange is unharmed");
        long connections = server.connectionsAccepted(); // the server has answered: it counted this connection
        List<LocalHttpServer.Recorded> seen = server.requests();
        LocalHttpServer.Recorded last = seen.get(seen.size() - 1);
        assertEquals(Optional.of(c.state.name()), last.header("X-Cell"), "the last request the server saw: " + last);
        assertEquals(0, last.bodyLength(), "no body reached the server");
        // the next request to the server connects afresh
        HInternet next = winHttp.openRequest(c.connect, "GET", "/hello", null, null, null, 0);
        try {
            winHttp.sendRequest(next, null, null, 0, 0);
            winHttp.receiveResponse(next);
            assertEquals(LocalHttpServer.HELLO_BODY, readAll(next));
        } finally {
            winHttp.closeHandle(next);
        }
        assertEquals(connections + 1, server.connectionsAccepted(), "the connection written past its body was not reused");
    }

    // ---- one cell's handles --------------------------------------------------------------------

    /** The handles of one cell; closing it closes them all and waits for the session's HANDLE_CLOSING. */
    static final class Cell implements AutoCloseable {
        final State state;
        final TestProbe<Notification> probe = kit.createTestProbe();
        final StatusCallback subscriber = ActorSubscriber.of(probe.ref());
        HInternet session;
        HInternet connect;
        HInternet request;
        /** sending: the request holding the only connection. */
        HInternet holder;
        /** Sent as X-Cell-Id, so that the raw server can say which cell's request it holds. */
        final String id = Integer.toString(CELL_IDS.incrementAndGet());
        boolean requestClosed;
        String verb;
        /** The status and body a (re-)sent request gets. */
        int status;
        String body;

        Cell(State state) { this.state = state; }

        void open(boolean async, int port, String verb, String path, int maxConns) {
            this.verb = verb;
            this.status = path.equals("/status/202") ? 202 : path.equals("/hold10") ? 203 : 200;
            this.body = path.equals("/status/202") ? "status 202" : LocalHttpServer.HELLO_BODY;
            session = winHttp.open("state-table", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
            winHttp.setStatusCallback(session, subscriber, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            if (maxConns > 0) {
                winHttp.setOption(session, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, maxConns);
                // answered by the session's actor after the set, so the limit is in force for the requests
                assertEquals(maxConns, winHttp.queryOption(session, WINHTTP_OPTION_MAX_CONNS_PER_SERVER));
            }
            connect = winHttp.connect(session, "127.0.0.1", port);
            request = winHttp.openRequest(connect, verb, path, null, null, null, 0);
            winHttp.addRequestHeaders(request, "X-Cell: " + state.name() + "\r\nX-Cell-Id: " + id, WINHTTP_ADDREQ_FLAG_ADD);
        }

        /** Asynchronously to headersAvailable on /hold10, whose 10 body bytes the server holds back. */
        void headersWithTheBodyHeldBack() {
            open(true, raw.port(), "GET", "/hold10", 0);
            winHttp.sendRequest(request, null, null, 0, 0);
            await(request, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE);
            winHttp.receiveResponse(request);
            await(request, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
        }

        /** The next notification for {@code h} with one of {@code statuses}, skipping others; null on timeout. */
        Notification next(HInternet h, Duration max, int... statuses) {
            long deadline = System.nanoTime() + max.toNanos();
            for (;;) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                Notification n;
                try {
                    n = probe.receiveMessage(Duration.ofNanos(left));
                } catch (AssertionError timeout) {
                    return null;
                }
                if (n.handle() != h) continue;
                for (int s : statuses) if (n.status() == s) return n;
            }
        }

        Notification await(HInternet h, int status) {
            Notification n = next(h, WAIT, status, WINHTTP_CALLBACK_STATUS_REQUEST_ERROR);
            assertNotNull(n, "no " + statusName(status) + " for " + h);
            assertEquals(statusName(status), statusName(n.status()), n.toString());
            return n;
        }

        /** Drops every notification delivered so far. */
        void drain() {
            Notification marker = new Notification(null, 0, Integer.MIN_VALUE, StatusInfo.NONE);
            probe.ref().tell(marker);
            while (probe.receiveMessage(WAIT) != marker) {
                // skip
            }
        }

        /**
         * After closeHandle: the operation in flight (API_* inFlight, 0 for none) ends with
         * OPERATION_CANCELLED, before any completion, then HANDLE_CLOSING comes.
         */
        void expectClosing(HInternet h, int inFlight) {
            int[] watched = {WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING,
                    WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE,
                    WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE,
                    WINHTTP_CALLBACK_STATUS_READ_COMPLETE};
            Notification n = next(h, WAIT, watched);
            assertNotNull(n, "nothing after closing " + h);
            if (inFlight != 0) {
                assertEquals(statusName(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR), statusName(n.status()),
                        "the operation in flight ends first: " + n);
                assertEquals(new StatusInfo.AsyncResult(inFlight, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED), n.info());
                n = next(h, WAIT, watched);
                assertNotNull(n, "no HANDLE_CLOSING for " + h);
            }
            assertEquals(statusName(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), statusName(n.status()), n.toString());
        }

        @Override
        public void close() {
            if (session == null) return;
            if (request != null && !requestClosed) {
                winHttp.closeHandle(request);
                requestClosed = true;
                expectClosing(request, state.inFlight);
            }
            if (holder != null) {
                winHttp.closeHandle(holder);
                expectClosing(holder, 0);
            }
            if (connect != null) winHttp.closeHandle(connect);
            winHttp.closeHandle(session);
            assertNotNull(next(session, WAIT, WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING), "no HANDLE_CLOSING for the session");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The next signal, waiting at most WAIT for it; null if none came. */
    static String poll(BlockingQueue<String> signals) {
        try {
            return signals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
