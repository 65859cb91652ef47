package io.winhttp4j.engine.transport;

import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One TCP connection, TLS or not, as a pipe of bytes: one materialized Pekko Streams graph
 * (write source → Tcp, with TLS when secure → read sink). Writes are acknowledged when the
 * socket took them; reads are pulled on demand, so nothing is read far ahead of its reader.
 * What the bytes mean is the owner's business: the HTTP/1.1 exchange, or a WebSocket after an
 * upgrade takes the pipe over.
 */
public final class SocketPipe {
    private final WriteSource.Writer writer;
    private final ReadSink.Reader reader;
    private final UniqueKillSwitch killSwitch;
    private final CompletableFuture<Tcp.OutgoingConnection> connected;
    private final CompletionStage<Done> terminated;
    private CompletionStage<Optional<ByteString>> idleRead;

    private SocketPipe(WriteSource.Writer writer, ReadSink.Reader reader, UniqueKillSwitch killSwitch,
                       CompletionStage<Tcp.OutgoingConnection> connected, CompletionStage<Done> terminated) {
        this.writer = writer;
        this.reader = reader;
        this.killSwitch = killSwitch;
        this.connected = Futures.direct(connected); // Pekko's stages would hop to the common pool
        this.terminated = Futures.direct(terminated);
    }

    /**
     * Starts connecting to an address already resolved; tls is the connection's TLS stage (plain
     * bytes above, TCP bytes below), or null for plain TCP.
     */
    static SocketPipe open(Tcp tcp, Materializer mat, InetSocketAddress remote, Duration connectTimeout,
                           BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> tls) {
        Optional<Duration> timeout = connectTimeout == null || connectTimeout.isZero() ? Optional.empty() : Optional.of(connectTimeout);
        // The pool closes idle connections itself, so the socket has no idle timer of its own.
        Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> tcpFlow =
                tcp.outgoingConnection(remote, Optional.empty(), List.of(), false, timeout, Optional.empty());
        return run(mat, tls == null ? tcpFlow : secured(tls, tcpFlow));
    }

    /**
     * A pipe inside another one: TLS over the bytes of an open pipe (a tunnel through a proxy,
     * after its CONNECT). The inner pipe is read one read at a time as TLS asks, written as TLS
     * writes; it ends when the outer one does, and the outer one ends with it.
     */
    static SocketPipe over(SocketPipe inner, Materializer mat,
                           BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> tls) {
        Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> carrier = Flow.fromSinkAndSourceCoupled(
                Sink.<ByteString>foreachAsync(1, b -> inner.write(b).thenApply(done -> (Void) null)),
                Source.repeat(Done.getInstance()).mapAsync(1, x -> inner.read())
                        .takeWhile(Optional::isPresent).map(Optional::get))
                .mapMaterializedValue(x -> inner.connected());
        SocketPipe outer = run(mat, secured(tls, carrier));
        outer.terminated().whenComplete((d, t) -> inner.close());
        return outer;
    }

    private static Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> secured(
            BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> tls,
            Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> below) {
        return Flow.<ByteString>create()
                .<TLSProtocol.SslTlsOutbound>map(TLSProtocol.SendBytes::new)
                .viaMat(tls.join(below, Keep.right()), Keep.right())
                .collectType(TLSProtocol.SessionBytes.class)
                .map(TLSProtocol.SessionBytes::bytes);
    }

    private static SocketPipe run(Materializer mat, Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> socket) {
        Pair<Pair<Pair<WriteSource.Writer, CompletionStage<Tcp.OutgoingConnection>>, UniqueKillSwitch>,
                Pair<CompletionStage<Done>, ReadSink.Reader>> m =
                Source.fromGraph(new WriteSource())
                        .viaMat(socket, Keep.both())
                        .viaMat(KillSwitches.single(), Keep.both())
                        .toMat(Flow.<ByteString>create().watchTermination(Keep.right())
                                .toMat(Sink.fromGraph(new ReadSink()), Keep.both()), Keep.both())
                        .run(mat);
        return new SocketPipe(m.first().first().first(), m.second().second(), m.first().second(),
                m.first().first().second(), m.second().first());
    }

    /** Completes with the local and remote address once the connection (and handshake) is up. */
    CompletionStage<Tcp.OutgoingConnection> connected() { return connected; }

    /** Completes when the connection has ended, whichever side ended it. */
    CompletionStage<Done> terminated() { return terminated; }

    /** See {@link WriteSource.Writer#write}. */
    public CompletionStage<Done> write(ByteString bytes) { return writer.write(bytes); }

    /**
     * The next bytes the peer sent, empty at the end of the stream. One read at a time. While the
     * connection sat idle the pool kept a read outstanding to notice a close or stray bytes; the
     * next owner's first read is that same read.
     */
    public synchronized CompletionStage<Optional<ByteString>> read() {
        CompletionStage<Optional<ByteString>> r = idleRead;
        if (r != null) {
            idleRead = null;
            return r;
        }
        return reader.read();
    }

    /** The pool's watch over an idle connection: completes if the peer sends or closes while idle. */
    synchronized CompletionStage<Optional<ByteString>> watchIdle() {
        if (idleRead == null) idleRead = reader.read();
        return idleRead;
    }

    /** True when the peer sent bytes or closed while the connection was idle: it must not be leased. */
    synchronized boolean spoiledWhileIdle() {
        return idleRead != null && idleRead.toCompletableFuture().isDone();
    }


    /**
     * Aborts both directions at once: a write in progress is dropped, not finished. Safe to call
     * more than once.
     */
    public void close() {
        // ending only the read side would leave the TCP stage sending the write's rest
        writer.abort(connected.isDone() && !connected.isCompletedExceptionally());
        killSwitch.shutdown();
        reader.cancel();
    }
}
