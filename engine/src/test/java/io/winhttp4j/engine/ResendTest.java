package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.Bounded;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Re-sending on one request handle (CONFORMANCE 5.3, the 401-then-re-send pattern): the previous
 * exchange's connection is given back (or reused) first, whatever was read of its response.
 */
class ResendTest extends EngineTestBase {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final AtomicInteger CASES = new AtomicInteger();

    /** A request target of its own, so that the server's records of it belong to one test. */
    static String unique(String path) {
        return path + (path.contains("?") ? "&" : "?") + "case=" + CASES.incrementAndGet();
    }

    /** The ids of the server connections the requests for target came on, in arrival order. */
    static List<Long> connectionsOf(String target) {
        return server.requests().stream().filter(r -> r.uri().equals(target)).map(LocalHttpServer.Recorded::connectionId).toList();
    }

    static String readAll(HInternet r) {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        int n;
        while ((n = winHttp.readData(r, buf, 0, buf.length)) > 0) sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
        return sb.toString();
    }

    /** Sends target, takes the response head and none of its body, sends again and reads that one; returns the second body. */
    static String sendTwice(String target, int maxConns) throws Exception {
        return Bounded.call(WAIT, target, () -> {
            HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
            try {
                if (maxConns > 0) winHttp.setOption(s, WINHTTP_OPTION_MAX_CONNS_PER_SERVER, maxConns);
                HInternet c = winHttp.connect(s, server.host(), server.port());
                HInternet r = winHttp.openRequest(c, "GET", target, null, null, null, 0);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                return readAll(r);
            } finally {
                winHttp.closeHandle(s);
            }
        });
    }

    /** Responses whose body is wholly in hand with the head: empty (Content-Length: 0), none (204), short. */
    static final String[] IN_HAND = {"/bytes?n=0", "/status/204", "/hello"};

    @ParameterizedTest
    @ValueSource(strings = {"/bytes?n=0", "/status/204", "/hello"})
    void aResendReusesTheConnectionWhenTheBodyIsAlreadyInHand(String path) throws Exception {
        String target = unique(path);
        sendTwice(target, 0);
        List<Long> ids = connectionsOf(target);
        assertEquals(2, ids.size(), "both sends arrived: " + ids);
        assertEquals(ids.get(0), ids.get(1), "the re-send went over the first send's connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bytes?n=0", "/status/204", "/hello"})
    void aResendCompletesWithOneConnectionPerServer(String path) throws Exception {
        String target = unique(path);
        String body = sendTwice(target, 1);
        if (path.equals("/hello")) assertEquals(LocalHttpServer.HELLO_BODY, body);
        List<Long> ids = connectionsOf(target);
        assertEquals(2, ids.size(), "both sends arrived: " + ids);
        assertEquals(ids.get(0), ids.get(1));
    }
}
