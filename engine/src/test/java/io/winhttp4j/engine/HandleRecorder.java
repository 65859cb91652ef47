package io.winhttp4j.engine;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every notification of the handles it subscribes to, in the order their actors (or the creating
 * caller) sent them: an actor subscriber's mailbox keeps that order. For the tests of handles
 * made without a round trip (connect, openRequest), which check order and once-ness per handle.
 */
final class HandleRecorder {
    final Queue<Notification> seen = new ConcurrentLinkedQueue<>();
    final ActorRef<Notification> ref;
    private final long waitMs;

    HandleRecorder(ActorTestKit kit, long waitMs) {
        this.waitMs = waitMs;
        this.ref = kit.spawn(Behaviors.<Notification>receiveMessage(n -> {
            seen.add(n);
            return Behaviors.same();
        }));
    }

    StatusCallback callback() { return ActorSubscriber.of(ref); }

    void awaitClosing(HInternet h, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (seen.stream().noneMatch(n -> n.handle() == h && n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING)) {
            assertTrue(System.nanoTime() < deadline, why + ": no HANDLE_CLOSING of " + h + " within " + waitMs + " ms");
            Thread.sleep(1); // polls what the recorder got; bounded by the deadline
        }
    }

    /** The statuses of h's notifications in all, in order. */
    static List<Integer> statuses(List<Notification> all, HInternet h) {
        List<Integer> mine = new ArrayList<>();
        for (Notification n : all) if (n.handle() == h) mine.add(n.status());
        return mine;
    }

    /** Where h's only notification of this status is in all; fails if it came twice or never. */
    static int indexOfOnly(List<Notification> all, HInternet h, int status, String why) {
        int at = -1;
        for (int i = 0; i < all.size(); i++) {
            Notification n = all.get(i);
            if (n.handle() != h || n.status() != status) continue;
            assertEquals(-1, at, why + ": a second 0x" + Integer.toHexString(status) + " of " + h + ": " + all);
            at = i;
        }
        assertNotEquals(-1, at, why + ": no 0x" + Integer.toHexString(status) + " of " + h + ": " + all);
        return at;
    }
}
