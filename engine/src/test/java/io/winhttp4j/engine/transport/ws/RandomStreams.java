package io.winhttp4j.engine.transport.ws;

import org.apache.pekko.util.ByteString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * Random well-formed server streams, with the summary a decoder must produce for them (see
 * {@link Received}): text and binary messages cut into random frames (text cut at any byte, so
 * code points straddle frames), empty frames, pings and pongs between frames, and maybe a Close
 * with a valid status and a UTF-8 reason, followed by noise that must be ignored.
 */
final class RandomStreams {
    record Sample(ByteString wire, List<String> expected, String described) {}

    /** A message as sent: its kind, payload, and the cuts between its frames. */
    record Message(boolean text, byte[] payload, int[] cuts) {}

    private RandomStreams() {}

    static Sample next(Random r) {
        List<ByteString> frames = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        StringBuilder described = new StringBuilder();
        int items = r.nextInt(7);
        for (int i = 0; i < items; i++) {
            int kind = r.nextInt(10);
            if (kind < 6) {
                Message m = message(r);
                described.append(m.text() ? "text(" : "binary(").append(m.payload().length).append(" in ")
                        .append(m.cuts().length + 1).append(") ");
                frames(r, m, frames, expected);
                expected.add((m.text() ? "text " : "binary ") + Received.hex(m.payload()));
            } else {
                byte[] p = bytes(r, r.nextInt(4) == 0 ? 125 : r.nextInt(20));
                boolean isPing = kind < 8;
                frames.add(ServerFrames.frame(true, isPing ? Opcode.PING : Opcode.PONG, p));
                expected.add((isPing ? "ping " : "pong ") + Received.hex(p));
                described.append(isPing ? "ping " : "pong ");
            }
        }
        int end = r.nextInt(3);
        if (end > 0) {
            if (end == 1) {
                frames.add(ServerFrames.frame(true, Opcode.CLOSE, new byte[0]));
                expected.add("close 1005 ");
            } else {
                int status = validStatus(r);
                byte[] reason = utf8Text(r, r.nextInt(40), 123);
                frames.add(ServerFrames.close(status, reason));
                expected.add("close " + status + " " + Received.hex(reason));
            }
            described.append("close ");
            // what follows a Close is never read
            if (r.nextBoolean()) frames.add(ByteString.fromArrayUnsafe(bytes(r, r.nextInt(30))));
        }
        ByteString wire = ByteString.emptyByteString();
        for (ByteString f : frames) wire = wire.concat(f);
        return new Sample(wire.compact(), expected, described.toString());
    }

    static Message message(Random r) {
        boolean text = r.nextBoolean();
        int length = r.nextInt(20) == 0
                ? new int[] {125, 126, 127, 65_535, 65_536, 70_000}[r.nextInt(6)]
                : r.nextInt(r.nextBoolean() ? 16 : 400);
        byte[] payload = text ? utf8Text(r, length, Integer.MAX_VALUE) : bytes(r, length);
        int pieces = r.nextInt(4) == 0 ? 1 + r.nextInt(6) : 1;
        Set<Integer> cuts = new TreeSet<>();
        for (int k = 1; k < pieces; k++) cuts.add(r.nextInt(payload.length + 1));
        return new Message(text, payload, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The message's frames, with pings, pongs and empty frames slipped in between. */
    private static void frames(Random r, Message m, List<ByteString> out, List<String> expected) {
        int from = 0;
        int[] ends = new int[m.cuts().length + 1];
        System.arraycopy(m.cuts(), 0, ends, 0, m.cuts().length);
        ends[ends.length - 1] = m.payload().length;
        for (int k = 0; k < ends.length; k++) {
            boolean last = k == ends.length - 1;
            int opcode = k == 0 ? (m.text() ? Opcode.TEXT : Opcode.BINARY) : Opcode.CONTINUATION;
            byte[] part = java.util.Arrays.copyOfRange(m.payload(), from, ends[k]);
            out.add(ServerFrames.frame(last, opcode, part));
            from = ends[k];
            if (!last && r.nextInt(4) == 0) {
                byte[] p = bytes(r, r.nextInt(10));
                out.add(ServerFrames.ping(p));
                expected.add("ping " + Received.hex(p));
            }
            if (!last && r.nextInt(6) == 0) out.add(ServerFrames.frame(false, Opcode.CONTINUATION, new byte[0]));
        }
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** UTF-8 of about {@code length} bytes (never more than {@code max}), code points of every size. */
    static byte[] utf8Text(Random r, int length, int max) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        while (bytes < length) {
            int cp = switch (r.nextInt(8)) {
                case 0 -> 0x80 + r.nextInt(0x780);
                case 1 -> 0x800 + r.nextInt(0xD000);
                case 2 -> 0x10000 + r.nextInt(0x100000);
                default -> 0x20 + r.nextInt(0x5F);
            };
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > max) break;
            sb.appendCodePoint(cp);
            bytes += size;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static int validStatus(Random r) {
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011};
        return r.nextBoolean() ? valid[r.nextInt(valid.length)] : 3000 + r.nextInt(2000);
    }

    /** 1 to 40 segments cut at random places, each compact (as reads from a connection are). */
    static List<ByteString> randomSplit(Random r, ByteString all) {
        int pieces = 1 + r.nextInt(Math.min(40, Math.max(1, all.length())));
        Set<Integer> cuts = new TreeSet<>();
        for (int k = 1; k < pieces; k++) cuts.add(1 + r.nextInt(Math.max(1, all.length() - 1)));
        List<ByteString> out = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            if (cut <= at || cut >= all.length()) continue;
            out.add(all.slice(at, cut).compact());
            at = cut;
        }
        out.add(all.drop(at).compact());
        return out;
    }

    /** A payload size for the owner's buffer: tiny, odd, typical or unbounded. */
    static int randomMax(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> 1 + r.nextInt(4);
            case 1 -> 1 + r.nextInt(200);
            case 2 -> 4096;
            case 3 -> 65_536;
            default -> Integer.MAX_VALUE;
        };
    }

    /** The buffer type of a send of this kind: a FRAGMENT, or the MESSAGE that ends it. */
    static int messageType(boolean text, boolean ends) {
        if (text) return ends ? WINHTTP_WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE;
        return ends ? WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE : WINHTTP_WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE;
    }
}
