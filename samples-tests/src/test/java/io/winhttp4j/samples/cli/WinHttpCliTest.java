package io.winhttp4j.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.LocalHttpServer;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's options, each run through its main against a local Pekko HTTP server. */
class WinHttpCliTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** {@code * 12:00:00.123456 Request#3 SENDING_REQUEST}: time, handle, status name. */
    private static final Pattern TRACE_LINE = Pattern.compile("^\\* \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\S+ [A-Z_]+.*$");

    static ActorSystem<Void> system;
    static LocalHttpServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "cli-test");
        Materializer mat = Materializer.matFromSystem(system);
        // echoes text messages upper-cased, so the test can tell the echo from what it sent
        Flow<Message, Message, ?> shout = Flow.<Message>create().mapAsync(1, m -> m.asTextMessage()
                .toStrict(5000, mat).thenApply(t -> (Message) TextMessage.create(t.getStrictText().toUpperCase())));
        // answers one message, then neither reads nor closes: a client's close goes unanswered
        Flow<Message, Message, ?> mute = Flow.<Message>create().take(1).mapAsync(1, m -> m.asTextMessage()
                .toStrict(5000, mat).thenApply(t -> (Message) TextMessage.create("only " + t.getStrictText())))
                .concat(Source.never());
        server = LocalHttpServer.start(system, Map.of(
                "/ws", request -> CompletableFuture.completedFuture(request.getAttribute(AttributeKeys.webSocketUpgrade)
                        .map(up -> up.handleMessagesWith(shout))
                        .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST))),
                "/ws-mute", request -> CompletableFuture.completedFuture(request.getAttribute(AttributeKeys.webSocketUpgrade)
                        .map(up -> up.handleMessagesWith(mute))
                        .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST)))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String url(String path) {
        return server.url(path);
    }

    // ---- the basics -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--sync", "--async"})
    void aGetPrintsTheBodyOnStdoutAndNothingElse(String mode) {
        CliRun run = CliRun.of(mode, url("/hello"));
        assertEquals(0, run.status(), run.all());
        assertEquals(LocalHttpServer.HELLO_BODY, run.stdout(), run.all());
        assertEquals("", run.stderr(), run.all());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--sync", "--async"})
    void aLongBodyArrivesWholeInEitherMode(String mode) {
        int n = 300_000;
        CliRun run = CliRun.of(mode, url("/chunked?n=" + n + "&chunk=7000"));
        assertEquals(0, run.status(), run.all());
        assertEquals(n, run.stdoutBytes().length);
        assertEquals(-1, LocalHttpServer.firstPatternMismatch(run.stdoutBytes(), 0, n, 0), "body differs");
    }

    @Test
    void verboseTracesEveryNotificationAndBothHeadsOnStderr() {
        CliRun run = CliRun.of("-v", url("/hello"));
        assertEquals(0, run.status(), run.all());
        assertEquals(LocalHttpServer.HELLO_BODY, run.stdout(), "the trace stays off stdout");
        List<String> trace = run.stderr().lines().filter(l -> l.startsWith("* ")).toList();
        assertTrue(trace.stream().allMatch(l -> TRACE_LINE.matcher(l).matches()), run.all());
        List<String> names = trace.stream().map(l -> l.split(" ")[3]).toList();
        for (String status : List.of("HANDLE_CREATED", "RESOLVING_NAME", "NAME_RESOLVED", "CONNECTING_TO_SERVER",
                "CONNECTED_TO_SERVER", "SENDING_REQUEST", "REQUEST_SENT", "RECEIVING_RESPONSE", "RESPONSE_RECEIVED",
                "HANDLE_CLOSING")) {
            assertTrue(names.contains(status), status + " missing: " + run.all());
        }
        assertTrue(names.indexOf("SENDING_REQUEST") < names.indexOf("RESPONSE_RECEIVED"), run.all());
        assertEquals("HANDLE_CLOSING", names.get(names.size() - 1), run.all());
        // the payloads: the name looked up, the bytes counted
        assertTrue(run.stderr().contains("RESOLVING_NAME ServerName[name=127.0.0.1]"), run.all());
        assertTrue(Pattern.compile("REQUEST_SENT ByteCount\\[bytes=\\d+]").matcher(run.stderr()).find(), run.all());
        assertTrue(run.stderr().contains("> GET /hello HTTP/1.1"), run.all());
        assertTrue(run.stderr().contains("< HTTP/1.1 200 OK"), run.all());
        assertTrue(run.stderr().contains("< Content-Length: " + LocalHttpServer.HELLO_BODY.length()), run.all());
    }

    @Test
    void verboseInAsynchronousModeShowsTheCompletions() {
        CliRun run = CliRun.of("-v", "--async", url("/hello"));
        assertEquals(0, run.status(), run.all());
        for (String status : List.of("SENDREQUEST_COMPLETE", "HEADERS_AVAILABLE", "DATA_AVAILABLE", "READ_COMPLETE")) {
            assertTrue(run.stderr().contains(" " + status), status + " missing: " + run.all());
        }
        CliRun sync = CliRun.of("-v", "--sync", url("/hello"));
        assertFalse(sync.stderr().contains("SENDREQUEST_COMPLETE"), "no completions in synchronous mode: " + sync.all());
    }

    @Test
    void headersAreAddedAndReplaced() {
        CliRun run = CliRun.of("-H", "X-Test: one", "-H", "User-Agent: mine/2", url("/headers"));
        assertEquals(0, run.status(), run.all());
        assertTrue(run.stdout().contains("X-Test: one"), run.all());
        assertTrue(run.stdout().contains("User-Agent: mine/2"), run.all());
        assertFalse(run.stdout().contains(Setup.USER_AGENT), "replaced: " + run.all());
    }

    @Test
    void verbPostDataAndFormContentType() throws Exception {
        server.clearRecorded();
        CliRun run = CliRun.of("-d", "a=1", "-d", "b=2", url("/echo"));
        assertEquals(0, run.status(), run.all());
        assertEquals("a=1&b=2", run.stdout());
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals("POST", seen.method());
        assertEquals("application/x-www-form-urlencoded", seen.header("Content-Type").orElse(""));

        CliRun put = CliRun.of("-X", "PUT", "--data-binary", "raw", url("/echo"));
        assertEquals("raw", put.stdout(), put.all());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--sync", "--async"})
    void dataBinaryFromAFileIsStreamedWithItsLength(String mode) throws Exception {
        Path file = dir.resolve("upload.bin");
        int size = 3 * 1024 * 1024 + 17;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = LocalHttpServer.patternByte(i);
            }
            out.write(b);
        }
        server.clearRecorded();
        CliRun run = CliRun.of(mode, "-X", "PUT", "--data-binary", "@" + file, url("/upload"));
        assertEquals(0, run.status(), run.all());
        assertEquals(Integer.toString(size), run.stdout(), run.all());
        LocalHttpServer.Recorded seen = server.awaitRequests(1, WAIT).get(0);
        assertEquals(Integer.toString(size), seen.header("Content-Length").orElse(""), "announced, not chunked");

        CliRun missing = CliRun.of("--data-binary", "@" + dir.resolve("nothing-here"), url("/upload"));
        assertEquals(ExitCodes.READ_ERROR, missing.status(), missing.all());
    }

    @Test
    void outputToAFileAndToTheRemoteName() throws Exception {
        CliRun run = CliRun.of("-o", dir.resolve("out.txt").toString(), url("/hello"));
        assertEquals(0, run.status(), run.all());
        assertEquals("", run.stdout());
        assertEquals(LocalHttpServer.HELLO_BODY, Files.readString(dir.resolve("out.txt")));

        CliRun remote = CliRun.of("-O", "--output-dir", dir.toString(), url("/hello"));
        assertEquals(0, remote.status(), remote.all());
        assertEquals(LocalHttpServer.HELLO_BODY, Files.readString(dir.resolve("hello")));

        CliRun noName = CliRun.of("-O", "--output-dir", dir.toString(), url("/"));
        assertEquals(ExitCodes.WRITE_ERROR, noName.status(), noName.all());
    }

    @Test
    void headSendsHeadAndPrintsTheHeaders() throws Exception {
        server.clearRecorded();
        CliRun run = CliRun.of("-I", url("/headers"));
        assertEquals(0, run.status(), run.all());
        assertTrue(run.stdout().startsWith("HTTP/1.1 200 OK\r\n"), run.all());
        assertTrue(run.stdout().contains("Content-Type: text/plain"), run.all());
        assertTrue(run.stdout().endsWith("\r\n\r\n"), "the head only: " + run.all());
        assertEquals("HEAD", server.awaitRequests(1, WAIT).get(0).method());
    }

    @Test
    void redirectsAreShownUnlessFollowed() {
        CliRun shown = CliRun.of("-v", url("/redirect?to=/hello"));
        assertEquals("see /hello", shown.stdout(), shown.all());
        assertTrue(shown.stderr().contains("< HTTP/1.1 302 Found"), shown.all());

        CliRun followed = CliRun.of("-v", "-L", url("/redirect?to=/hello"));
        assertEquals(0, followed.status(), followed.all());
        assertEquals(LocalHttpServer.HELLO_BODY, followed.stdout(), followed.all());
        assertTrue(followed.stderr().contains(" REDIRECT Url[url=" + url("/hello") + "]"), followed.all());

        CliRun limited = CliRun.of("-L", "--max-redirs", "0", url("/redirect?to=/hello"));
        assertEquals(ExitCodes.TOO_MANY_REDIRECTS, limited.status(), limited.all());
        assertTrue(limited.stderr().contains("ERROR_WINHTTP_REDIRECT_FAILED"), limited.all());
    }

    @Test
    void failTurnsAnErrorStatusIntoExit22() {
        CliRun plain = CliRun.of(url("/status/404"));
        assertEquals(0, plain.status(), "any status is a success without -f: " + plain.all());
        assertEquals("status 404", plain.stdout());

        CliRun failed = CliRun.of("-f", url("/status/404"));
        assertEquals(22, failed.status(), failed.all());
        assertEquals("", failed.stdout(), "no body with -f");
        assertTrue(failed.stderr().contains("404"), failed.all());
    }

    @Test
    void aRefusedConnectionExitsWithItsErrorsCode() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("http://127.0.0.1:" + port + "/");
        assertEquals(ExitCodes.of(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT), run.status(), run.all());
        assertEquals(7, run.status(), "curl's status for the same failure");
        assertTrue(run.stderr().contains("ERROR_WINHTTP_CANNOT_CONNECT (12029)"), run.all());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--sync", "--async"})
    void theReceiveTimeoutEndsASlowResponse(String mode) {
        CliRun run = CliRun.of(mode, "-m", "0.3", "--connect-timeout", "5", url("/delay?ms=5000"));
        assertEquals(28, run.status(), run.all());
        assertTrue(run.stderr().contains("ERROR_WINHTTP_TIMEOUT"), run.all());
        assertTrue(run.millis() < 4000, "ended by the timeout, not the response: " + run.millis() + " ms");
    }

    @Test
    void http11IsTheVersionSent() {
        CliRun run = CliRun.of("-v", "--http1.1", url("/hello"));
        assertEquals(0, run.status(), run.all());
        assertTrue(run.stderr().contains("> GET /hello HTTP/1.1"), run.all());
    }

    // ---- the progress bar -------------------------------------------------------------------------

    @Test
    void theProgressBarIsDrawnAtMostTenTimesASecond() {
        int n = 8 * 1024 * 1024;
        CliRun run = CliRun.of("--progress-always", "-o", dir.resolve("big").toString(), url("/bytes?n=" + n));
        assertEquals(0, run.status(), run.all());
        String err = run.stderr();
        long draws = err.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 1, run.all());
        assertTrue(draws <= run.millis() / 100 + 2, draws + " draws in " + run.millis() + " ms");
        assertTrue(err.contains("download 8.0 MiB / 8.0 MiB 100%"), "the last draw is complete: " + err);
        assertTrue(err.endsWith("\n"), "the bar ends its line");
    }

    @Test
    void theProgressBarShowsUploadsAndIsOffWithSilentOrWithoutATerminal() throws Exception {
        Path file = dir.resolve("up");
        Files.write(file, new byte[200_000]);
        CliRun up = CliRun.of("--progress-always", "--data-binary", "@" + file, url("/upload"));
        assertTrue(up.stderr().contains("upload 195.3 KiB / 195.3 KiB 100%"), up.all());

        CliRun silent = CliRun.of("--progress-always", "-s", url("/bytes?n=100000"));
        assertEquals("", silent.stderr(), silent.all());
        // the test's stderr is a pipe, not a terminal
        CliRun piped = CliRun.of(url("/bytes?n=100000"));
        assertEquals("", piped.stderr(), piped.all());
    }

    // ---- the other modes --------------------------------------------------------------------------

    @Test
    void webSocketSendsStdinLinesAndPrintsWhatComesBack() {
        byte[] input = "hello\nwinhttp é\n".getBytes(StandardCharsets.UTF_8);
        CliRun run = CliRun.withInput(new java.io.ByteArrayInputStream(input), "-v", "--ws",
                "ws://127.0.0.1:" + server.port() + "/ws");
        assertEquals(0, run.status(), run.all());
        assertEquals("HELLO\nWINHTTP É\n", run.stdout(), run.all());
        assertTrue(run.stderr().contains("< HTTP/1.1 101 Switching Protocols"), run.all());
        assertTrue(run.stderr().contains("* closed: 1000"), "closed with 1000 after the end of input: " + run.all());
    }

    @Test
    void anUnansweredWebSocketCloseEndsAfterTheMaxTime() {
        CliRun run = CliRun.withInput(new java.io.ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8)),
                "--ws", "-m", "1", "ws://127.0.0.1:" + server.port() + "/ws-mute");
        assertEquals("only hi\n", run.stdout(), run.all());
        assertTrue(run.status() == ExitCodes.ABORTED || run.status() == ExitCodes.TIMEOUT, run.all());
        assertTrue(run.millis() < 8000, "bounded by -m: " + run.millis() + " ms");
    }

    @Test
    void webSocketRefusedIsReported() {
        CliRun run = CliRun.of("--ws", url("/hello"));
        assertEquals(ExitCodes.OTHER, run.status(), run.all());
        assertTrue(run.stderr().contains("not 101"), run.all());
    }

    @Test
    void xhrPrintsItsCallbacksAndTheBody() throws Exception {
        CliRun run = CliRun.of("--xhr", url("/hello"));
        assertEquals(0, run.status(), run.all());
        assertEquals(LocalHttpServer.HELLO_BODY, run.stdout(), run.all());
        List<String> lines = run.stderr().lines().toList();
        assertEquals("< Open GET " + url("/hello"), lines.get(0), run.all());
        assertTrue(lines.contains("< OnHeadersAvailable 200 OK"), run.all());
        assertTrue(lines.get(lines.size() - 1).startsWith("< OnResponseReceived"), run.all());

        Path file = dir.resolve("xhr-up");
        Files.write(file, new byte[123_456]);
        CliRun post = CliRun.of("--xhr", "-s", "--data-binary", "@" + file, url("/upload"));
        assertEquals(0, post.status(), post.all());
        assertEquals("123456", post.stdout(), post.all());
        assertEquals("", post.stderr(), "-s hides the callbacks");

        CliRun failed = CliRun.of("--xhr", "-f", url("/status/500"));
        assertEquals(22, failed.status(), failed.all());
    }

    @Test
    void xhrErrorsExitWithTheWinHttpErrorsCode() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("--xhr", "http://127.0.0.1:" + port + "/");
        assertEquals(7, run.status(), run.all());
        assertTrue(run.stderr().contains("OnError 0x80072EFD"), run.all());
    }

    // ---- help, version, usage ---------------------------------------------------------------------

    @Test
    void helpListsEveryOptionAndTheExitTable() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.status(), run.all());
        for (String option : List.of("-X", "-H", "-d", "--data-binary", "-o", "-O", "-I", "-L", "--max-redirs",
                "-u", "--proxy", "--noproxy", "-k", "--cacert", "--cert", "--connect-timeout", "-m", "--compressed",
                "--http1.1", "--sync", "--async", "--ws", "--xhr", "-v", "-s", "-f", "--version")) {
            assertTrue(run.stdout().contains(option), option + " missing from --help");
        }
        assertFalse(run.stdout().contains("--progress-always"), "the test flag stays hidden");
        for (WinHttpError e : WinHttpError.values()) {
            if (e != WinHttpError.ERROR_SUCCESS) {
                assertTrue(Pattern.compile("(?m)^\\s+" + ExitCodes.of(e) + "  " + e.name() + " \\(" + e.code() + "\\)$")
                        .matcher(run.stdout()).find(), e + " missing from the exit table");
            }
        }
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.status());
        assertTrue(version.stdout().startsWith("winhttp4j "), version.all());
    }

    @Test
    void badUsageExits2() {
        assertEquals(ExitCodes.USAGE, CliRun.of("--no-such-option", url("/hello")).status());
        assertEquals(ExitCodes.USAGE, CliRun.of().status());
        assertEquals(ExitCodes.USAGE, CliRun.of("--sync", "--async", url("/hello")).status());
        CliRun badUrl = CliRun.of("http://");
        assertEquals(ExitCodes.URL_MALFORMED, badUrl.status(), badUrl.all());
    }

    @Test
    void everyWinHttpErrorHasADocumentedStatusInTheByteRange() {
        for (WinHttpError e : WinHttpError.values()) {
            int status = ExitCodes.of(e);
            assertTrue(status > 0 && status < 256 && status != ExitCodes.HTTP_ERROR && status != ExitCodes.USAGE, e + " -> " + status);
        }
        assertArrayEquals(new int[] {6, 7, 28, 35, 47, 60}, new int[] {
                ExitCodes.of(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED), ExitCodes.of(WinHttpError.ERROR_WINHTTP_CANNOT_CONNECT),
                ExitCodes.of(WinHttpError.ERROR_WINHTTP_TIMEOUT), ExitCodes.of(WinHttpError.ERROR_WINHTTP_SECURE_CHANNEL_ERROR),
                ExitCodes.of(WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED), ExitCodes.of(WinHttpError.ERROR_WINHTTP_SECURE_INVALID_CA)},
                "curl's numbers where curl has the failure");
    }
}
