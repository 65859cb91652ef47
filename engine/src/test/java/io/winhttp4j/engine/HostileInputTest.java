package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpConstants;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.testkit.RawServer;
import io.winhttp4j.engine.testkit.Scripts;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every public method of {@link WinHttp} driven with hostile arguments: nulls, empty and huge
 * (1 MB) text, CR/LF/NUL/DEL, characters above U+00FF, lone surrogates, wrong Java types for
 * option values, numbers at their limits, closed handles, handles of another engine, handles of
 * the wrong kind and handles that are no engine's at all. For each call three things hold:
 * only a WinHttpException comes out (anything else fails the case), the call returns within
 * {@link #DEADLINE}, and every request head the raw-socket server read is within the wire-text
 * rule ({@link WireHead#assertWithinTheRule}). The table is built from value lists; a case that
 * the engine accepts is carried on to the wire, so the values that pass the checks are the ones
 * the server gets to see.
 */
class HostileInputTest {
    static final long DEADLINE_MS = 5_000;
    static final String DEADLINE = DEADLINE_MS + " ms";

    static ActorTestKit kit;
    static WinHttpEngine winHttp;
    static WinHttpEngine other;
    static WinHttpEngine closedEngine;
    static RawServer raw;
    static ExecutorService probes;
    /** Request heads the server read that the per-case checks have seen already. */
    static int headsChecked;

    static final String MB = "a".repeat(1 << 20);

    /** 1 MB of words: the server name that used to hang a send. */
    static final String MB_SPACED = "a b ".repeat(1 << 18);

    /** Hostile text: every string parameter is tried with each of these. */
    static final List<String> TEXT = Arrays.asList(null, "", " ", "\t", MB, "\r\n", "\r", "\n",
            "a\r\nX-Injected: 1", "a\nX-Injected: 1", "\u0000", "a\u0000b", "\u007F", "a\u001Bb", "\u0100", "a\u0100b",
            "\u010D\u010AX-Injected: 1", "\u017F", "\uD800", "\uDC00", "a\uD800", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uFFFF",
            "\uFEFF", "\u00E9", "\u00FF", "caf\u00E9", "%", "%zz", "%0D%0A", ":", "::1", "[::1]", "[", "]", "@", "/", "?", "#",
            "*", "http://x", "httpfoo", "user@127.0.0.1", "127.0.0.1/evil", "127.0.0.1:1", "GET", "chunked", "close",
            "0", "-1", "99999999999999999999", "text/html", "a,b;c=d", "\"q\"", "\\", "x".repeat(300));

    static final int[] INTS = {0, 1, -1, 2, 3, 5, 0xFFFF, 0x10000, Integer.MAX_VALUE, Integer.MIN_VALUE};
    static final long[] LONGS = {0, 1, -1, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE};
    static final Object[] OPTION_VALUES = {null, "", "x", MB, "\r\n", 0, 1, -1, 15, 15_000, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 0L, -1L, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, (short) 1, (byte) 1, 1.5, true,
            'c', new byte[0], new byte[4], new int[] {1}, new Object(), List.of(1), Integer.valueOf(4)};

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create();
        winHttp = WinHttpEngine.embedded(kit.system());
        other = WinHttpEngine.embedded(kit.system());
        closedEngine = WinHttpEngine.embedded(kit.system());
        raw = RawServer.start(Scripts.reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        probes = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-probe");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        if (winHttp != null) winHttp.close();
        if (other != null) other.close();
        if (closedEngine != null) closedEngine.close();
        if (raw != null) raw.close();
        if (probes != null) probes.shutdownNow();
        if (kit != null) kit.shutdownTestKit();
    }

    // ---- the three checks ------------------------------------------------------------------------------

    @FunctionalInterface
    interface Probe {
        void run() throws Throwable;
    }

    /**
     * Runs one call on a probe thread. A WinHttpException is a fine answer to hostile input; any
     * other Throwable, or no answer within the deadline, fails. Then whatever heads the server
     * read since are checked against the wire-text rule.
     */
    static void probe(String label, Probe call) {
        Future<?> f = probes.submit(() -> {
            try {
                call.run();
            } catch (WinHttpException expected) {
                // the one answer allowed
            } catch (Throwable t) {
                throw new AssertionError(label + ": threw " + t, t);
            }
            return null;
        });
        try {
            f.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            fail(label + ": no answer within " + DEADLINE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AssertionError a) throw a;
            throw new AssertionError(label + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(label + ": interrupted");
        }
        checkNewHeads(label);
    }

    static synchronized void checkNewHeads(String label) {
        List<String> heads = raw.receivedHeads();
        int from = headsChecked;
        headsChecked = heads.size(); // a bad head fails the case that sent it, not every case after it
        for (int i = from; i < heads.size(); i++) {
            try {
                WireHead.assertWithinTheRule(heads.get(i));
            } catch (AssertionError e) {
                throw new AssertionError("after " + label + ": " + e.getMessage(), e);
            }
        }
    }

    static String shown(Object o) {
        if (o == null) return "null";
        if (o instanceof String s) return "\"" + WireHead.shown(s) + "\"";
        if (o instanceof String[] a) {
            List<String> out = new ArrayList<>();
            for (String s : a) out.add(shown(s));
            return out.toString();
        }
        if (o instanceof byte[] b) return "byte[" + b.length + "]";
        return o.getClass().getSimpleName() + "(" + o + ")";
    }

    // ---- handles of every kind -------------------------------------------------------------------------

    static HInternet session(boolean async) {
        return winHttp.open("hostile", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, async ? WINHTTP_FLAG_ASYNC : 0);
    }

    static HInternet connect(HInternet session) {
        return winHttp.connect(session, raw.host(), raw.port());
    }

    static HInternet request(HInternet connect) {
        return winHttp.openRequest(connect, "GET", "/hostile", null, null, null, 0);
    }

    /** A fresh synchronous session, connect and request; closed after use. */
    record Tree(HInternet session, HInternet connect, HInternet request) implements AutoCloseable {
        static Tree fresh() {
            HInternet s = HostileInputTest.session(false);
            HInternet c = HostileInputTest.connect(s);
            return new Tree(s, c, HostileInputTest.request(c));
        }

        @Override
        public void close() {
            closeQuietly(request);
            closeQuietly(connect);
            closeQuietly(session);
        }
    }

    static void closeQuietly(HInternet h) {
        try {
            winHttp.closeHandle(h);
        } catch (WinHttpException alreadyClosed) {
            // closed by the case itself
        }
    }

    /** Handles no call should accept: named, made on demand (the closed ones are closed first). */
    static List<Object[]> badHandles() {
        HInternet foreignSession = other.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet foreignConnect = other.connect(foreignSession, raw.host(), raw.port());
        HInternet foreignRequest = other.openRequest(foreignConnect, "GET", "/", null, null, null, 0);
        Tree closed = Tree.fresh();
        closed.close();
        return List.of(new Object[] {"null", null}, new Object[] {"no engine's", (HInternet) () -> WINHTTP_HANDLE_TYPE_REQUEST},
                new Object[] {"no engine's session", (HInternet) () -> WINHTTP_HANDLE_TYPE_SESSION},
                new Object[] {"foreign session", foreignSession}, new Object[] {"foreign connect", foreignConnect},
                new Object[] {"foreign request", foreignRequest}, new Object[] {"closed session", closed.session()},
                new Object[] {"closed connect", closed.connect()}, new Object[] {"closed request", closed.request()});
    }

    /** Each bad handle, and the good handles of the wrong kinds, given to one call. */
    static Stream<DynamicTest> everyHandle(String api, java.util.function.Consumer<HInternet> call) {
        return Stream.of(dynamicTest(api + " with bad and wrong-kind handles", () -> {
            for (Object[] bad : badHandles()) probe(api + "(" + bad[0] + ")", () -> call.accept((HInternet) bad[1]));
            try (Tree t = Tree.fresh()) {
                probe(api + "(session)", () -> call.accept(t.session()));
                probe(api + "(connect)", () -> call.accept(t.connect()));
                probe(api + "(request)", () -> call.accept(t.request()));
            }
        }));
    }

    /** Sends, receives and reads to the end: a request the engine accepted goes to the wire. */
    static void exchange(HInternet r) {
        winHttp.sendRequest(r, null, null, 0, 0);
        finish(r);
    }

    static void finish(HInternet r) {
        winHttp.receiveResponse(r);
        byte[] buf = new byte[512];
        while (winHttp.readData(r, buf, 0, buf.length) > 0) {
            // to the end
        }
    }

    // ---- the table ------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyPublicMethodWithHostileArguments() {
        List<Stream<DynamicTest>> groups = List.of(open(), connect(), openRequest(), closeHandle(), setStatusCallback(),
                setOption(), queryOption(), setTimeouts(), addRequestHeaders(), sendRequest(), writeData(),
                receiveResponse(), queryHeaders(), dataCalls(), notYetImplemented(), asyncRequests(), shutDownEngine(),
                Stream.of(dynamicTest("every head the server read is within the rule", () -> {
                    assertFalse(raw.receivedHeads().isEmpty(), "accepted cases reached the server");
                    headsChecked = 0;
                    checkNewHeads("all cases");
                })));
        return groups.stream().flatMap(Function.identity());
    }

    Stream<DynamicTest> open() {
        return Stream.of(dynamicTest("open", () -> {
            for (String agent : TEXT) {
                probe("open(agent " + shown(agent) + ")", () -> {
                    HInternet s = winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
                    HInternet c = connect(s);
                    exchange(request(c));
                    winHttp.closeHandle(s);
                });
            }
            for (int access : INTS) {
                for (String proxy : new String[] {null, "", "\r\n", MB, "proxy:8080"}) {
                    probe("open(access " + access + ", proxy " + shown(proxy) + ")", () ->
                            winHttp.closeHandle(winHttp.open(null, access, proxy, proxy, 0)));
                }
            }
            for (int flags : INTS) {
                probe("open(flags " + flags + ")", () ->
                        winHttp.closeHandle(winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, flags)));
            }
        }));
    }

    Stream<DynamicTest> connect() {
        Stream<DynamicTest> args = Stream.of(dynamicTest("connect", () -> {
            HInternet s = session(false);
            List<String> names = new ArrayList<>(TEXT);
            names.add(MB_SPACED);
            for (String name : names) {
                for (int port : new int[] {raw.port(), 0, -1, 0x10000, Integer.MIN_VALUE}) {
                    probe("connect(" + shown(name) + ", " + port + ")", () -> winHttp.closeHandle(winHttp.connect(s, name, port)));
                }
            }
            // the loopback names are carried on to the wire
            for (String name : new String[] {"127.0.0.1", "localhost", "LOCALHOST", "localhost."}) {
                probe("connect(" + name + ") and send", () -> exchange(request(winHttp.connect(s, name, raw.port()))));
            }
            winHttp.closeHandle(s);
        }));
        return Stream.concat(args, everyHandle("connect", h -> winHttp.connect(h, raw.host(), raw.port())));
    }

    Stream<DynamicTest> openRequest() {
        Stream<DynamicTest> args = Stream.of(dynamicTest("openRequest", () -> {
            try (Tree t = Tree.fresh()) {
                HInternet c = t.connect();
                for (String v : TEXT) {
                    probe("openRequest(verb " + shown(v) + ")", () -> sendAndClose(winHttp.openRequest(c, v, "/v", null, null, null, 0)));
                    probe("openRequest(object " + shown(v) + ")", () -> sendAndClose(winHttp.openRequest(c, "GET", v, null, null, null, 0)));
                    probe("openRequest(version " + shown(v) + ")", () -> sendAndClose(winHttp.openRequest(c, "GET", "/v", v, null, null, 0)));
                    probe("openRequest(referrer " + shown(v) + ")", () -> sendAndClose(winHttp.openRequest(c, "GET", "/v", null, v, null, 0)));
                    String[] accept = {"text/html", v, "image/png"};
                    probe("openRequest(accept " + shown(accept) + ")",
                            () -> sendAndClose(winHttp.openRequest(c, "GET", "/v", null, null, accept, 0)));
                }
                for (String[] accept : new String[][] {{}, {null}, {null, "\r\n"}, {""}, new String[10_000]}) {
                    probe("openRequest(accept " + accept.length + " types)",
                            () -> sendAndClose(winHttp.openRequest(c, "GET", "/v", null, null, accept, 0)));
                }
                // the escaping modes, with the text that is hardest on them
                for (int flags : new int[] {WINHTTP_FLAG_ESCAPE_DISABLE, WINHTTP_FLAG_ESCAPE_DISABLE_QUERY,
                        WINHTTP_FLAG_ESCAPE_PERCENT, WINHTTP_FLAG_ESCAPE_DISABLE | WINHTTP_FLAG_ESCAPE_PERCENT}) {
                    for (String v : TEXT) {
                        if (v == null || v.length() > 1000) continue; // the huge ones had their turn above
                        String object = "/p?" + v;
                        probe("openRequest(object " + shown(object) + ", flags 0x" + Integer.toHexString(flags) + ")",
                                () -> sendAndClose(winHttp.openRequest(c, "GET", object, null, null, null, flags)));
                    }
                }
                for (int flags : INTS) {
                    probe("openRequest(flags " + flags + ")", () -> closeQuietly(winHttp.openRequest(c, "GET", "/", null, null, null, flags)));
                }
            }
        }));
        return Stream.concat(args, everyHandle("openRequest", h -> winHttp.openRequest(h, "GET", "/", null, null, null, 0)));
    }

    /** Sends a request the engine took (not a secure one: the raw server speaks no TLS), then closes it. */
    static void sendAndClose(HInternet r) {
        try {
            exchange(r);
        } finally {
            winHttp.closeHandle(r);
        }
    }

    Stream<DynamicTest> closeHandle() {
        return Stream.concat(everyHandle("closeHandle", winHttp::closeHandle), Stream.of(dynamicTest("closeHandle twice", () -> {
            Tree t = Tree.fresh();
            probe("closeHandle(session before its children)", () -> winHttp.closeHandle(t.session()));
            probe("closeHandle(session again)", () -> winHttp.closeHandle(t.session()));
            probe("closeHandle(request)", () -> winHttp.closeHandle(t.request()));
            probe("closeHandle(request again)", () -> winHttp.closeHandle(t.request()));
            probe("closeHandle(connect)", () -> winHttp.closeHandle(t.connect()));
            probe("closeHandle(connect again)", () -> winHttp.closeHandle(t.connect()));
        })));
    }

    Stream<DynamicTest> setStatusCallback() {
        StatusCallback quiet = n -> { };
        Stream<DynamicTest> args = Stream.of(dynamicTest("setStatusCallback", () -> {
            for (int flags : INTS) {
                for (StatusCallback cb : new StatusCallback[] {null, quiet}) {
                    probe("setStatusCallback(flags " + flags + ", " + (cb == null ? "null" : "callback") + ") then send", () -> {
                        try (Tree t = Tree.fresh()) {
                            winHttp.setStatusCallback(t.request(), cb, flags);
                            exchange(t.request());
                        }
                    });
                }
            }
        }));
        return Stream.concat(args, everyHandle("setStatusCallback", h -> winHttp.setStatusCallback(h, quiet, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS)));
    }

    /** Every option id the constants name, and ids that name none. */
    static Set<Integer> optionIds() {
        Set<Integer> ids = new LinkedHashSet<>(List.of(0, -1, 9999, Integer.MIN_VALUE, Integer.MAX_VALUE));
        for (Field f : WinHttpConstants.class.getFields()) {
            if (f.getName().startsWith("WINHTTP_OPTION_") && f.getType() == int.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    ids.add(f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return ids;
    }

    Stream<DynamicTest> setOption() {
        Stream<DynamicTest> byOption = optionIds().stream().map(option -> dynamicTest("setOption " + option, () -> {
            try (Tree t = Tree.fresh()) {
                for (HInternet h : new HInternet[] {t.session(), t.connect(), t.request()}) {
                    for (Object v : OPTION_VALUES) {
                        probe("setOption(" + h + ", " + option + ", " + shown(v) + ")", () -> winHttp.setOption(h, option, v));
                    }
                }
                // whatever was set, the request still goes out (or fails with a WinHttpError)
                probe("send after setOption " + option, () -> exchange(t.request()));
            }
        }));
        return Stream.concat(byOption, everyHandle("setOption", h -> winHttp.setOption(h, WINHTTP_OPTION_CONTEXT_VALUE, 1L)));
    }

    Stream<DynamicTest> queryOption() {
        Stream<DynamicTest> all = Stream.of(dynamicTest("queryOption", () -> {
            try (Tree t = Tree.fresh()) {
                for (int option : optionIds()) {
                    for (HInternet h : new HInternet[] {t.session(), t.connect(), t.request()}) {
                        probe("queryOption(" + h + ", " + option + ")", () -> winHttp.queryOption(h, option));
                    }
                }
            }
        }));
        return Stream.concat(all, everyHandle("queryOption", h -> winHttp.queryOption(h, WINHTTP_OPTION_CONTEXT_VALUE)));
    }

    Stream<DynamicTest> setTimeouts() {
        int[] values = {-2, -1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        Stream<DynamicTest> args = Stream.of(dynamicTest("setTimeouts", () -> {
            try (Tree t = Tree.fresh()) {
                for (HInternet h : new HInternet[] {t.session(), t.connect(), t.request()}) {
                    for (int position = 0; position < 4; position++) {
                        for (int v : values) {
                            int[] four = {60_000, 60_000, 30_000, 30_000};
                            four[position] = v;
                            probe("setTimeouts(" + h + ", " + Arrays.toString(four) + ")",
                                    () -> winHttp.setTimeouts(h, four[0], four[1], four[2], four[3]));
                        }
                    }
                }
            }
        }));
        return Stream.concat(args, everyHandle("setTimeouts", h -> winHttp.setTimeouts(h, 0, 0, 0, 0)));
    }

    /** Header text: each hostile string alone, as a value, as a name, and as the value of the headers Pekko models. */
    static List<String> headerTexts() {
        List<String> out = new ArrayList<>(TEXT);
        for (String s : TEXT) {
            if (s == null) continue;
            out.add("X-A: " + s);
            out.add(s + ": v");
            out.add("X-A: a\r\n" + s);
            if (s.length() < 1000) {
                for (String name : new String[] {"Host", "Content-Type", "Content-Length", "Transfer-Encoding", "Connection",
                        "User-Agent", "Accept", "Referer"}) {
                    out.add(name + ": " + s);
                }
            }
        }
        return out;
    }

    Stream<DynamicTest> addRequestHeaders() {
        int[] modifiers = {0, -1, Integer.MIN_VALUE, WINHTTP_ADDREQ_FLAG_ADD, WINHTTP_ADDREQ_FLAG_REPLACE,
                WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_REPLACE, WINHTTP_ADDREQ_FLAG_ADD_IF_NEW,
                WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA, WINHTTP_ADDREQ_FLAG_COALESCE_WITH_SEMICOLON, 0xFFFF};
        Stream<DynamicTest> text = Stream.of(dynamicTest("addRequestHeaders", () -> {
            for (String headers : headerTexts()) {
                probe("addRequestHeaders(" + shown(headers) + ") then send", () -> {
                    try (Tree t = Tree.fresh()) {
                        winHttp.addRequestHeaders(t.request(), headers, WINHTTP_ADDREQ_FLAG_ADD);
                        exchange(t.request());
                    }
                });
            }
            for (int m : modifiers) {
                probe("addRequestHeaders(modifiers 0x" + Integer.toHexString(m) + ") twice then send", () -> {
                    try (Tree t = Tree.fresh()) {
                        winHttp.addRequestHeaders(t.request(), "X-M: 1\r\nContent-Type: text/plain", m);
                        winHttp.addRequestHeaders(t.request(), "X-M: 2\r\nContent-Type: x/y", m);
                        exchange(t.request());
                    }
                });
            }
        }));
        return Stream.concat(text, everyHandle("addRequestHeaders", h -> winHttp.addRequestHeaders(h, "X-A: 1", 0)));
    }

    Stream<DynamicTest> sendRequest() {
        Stream<DynamicTest> args = Stream.of(dynamicTest("sendRequest headers", () -> {
            for (String headers : headerTexts()) {
                probe("sendRequest(" + shown(headers) + ")", () -> {
                    try (Tree t = Tree.fresh()) {
                        winHttp.sendRequest(t.request(), headers, null, 0, 0);
                        finish(t.request());
                    }
                });
            }
        }), dynamicTest("sendRequest bodies and lengths", () -> {
            byte[][] bodies = {null, new byte[0], "hello".getBytes(), MB.getBytes()};
            long[] lengths = {0, 1, 5, -1, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
                    WINHTTP_IGNORE_REQUEST_TOTAL_LENGTH};
            for (String verb : new String[] {"GET", "POST"}) {
                for (byte[] body : bodies) {
                    for (long total : lengths) {
                        for (long context : new long[] {0, -1, Long.MIN_VALUE}) {
                            probe("sendRequest(" + verb + ", " + shown(body) + ", total " + total + ", context " + context + ")", () -> {
                                try (Tree t = Tree.fresh()) {
                                    HInternet r = winHttp.openRequest(t.connect(), verb, "/b", null, null, null, 0);
                                    winHttp.sendRequest(r, null, body, total, context);
                                    finish(r);
                                }
                            });
                        }
                    }
                }
            }
        }), dynamicTest("sendRequest twice and in every state", () -> {
            try (Tree t = Tree.fresh()) {
                HInternet r = t.request();
                probe("sendRequest(again before the response)", () -> {
                    winHttp.sendRequest(r, null, null, 0, 0);
                    winHttp.sendRequest(r, null, null, 0, 0);
                });
                probe("sendRequest(after the response, unread)", () -> {
                    winHttp.receiveResponse(r);
                    winHttp.sendRequest(r, null, null, 0, 0);
                });
                probe("finish", () -> finish(r));
            }
        }));
        return Stream.concat(args, everyHandle("sendRequest", h -> winHttp.sendRequest(h, null, null, 0, 0)));
    }

    Stream<DynamicTest> writeData() {
        Stream<DynamicTest> args = Stream.of(dynamicTest("writeData", () -> {
            byte[][] buffers = {null, new byte[0], new byte[10], MB.getBytes()};
            int[] offsets = {0, 1, -1, 10, 11, Integer.MAX_VALUE, Integer.MIN_VALUE};
            int[] lengths = {0, 1, -1, 10, 11, Integer.MAX_VALUE, Integer.MIN_VALUE};
            for (byte[] buffer : buffers) {
                for (int offset : offsets) {
                    for (int length : lengths) {
                        probe("writeData(" + shown(buffer) + ", " + offset + ", " + length + ")", () -> {
                            try (Tree t = Tree.fresh()) {
                                HInternet r = winHttp.openRequest(t.connect(), "POST", "/w", null, null, null, 0);
                                winHttp.writeData(r, buffer, offset, length); // before sendRequest
                                winHttp.sendRequest(r, null, null, 10, 0);
                                winHttp.writeData(r, buffer, offset, length);
                                finish(r);
                            }
                        });
                    }
                }
            }
        }));
        return Stream.concat(args, everyHandle("writeData", h -> winHttp.writeData(h, new byte[1], 0, 1)));
    }

    Stream<DynamicTest> receiveResponse() {
        Stream<DynamicTest> states = Stream.of(dynamicTest("receiveResponse in every state", () -> {
            try (Tree t = Tree.fresh()) {
                HInternet r = t.request();
                probe("receiveResponse(before send)", () -> winHttp.receiveResponse(r));
                probe("receiveResponse(twice)", () -> {
                    winHttp.sendRequest(r, null, null, 0, 0);
                    winHttp.receiveResponse(r);
                    winHttp.receiveResponse(r);
                });
                probe("receiveResponse(body owed)", () -> {
                    HInternet p = winHttp.openRequest(t.connect(), "POST", "/owed", null, null, null, 0);
                    winHttp.sendRequest(p, null, null, 3, 0);
                    winHttp.receiveResponse(p);
                });
            }
        }));
        return Stream.concat(states, everyHandle("receiveResponse", winHttp::receiveResponse));
    }

    Stream<DynamicTest> queryHeaders() {
        List<Integer> levels = new ArrayList<>();
        for (int level = 0; level <= WINHTTP_QUERY_MAX + 2; level++) levels.add(level);
        levels.addAll(List.of(WINHTTP_QUERY_CUSTOM, 0xFFFE, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
        int[] modifiers = {0, WINHTTP_QUERY_FLAG_REQUEST_HEADERS, WINHTTP_QUERY_FLAG_NUMBER, WINHTTP_QUERY_FLAG_NUMBER64,
                WINHTTP_QUERY_FLAG_SYSTEMTIME, WINHTTP_QUERY_FLAG_REQUEST_HEADERS | WINHTTP_QUERY_FLAG_NUMBER};
        Stream<DynamicTest> args = Stream.of(dynamicTest("queryHeaders levels and flags", () -> {
            try (Tree t = Tree.fresh()) {
                HInternet done = winHttp.openRequest(t.connect(), "GET", "/q", null, null, null, 0);
                winHttp.addRequestHeaders(done, "X-Q: 12\r\nX-D: Sun, 06 Nov 1994 08:49:37 GMT", WINHTTP_ADDREQ_FLAG_ADD);
                exchange(done);
                for (HInternet r : new HInternet[] {t.request(), done}) {
                    for (int level : levels) {
                        for (int m : modifiers) {
                            int info = level | m;
                            for (String name : new String[] {null, "X-D"}) {
                                probe("queryHeaders(" + info + ", " + shown(name) + ")", () -> winHttp.queryHeaders(r, info, name, 0));
                                probe("queryHeadersNumber(" + info + ", " + shown(name) + ")",
                                        () -> winHttp.queryHeadersNumber(r, info, name, 0));
                                probe("queryHeadersTime(" + info + ", " + shown(name) + ")",
                                        () -> winHttp.queryHeadersTime(r, info, name, 0));
                            }
                        }
                    }
                }
            }
        }), dynamicTest("queryHeaders names and indexes", () -> {
            try (Tree t = Tree.fresh()) {
                for (String name : TEXT) {
                    for (int index : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                        int custom = WINHTTP_QUERY_CUSTOM | WINHTTP_QUERY_FLAG_REQUEST_HEADERS;
                        probe("queryHeaders(CUSTOM, " + shown(name) + ", " + index + ")",
                                () -> winHttp.queryHeaders(t.request(), custom, name, index));
                        probe("queryHeadersTime(CUSTOM, " + shown(name) + ", " + index + ")",
                                () -> winHttp.queryHeadersTime(t.request(), custom, name, index));
                    }
                }
            }
        }));
        return Stream.of(args, everyHandle("queryHeaders", h -> winHttp.queryHeaders(h, WINHTTP_QUERY_STATUS_CODE, null, 0)),
                everyHandle("queryHeadersNumber", h -> winHttp.queryHeadersNumber(h, WINHTTP_QUERY_STATUS_CODE, null, 0)),
                everyHandle("queryHeadersTime", h -> winHttp.queryHeadersTime(h, WINHTTP_QUERY_DATE, null, 0)))
                .flatMap(Function.identity());
    }

    Stream<DynamicTest> dataCalls() {
        Stream<DynamicTest> args = Stream.of(dynamicTest("queryDataAvailable and readData", () -> {
            byte[][] buffers = {null, new byte[0], new byte[10]};
            int[] numbers = {0, 1, -1, 10, 11, Integer.MAX_VALUE, Integer.MIN_VALUE};
            try (Tree t = Tree.fresh()) {
                HInternet r = t.request();
                probe("queryDataAvailable(before send)", () -> winHttp.queryDataAvailable(r));
                probe("readData(before send)", () -> winHttp.readData(r, new byte[4], 0, 4));
                probe("send", () -> winHttp.sendRequest(r, null, null, 0, 0));
                probe("queryDataAvailable(before the response)", () -> winHttp.queryDataAvailable(r));
                probe("readData(before the response)", () -> winHttp.readData(r, new byte[4], 0, 4));
                probe("receive", () -> winHttp.receiveResponse(r));
                for (byte[] buffer : buffers) {
                    for (int offset : numbers) {
                        for (int length : numbers) {
                            probe("readData(" + shown(buffer) + ", " + offset + ", " + length + ")",
                                    () -> winHttp.readData(r, buffer, offset, length));
                        }
                    }
                }
                probe("queryDataAvailable(at the end)", () -> winHttp.queryDataAvailable(r));
            }
        }));
        return Stream.of(args, everyHandle("queryDataAvailable", winHttp::queryDataAvailable),
                everyHandle("readData", h -> winHttp.readData(h, new byte[4], 0, 4))).flatMap(Function.identity());
    }

    /** Not implemented yet: ERROR_NOT_SUPPORTED, but still only ever a WinHttpException. */
    Stream<DynamicTest> notYetImplemented() {
        return Stream.of(dynamicTest("calls not implemented yet", () -> {
            List<Object[]> handles = new ArrayList<>(badHandles());
            try (Tree t = Tree.fresh()) {
                handles.add(new Object[] {"request", t.request()});
                handles.add(new Object[] {"session", t.session()});
                for (Object[] named : handles) {
                    HInternet h = (HInternet) named[1];
                    String n = (String) named[0];
                    probe("queryAuthSchemes(" + n + ")", () -> winHttp.queryAuthSchemes(h));
                    for (String s : new String[] {null, "", "\r\n", MB, "\uD800"}) {
                        for (int i : INTS) {
                            probe("setCredentials(" + n + ", " + i + ", " + shown(s) + ")", () -> winHttp.setCredentials(h, i, i, s, s));
                        }
                    }
                    for (long context : LONGS) {
                        probe("webSocketCompleteUpgrade(" + n + ", " + context + ")", () -> winHttp.webSocketCompleteUpgrade(h, context));
                    }
                    for (int i : INTS) {
                        byte[] b = i >= 0 && i < 100 ? new byte[i] : null;
                        probe("webSocketSend(" + n + ", " + i + ")", () -> winHttp.webSocketSend(h, i, b, i, i));
                        probe("webSocketReceive(" + n + ", " + i + ")", () -> winHttp.webSocketReceive(h, b, i, i));
                        probe("webSocketClose(" + n + ", " + i + ")", () -> winHttp.webSocketClose(h, i, b));
                        probe("webSocketShutdown(" + n + ", " + i + ")", () -> winHttp.webSocketShutdown(h, i, new byte[200]));
                    }
                    probe("webSocketQueryCloseStatus(" + n + ")", () -> winHttp.webSocketQueryCloseStatus(h));
                }
            }
            for (String url : TEXT) {
                for (int flags : INTS) probe("crackUrl(" + shown(url) + ", " + flags + ")", () -> winHttp.crackUrl(url, flags));
                UrlComponents parts = new UrlComponents(INTERNET_SCHEME_HTTP, url, -1, url, url, url, url);
                probe("createUrl(" + shown(url) + ")", () -> winHttp.createUrl(parts, -1));
            }
            probe("createUrl(null)", () -> winHttp.createUrl(null, 0));
            probe("createXmlHttpRequest2()", () -> winHttp.createXmlHttpRequest2());
        }));
    }

    /** The same hostile header text in asynchronous mode: every accepted call completes or reports its error. */
    Stream<DynamicTest> asyncRequests() {
        return Stream.of(dynamicTest("asynchronous requests end, whatever they were given", () -> {
            HInternet s = session(true);
            HInternet c = connect(s);
            for (String text : TEXT) {
                String headers = text == null ? null : "X-A: " + text;
                probe("async sendRequest(" + shown(headers) + ")", () -> asyncExchange(c, headers));
            }
            CountDownLatch closing = new CountDownLatch(1);
            winHttp.setStatusCallback(s, n -> {
                if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING) closing.countDown();
            }, WINHTTP_CALLBACK_FLAG_HANDLES);
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
            assertTrue(closing.await(DEADLINE_MS, TimeUnit.MILLISECONDS), "the async session closed");
        }));
    }

    /** Sends and receives asynchronously, waiting on the callback for each step's completion or error. */
    static void asyncExchange(HInternet connect, String headers) throws InterruptedException {
        java.util.concurrent.BlockingQueue<Integer> events = new java.util.concurrent.LinkedBlockingQueue<>();
        HInternet r = winHttp.openRequest(connect, "GET", "/async", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> events.add(n.status()), WINHTTP_CALLBACK_FLAG_ALL_COMPLETIONS
                | WINHTTP_CALLBACK_FLAG_HANDLES);
        try {
            winHttp.sendRequest(r, headers, null, 0, 0);
            if (awaitStep(events, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE)) {
                winHttp.receiveResponse(r);
                awaitStep(events, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE);
            }
        } finally {
            winHttp.closeHandle(r);
            Integer status;
            do {
                status = events.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
                assertNotNull(status, "HANDLE_CLOSING came");
            } while (status != WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING);
        }
    }

    /** True when the step completed, false on REQUEST_ERROR; fails if neither comes. */
    static boolean awaitStep(java.util.concurrent.BlockingQueue<Integer> events, int completion) throws InterruptedException {
        for (;;) {
            Integer status = events.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertNotNull(status, "neither " + WinHttpConstants.statusName(completion) + " nor REQUEST_ERROR came");
            if (status == completion) return true;
            if (status == WINHTTP_CALLBACK_STATUS_REQUEST_ERROR) return false;
        }
    }

    /** After close, every call fails with ERROR_WINHTTP_SHUTDOWN, never with anything else. */
    Stream<DynamicTest> shutDownEngine() {
        return Stream.of(dynamicTest("every call on a closed engine", () -> {
            HInternet s = closedEngine.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            HInternet c = closedEngine.connect(s, raw.host(), raw.port());
            HInternet r = closedEngine.openRequest(c, "GET", "/", null, null, null, 0);
            closedEngine.close();
            WinHttp w = closedEngine;
            probe("close again", w::close);
            probe("open", () -> w.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0));
            probe("connect", () -> w.connect(s, raw.host(), raw.port()));
            probe("openRequest", () -> w.openRequest(c, "GET", "/", null, null, null, 0));
            probe("closeHandle", () -> w.closeHandle(r));
            probe("setStatusCallback", () -> w.setStatusCallback(r, null, 0));
            probe("setOption", () -> w.setOption(r, WINHTTP_OPTION_CONTEXT_VALUE, 1L));
            probe("queryOption", () -> w.queryOption(r, WINHTTP_OPTION_CONTEXT_VALUE));
            probe("setTimeouts", () -> w.setTimeouts(r, 0, 0, 0, 0));
            probe("addRequestHeaders", () -> w.addRequestHeaders(r, "X: 1", 0));
            probe("sendRequest", () -> w.sendRequest(r, null, null, 0, 0));
            probe("writeData", () -> w.writeData(r, new byte[1], 0, 1));
            probe("receiveResponse", () -> w.receiveResponse(r));
            probe("queryHeaders", () -> w.queryHeaders(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            probe("queryHeadersNumber", () -> w.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0));
            probe("queryHeadersTime", () -> w.queryHeadersTime(r, WINHTTP_QUERY_DATE, null, 0));
            probe("queryDataAvailable", () -> w.queryDataAvailable(r));
            probe("readData", () -> w.readData(r, new byte[1], 0, 1));
            probe("queryAuthSchemes", () -> w.queryAuthSchemes(r));
            probe("setCredentials", () -> w.setCredentials(r, 0, 1, "u", "p"));
            probe("webSocketCompleteUpgrade", () -> w.webSocketCompleteUpgrade(r, 0));
            probe("webSocketSend", () -> w.webSocketSend(r, 0, new byte[1], 0, 1));
            probe("webSocketReceive", () -> w.webSocketReceive(r, new byte[1], 0, 1));
            probe("webSocketClose", () -> w.webSocketClose(r, 1000, null));
            probe("webSocketShutdown", () -> w.webSocketShutdown(r, 1000, null));
            probe("webSocketQueryCloseStatus", () -> w.webSocketQueryCloseStatus(r));
            probe("crackUrl", () -> w.crackUrl("http://x/", 0));
            probe("createUrl", () -> w.createUrl(null, 0));
            probe("createXmlHttpRequest2", w::createXmlHttpRequest2);
        }));
    }

    // ---- what another branch fixes (issue 7 item 7): kept here, enabled after the merge ----------------

    static final class Thrown extends Exception {
        Thrown() { super("a checked exception from a callback"); }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** A callback that throws anything: logged, and the calls and their notifications go on. */
    static void callbackThrows(boolean async, java.util.function.Supplier<Throwable> thrown) {
        probe("callback throwing " + thrown.get().getClass().getSimpleName() + (async ? " (async)" : " (sync)"), () -> {
            HInternet s = session(async);
            CountDownLatch closing = new CountDownLatch(1);
            winHttp.setStatusCallback(s, n -> {
                if (n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING && n.handle() == s) closing.countDown();
                sneakyThrow(thrown.get());
            }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
            HInternet c = connect(s);
            HInternet r = request(c);
            if (!async) exchange(r);
            winHttp.closeHandle(r);
            winHttp.closeHandle(c);
            winHttp.closeHandle(s);
            assertTrue(closing.await(DEADLINE_MS / 2, TimeUnit.MILLISECONDS), "the session still closed");
        });
    }

    @Test
    void aCallbackThrowingAnErrorChangesNothing() {
        callbackThrows(false, () -> new Error("from a callback"));
        callbackThrows(true, () -> new Error("from a callback"));
    }

    @Test
    void aCallbackThrowingACheckedExceptionChangesNothing() {
        callbackThrows(false, Thrown::new);
        callbackThrows(true, Thrown::new);
    }

    @Test
    void aCallbackThrowingStackOverflowErrorChangesNothing() {
        callbackThrows(false, StackOverflowError::new);
        callbackThrows(true, StackOverflowError::new);
    }

    /** The throwing-callback cases that work today: a RuntimeException is logged and changes nothing. */
    @Test
    void aCallbackThrowingARuntimeExceptionChangesNothing() {
        callbackThrows(false, () -> new IllegalStateException("from a callback"));
        callbackThrows(true, () -> new IllegalStateException("from a callback"));
    }
}
