package io.winhttp4j.bench;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CONNS_PER_SERVER_UNLIMITED;
import static io.winhttp4j.WinHttpConstants.WINHTTP_OPTION_MAX_CONNS_PER_SERVER;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.WinHttpEngine;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the two winhttp4j clients share: one engine, one session, one connect handle per
 * host:port, the read-buffer pool, and the object name of a URI.
 */
abstract class WinHttpClient implements Client {

    static final String USER_AGENT = "winhttp4j-bench";

    final WinHttp winHttp;
    final HInternet session;
    final BufferPool buffers = new BufferPool();
    private final ConcurrentHashMap<String, HInternet> connects = new ConcurrentHashMap<>();
    /** The workloads reuse a few URI objects: found by the URI, a request allocates nothing here. */
    private final ConcurrentHashMap<URI, HInternet> byUri = new ConcurrentHashMap<>();

    WinHttpClient(int openFlags) {
        winHttp = WinHttpEngine.create();
        session = winHttp.open(USER_AGENT, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, openFlags);
        try {
            // the other clients may open a connection per request in flight; so may this one
            winHttp.setOption(session, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, WINHTTP_CONNS_PER_SERVER_UNLIMITED);
        } catch (WinHttpException e) {
            System.err.println("bench: " + getClass().getSimpleName()
                    + ": MAX_CONNS_PER_SERVER not set, engine default applies: " + e.getMessage());
        }
    }

    HInternet connectFor(URI uri) {
        HInternet known = byUri.get(uri);
        if (known != null) {
            return known;
        }
        HInternet connect = connects.computeIfAbsent(uri.getHost() + ':' + uri.getPort(),
                key -> winHttp.connect(session, uri.getHost(), uri.getPort()));
        byUri.putIfAbsent(uri, connect);
        return connect;
    }

    /** WinHTTP's object name: path and query, as they appear on the request line. */
    static String objectName(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + '?' + uri.getRawQuery();
    }

    @Override
    public void close() {
        try {
            connects.values().forEach(winHttp::closeHandle);
            winHttp.closeHandle(session);
        } finally {
            winHttp.close();
        }
    }
}
