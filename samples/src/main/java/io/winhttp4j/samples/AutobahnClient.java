package io.winhttp4j.samples;

import static io.winhttp4j.WinHttpConstants.*;

import io.winhttp4j.HInternet;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.WinHttpEngine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An echo client for the Autobahn testsuite's fuzzing server (../shared/autobahn/README.md), on
 * the public synchronous API only: it starts the server through server.sh, runs the cases,
 * echoes every message whole with its type, answers the server's close with the same status,
 * then reads the server's report and prints one summary line:
 * {@code autobahn: OK a, NON-STRICT b, INFORMATIONAL c, UNIMPLEMENTED d, FAILED e of N},
 * followed by every case that is not OK. Not part of the build's tests (a minute or more).
 *
 * <p>Arguments: [CASES [EXCLUDE [AUTOBAHN_DIR]]], e.g. {@code "1.*,2.*,3.*,4.*,5.*,6.*,7.*" ""}.
 */
public final class AutobahnClient {
    private static final String AGENT = "winhttp4j";
    private static final long CASE_TIMEOUT_S = 60;

    enum Verdict { OK, NON_STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED }

    private final WinHttp winHttp;
    private final HInternet connect;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autobahn-watchdog");
        t.setDaemon(true);
        return t;
    });

    private AutobahnClient(WinHttp winHttp, int port) {
        this.winHttp = winHttp;
        HInternet session = winHttp.open("winhttp4j-autobahn", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        this.connect = winHttp.connect(session, "127.0.0.1", port);
    }

    public static void main(String[] args) throws Exception {
        String cases = args.length > 0 ? args[0] : "*";
        String exclude = args.length > 1 ? args[1] : "";
        // the shared folder beside the repository, or beside the worktree folder it sits in
        Path autobahn = Path.of(args.length > 2 ? args[2]
                : Files.exists(Path.of("../shared/autobahn/server.sh")) ? "../shared/autobahn" : "../../shared/autobahn").toAbsolutePath();
        Path reports = Files.createTempDirectory("autobahn-reports");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process start = new ProcessBuilder(autobahn.resolve("server.sh").toString(), Integer.toString(port),
                reports.toString(), cases, exclude).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String pid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(start.getInputStream(), StandardCharsets.US_ASCII))) {
            pid = out.readLine();
        }
        if (start.waitFor() != 0 || pid == null) throw new IllegalStateException("server.sh failed");
        try (WinHttpEngine engine = WinHttpEngine.create()) {
            AutobahnClient client = new AutobahnClient(engine, port);
            int n = Integer.parseInt(client.wholeText("/getCaseCount").trim());
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(client.wholeText("/getCaseInfo?case=" + i));
                String id = m.find() ? m.group(1) : Integer.toString(i);
                ids.add(id);
                System.err.println("case " + i + "/" + n + ": " + id);
                client.runCase("/runCase?case=" + i + "&agent=" + AGENT);
            }
            client.wholeText("/updateReports?agent=" + AGENT);
            summarise(Files.readString(reports.resolve("index.json")), ids, reports);
        } finally {
            new ProcessBuilder(autobahn.resolve("stop.sh").toString(), pid).inheritIO().start().waitFor();
        }
    }

    /** An upgraded WebSocket on the path; the request handle is closed (the WebSocket outlives it). */
    private HInternet open(String path) {
        HInternet r = winHttp.openRequest(connect, "GET", path, null, null, null, 0);
        try {
            winHttp.setOption(r, WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET, null);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            return winHttp.webSocketCompleteUpgrade(r, 0);
        } finally {
            winHttp.closeHandle(r);
        }
    }

    /** The first text message of a WebSocket, which is then closed (getCaseCount, getCaseInfo, updateReports). */
    private String wholeText(String path) {
        HInternet w = open(path);
        try {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (;;) {
                WebSocketReceiveResult r = winHttp.webSocketReceive(w, buf, 0, buf.length);
                if (r.bufferType() == WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE) {
                    answerClose(w);
                    return text.toString(StandardCharsets.UTF_8);
                }
                text.write(buf, 0, r.bytesRead());
            }
        } finally {
            closeQuietly(w);
        }
    }

    /** Echoes every message whole until the server closes (or the case's time is up). */
    private void runCase(String path) {
        HInternet w;
        try {
            w = open(path);
        } catch (WinHttpException e) {
            System.err.println("  upgrade failed: " + e.getMessage());
            return;
        }
        // a case that hangs is ended by closing the handle, which fails the blocked receive
        ScheduledFuture<?> limit = watchdog.schedule(() -> closeQuietly(w), CASE_TIMEOUT_S, TimeUnit.SECONDS);
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (;;) {
                WebSocketReceiveResult r = winHttp.webSocketReceive(w, buf, 0, buf.length);
                int type = r.bufferType();
                if (type == WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE) {
                    answerClose(w);
                    return;
                }
                message.write(buf, 0, r.bytesRead());
                if (type == WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE || type == WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE) {
                    byte[] whole = message.toByteArray();
                    message.reset();
                    winHttp.webSocketSend(w, type, whole, 0, whole.length);
                }
            }
        } catch (WinHttpException e) {
            System.err.println("  ended: " + e.error() + " " + e.getMessage());
        } finally {
            limit.cancel(false);
            closeQuietly(w);
        }
    }

    /** The server closed: our close carries its status back (none if it sent none). */
    private void answerClose(HInternet w) {
        WebSocketCloseStatus status = winHttp.webSocketQueryCloseStatus(w);
        winHttp.webSocketClose(w, status.status(), null);
    }

    private void closeQuietly(HInternet w) {
        try {
            winHttp.closeHandle(w);
        } catch (WinHttpException alreadyClosed) {
            // the watchdog or the case closed it first
        }
    }

    /** Counts each case by the worse of behavior and behaviorClose, and lists every case that is not OK. */
    private static void summarise(String index, List<String> ids, Path reports) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) counts.put(v, 0);
        List<String> notOk = new ArrayList<>();
        Matcher c = Pattern.compile("\"(\\d+(?:\\.\\d+)+)\"\\s*:\\s*\\{([^}]*)\\}").matcher(index);
        int total = 0;
        while (c.find()) {
            Verdict v = worse(verdict(field(c.group(2), "behavior")), verdict(field(c.group(2), "behaviorClose")));
            counts.merge(v, 1, Integer::sum);
            total++;
            if (v != Verdict.OK) {
                notOk.add(c.group(1) + " " + v.name().replace('_', '-') + " (behavior " + field(c.group(2), "behavior")
                        + ", close " + field(c.group(2), "behaviorClose") + ")");
            }
        }
        System.out.printf("autobahn: OK %d, NON-STRICT %d, INFORMATIONAL %d, UNIMPLEMENTED %d, FAILED %d of %d%n",
                counts.get(Verdict.OK), counts.get(Verdict.NON_STRICT), counts.get(Verdict.INFORMATIONAL),
                counts.get(Verdict.UNIMPLEMENTED), counts.get(Verdict.FAILED), total);
        notOk.forEach(s -> System.out.println("  " + s));
        if (total != ids.size()) System.out.println("  (" + ids.size() + " cases run, " + total + " in the report)");
        System.out.println("  reports: " + reports);
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    private static Verdict verdict(String s) {
        return switch (s) {
            case "OK" -> Verdict.OK;
            case "NON-STRICT" -> Verdict.NON_STRICT;
            case "INFORMATIONAL" -> Verdict.INFORMATIONAL;
            case "UNIMPLEMENTED" -> Verdict.UNIMPLEMENTED;
            default -> Verdict.FAILED; // FAILED, UNCLEAN, WRONG CODE, FAILED BY CLIENT
        };
    }

    private static Verdict worse(Verdict a, Verdict b) { return a.ordinal() >= b.ordinal() ? a : b; }
}
