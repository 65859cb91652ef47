package io.winhttp4j.engine.transport.http1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header names servers send in nearly every response, as constant strings: a name whose
 * bytes are exactly one of them (same case, since names are kept as sent) costs no new string.
 * Any other name is decoded as it came.
 */
final class KnownNames {
    private static final String[] NAMES = {
        "Date", "Server", "Content-Type", "Content-Length", "Connection", "Keep-Alive", "Transfer-Encoding",
        "Cache-Control", "Content-Encoding", "Set-Cookie", "Location", "ETag", "Last-Modified", "Expires",
        "Vary", "Accept-Ranges", "Age", "Pragma", "WWW-Authenticate", "Proxy-Authenticate", "Content-Language",
        "Strict-Transport-Security", "X-Content-Type-Options", "Access-Control-Allow-Origin",
    };
    /** By length: the known names of that length, in both the usual and the all-lowercase spelling. */
    private static final String[][] BY_LENGTH;
    private static final byte[][][] BYTES_BY_LENGTH;

    static {
        int max = 0;
        for (String n : NAMES) max = Math.max(max, n.length());
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i <= max; i++) lists.add(new ArrayList<>());
        for (String n : NAMES) {
            lists.get(n.length()).add(n);
            String lower = n.toLowerCase(java.util.Locale.ROOT).intern(); // one string with the literal of that spelling
            if (!lower.equals(n)) lists.get(n.length()).add(lower);
        }
        BY_LENGTH = new String[max + 1][];
        BYTES_BY_LENGTH = new byte[max + 1][][];
        for (int i = 0; i <= max; i++) {
            BY_LENGTH[i] = lists.get(i).toArray(new String[0]);
            BYTES_BY_LENGTH[i] = new byte[BY_LENGTH[i].length][];
            for (int k = 0; k < BY_LENGTH[i].length; k++) {
                BYTES_BY_LENGTH[i][k] = BY_LENGTH[i][k].getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    private KnownNames() {}

    /** The name in b[0, len) as a string: a constant when it is a known one, else a new string. */
    static String name(byte[] b, int len) {
        if (len < BY_LENGTH.length) {
            byte[][] candidates = BYTES_BY_LENGTH[len];
            for (int k = 0; k < candidates.length; k++) {
                if (same(candidates[k], b, len)) return BY_LENGTH[len][k];
            }
        }
        return new String(b, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean same(byte[] known, byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (known[i] != b[i]) return false;
        }
        return true;
    }
}
