package io.winhttp4j.engine.testkit;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.WinHttpEngine;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.WINHTTP_ACCESS_TYPE_NO_PROXY;

/**
 * What most engine tests start with: one ActorTestKit per test class, a local Pekko HTTP server
 * on 127.0.0.1, an engine embedded in the kit's actor system, and raw servers a class asks for.
 * Every test starts with no idle pooled connection, so that what one test left in the pool does
 * not change what the next one sees. A subclass may add its own {@code @BeforeAll} (with another
 * name); it runs after this one.
 */
public abstract class EngineTestBase {
    protected static ActorTestKit kit;
    protected static LocalHttpServer server;
    protected static WinHttpEngine winHttp;
    private static final List<RawServer> rawServers = new ArrayList<>();

    @BeforeAll
    static void startEngine() {
        kit = ActorTestKit.create();
        server = LocalHttpServer.start(kit.system());
        winHttp = WinHttpEngine.embedded(kit.system());
    }

    @AfterAll
    static void stopEngine() {
        if (winHttp != null) winHttp.close();
        rawServers.forEach(RawServer::close);
        rawServers.clear();
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }

    @BeforeEach
    void coldPool() {
        winHttp.closeIdleConnections();
    }

    /** A RawServer running {@code script}, closed after the class's tests (after the engine). */
    protected static RawServer rawServer(RawServer.Script script) {
        return rawServer(script, 0);
    }

    /** The same with a fixed socket receive buffer: see {@link RawServer#start(RawServer.Script, int)}. */
    protected static RawServer rawServer(RawServer.Script script, int receiveBuffer) {
        RawServer raw = RawServer.start(script, receiveBuffer);
        rawServers.add(raw);
        return raw;
    }

    /** A connect handle to 127.0.0.1:port on a new synchronous session; the engine closes both at the end. */
    protected static HInternet connectTo(String userAgent, int port) {
        HInternet session = winHttp.open(userAgent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        return winHttp.connect(session, LocalHttpServer.HOST, port);
    }

    /** The rest of a response body, read synchronously to its end, one char per byte. */
    protected static String readAll(HInternet request) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[8192];
        int n;
        while ((n = winHttp.readData(request, buf, 0, buf.length)) > 0) {
            sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    /** Handles a test opens on the local server, closed children first when the test is done. */
    protected static final class OpenedHandles {
        private final List<HInternet> opened = new ArrayList<>();

        public OpenedHandles() {}

        public HInternet session(String agent) {
            return keep(winHttp.open(agent, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0));
        }

        public HInternet connect(HInternet session) {
            return keep(winHttp.connect(session, server.host(), server.port()));
        }

        public HInternet request(HInternet connect, int flags) {
            return keep(winHttp.openRequest(connect, "GET", "/hello", null, null, null, flags));
        }

        public void closeAll() {
            for (int i = opened.size() - 1; i >= 0; i--) winHttp.closeHandle(opened.get(i));
            opened.clear();
        }

        private HInternet keep(HInternet h) {
            opened.add(h);
            return h;
        }
    }

    /** A port on 127.0.0.1 that nothing listens on: a connection to it is refused. */
    protected static int refusedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LocalHttpServer.HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
