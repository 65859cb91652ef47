package io.winhttp4j.engine.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain-socket server on {@code 127.0.0.1} and an ephemeral port, for replies no proper HTTP
 * server would send: malformed, truncated, stalled, reset. Each accepted connection is numbered
 * from 1 and runs the {@link Script} on its own daemon thread; when the script returns, the
 * connection is closed (unless the script already closed or reset it).
 *
 * <p>Every request head a script reads with {@link RawConnection#readRequestHead()} is recorded,
 * so a test can check what arrived, and on which connection.
 */
public final class RawServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(RawConnection connection) throws Exception;
    }

    public static final String HOST = "127.0.0.1";

    private final String host;
    private final ServerSocket serverSocket;
    private final Script script;
    private final Thread acceptThread;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<RawConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final List<String> heads = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, List<String>> headsByConnection = new ConcurrentHashMap<>();
    private final List<Throwable> scriptFailures = Collections.synchronizedList(new ArrayList<>());

    private RawServer(String host, Script script, int receiveBuffer) throws IOException {
        this.host = host;
        this.script = script;
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) throw new IllegalArgumentException(host + " is not a loopback address");
        this.serverSocket = new ServerSocket();
        if (receiveBuffer > 0) {
            serverSocket.setReceiveBufferSize(receiveBuffer); // before bind, so accepted sockets get it
        }
        serverSocket.bind(new InetSocketAddress(address, 0), 50);
        this.acceptThread = new Thread(this::acceptLoop, "raw-server-accept-" + serverSocket.getLocalPort());
        this.acceptThread.setDaemon(true);
    }

    /** Starts listening; every connection accepted from now on runs {@code script}. */
    public static RawServer start(Script script) {
        return start(HOST, script, 0);
    }

    /** As {@link #start(Script)}, listening on another loopback address ("::1" for IPv6). */
    public static RawServer start(String loopback, Script script) {
        return start(loopback, script, 0);
    }

    /**
     * The same, each accepted socket with a receive buffer of about {@code receiveBuffer} bytes
     * instead of one the kernel grows: a script that stops reading then holds the client's data
     * back after a known, small amount (0: the kernel's default).
     */
    public static RawServer start(Script script, int receiveBuffer) {
        return start(HOST, script, receiveBuffer);
    }

    private static RawServer start(String loopback, Script script, int receiveBuffer) {
        try {
            RawServer server = new RawServer(loopback, script, receiveBuffer);
            server.acceptThread.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("RawServer could not listen", e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String pathAndQuery) {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "http://" + authority + ":" + port() + pathAndQuery;
    }

    /** Number of TCP connections accepted so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Every request head read so far, over all connections, in the order they were read. */
    public List<String> receivedHeads() {
        synchronized (heads) {
            return List.copyOf(heads);
        }
    }

    /** The request heads read on each connection, by connection id (ascending). */
    public Map<Long, List<String>> headsByConnection() {
        Map<Long, List<String>> out = new TreeMap<>();
        headsByConnection.forEach((id, list) -> {
            synchronized (list) {
                out.put(id, List.copyOf(list));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Exceptions scripts ended with, other than the socket errors a client causes by closing or
     * resetting its end (those are the normal way for a script to end).
     */
    public List<Throwable> scriptFailures() {
        synchronized (scriptFailures) {
            return List.copyOf(scriptFailures);
        }
    }

    void recordHead(long connectionId, String head) {
        heads.add(head);
        headsByConnection.computeIfAbsent(connectionId, id -> Collections.synchronizedList(new ArrayList<>()))
                .add(head);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    scriptFailures.add(e);
                }
                return;
            }
            long id = accepted.incrementAndGet();
            RawConnection connection;
            try {
                connection = new RawConnection(id, socket, this);
            } catch (IOException e) {
                scriptFailures.add(e);
                closeQuietly(socket);
                continue;
            }
            open.add(connection);
            Thread worker = new Thread(() -> runScript(connection), "raw-server-" + port() + "-conn-" + id);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
            if (closed.get()) { // close() ran between accept and here
                connection.close();
            }
        }
    }

    private void runScript(RawConnection connection) {
        try {
            script.run(connection);
        } catch (InterruptedException e) {
            // close() interrupts stalled scripts
        } catch (SocketException | java.io.EOFException e) {
            // the client went away or the server is closing: a normal end for a script
        } catch (Throwable t) {
            if (!closed.get()) {
                scriptFailures.add(t);
            }
        } finally {
            connection.close();
            open.remove(connection);
            workers.remove(Thread.currentThread());
        }
    }

    /** Stops accepting, closes every open connection and waits briefly for the scripts to end. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        for (RawConnection c : List.copyOf(open)) {
            c.close();
        }
        for (Thread t : List.copyOf(workers)) {
            t.interrupt();
        }
        joinQuietly(acceptThread);
        for (Thread t : List.copyOf(workers)) {
            joinQuietly(t);
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
