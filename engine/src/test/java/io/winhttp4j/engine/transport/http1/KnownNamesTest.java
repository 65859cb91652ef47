package io.winhttp4j.engine.transport.http1;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Known header names come as constants, every other name exactly as its bytes say. */
class KnownNamesTest {
    private static String name(String sent) {
        byte[] b = (sent + ": trailing bytes past the name").getBytes(StandardCharsets.ISO_8859_1);
        return KnownNames.name(b, sent.length());
    }

    @Test
    void aKnownNameInItsUsualOrLowercaseSpellingIsTheConstant() {
        assertSame("Content-Length", name("Content-Length"));
        assertSame("content-length", name("content-length"));
        assertSame("Date", name("Date"));
        assertSame("Access-Control-Allow-Origin", name("Access-Control-Allow-Origin"));
    }

    @Test
    void anyOtherSpellingIsKeptAsSent() {
        for (String sent : new String[] {"CONTENT-LENGTH", "Content-length", "Dat", "Datf", "X-Date", "x", "Set-Cookie2"}) {
            assertEquals(sent, name(sent));
        }
    }

    @Test
    void randomNamesDecodeToTheirBytes() {
        long seed = 0x6b6e6f776eL;
        String alphabet = "DateServrContLghypk-ACEXa\u00e9\u00ff";
        for (int c = 0; c < 20_000; c++) {
            SplittableRandom r = new SplittableRandom(seed + c);
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(30);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String sent = sb.toString();
            assertEquals(sent, name(sent), "seed " + (seed + c));
        }
    }
}
