package io.winhttp4j.engine.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One accepted connection of a {@link RawServer}, as its {@link RawServer.Script} sees it.
 * Text is read and written as ISO-8859-1, one char per byte, so any byte can be sent.
 */
public final class RawConnection {

    private static final int MAX_HEAD = 1 << 20;

    private final long id;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RawServer server;

    RawConnection(long id, Socket socket, RawServer server) throws IOException {
        this.id = id;
        this.socket = socket;
        this.server = server;
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** The connection's number: 1 for the first accepted, then 2, 3, ... */
    public long id() {
        return id;
    }

    public Socket socket() {
        return socket;
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Reads one request head, up to and including the empty line, and records it. Returns
     * {@code null} if the client closed the connection before sending anything (the usual end of
     * a keep-alive connection); throws {@link EOFException} if it closed in the middle of a head.
     */
    public String readRequestHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0; // how much of CR LF CR LF has been seen
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("connection " + id + " closed inside a request head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
            matched = switch (matched) {
                case 0, 2 -> b == '\r' ? matched + 1 : 0;
                case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (matched == 4) {
                String text = head.toString(StandardCharsets.ISO_8859_1);
                server.recordHead(id, text);
                return text;
            }
        }
    }

    /** Reads exactly {@code n} bytes; {@link EOFException} if the client closes first. */
    public byte[] readBytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("connection " + id + " closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /**
     * Reads the body that {@code head} announces (Content-Length or chunked; none otherwise) and
     * returns it whole. For large bodies use {@link #skipBody(String)}.
     */
    public byte[] readBody(String head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        consumeBody(head, body);
        return body.toByteArray();
    }

    /** Reads and discards the body that {@code head} announces; returns its length. */
    public long skipBody(String head) throws IOException {
        return consumeBody(head, null);
    }

    private long consumeBody(String head, OutputStream sink) throws IOException {
        String te = headerValue(head, "Transfer-Encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            long total = 0;
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailer lines: ignored
                    }
                    return total;
                }
                copy(size, sink);
                total += size;
                if (!readLine().isEmpty()) {
                    throw new IOException("chunk data not followed by CRLF");
                }
            }
        }
        String cl = headerValue(head, "Content-Length");
        if (cl == null) {
            return 0;
        }
        long len = Long.parseLong(cl.trim());
        copy(len, sink);
        return len;
    }

    private void copy(long n, OutputStream sink) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException("connection " + id + " closed with " + left + " body bytes missing");
            }
            if (sink != null) {
                sink.write(buf, 0, r);
            }
            left -= r;
        }
    }

    /** One CRLF-terminated line, without the CRLF. */
    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection " + id + " closed inside a line");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    /**
     * The value of the first header named {@code name} (case-insensitive) in a head read by
     * {@link #readRequestHead()}, or {@code null}.
     */
    public static String headerValue(String head, String name) {
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The request line of a head ("GET /x HTTP/1.1"). */
    public static String requestLine(String head) {
        int eol = head.indexOf("\r\n");
        return eol < 0 ? head : head.substring(0, eol);
    }

    /** Writes the text as ISO-8859-1 bytes and flushes. */
    public void write(String ascii) throws IOException {
        write(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Aborts the connection: SO_LINGER 0, then close, so the peer gets a TCP RST. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        close();
    }

    /** Closes the connection normally (FIN). Idempotent. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** Sleeps, holding the connection open and silent; {@link RawServer#close()} cuts it short. */
    public void stall(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
