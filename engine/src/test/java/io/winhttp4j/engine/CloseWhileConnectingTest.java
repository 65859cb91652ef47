package io.winhttp4j.engine;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.winhttp4j.HInternet;
import io.winhttp4j.engine.testkit.EngineTestBase;
import io.winhttp4j.engine.testkit.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Connections still being opened when the engine shuts down end quietly. Pekko's TCP stage
 * without half-close throws (and logs an ERROR) when its input completes before the connection is
 * up, so a pipe not yet connected is ended by failing its input instead.
 */
class CloseWhileConnectingTest extends EngineTestBase {

    @Test
    void anEngineClosedWhileConnectionsOpenLeavesNoStageFailure() throws Exception {
        Logger pekko = (Logger) LoggerFactory.getLogger("org.apache.pekko");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        pekko.addAppender(events);
        try {
            WinHttpEngine engine = WinHttpEngine.embedded(kit.system());
            HInternet session = engine.open("closing", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, WINHTTP_FLAG_ASYNC);
            HInternet connect = engine.connect(session, server.host(), server.port());
            for (int i = 0; i < 200; i++) {
                HInternet r = engine.openRequest(connect, "GET", "/hello", null, null, null, 0);
                engine.sendRequest(r, null, null, 0, 0); // each its own connection, most not up yet
            }
            engine.close();
            // the pipes end on the stream's threads after the engine closed: an exchange on the
            // test's engine goes through the same dispatchers behind them
            assertEquals(LocalHttpServer.HELLO_BODY, readAll(fetch()));
            List<String> errors = events.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(ILoggingEvent::getFormattedMessage).distinct().toList();
            assertEquals(List.of(), errors, "no stage failed");
        } finally {
            pekko.detachAppender(events);
        }
    }

    private static HInternet fetch() {
        HInternet s = winHttp.open("after", WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        HInternet c = winHttp.connect(s, server.host(), server.port());
        HInternet r = winHttp.openRequest(c, "GET", "/hello", null, null, null, 0);
        winHttp.sendRequest(r, null, null, 0, 0);
        winHttp.receiveResponse(r);
        return r;
    }
}
