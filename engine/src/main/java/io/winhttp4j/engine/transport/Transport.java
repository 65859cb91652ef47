package io.winhttp4j.engine.transport;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.http.javadsl.settings.ParserSettings;
import org.apache.pekko.stream.Materializer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine-wide transport: one pool actor per server key, the Pekko HTTP client settings the
 * engine uses, and the small thread pool that runs blocking name lookups off Pekko's threads
 * (winhttp4j.resolver.threads; lookups beyond that wait their turn, RESOLVE_TIMEOUT included).
 */
public final class Transport {
    /** How a server name becomes its addresses, in the order to try them; blocking. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final ActorSystem<?> system;
    private final Http http;
    private final Materializer materializer;
    private final org.apache.pekko.event.LoggingAdapter log;
    private final ClientConnectionSettings baseSettings;
    private final Duration idleTimeout;
    private final ThreadPoolExecutor resolver;
    private final Lookup lookup;
    private final ConcurrentHashMap<ConnectionKey, ActorRef<PoolActor.Command>> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ConnectionKey, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    /** Actor names must be unique in the actor system, which several engines may share. */
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    public Transport(ActorSystem<?> system, Duration idleTimeout) {
        this(system, idleTimeout, InetAddress::getAllByName);
    }

    /** lookup: the JDK's resolver, or a test's own names. */
    Transport(ActorSystem<?> system, Duration idleTimeout, Lookup lookup) {
        this.system = system;
        this.lookup = lookup;
        this.http = Http.get(system);
        this.materializer = Materializer.matFromSystem(system);
        this.log = system.classicSystem().log();
        this.idleTimeout = idleTimeout;
        // WinHTTP adds its own User-Agent; idle connections are closed by the pool, not by a
        // Pekko idle timer that would also cut a long wait for a response.
        ClientConnectionSettings defaults = ClientConnectionSettings.create(system.classicSystem());
        // The parser's limits are WinHTTP's, not Pekko's: any chunk size (Pekko stops at 1 MiB),
        // header lines up to the 64 KiB MAX_RESPONSE_HEADER_SIZE default (the total is checked per
        // request), a generous header count.
        ParserSettings parsing = defaults.getParserSettings()
                .withMaxChunkSize(Integer.MAX_VALUE)
                .withMaxContentLength(Long.MAX_VALUE)
                .withMaxHeaderValueLength(64 * 1024)
                .withMaxHeaderCount(256)
                .withMaxResponseReasonLength(1024)
                // queryHeaders reports values as the server sent them, not as Pekko re-renders them
                .withModeledHeaderParsing(false);
        this.baseSettings = defaults
                .withParserSettings(parsing)
                .withUserAgentHeader(Optional.empty())
                .withIdleTimeout(scala.concurrent.duration.Duration.Inf());
        int size = system.settings().config().getInt("winhttp4j.resolver.threads");
        AtomicInteger threads = new AtomicInteger();
        this.resolver = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "winhttp4j-resolver-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.resolver.allowCoreThreadTimeOut(true); // an idle engine keeps no lookup threads
    }

    Http http() { return http; }
    org.apache.pekko.event.LoggingAdapter log() { return log; }
    public Materializer materializer() { return materializer; }
    ClientConnectionSettings baseSettings() { return baseSettings; }

    /** The most lookups that run at once. */
    int resolverThreads() { return resolver.getMaximumPoolSize(); }

    /**
     * The server's addresses, looked up on the resolver pool; timeoutMs > 0 bounds the wait
     * (a lookup that overruns it keeps its thread until the system's resolver gives up).
     */
    CompletableFuture<List<InetAddress>> lookup(String host, int timeoutMs) {
        CompletableFuture<List<InetAddress>> found;
        try {
            found = CompletableFuture.supplyAsync(() -> {
                try {
                    InetAddress[] all = lookup.addresses(host);
                    if (all == null || all.length == 0) throw new UnknownHostException(host + ": no address");
                    return List.of(all);
                } catch (UnknownHostException e) {
                    throw new CompletionException(e);
                }
            }, resolver);
        } catch (RejectedExecutionException shutDown) {
            return CompletableFuture.failedFuture(shutDown);
        }
        return timeoutMs > 0 ? found.orTimeout(timeoutMs, TimeUnit.MILLISECONDS) : found;
    }

    /**
     * An idle pooled connection to the server, taken at once, or null. Saves the two hops through
     * the pool actor on the common path (a keep-alive connection is waiting); the pool actor still
     * owns the limit, the waiting requests, idle timers and deaths.
     */
    public Connection tryLeaseIdle(ConnectionKey key) {
        ConcurrentLinkedDeque<Connection> list = idle.get(key);
        if (list == null) return null;
        Connection c;
        while ((c = list.pollLast()) != null) {
            if (c.claim()) {
                if (c.isOpen()) return c;
                release(c, false); // died while idle: the pool forgets it
            }
        }
        return null;
    }

    /** Asks for a connection; the answer (Leased or AcquireFailed) goes to the lessee. */
    public void acquire(ConnectTarget target, Lessee lessee) {
        pool(target.key()).tell(new PoolActor.Acquire(target, lessee));
    }

    /** Gives a leased connection back: to the pool if reusable, else it is closed. */
    public void release(Connection connection, boolean reusable) {
        pool(connection.key()).tell(new PoolActor.Release(connection, reusable));
    }

    /** The lessee is gone: whatever the pool was doing for it is undone. */
    public void abandon(ConnectionKey key, Lessee lessee) {
        pool(key).tell(new PoolActor.Abandon(lessee));
    }

    /** Closes every idle connection, so that the next request connects afresh. */
    public void closeIdle() {
        pools.values().forEach(p -> p.tell(new PoolActor.CloseIdle()));
    }

    /** Engine shutdown: every connection closes and the pools stop. */
    public void shutdown() {
        pools.values().forEach(p -> p.tell(new PoolActor.Shutdown()));
        pools.clear();
        idle.clear();
        resolver.shutdownNow();
    }

    private ActorRef<PoolActor.Command> pool(ConnectionKey key) {
        ActorRef<PoolActor.Command> ref = pools.get(key);
        if (ref != null) return ref;
        return pools.computeIfAbsent(key, k -> system.systemActorOf(
                PoolActor.create(this, idleTimeout, idle.computeIfAbsent(k, x -> new ConcurrentLinkedDeque<>())),
                "winhttp4j-pool-" + POOL_IDS.incrementAndGet(), Props.empty()));
    }
}
