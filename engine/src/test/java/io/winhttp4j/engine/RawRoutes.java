package io.winhttp4j.engine;

import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RawServer} script that answers by request path (the query is ignored): a fixed raw
 * response, or a handler that writes whatever it likes. After a fixed response that says
 * "Connection: close" (or is HTTP/1.0 without keep-alive) the connection is closed; otherwise
 * the next request is read from the same connection. Unknown paths get a 404.
 */
final class RawRoutes implements RawServer.Script {
    /** Writes the answer to one request; returns false to close the connection afterwards. */
    @FunctionalInterface
    interface Handler {
        boolean answer(RawConnection c, String head) throws Exception;
    }

    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    RawRoutes fixed(String path, String response) {
        boolean close = closes(response);
        routes.put(path, (c, head) -> {
            c.write(response);
            return !close;
        });
        return this;
    }

    RawRoutes handler(String path, Handler h) {
        routes.put(path, h);
        return this;
    }

    @Override
    public void run(RawConnection c) throws Exception {
        String head;
        while ((head = c.readRequestHead()) != null) {
            c.skipBody(head);
            String target = RawConnection.requestLine(head).split(" ")[1];
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            Handler h = routes.get(path);
            if (h == null) {
                c.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            } else if (!h.answer(c, head)) {
                return;
            }
        }
    }

    private static boolean closes(String response) {
        int end = response.indexOf("\r\n\r\n");
        String head = (end < 0 ? response : response.substring(0, end)).toLowerCase(Locale.ROOT);
        boolean http10 = head.startsWith("http/1.0");
        boolean keepAlive = false;
        for (String line : head.split("\r\n")) {
            if (line.startsWith("connection:") && line.contains("close")) return true;
            if (line.startsWith("connection:") && line.contains("keep-alive")) keepAlive = true;
        }
        return http10 && !keepAlive;
    }
}
