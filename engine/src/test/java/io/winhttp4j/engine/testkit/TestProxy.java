package io.winhttp4j.engine.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small forward proxy for the tests, on raw sockets at {@code 127.0.0.1} and an ephemeral port.
 * It serves, on each client connection and for as long as the client keeps it open: absolute-form
 * requests ("GET http://host:port/path HTTP/1.1"), forwarded in origin form to the origin on a
 * connection of their own, the origin's answer copied back (Content-Length, chunked or up to the
 * close); and CONNECT host:port, answered 200 and then tunnelled byte for byte both ways. Only
 * loopback origins are reached: any other is answered 403 without a connection.
 *
 * <p>It records every request head it read, with the number of the client connection it came on
 * (from 1), so a test can check what reached the proxy. It can demand a Proxy-Authorization value
 * (answering 407 with a Basic challenge and a small body, keeping the connection), or a Digest
 * answer (RFC 7616, MD5, qop=auth, checked here with {@link AuthServers}' helpers, whose uri must
 * be the request line's target: absolute form, or host:port for CONNECT), and answer every
 * CONNECT with a given status instead of tunnelling.
 */
public final class TestProxy implements AutoCloseable {
    /** One request head the proxy read: on which client connection, its request line and the whole head. */
    public record Seen(int connection, String requestLine, String head) {
        /** The value of the first header of this name (case-insensitive), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
            }
            return null;
        }
    }

    public static final String HOST = "127.0.0.1";
    public static final String CHALLENGE_BODY = "proxy authentication required";
    public static final String DIGEST_REALM = "test proxy digest";
    public static final String DIGEST_NONCE = "proxy-nonce-1";

    private final ServerSocket socket;
    private final String requiredAuthorization;
    private final String[] digestUser; // user and password a Digest answer must be made with, or null
    private final int connectStatus;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());

    private TestProxy(String requiredAuthorization, String[] digestUser, int connectStatus) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.digestUser = digestUser;
        this.connectStatus = connectStatus;
        this.socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** A proxy that forwards and tunnels everything. */
    public static TestProxy start() {
        return start(null, 0);
    }

    /**
     * requiredAuthorization: the Proxy-Authorization value every request and CONNECT must carry
     * (else 407), or null; connectStatus: the status every CONNECT gets instead of a tunnel, or 0.
     */
    public static TestProxy start(String requiredAuthorization, int connectStatus) {
        try {
            return new TestProxy(requiredAuthorization, null, connectStatus);
        } catch (IOException e) {
            throw new IllegalStateException("TestProxy could not start", e);
        }
    }

    /** A proxy that wants a Digest answer made with this user and password on every request and CONNECT. */
    public static TestProxy digest(String user, String password) {
        try {
            return new TestProxy(null, new String[] {user, password}, 0);
        } catch (IOException e) {
            throw new IllegalStateException("TestProxy could not start", e);
        }
    }

    public String host() { return HOST; }

    public int port() { return socket.getLocalPort(); }

    /** "127.0.0.1:port", as a proxy list names it. */
    public String address() { return HOST + ":" + port(); }

    /** Client connections accepted so far. */
    public int connections() { return accepted.get(); }

    /** Every head read so far, in order. */
    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Waits (bounded) until the proxy has read at least n heads; returns them all. */
    public List<Seen> awaitSeen(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (seen.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) throw new AssertionError("the proxy read " + seen.size() + " heads, not " + n + ", within " + timeout);
                TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
            return List.copyOf(seen);
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            int number = accepted.incrementAndGet();
            open.add(client);
            Thread t = new Thread(() -> serve(client, number), "test-proxy-" + port() + "-" + number);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket client, int number) {
        try (client) {
            client.setSoTimeout(20_000);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            String head;
            while ((head = Heads.read(in)) != null) {
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                Seen s = new Seen(number, requestLine, head);
                synchronized (seen) {
                    seen.add(s);
                    seen.notifyAll();
                }
                if (!authorized(s)) {
                    skipBody(in, s);
                    byte[] body = CHALLENGE_BODY.getBytes(StandardCharsets.US_ASCII);
                    String challenge = digestUser != null
                            ? "Digest realm=\"" + DIGEST_REALM + "\", qop=\"auth\", nonce=\"" + DIGEST_NONCE + "\""
                            : "Basic realm=\"test proxy\"";
                    write(out, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: " + challenge + "\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n", body);
                    continue;
                }
                String[] parts = requestLine.split(" ");
                if (parts[0].equals("CONNECT")) {
                    tunnel(client, in, out, parts[1]);
                    return;
                }
                if (!forward(in, out, s, parts)) return;
            }
        } catch (IOException e) {
            // the client or the origin went away: the connection ends
        } finally {
            open.remove(client);
        }
    }

    /** Whether the head carries the Proxy-Authorization this proxy wants (any, when it wants none). */
    private boolean authorized(Seen s) {
        String got = s.header("Proxy-Authorization");
        if (digestUser == null) return requiredAuthorization == null || requiredAuthorization.equals(got);
        if (got == null || !got.regionMatches(true, 0, "Digest ", 0, 7)) return false;
        Map<String, String> p = AuthServers.params(got.substring(7));
        String[] line = s.requestLine().split(" ");
        if (!digestUser[0].equals(p.get("username")) || !DIGEST_REALM.equals(p.get("realm")) || !DIGEST_NONCE.equals(p.get("nonce"))
                || !"auth".equals(p.get("qop")) || !line[1].equals(p.get("uri"))) {
            return false;
        }
        // RFC 7616 3.4.1, MD5, qop=auth
        String a1 = AuthServers.hash("MD5", digestUser[0] + ":" + DIGEST_REALM + ":" + digestUser[1]);
        String a2 = AuthServers.hash("MD5", line[0] + ":" + line[1]);
        String expected = AuthServers.hash("MD5", a1 + ":" + DIGEST_NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + a2);
        return expected.equals(p.get("response"));
    }

    private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
        if (connectStatus != 0) {
            write(out, "HTTP/1.1 " + connectStatus + " Refused By Test Proxy\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return;
        }
        int colon = authority.lastIndexOf(':');
        Socket origin = connectLoopback(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)));
        if (origin == null) {
            write(out, "HTTP/1.1 403 Not A Loopback Origin\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return;
        }
        try (origin) {
            open.add(origin);
            write(out, "HTTP/1.1 200 Connection Established\r\n\r\n", new byte[0]);
            client.setSoTimeout(0);
            Thread up = new Thread(() -> pump(in, origin), "test-proxy-tunnel-up");
            up.setDaemon(true);
            up.start();
            pump(origin.getInputStream(), client);
        } finally {
            open.remove(origin);
        }
    }

    /** Copies until the end of in, then ends the output side of to (so a close goes through). */
    private static void pump(InputStream in, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** An absolute-form request: to the origin in origin form, its answer back. False: the client connection ends. */
    private boolean forward(InputStream in, OutputStream out, Seen s, String[] parts) throws IOException {
        URI uri = URI.create(parts[1]);
        if (uri.getScheme() == null || !uri.getScheme().equals("http") || uri.getHost() == null) {
            skipBody(in, s);
            write(out, "HTTP/1.1 400 Not Absolute Form\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return true;
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Socket origin = connectLoopback(host, uri.getPort() < 0 ? 80 : uri.getPort());
        if (origin == null) {
            skipBody(in, s);
            write(out, "HTTP/1.1 403 Not A Loopback Origin\r\nContent-Length: 0\r\n\r\n", new byte[0]);
            return true;
        }
        try (origin) {
            open.add(origin);
            origin.setSoTimeout(20_000);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
            StringBuilder h = new StringBuilder(parts[0] + " " + path + " " + parts[2] + "\r\n");
            String[] lines = s.head().split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim();
                if (name.equalsIgnoreCase("Proxy-Authorization") || name.equalsIgnoreCase("Proxy-Connection")) continue;
                h.append(lines[i]).append("\r\n");
            }
            OutputStream toOrigin = origin.getOutputStream();
            toOrigin.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            copyBody(in, toOrigin, s);
            toOrigin.flush();
            InputStream fromOrigin = new BufferedInputStream(origin.getInputStream());
            String answer;
            do {
                answer = Heads.read(fromOrigin);
                if (answer == null) throw new IOException("the origin closed without an answer");
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            } while (answer.startsWith("HTTP/1.1 1") && !answer.startsWith("HTTP/1.1 101"));
            Seen response = new Seen(0, answer.substring(0, answer.indexOf("\r\n")), answer);
            int status = Integer.parseInt(response.requestLine().split(" ")[1]);
            boolean untilClose = false;
            if (parts[0].equals("HEAD") || status == 204 || status == 304) {
                // no body
            } else if (response.header("Content-Length") != null) {
                copy(fromOrigin, out, Long.parseLong(response.header("Content-Length")));
            } else if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
                copyChunked(fromOrigin, out);
            } else {
                fromOrigin.transferTo(out);
                untilClose = true;
            }
            out.flush();
            String connection = response.header("Connection");
            return !untilClose && (connection == null || !connection.toLowerCase(Locale.ROOT).contains("close"));
        } finally {
            open.remove(origin);
        }
    }

    /** A socket to host:port when host is a loopback name or address (each address tried), else null. */
    private static Socket connectLoopback(String host, int port) throws IOException {
        IOException last = null;
        for (InetAddress a : InetAddress.getAllByName(host)) {
            if (!a.isLoopbackAddress()) return null;
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(a, port), 5_000);
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException(host + " has no address");
    }

    private static void skipBody(InputStream in, Seen s) throws IOException {
        copyBody(in, OutputStream.nullOutputStream(), s);
    }

    private static void copyBody(InputStream in, OutputStream out, Seen s) throws IOException {
        String length = s.header("Content-Length");
        if (length != null) copy(in, out, Long.parseLong(length));
        else if ("chunked".equalsIgnoreCase(s.header("Transfer-Encoding"))) copyChunked(in, out);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[16 * 1024];
        while (n > 0) {
            int k = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (k < 0) throw new IOException("the body ended early");
            out.write(buf, 0, k);
            n -= k;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String line = readLine(in);
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semi = line.indexOf(';');
            long size = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
            if (size == 0) break;
            copy(in, out, size + 2); // the data and its CRLF
        }
        String trailer;
        do {
            trailer = readLine(in);
            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > Heads.MAX_HEAD) throw new IOException("line too long");
        }
        throw new IOException("the stream ended inside a line");
    }


    private static void write(OutputStream out, String head, byte[] body) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Stops accepting and ends every connection (clients' and origins'). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        for (Socket s : List.copyOf(open)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
