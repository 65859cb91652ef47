package io.winhttp4j.engine.testkit;

import java.time.Duration;
import java.util.Locale;

/** Ready-made {@link RawServer.Script}s. */
public final class Scripts {

    private Scripts() {
    }

    /**
     * Answers every request on the connection with {@code rawResponse}, written as it is (so it
     * must be a whole response, status line to body). Reads each request's body first. Loops
     * until the client closes; closes after answering if the response says
     * {@code Connection: close}.
     */
    public static RawServer.Script reply(String rawResponse) {
        boolean closeAfter = announcesClose(rawResponse);
        return c -> {
            String head;
            while ((head = c.readRequestHead()) != null) {
                c.skipBody(head);
                c.write(rawResponse);
                if (closeAfter) {
                    return;
                }
            }
        };
    }

    /** Reads one head, answers with a line that is not HTTP, then closes. */
    public static RawServer.Script garbage() {
        return c -> {
            if (c.readRequestHead() != null) {
                c.write("this is not http\r\n\r\n");
            }
        };
    }

    /** Reads one head, then resets the connection (TCP RST). */
    public static RawServer.Script resetAfterHead() {
        return c -> {
            c.readRequestHead();
            c.reset();
        };
    }

    /** Reads one head, then says nothing until the server is closed. */
    public static RawServer.Script stallAfterHead() {
        return stallAfterHead(Duration.ofDays(1));
    }

    /** Reads one head, says nothing for {@code d}, then closes the connection. */
    public static RawServer.Script stallAfterHead(Duration d) {
        return c -> {
            c.readRequestHead();
            c.stall(d);
        };
    }

    private static boolean announcesClose(String rawResponse) {
        int end = rawResponse.indexOf("\r\n\r\n");
        String head = (end < 0 ? rawResponse : rawResponse.substring(0, end)).toLowerCase(Locale.ROOT);
        for (String line : head.split("\r\n")) {
            if (line.startsWith("connection:") && line.contains("close")) {
                return true;
            }
        }
        return false;
    }
}
