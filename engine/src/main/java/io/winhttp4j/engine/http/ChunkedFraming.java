package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the chunked framing an application writes through writeData when it sent
 * "Transfer-Encoding: chunked" (WinHTTP leaves the framing to the application), and extracts the
 * chunk payloads so the transport can frame them again. Immutable: each write returns the state
 * for the next one. Malformed framing is ERROR_INVALID_PARAMETER.
 */
public final class ChunkedFraming {
    /** Where the parser stands between two writes. */
    private enum Phase { SIZE, DATA, DATA_CRLF, TRAILER, DONE }

    private static final int MAX_LINE = 1024;
    public static final ChunkedFraming START = new ChunkedFraming(Phase.SIZE, 0, "");

    private final Phase phase;
    private final long remaining;
    private final String line;

    private ChunkedFraming(Phase phase, long remaining, String line) {
        this.phase = phase;
        this.remaining = remaining;
        this.line = line;
    }

    /** The payload ranges found in one write, and the state after it. */
    public record Step(ChunkedFraming next, List<int[]> payloads) {}

    public boolean ended() { return phase == Phase.DONE; }

    public Step feed(byte[] b, int off, int len) {
        Phase p = phase;
        long rem = remaining;
        StringBuilder ln = new StringBuilder(line);
        List<int[]> payloads = new ArrayList<>();
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (p) {
                case DONE -> throw bad("data after the terminating zero-length chunk");
                case DATA -> {
                    int n = (int) Math.min(rem, end - i);
                    payloads.add(new int[] {i, n});
                    i += n;
                    rem -= n;
                    if (rem == 0) p = Phase.DATA_CRLF;
                }
                default -> {
                    char c = (char) (b[i++] & 0xff);
                    if (c != '\n') {
                        if (ln.length() >= MAX_LINE) throw bad("chunk line too long");
                        ln.append(c);
                        continue;
                    }
                    String text = ln.toString();
                    if (!text.endsWith("\r")) throw bad("chunk line not ended by CRLF");
                    text = text.substring(0, text.length() - 1);
                    ln.setLength(0);
                    if (p == Phase.DATA_CRLF) {
                        if (!text.isEmpty()) throw bad("chunk data longer than its size");
                        p = Phase.SIZE;
                    } else if (p == Phase.SIZE) {
                        rem = parseSize(text);
                        p = rem == 0 ? Phase.TRAILER : Phase.DATA;
                    } else if (text.isEmpty()) { // TRAILER: an empty line ends the body
                        p = Phase.DONE;
                    }
                }
            }
        }
        return new Step(new ChunkedFraming(p, rem, ln.toString()), payloads);
    }

    private static long parseSize(String text) {
        int semi = text.indexOf(';');
        String hex = (semi >= 0 ? text.substring(0, semi) : text).trim();
        if (hex.isEmpty() || hex.length() > 15) throw bad("bad chunk size \"" + text + "\"");
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw bad("bad chunk size \"" + text + "\"");
        }
    }

    private static WinHttpException bad(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, "chunked request body: " + detail);
    }
}
