package io.winhttp4j.engine.http;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** isIpv4 scans the text once; it answers what the split-and-parse rule answered. */
class ServerNameIpv4Test {

    /** The rule as it read when it split the text: four parts of one to three digits, each at most 255. */
    private static boolean bySplit(String p) {
        String[] octets = p.split("\\.", -1);
        if (octets.length != 4) return false;
        for (String o : octets) {
            if (o.isEmpty() || o.length() > 3) return false;
            for (int i = 0; i < o.length(); i++) {
                if (o.charAt(i) < '0' || o.charAt(i) > '9') return false;
            }
            if (Integer.parseInt(o) > 255) return false;
        }
        return true;
    }

    @Test
    void examples() {
        assertTrue(ServerName.isIpv4("127.0.0.1"));
        assertTrue(ServerName.isIpv4("255.255.255.255"));
        assertTrue(ServerName.isIpv4("000.01.1.0"));
        for (String no : new String[] {"", ".", "1.2.3", "1.2.3.4.", ".1.2.3", "1.2.3.256", "1..2.3", "1.2.3.4.5",
                "1.2.3.0004", "a.b.c.d", "1.2.3.4 ", "example.com", "999.1.1.1"}) {
            assertFalse(ServerName.isIpv4(no), no);
        }
    }

    @Test
    void randomTextIsJudgedAsTheSplitRuleJudgedIt() {
        long seed = 0x69707634L;
        String alphabet = "0123456789...25x";
        for (int c = 0; c < 50_000; c++) {
            SplittableRandom r = new SplittableRandom(seed + c);
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(18);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String text = sb.toString();
            assertEquals(bySplit(text), ServerName.isIpv4(text), "seed " + (seed + c) + ": \"" + text + "\"");
        }
    }
}
