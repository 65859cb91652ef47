package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.statusName;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.winhttp4j.Notification;

/**
 * An expected notification sequence: {@link Step}s in order, matched against the whole list
 * received (a match must use every notification). Optional and repeated steps are tried every
 * way they can be, so {@code repeated(DATA_AVAILABLE), optional(DATA_AVAILABLE)} still matches.
 *
 * <pre>{@code
 * Sequence.of(one(SENDING_REQUEST), one(REQUEST_SENT), one(RECEIVING_RESPONSE), one(RESPONSE_RECEIVED),
 *             optional(CLOSING_CONNECTION), optional(CONNECTION_CLOSED), one(HANDLE_CLOSING))
 *         .assertMatches(notifications);
 * }</pre>
 */
public final class Sequence {
    private final List<Step> steps;

    private Sequence(List<Step> steps) {
        this.steps = steps;
    }

    /**
     * The sequence of these steps.
     *
     * @param steps the steps in the order the notifications must come
     * @return the sequence
     */
    public static Sequence of(Step... steps) {
        return new Sequence(List.copyOf(Arrays.asList(steps)));
    }

    /**
     * Whether the notifications match the sequence, all of them.
     *
     * @param notifications what was received, in order
     * @return true if the steps account for every notification in order
     */
    public boolean matches(List<Notification> notifications) {
        return mismatch(notifications).isEmpty();
    }

    /**
     * Why the notifications do not match, or empty if they do.
     *
     * @param notifications what was received, in order
     * @return a description of the furthest point any way of matching reached, or empty
     */
    public Optional<String> mismatch(List<Notification> notifications) {
        int[] furthest = {0};
        if (match(0, 0, notifications, furthest)) {
            return Optional.empty();
        }
        int at = furthest[0];
        String got = at < notifications.size() ? statusName(notifications.get(at).status()) + " " + notifications.get(at)
                : "the end of the notifications";
        return Optional.of("expected " + this + " but got " + names(notifications) + "; no way of matching gets past "
                + "notification " + at + " (" + got + ")");
    }

    /**
     * Fails with a readable message unless the notifications match.
     *
     * @param notifications what was received, in order
     * @throws AssertionError when they do not match
     */
    public void assertMatches(List<Notification> notifications) {
        mismatch(notifications).ifPresent(m -> {
            throw new AssertionError(m);
        });
    }

    /** Backtracking over the steps' counts: step s onward must account for notifications from i. */
    private boolean match(int s, int i, List<Notification> ns, int[] furthest) {
        furthest[0] = Math.max(furthest[0], i);
        if (s == steps.size()) {
            return i == ns.size();
        }
        Step step = steps.get(s);
        int min = step.count == Step.Count.ONE || step.count == Step.Count.ONE_OR_MORE ? 1 : 0;
        int max = step.count == Step.Count.ONE || step.count == Step.Count.OPTIONAL ? 1 : Integer.MAX_VALUE;
        int taken = 0;
        while (taken < min) {
            if (i + taken >= ns.size() || !step.accepts(ns.get(i + taken))) {
                furthest[0] = Math.max(furthest[0], i + taken);
                return false;
            }
            taken++;
        }
        // the longest run first, then shorter ones, so a later step can take what this one leaves
        int longest = taken;
        while (longest < max && i + longest < ns.size() && step.accepts(ns.get(i + longest))) {
            longest++;
        }
        for (int k = longest; k >= taken; k--) {
            if (match(s + 1, i + k, ns, furthest)) {
                return true;
            }
        }
        return false;
    }

    static String names(List<Notification> notifications) {
        return notifications.stream().map(n -> statusName(n.status())).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
