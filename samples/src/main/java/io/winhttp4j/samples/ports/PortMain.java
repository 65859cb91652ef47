package io.winhttp4j.samples.ports;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;
import io.winhttp4j.samples.DemoServer;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/**
 * How each port's main runs: against {@code HOST PORT} when given, else against the demo server
 * started for the occasion (the stand-in for www.wingtiptoys.com); exits with 1 when the example
 * reported an error (not at all on success, so {@code exec:java} ends normally).
 */
final class PortMain {
    /** One ported example: 0 when it worked, else the error it printed. */
    @FunctionalInterface
    interface Example {
        int run(WinHttp winHttp, String serverName, int serverPort, PrintStream out) throws Exception;
    }

    private PortMain() {
    }

    static void main(String[] args, Example example) throws Exception {
        LoggerFactory.getILoggerFactory(); // logging up before any actor system (see Demo)
        int status;
        if (args.length >= 2) {
            try (WinHttp winHttp = WinHttpEngine.create()) {
                status = example.run(winHttp, args[0], Integer.parseInt(args[1]), System.out);
            }
        } else {
            ActorSystem<Void> serverSystem = ActorSystem.create(Behaviors.empty(), "port-server");
            try (DemoServer server = DemoServer.start(serverSystem); WinHttp winHttp = WinHttpEngine.create()) {
                status = example.run(winHttp, "127.0.0.1", server.port(), System.out);
            } finally {
                serverSystem.terminate();
                serverSystem.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        if (status != 0) {
            System.exit(1);
        }
    }
}
