package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.statusName;

import java.util.function.Predicate;

import io.winhttp4j.Notification;

/**
 * One step of a notification sequence, as CONFORMANCE's sequence tables read: a status that must
 * come once ({@link #one}), may come once ({@link #optional}), comes one or more times
 * ({@link #repeated}) or any number of times ({@link #anyNumber}). A step can also narrow what it
 * accepts with {@link #where}.
 */
public final class Step {
    /** How many times a step may match. */
    enum Count { ONE, OPTIONAL, ONE_OR_MORE, ANY }

    final int status;
    final Count count;
    final Predicate<Notification> condition;
    final String description;

    private Step(int status, Count count, Predicate<Notification> condition, String description) {
        this.status = status;
        this.count = count;
        this.condition = condition;
        this.description = description;
    }

    /**
     * Exactly one notification with this status.
     *
     * @param status a {@code WINHTTP_CALLBACK_STATUS_*} value
     * @return the step
     */
    public static Step one(int status) {
        return new Step(status, Count.ONE, n -> true, statusName(status));
    }

    /**
     * At most one notification with this status.
     *
     * @param status a {@code WINHTTP_CALLBACK_STATUS_*} value
     * @return the step
     */
    public static Step optional(int status) {
        return new Step(status, Count.OPTIONAL, n -> true, "[" + statusName(status) + "]");
    }

    /**
     * One or more notifications with this status in a row.
     *
     * @param status a {@code WINHTTP_CALLBACK_STATUS_*} value
     * @return the step
     */
    public static Step repeated(int status) {
        return new Step(status, Count.ONE_OR_MORE, n -> true, statusName(status) + "+");
    }

    /**
     * Any number (zero included) of notifications with this status in a row.
     *
     * @param status a {@code WINHTTP_CALLBACK_STATUS_*} value
     * @return the step
     */
    public static Step anyNumber(int status) {
        return new Step(status, Count.ANY, n -> true, statusName(status) + "*");
    }

    /**
     * This step, accepting only notifications that also meet the condition.
     *
     * @param what how the condition reads in a failure message
     * @param condition what a notification of the step must also satisfy
     * @return the narrowed step
     */
    public Step where(String what, Predicate<Notification> condition) {
        return new Step(status, count, this.condition.and(condition), description + "(" + what + ")");
    }

    boolean accepts(Notification n) {
        return n.status() == status && condition.test(n);
    }

    @Override
    public String toString() {
        return description;
    }
}
