package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.RawServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.engine.testkit.WinHttpAssertions.error;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A pooled connection the server closed as the request went out (before any byte of a response)
 * is not the application's problem: the request goes once more on a new connection when that is
 * safe (an idempotent method, or nothing sent, and no writeData body), else CONNECTION_ERROR.
 */
class DeadPooledConnectionTest extends EngineTestBase {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /** The first connection answers one request, then reads the next one's head and closes without a word. */
    private static RawServer closesOnTheSecondRequest() {
        return rawServer(c -> {
            String head = c.readRequestHead();
            if (head == null) return;
            c.skipBody(head);
            c.write(OK);
            if (c.id() == 1) {
                String second = c.readRequestHead();
                if (second != null) c.skipBody(second);
                return; // closed: no byte of a response
            }
            while ((head = c.readRequestHead()) != null) {
                c.skipBody(head);
                c.write(OK);
            }
        });
    }

    private static int status(HInternet r) {
        return (int) winHttp.queryHeadersNumber(r, WINHTTP_QUERY_STATUS_CODE, null, 0);
    }

    @Test
    void anIdempotentRequestGoesOnceMoreOnANewConnection() {
        RawServer raw = closesOnTheSecondRequest();
        HInternet c = connectTo(null, raw.port());
        for (int i = 0; i < 2; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/x" + i, null, null, null, 0);
            winHttp.sendRequest(r, null, null, 0, 0);
            winHttp.receiveResponse(r);
            assertEquals(200, status(r), "request " + i);
            assertEquals("ok", readAll(r));
            winHttp.closeHandle(r);
        }
        assertEquals(2, raw.connectionsAccepted());
        assertEquals(2, raw.headsByConnection().get(1L).size(), "the second request reached the dying connection");
        assertEquals(List.of("/x1"), raw.headsByConnection().get(2L).stream().map(h -> h.split(" ")[1]).toList());
    }

    @Test
    void aBodyGivenThroughWriteDataIsNotSentAgain() {
        RawServer raw = closesOnTheSecondRequest();
        HInternet c = connectTo(null, raw.port());
        HInternet first = winHttp.openRequest(c, "GET", "/first", null, null, null, 0);
        winHttp.sendRequest(first, null, null, 0, 0);
        winHttp.receiveResponse(first);
        readAll(first);
        winHttp.closeHandle(first);

        HInternet r = winHttp.openRequest(c, "PUT", "/body", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 4, 0);
        winHttp.writeData(r, "data".getBytes(), 0, 4);
        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, error(() -> winHttp.receiveResponse(r)));
        winHttp.closeHandle(r);
        assertEquals(1, raw.connectionsAccepted(), "nothing went once more");
    }

    @Test
    void aMethodThatIsNotIdempotentIsNotSentAgainOnceItWentOut() {
        RawServer raw = closesOnTheSecondRequest();
        HInternet c = connectTo(null, raw.port());
        HInternet first = winHttp.openRequest(c, "GET", "/first", null, null, null, 0);
        winHttp.sendRequest(first, null, null, 0, 0);
        winHttp.receiveResponse(first);
        readAll(first);
        winHttp.closeHandle(first);

        HInternet r = winHttp.openRequest(c, "POST", "/once", null, null, null, 0);
        winHttp.sendRequest(r, null, "abc".getBytes(), 3, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, error(() -> winHttp.receiveResponse(r)));
        winHttp.closeHandle(r);
        assertEquals(1, raw.connectionsAccepted());
    }

    @Test
    void aNewConnectionThatFailsIsTheRequestsFailure() {
        RawServer raw = rawServer(c -> c.readRequestHead());
        HInternet c = connectTo(null, raw.port());
        HInternet r = winHttp.openRequest(c, "GET", "/fresh", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        assertEquals(WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, error(() -> winHttp.receiveResponse(r)));
        winHttp.closeHandle(r);
        assertEquals(1, raw.connectionsAccepted(), "a connection made for the request is not tried again");
    }

    /** A server that closes every keep-alive connection right after its response: no request sees an error. */
    @Test
    void twoThousandRequestsAgainstAServerThatClosesIdleConnections() {
        RawServer raw = rawServer(c -> {
            String head = c.readRequestHead();
            if (head == null) return;
            c.write(OK); // "keep-alive" by HTTP/1.1's default, then the server closes anyway
        });
        HInternet c = connectTo(null, raw.port());
        int errors = 0;
        for (int i = 0; i < 2000; i++) {
            HInternet r = winHttp.openRequest(c, "GET", "/n", null, null, null, 0);
            try {
                winHttp.sendRequest(r, null, null, 0, 0);
                winHttp.receiveResponse(r);
                if (status(r) != 200 || !"ok".equals(readAll(r))) errors++;
            } catch (RuntimeException e) {
                errors++;
            } finally {
                winHttp.closeHandle(r);
            }
        }
        assertEquals(0, errors);
        assertTrue(raw.connectionsAccepted() >= 2000, "each response came on its own connection");
    }
}
