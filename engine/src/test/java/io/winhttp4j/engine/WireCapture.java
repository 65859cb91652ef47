package io.winhttp4j.engine;

import io.winhttp4j.engine.testkit.RawConnection;
import io.winhttp4j.engine.testkit.RawServer;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A {@link RawServer} script that keeps the exact bytes of every request: its head, then exactly
 * {@code bodyBytes} more bytes, whatever their framing; then it answers a short 200 and waits for
 * the next head. When the client closes the connection, the script records how: cleanly between
 * requests, or with bytes after the last body (they would have been read as another head). So a
 * test knows both what was sent and that nothing more was.
 */
final class WireCapture implements RawServer.Script {
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    static final Duration WAIT = Duration.ofSeconds(10);

    /** One request as the server read it. */
    record Arrival(long connection, String head, byte[] body) {
        String bodyText() { return new String(body, StandardCharsets.ISO_8859_1); }
    }

    /** The client closed the connection; extra: what it sent after the last body, or null. */
    record Closed(long connection, String extra) {}

    private final int bodyBytes;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    WireCapture(int bodyBytes) {
        this.bodyBytes = bodyBytes;
    }

    @Override
    public void run(RawConnection c) throws Exception {
        while (true) {
            String head;
            try {
                head = c.readRequestHead();
            } catch (EOFException partial) {
                events.add(new Closed(c.id(), partial.getMessage()));
                return;
            }
            if (head == null) {
                events.add(new Closed(c.id(), null));
                return;
            }
            byte[] body;
            try {
                body = c.readBytes(bodyBytes);
            } catch (EOFException shortBody) {
                events.add(new Closed(c.id(), head + " then " + shortBody.getMessage()));
                return;
            }
            events.add(new Arrival(c.id(), head, body));
            c.write(OK);
        }
    }

    /** The next request the server read. */
    Arrival arrival() throws InterruptedException {
        Object e = next();
        return assertInstanceOf(Arrival.class, e, "a request, not " + e);
    }

    /**
     * After the test closed the pool's idle connections: the connection ended cleanly, with not a
     * byte after the last body.
     */
    void assertClosedCleanly(long connection) throws InterruptedException {
        Object e = next();
        Closed closed = assertInstanceOf(Closed.class, e, "the connection's end, not another request: " + e);
        assertEquals(connection, closed.connection());
        assertNull(closed.extra(), "bytes after the last body");
    }

    private Object next() throws InterruptedException {
        Object e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(e, "the server saw nothing within " + WAIT);
        return e;
    }
}
