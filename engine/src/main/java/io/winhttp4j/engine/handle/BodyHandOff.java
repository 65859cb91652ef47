package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.notify.Notifier;
import org.apache.pekko.util.ByteString;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The response body bytes a request has in hand, handed from its actor to its reader: the actor
 * offers each chunk as it arrives (one producer), and the one reader a claim allows at a time
 * takes them (one consumer: a synchronous caller on its own thread, or the actor serving a read
 * message). So a synchronous readData is answered from here without a message while data flows;
 * the actor is told only when its read-ahead should go on (renew). The reader's place inside
 * the chunk it is reading is handed on with the claim (Handle.claim's compare-and-set orders it).
 * An asynchronous reader served here queues its completion through the handle's notifier.
 */
final class BodyHandOff {
    /** A body read to its end (endOfBody): every read of it returns 0. */
    static final BodyHandOff ENDED = new BodyHandOff(null);

    private final Notifier notifier;

    private final ConcurrentLinkedQueue<ByteString> chunks = new ConcurrentLinkedQueue<>();
    private final AtomicLong inHand = new AtomicLong();
    private final AtomicBoolean renewAsked = new AtomicBoolean();
    /** No byte more will be offered (the end was seen, or a failure); set before the last offer. */
    private volatile boolean last;
    /** The actor is between publishing a state that takes reads and queueing the completion that permits them. */
    private volatile boolean holdCallers;
    /** The reader's: what is left of the chunk being read. */
    private ByteString current = ByteString.emptyByteString();

    BodyHandOff(Notifier notifier) { this.notifier = notifier; }

    /** The handle's notifier, where an asynchronous read served from here queues its completion. */
    Notifier notifier() { return notifier; }

    /**
     * Actor: on before it publishes a state that takes reads ahead of a completion of its own
     * (HEADERS_AVAILABLE, a read's), off once that completion is queued. Meanwhile a caller that
     * claimed a read leaves it to the actor (heldBack), so its completion cannot come first:
     * the on is written before the publish a claim reads, the off after the queueing.
     */
    void holdCallers(boolean on) { holdCallers = on; }

    /** Caller side, holding the claim: an asynchronous read must go to the actor (holdCallers). */
    boolean heldBack() { return holdCallers; }

    /** Actor: a chunk arrived. */
    void offer(ByteString chunk) {
        if (chunk.isEmpty()) return;
        chunks.add(chunk);
        inHand.addAndGet(chunk.size());
    }

    /** Actor: nothing more will come (to be called before the last offer, so a reader seeing its bytes sees this too). */
    void markLast() { last = true; }

    long inHand() { return inHand.get(); }

    boolean isEmpty() { return inHand.get() == 0; }

    /** Reader: queryDataAvailable's answer, the rest of the first chunk in hand (0 when none). */
    int available() {
        if (!current.isEmpty()) return current.size();
        ByteString next = chunks.peek();
        return next == null ? 0 : next.size();
    }

    /** Reader: copies up to len bytes across chunks; returns how many. */
    int take(byte[] buffer, int offset, int len) {
        int n = 0;
        while (n < len) {
            if (current.isEmpty()) {
                ByteString next = chunks.poll();
                if (next == null) break;
                current = next;
            }
            int k = Math.min(len - n, current.size());
            current.copyToArray(buffer, offset + n, k);
            current = current.drop(k);
            n += k;
        }
        inHand.addAndGet(-n);
        return n;
    }

    /** Reader (a re-send draining the body): everything in hand is dropped, as read. */
    void discard() {
        long n = 0;
        n += current.size();
        current = ByteString.emptyByteString();
        for (ByteString c; (c = chunks.poll()) != null; ) n += c.size();
        inHand.addAndGet(-n);
    }

    /**
     * Caller side: whether a read of len bytes (at least one) can be served from here: bytes are
     * in hand and it does not take the last of a body known to have ended (that read is the
     * actor's: it ends the body, gives the connection back and reports what that causes).
     */
    boolean servesRead(int len) { return servable(len) > 0; }

    /**
     * Reader side: how many of len bytes a read may take here, 0 when none. Bounded by what was in
     * hand before last was read: the end's chunk is offered after markLast, so while last is
     * unset none of those bytes is the end's, and once it is set, leaving one byte leaves the
     * read that ends the body to the actor.
     */
    int servable(int len) {
        long have = inHand.get(); // before last: a reader that sees the last bytes sees last set too
        if (have == 0) return 0;
        if (!last) return (int) Math.min(len, have);
        return len < have ? len : 0;
    }

    /** Caller side: queryDataAvailable can be answered from here (it takes nothing). */
    boolean servesQuery() { return inHand.get() > 0; }

    /** Caller side, after a read from here: true once when the actor should be told to read ahead again. */
    boolean renewDue(long readAhead) {
        return !last && inHand.get() < readAhead && renewAsked.compareAndSet(false, true);
    }

    /** Actor: the renewal asked for was seen. */
    void renewed() { renewAsked.set(false); }
}
