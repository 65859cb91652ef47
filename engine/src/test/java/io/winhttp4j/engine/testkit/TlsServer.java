package io.winhttp4j.engine.testkit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TLS server on {@code 127.0.0.1} and an ephemeral port, on the JDK's SSLServerSocket, for the
 * TLS tests: it shows the client a given certificate chain, may ask for or require a client
 * certificate, may be limited to some protocols, and reports what it saw of each connection (the
 * SNI name, the protocol, the client's certificate, the request head, or why the handshake
 * failed). Each connection reads one request head, answers {@link #BODY} with
 * {@code Connection: close}, and closes.
 *
 * <p>Tests synchronise on {@link #nextConnection}, which returns once a connection has ended.
 */
public final class TlsServer implements AutoCloseable {
    public static final String BODY = "hello over TLS";

    /** Whether the server asks for a client certificate. */
    public enum ClientAuth { NONE, WANT, NEED }

    /** What the server saw of one connection, once it ended. */
    public record Seen(List<String> serverNames, String protocol, X509Certificate[] clientCertificates,
                       String requestHead, Throwable handshakeFailure) {
        /** The SNI host name the client sent, or null. */
        public String sniHostName() {
            return serverNames.isEmpty() ? null : serverNames.get(0);
        }
    }

    private final SSLServerSocket serverSocket;
    private final Thread acceptThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private TlsServer(SSLServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        this.acceptThread = new Thread(this::acceptLoop, "tls-server-accept-" + serverSocket.getLocalPort());
        this.acceptThread.setDaemon(true);
    }

    /** A server showing {@code identity}'s chain; see {@link Builder}. */
    public static Builder with(KeyStore.PrivateKeyEntry identity) {
        return new Builder(identity);
    }

    public static final class Builder {
        private final KeyStore.PrivateKeyEntry identity;
        private String[] protocols = {"TLSv1.3", "TLSv1.2"};
        private ClientAuth clientAuth = ClientAuth.NONE;
        private KeyStore clientTrust;

        private Builder(KeyStore.PrivateKeyEntry identity) {
            this.identity = identity;
        }

        public Builder protocols(String... names) {
            this.protocols = names.clone();
            return this;
        }

        /** Asks for (WANT) or requires (NEED) a client certificate issued by a CA in {@code trusted}. */
        public Builder clientAuth(ClientAuth mode, KeyStore trusted) {
            this.clientAuth = mode;
            this.clientTrust = trusted;
            return this;
        }

        public TlsServer start() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(TestCertificates.keyStore(identity), TestCertificates.PASSWORD);
                TrustManagerFactory tmf = null;
                if (clientTrust != null) {
                    tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(clientTrust);
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
                SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                        .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                socket.setEnabledProtocols(protocols);
                if (clientAuth == ClientAuth.NEED) socket.setNeedClientAuth(true);
                if (clientAuth == ClientAuth.WANT) socket.setWantClientAuth(true);
                TlsServer server = new TlsServer(socket);
                server.acceptThread.start();
                return server;
            } catch (Exception e) {
                throw new IllegalStateException("TlsServer could not start", e);
            }
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The next connection the server has finished with, waiting at most {@code timeout}; fails the test if none. */
    public Seen nextConnection(Duration timeout) throws InterruptedException {
        Seen s = seen.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (s == null) throw new AssertionError("the TLS server saw no connection end within " + timeout);
        return s;
    }

    private void acceptLoop() {
        while (!closed.get()) {
            SSLSocket socket;
            try {
                socket = (SSLSocket) serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), "tls-server-" + port() + "-conn");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(SSLSocket socket) {
        List<String> names = new ArrayList<>();
        String protocol = null;
        X509Certificate[] client = null;
        String head = null;
        Throwable failure = null;
        try (socket) {
            socket.setSoTimeout(10_000);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                failure = e;
            }
            if (failure == null) {
                SSLSession session = socket.getSession();
                protocol = session.getProtocol();
                if (session instanceof ExtendedSSLSession x) {
                    for (SNIServerName n : x.getRequestedServerNames()) {
                        if (n instanceof SNIHostName h) names.add(h.getAsciiName());
                    }
                }
                client = peer(session);
                // TLS 1.3 checks the client's certificate after the client thinks it is done: a
                // refusal shows here, on the first read
                try {
                    head = Heads.read(socket.getInputStream());
                    if (head != null) answer(socket.getOutputStream());
                } catch (IOException e) {
                    failure = e;
                }
            }
        } catch (IOException e) {
            if (failure == null) failure = e;
        } finally {
            open.remove(socket);
            seen.add(new Seen(List.copyOf(names), protocol, client, head, failure));
        }
    }

    private static X509Certificate[] peer(SSLSession session) {
        try {
            Certificate[] certs = session.getPeerCertificates();
            X509Certificate[] out = new X509Certificate[certs.length];
            for (int i = 0; i < certs.length; i++) out[i] = (X509Certificate) certs[i];
            return out;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }


    private static void answer(OutputStream out) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        for (Socket s : List.copyOf(open)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closing
            }
        }
        try {
            acceptThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
