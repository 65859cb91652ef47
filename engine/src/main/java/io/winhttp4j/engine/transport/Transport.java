package io.winhttp4j.engine.transport;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import com.typesafe.config.Config;
import io.winhttp4j.engine.transport.tls.TlsContext;
import io.winhttp4j.engine.transport.tls.TlsPolicy;
import io.winhttp4j.engine.transport.tls.TrustSource;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Tcp;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
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
 * The engine-wide transport: one pool actor per server key, Pekko Streams' TCP, the TLS contexts
 * (one per TLS policy, so sessions resume between connections made under it), and the small
 * thread pool that runs blocking name lookups off Pekko's threads (winhttp4j.resolver.threads;
 * lookups beyond that wait their turn, RESOLVE_TIMEOUT included).
 */
public final class Transport {
    /** How a server name becomes its addresses, in the order to try them; blocking. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final ActorSystem<?> system;
    private final Tcp tcp;
    private final Materializer materializer;
    private final TrustSource trust;
    private final ConcurrentHashMap<TlsPolicy, TlsContext> tlsContexts = new ConcurrentHashMap<>();
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
        this.tcp = Tcp.get(system);
        this.materializer = Materializer.matFromSystem(system);
        this.idleTimeout = idleTimeout;
        this.trust = trustSource(system.settings().config().getConfig("winhttp4j.tls"));
        // The first TLS policy reads the JDK's trust store and probes the JDK's protocols: done
        // here, once, so that it never blocks a request's actor on its first secure send.
        TlsPolicy.forHost("localhost");
        int size = system.settings().config().getInt("winhttp4j.resolver.threads");
        AtomicInteger threads = new AtomicInteger();
        this.resolver = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "winhttp4j-resolver-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.resolver.allowCoreThreadTimeOut(true); // an idle engine keeps no lookup threads
    }

    public Materializer materializer() { return materializer; }
    Tcp tcp() { return tcp; }

    /** Where secure requests' trust comes from (winhttp4j.tls.trust-store, else the JDK's default). */
    public TrustSource trust() { return trust; }

    /** The TLS context of a policy, made once and shared by the connections made under it. */
    TlsContext tls(TlsPolicy policy) {
        return tlsContexts.computeIfAbsent(policy, TlsContext::new);
    }

    /**
     * The trust store named in the configuration (PKCS12 or JKS file and its password), or the
     * JDK's default one; read once, at engine start, never inside an actor.
     */
    private static TrustSource trustSource(Config tls) {
        String path = tls.getString("trust-store");
        if (path.isEmpty()) return TrustSource.jdkDefault();
        char[] password = tls.getString("trust-store-password").toCharArray();
        try {
            return TrustSource.of(KeyStore.getInstance(new File(path), password));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("winhttp4j.tls.trust-store " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

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
                if (c.usable()) return c;
                release(c, false); // died or spoiled while idle: the pool forgets it
            }
        }
        return null;
    }

    /** Asks for a connection; the answer (Leased or AcquireFailed) goes to the lessee. */
    public void acquire(ConnectTarget target, Lessee lessee) {
        pool(target.key()).tell(new PoolActor.Acquire(target, lessee, false));
    }

    /** Asks for a new connection, never an idle one: a send going once more after its pooled connection died. */
    void acquireFresh(ConnectTarget target, Lessee lessee) {
        pool(target.key()).tell(new PoolActor.Acquire(target, lessee, true));
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
