package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.notify.Fatal;
import io.winhttp4j.engine.notify.Notifier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;
import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_REQUEST_ERROR;

/**
 * Around every handle actor: what happens when it fails or stops.
 * <ul>
 * <li>A message whose handling throws (a bug) closes the handle through its current state, as a
 *     shutdown would: the operation in flight ends with ERROR_WINHTTP_INTERNAL_ERROR (REQUEST_ERROR
 *     in asynchronous mode), connections are let go, children are closed, HANDLE_CLOSING is sent.
 *     The failing message's own call, if still unanswered, fails with the same error.</li>
 * <li>However the actor stops (that close failing too, or Pekko stopping it), the stop sends the
 *     handle's HANDLE_CLOSING if the actor had not, to its newest subscriber; marks the handle
 *     closed; and wakes every caller still waiting on it (Call.await).</li>
 * <li>A request actor serves one handle after another (Unborn): a closeHandle ends its handle as
 *     a stop would, and the actor waits for the next; what is meant for a handle it no longer
 *     serves is refused or dropped before any behaviour sees it (Unborn.Berth).</li>
 * </ul>
 */
final class Lifeline<T> extends BehaviorInterceptor<T, T> {
    private static final Logger log = LoggerFactory.getLogger(Lifeline.class);

    private final T closeNow;
    private final Runnable onStop;
    private final Unborn.Berth<T> berth;
    /**
     * The first Core of the handle the actor serves now. Fixed for an actor that serves one
     * handle; for a request actor that serves one after another (berth not null: Unborn), set by
     * each Init and null while it waits for the next. Actor-confined.
     */
    private Core initial;

    @SuppressWarnings("unchecked")
    private Lifeline(Core initial, T closeNow, Runnable onStop, Unborn.Berth<T> berth) {
        super((Class<T>) (Class<?>) Object.class); // every message, even one of a type the actor does not take
        this.initial = initial;
        this.closeNow = closeNow;
        this.onStop = onStop;
        this.berth = berth;
    }

    /**
     * initial: the handle's first Core (its handle and notifier); closeNow: the message that makes
     * any state close the handle; onStop: run once the actor has stopped, or null.
     */
    static <T> Behavior<T> around(Core initial, T closeNow, Runnable onStop, Behavior<T> behavior) {
        return Behaviors.intercept(() -> new Lifeline<>(initial, closeNow, onStop, null), behavior);
    }

    /** Around an actor that serves one handle after another (Unborn): vacant is its behaviour between them. */
    static <T> Behavior<T> aroundEach(T closeNow, Unborn.Berth<T> berth, Behavior<T> vacant) {
        return Behaviors.intercept(() -> new Lifeline<>(null, closeNow, null, berth), vacant);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
        if (berth != null) {
            if (msg instanceof Unborn.Init i) initial = i.core();
            Object own = berth.forNow(initial == null ? null : initial.handle(), msg);
            if (own == null) return Behaviors.same(); // meant for a handle it served before: refused or dropped
            msg = (T) own;
        }
        if (msg instanceof CallMessage m) initial.handle().consume(m.call()); // a claimed call is here now
        if (berth != null && initial != null && msg instanceof Commands.Close) initial.handle().markClosingByCall(); // it serves on after (handBack)
        try {
            Behavior<T> next = target.apply(ctx, msg);
            if (berth == null || initial == null || !initial.handle().closingByCall() || Behavior.isAlive(next)) return next;
            // closed by closeHandle (its connect told already): the handle ends as at a stop, and the actor waits for the next one
            ended(initial);
            initial = null;
            return berth.vacant();
        } catch (Throwable t) {
            // closeNow itself failing (a failed parent sends it to its children) gets no second try: the stop closes
            if (Fatal.is(t) || msg == closeNow || initial == null) throw t;
            log.error("{} failed on {}; closing it", initial.handle(), msg, t);
            if (msg instanceof CallMessage m) {
                m.call().failIfUnanswered(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, initial.handle() + " failed on this call");
            }
            return target.apply(ctx, closeNow); // the state before the failing message is still the current one
        }
    }

    @Override
    public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
        if (!(signal instanceof PostStop) || initial == null) return target.apply(ctx, signal);
        try {
            return target.apply(ctx, signal);
        } finally {
            ended(initial);
        }
    }

    /** The handle of first has ended (its actor stopped, or went back to its berth): whatever it had not done yet. */
    private void ended(Core first) {
        Handle handle = first.handle();
        try {
            Notifier n = first.notifier(); // it knows the newest subscriber and context
            // the options as last shown: this Core is shown too, and a query racing the end reads them
            Core last = new Core(handle, n, n.subscription(), n.context(), handle.shown().options());
            Call claimed = handle.shut(); // a claimed call the actor never took: it still ends, once
            Call.AtClose fate = claimed == null ? Call.AtClose.DONE : claimed.atClose();
            if (fate == Call.AtClose.NOTIFY) {
                last.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR,
                        new StatusInfo.AsyncResult(claimed.claimedApi, WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR), null);
            } else if (fate == Call.AtClose.ANSWER) { // else none, or its caller serves it (ReadsInHand)
                claimed.failIfUnanswered(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR, handle + " stopped before taking this call");
            }
            last.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(handle), null); // unless sent
        } finally {
            handle.markClosed();
            if (onStop != null) onStop.run();
            handle.markTerminated(); // last: a woken caller finds everything above done
        }
    }
}
