package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.EngineTestBase;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Asynchronous callbacks run with their handle in the logging MDC, one turn of a handle's queue
 * setting it once: each callback still sees its own handle, whatever the callback before it did
 * to the MDC.
 */
class CallbackMdcTest extends EngineTestBase {

    @Test
    void everyAsynchronousCallbackSeesItsHandleWhateverTheOneBeforeDidToTheMdc() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        HInternet s = winHttp.open(null, WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.setStatusCallback(r, n -> {
            seen.add(String.valueOf(MDC.get("handle")));
            // a callback that clears or changes the entry must not change what the next one sees
            if (seen.size() % 2 == 0) MDC.remove("handle"); else MDC.put("handle", "changed by a callback");
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> winHttp.receiveResponse(n.handle());
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> winHttp.closeHandle(n.handle());
                case WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING -> closed.complete(null);
                default -> { }
            }
        }, WINHTTP_CALLBACK_FLAG_ALL_NOTIFICATIONS);
        winHttp.sendRequest(r, null, null, 0, 0);
        closed.get(10, TimeUnit.SECONDS);
        assertTrue(seen.size() >= 4, "callbacks " + seen);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) expected.add(r.toString());
        assertEquals(expected, seen);
        winHttp.closeHandle(s);
        assertNull(MDC.get("handle"), "nothing on the caller's thread");
    }
}
