package io.winhttp4j.testkit;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.testkit.Step.anyNumber;
import static io.winhttp4j.testkit.Step.one;
import static io.winhttp4j.testkit.Step.optional;
import static io.winhttp4j.testkit.Step.repeated;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;

import org.junit.jupiter.api.Test;

/** The sequence matcher on hand-made notification lists: each kind of step, backtracking, messages. */
class SequenceTest {
    private static final HInternet REQUEST = () -> WINHTTP_HANDLE_TYPE_REQUEST;

    static List<Notification> of(int... statuses) {
        List<Notification> ns = new ArrayList<>();
        for (int s : statuses) {
            StatusInfo info = s == WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE ? new StatusInfo.ByteCount(ns.size()) : StatusInfo.NONE;
            ns.add(new Notification(REQUEST, 0, s, info));
        }
        return ns;
    }

    static final int A = WINHTTP_CALLBACK_STATUS_SENDING_REQUEST;
    static final int B = WINHTTP_CALLBACK_STATUS_REQUEST_SENT;
    static final int D = WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE;
    static final int Z = WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;

    @Test
    void oneMeansExactlyOnce() {
        Sequence s = Sequence.of(one(A), one(B));
        assertTrue(s.matches(of(A, B)));
        assertFalse(s.matches(of(A)));
        assertFalse(s.matches(of(A, B, B)), "every notification must be accounted for");
        assertFalse(s.matches(of(B, A)), "in order");
    }

    @Test
    void optionalMayBeAbsent() {
        Sequence s = Sequence.of(one(A), optional(B), one(Z));
        assertTrue(s.matches(of(A, Z)));
        assertTrue(s.matches(of(A, B, Z)));
        assertFalse(s.matches(of(A, B, B, Z)));
    }

    @Test
    void repeatedNeedsOneAndAnyNumberNone() {
        assertTrue(Sequence.of(one(A), repeated(D), one(Z)).matches(of(A, D, D, D, Z)));
        assertFalse(Sequence.of(one(A), repeated(D), one(Z)).matches(of(A, Z)));
        assertTrue(Sequence.of(one(A), anyNumber(D), one(Z)).matches(of(A, Z)));
        assertTrue(Sequence.of(one(A), anyNumber(D), one(Z)).matches(of(A, D, D, Z)));
    }

    @Test
    void aGreedyStepGivesBackWhatALaterStepNeeds() {
        assertTrue(Sequence.of(repeated(D), one(D)).matches(of(D, D)));
        assertTrue(Sequence.of(anyNumber(D), optional(D), one(D), one(Z)).matches(of(D, Z)));
        assertFalse(Sequence.of(repeated(D), one(D)).matches(of(D)));
    }

    @Test
    void whereNarrowsAStep() {
        Sequence zeroLast = Sequence.of(anyNumber(D), one(D).where("0 bytes",
                n -> ((StatusInfo.ByteCount) n.info()).bytes() == 2));
        assertTrue(zeroLast.matches(of(D, D, D)));
        assertFalse(zeroLast.matches(of(D, D)));
    }

    @Test
    void theMessageNamesWhatCameAndWhereMatchingStopped() {
        AssertionError e = assertThrows(AssertionError.class, () -> Sequence.of(one(A), one(B), one(Z)).assertMatches(of(A, D, Z)));
        assertTrue(e.getMessage().contains("[SENDING_REQUEST, REQUEST_SENT, HANDLE_CLOSING]"), e.getMessage());
        assertTrue(e.getMessage().contains("[SENDING_REQUEST, DATA_AVAILABLE, HANDLE_CLOSING]"), e.getMessage());
        assertTrue(e.getMessage().contains("notification 1 (DATA_AVAILABLE"), e.getMessage());
    }

    /** Random runs of D between A and Z against A, D*, D?, Z: matches whatever the count; seeded. */
    @Test
    void randomRunsMatchTheirCountsOnly() {
        long seed = 0x5EC0E11CEL;
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < 200; c++) {
            int n = random.nextInt(8);
            int[] statuses = new int[n + 2];
            statuses[0] = A;
            for (int i = 1; i <= n; i++) {
                statuses[i] = D;
            }
            statuses[n + 1] = Z;
            List<Notification> ns = of(statuses);
            String where = "seed " + seed + ", case " + c + ", " + n + " DATA_AVAILABLE";
            assertTrue(Sequence.of(one(A), anyNumber(D), optional(D), one(Z)).matches(ns), where);
            assertTrue(Sequence.of(one(A), repeated(D), one(Z)).matches(ns) == (n >= 1), where);
            assertTrue(Sequence.of(one(A), optional(D), optional(D), one(Z)).matches(ns) == (n <= 2), where);
        }
    }
}
