package io.winhttp4j.samples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.winhttp4j.WinHttpException;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code winhttp4j}: a curl-like command line on the WinHTTP API. The transfer is written as
 * WinHTTP code is written (open, connect, openRequest, options, sendRequest, writeData,
 * receiveResponse, queryDataAvailable, readData), in synchronous or asynchronous mode; -v prints
 * every notification as it arrives. Build and run it with the README's commands.
 */
@Command(name = "winhttp4j", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = WinHttpCli.Version.class,
        description = {"Transfers one URL with the winhttp4j engine (WinHTTP's API on the JVM), "
                + "with curl's options. The body goes to stdout (or -o/-O), everything else to stderr; "
                + "a progress bar is drawn on stderr when it is a terminal (not with -s)."},
        footerHeading = "%n")
public final class WinHttpCli implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL",
            description = "http://, https://; with --ws, ws:// or wss://. Without a scheme, http://.")
    String url;

    @Option(names = {"-X", "--request"}, paramLabel = "VERB", description = "The request method (default GET; POST with -d; HEAD with -I).")
    String verb;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
            description = "An extra request header, repeatable; replaces one of the same name; 'Name:' removes it.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "Sends DATA as a POST body (application/x-www-form-urlencoded); repeated, joined with '&'. "
                    + "@FILE sends the file's bytes as they are (unlike curl, newlines are kept).")
    List<String> data = new ArrayList<>();

    @Option(names = "--data-binary", paramLabel = "DATA|@FILE",
            description = "Sends DATA, or the file @FILE streamed through writeData (never read whole), as the body.")
    String dataBinary;

    @ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Writes the body to FILE instead of stdout.")
        Path file;

        @Option(names = {"-O", "--remote-name"}, description = "Writes the body to a file named as the URL's last path segment.")
        boolean remoteName;
    }

    @Option(names = "--output-dir", paramLabel = "DIR", description = "The folder -o and -O write into (default the current one).")
    Path outputDir;

    @Option(names = {"-I", "--head"}, description = "Sends HEAD and prints the response headers to stdout.")
    boolean head;

    @Option(names = {"-L", "--location"},
            description = "Follows redirects (WinHTTP's automatic redirects); without it a 3xx is the response (WINHTTP_DISABLE_REDIRECTS).")
    boolean followRedirects;

    @Option(names = "--max-redirs", paramLabel = "N",
            description = "With -L, at most N redirects (WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS; default WinHTTP's 10).")
    Integer maxRedirects;

    @Option(names = {"-u", "--user"}, paramLabel = "USER:PASSWORD",
            description = "Answers a 401 challenge with Basic or Digest (queryAuthSchemes, then setCredentials).")
    String user;

    @Option(names = {"-x", "--proxy"}, paramLabel = "HOST:PORT", description = "Through this proxy (WINHTTP_ACCESS_TYPE_NAMED_PROXY).")
    String proxy;

    @Option(names = "--noproxy", paramLabel = "HOSTS",
            description = "Hosts that bypass the proxy, comma-separated (the proxy bypass list); '*' means no proxy at all.")
    String noProxy;

    @Option(names = {"-k", "--insecure"},
            description = "Ignores certificate errors (the four SECURITY_FLAG_IGNORE_* bits).")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trusts the certificates in FILE (PEM or DER, or a PKCS12/JKS trust store) instead of the JDK's.")
    Path caCert;

    @Option(names = {"-E", "--cert"}, paramLabel = "FILE[:PASSWORD]",
            description = "Presents the client certificate of the PKCS#12 FILE (WINHTTP_OPTION_CLIENT_CERT_CONTEXT).")
    String cert;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "The connect timeout (WINHTTP_OPTION_CONNECT_TIMEOUT).")
    Double connectTimeout;

    @Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS",
            description = "The receive timeout (WINHTTP_OPTION_RECEIVE_TIMEOUT; with --xhr, XHR_PROP_TIMEOUT).")
    Double maxTime;

    @Option(names = "--compressed", description = "Asks for gzip/deflate and decodes it (WINHTTP_OPTION_DECOMPRESSION).")
    boolean compressed;

    @Option(names = "--http1.1", description = "Uses HTTP/1.1 (the only version the engine speaks; the version passed to openRequest).")
    boolean http11;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--sync", description = "Synchronous API drives the transfer (the default).")
        boolean sync;

        @Option(names = "--async", description = "Asynchronous API (WINHTTP_FLAG_ASYNC): calls return at once, results come as notifications.")
        boolean async;
    }

    @Option(names = "--ws",
            description = "An interactive WebSocket: each stdin line is sent as a UTF-8 message, messages received are printed; "
                    + "end of input (Ctrl-D) closes with 1000.")
    boolean webSocket;

    @Option(names = "--xhr", description = "The transfer through the IXMLHTTPRequest2 facade, printing its callbacks to stderr.")
    boolean xhr;

    @Option(names = {"-f", "--fail"}, description = "Exits with 22, and writes no body, when the status is 400 or more.")
    boolean fail;

    @Option(names = {"-v", "--verbose"},
            description = "Prints every WinHTTP notification (time, handle, status, payload) and the request and response heads to stderr.")
    boolean verbose;

    @Option(names = {"-s", "--silent"}, description = "No progress bar, no --xhr callback lines (errors are still printed).")
    boolean silent;

    /** Draws the progress bar even when stderr is not a terminal (for tests). */
    @Option(names = "--progress-always", hidden = true)
    boolean progressAlways;

    private InputStream stdin = System.in;
    private PrintStream stdout = System.out;
    private PrintStream stderr = System.err;

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command line with these streams; returns its exit status (see {@link ExitCodes}). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        // before logback starts: the engine's own log lines stay out of the trace unless they warn
        if (System.getProperty("winhttp4j.log.level") == null) {
            System.setProperty("winhttp4j.log.level", "WARN");
        }
        // logging up from this one thread before any actor system starts, so SLF4J has no calls
        // of racing threads to queue and replay (with a warning on stderr)
        org.slf4j.LoggerFactory.getILoggerFactory();
        WinHttpCli cli = new WinHttpCli();
        cli.stdin = in;
        cli.stdout = out;
        cli.stderr = err;
        CommandLine line = new CommandLine(cli);
        line.setExpandAtFiles(false); // @FILE is curl's upload syntax, not picocli's argument file
        line.getCommandSpec().usageMessage().footer(ExitCodes.table().replace("%", "%%"));
        line.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("winhttp4j: " + e);
            return ExitCodes.OTHER;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        try {
            if (webSocket) {
                return new WsSession(this, stdin, stdout, stderr).run();
            }
            if (xhr) {
                return new XhrTransfer(this, stdout, stderr).run();
            }
            return new HttpTransfer(this, stdout, stderr).run();
        } catch (WinHttpException e) {
            return failed(stderr, e);
        } catch (Failure e) {
            stderr.println("winhttp4j: " + e.getMessage());
            return e.status;
        }
    }

    /** What curl prints for a failed transfer: the status, the error's name and its message. */
    static int failed(PrintStream err, WinHttpException e) {
        int status = ExitCodes.of(e.error());
        err.println("winhttp4j: (" + status + ") " + e.getMessage()); // the message starts with the error's name and number
        return status;
    }

    /** The file -o or -O names (in --output-dir), or null for stdout. */
    Path outputFile(String urlPath) throws Failure {
        if (output == null) {
            return null;
        }
        Path file = output.file;
        if (output.remoteName) {
            String path = urlPath == null ? "" : urlPath;
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.isEmpty()) {
                throw new Failure(ExitCodes.WRITE_ERROR, "-O: the URL has no file name (" + path + ")");
            }
            file = Path.of(name);
        }
        return outputDir == null ? file : outputDir.resolve(file);
    }

    boolean async() {
        return mode.async;
    }

    boolean showProgress() {
        return !silent && (progressAlways || Progress.stderrIsTerminal());
    }

    /** A failure of the tool's own (a file, an argument), with the status it exits with. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WinHttpCli.class.getPackage().getImplementationVersion();
            return new String[] {"winhttp4j " + (v == null ? "0.1.0-SNAPSHOT" : v)
                    + " (WinHTTP's API on Apache Pekko; Java " + Runtime.version() + ")"};
        }
    }
}
