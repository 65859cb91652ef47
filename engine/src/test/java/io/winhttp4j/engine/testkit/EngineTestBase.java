package io.winhttp4j.engine.testkit;

import io.winhttp4j.engine.WinHttpEngine;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What most engine tests start with: one ActorTestKit per test class, a local Pekko HTTP server
 * on 127.0.0.1, and an engine embedded in the kit's actor system. A subclass may add its own
 * {@code @BeforeAll} (with another name); it runs after this one.
 */
public abstract class EngineTestBase {
    protected static ActorTestKit kit;
    protected static LocalHttpServer server;
    protected static WinHttpEngine winHttp;

    @BeforeAll
    static void startEngine() {
        kit = ActorTestKit.create();
        server = LocalHttpServer.start(kit.system());
        winHttp = WinHttpEngine.embedded(kit.system());
    }

    @AfterAll
    static void stopEngine() {
        if (winHttp != null) winHttp.close();
        if (server != null) server.close();
        if (kit != null) kit.shutdownTestKit();
    }
}
