package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;
import static io.winhttp4j.WinHttpConstants.statusName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.engine.ActorSubscriber;

import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * A {@link TestProbe} of notifications installed as a status callback through
 * {@link ActorSubscriber}, so the engine sends it every notification as a message: install
 * {@link #callback()} with {@code setStatusCallback}, then expect statuses one by one or collect
 * them up to a handle's HANDLE_CLOSING and match them against a {@link Sequence}. Every wait is
 * bounded by the timeout given (or {@link #DEFAULT_TIMEOUT}).
 */
public final class NotificationProbe {
    /** How long a single expectation waits unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final TestProbe<Notification> probe;
    private final StatusCallback callback;

    /**
     * A probe over this TestProbe.
     *
     * @param probe the ActorTestKit's probe that receives the notifications
     */
    public NotificationProbe(TestProbe<Notification> probe) {
        this.probe = probe;
        this.callback = ActorSubscriber.of(probe.ref());
    }

    /**
     * The status callback that forwards to the probe; install it with {@code setStatusCallback}.
     *
     * @return the callback, the same one every time
     */
    public StatusCallback callback() {
        return callback;
    }

    /**
     * The underlying TestProbe, for Pekko's own expectations.
     *
     * @return the probe
     */
    public TestProbe<Notification> probe() {
        return probe;
    }

    /**
     * The next notification, which must have this status.
     *
     * @param status the {@code WINHTTP_CALLBACK_STATUS_*} value expected
     * @return the notification
     * @throws AssertionError if none comes within {@link #DEFAULT_TIMEOUT} or it has another status
     */
    public Notification expect(int status) {
        Notification n = probe.receiveMessage(DEFAULT_TIMEOUT);
        if (n.status() != status) {
            throw new AssertionError("expected " + statusName(status) + " but got " + statusName(n.status()) + " " + n);
        }
        return n;
    }

    /**
     * Notifications up to and including the first one that meets the condition.
     *
     * @param last what ends the collection
     * @param max how long to wait for all of them
     * @return every notification received, in order, the last one meeting the condition
     * @throws AssertionError if the condition is not met in time
     */
    public List<Notification> receiveUntil(Predicate<Notification> last, Duration max) {
        List<Notification> received = new ArrayList<>();
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the last notification never came; received " + Sequence.names(received));
            }
            Notification n;
            try {
                n = probe.receiveMessage(Duration.ofNanos(left));
            } catch (AssertionError timeout) {
                throw new AssertionError("the last notification never came; received " + Sequence.names(received), timeout);
            }
            received.add(n);
            if (last.test(n)) {
                return received;
            }
        }
    }

    /**
     * Notifications up to and including this handle's HANDLE_CLOSING.
     *
     * @param handle the handle whose closing ends the collection
     * @return every notification received (of any handle), in order
     */
    public List<Notification> receiveUntilClosed(HInternet handle) {
        return receiveUntil(n -> n.status() == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING && n.handle().equals(handle),
                DEFAULT_TIMEOUT);
    }

    /**
     * Collects up to this handle's HANDLE_CLOSING and asserts that its own notifications match.
     *
     * @param handle the handle whose notifications are checked
     * @param expected the sequence they must form
     * @return that handle's notifications
     */
    public List<Notification> expectSequenceUntilClosed(HInternet handle, Sequence expected) {
        List<Notification> own = of(handle, receiveUntilClosed(handle));
        expected.assertMatches(own);
        return own;
    }

    /**
     * Fails if any notification arrives within this time.
     *
     * @param quiet how long nothing may come
     */
    public void expectNone(Duration quiet) {
        probe.expectNoMessage(quiet);
    }

    /**
     * The notifications about one handle, in order.
     *
     * @param handle the handle
     * @param notifications notifications of any handles
     * @return those whose {@code handle()} is this one
     */
    public static List<Notification> of(HInternet handle, List<Notification> notifications) {
        return notifications.stream().filter(n -> n.handle().equals(handle)).toList();
    }
}
