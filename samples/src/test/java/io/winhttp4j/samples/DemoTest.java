package io.winhttp4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Runs the demo as `mvn exec:java` would, so the build proves the README's first command works. */
class DemoTest {

    @Test
    void demoRunsAllThreeExamples() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            status = Demo.run(out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, output);
        assertTrue(output.contains("Body (" + DemoServer.GREETING.length() + " chars)"), output);
        assertTrue(output.contains("Server says: received 24 bytes"), output);
        assertTrue(output.contains(DemoServer.DATA_LINES + " lines"), output);
        assertTrue(output.contains("SENDREQUEST_COMPLETE"), output);
        assertTrue(output.contains("All three examples worked."), output);
    }
}
