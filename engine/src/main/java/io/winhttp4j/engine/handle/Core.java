package io.winhttp4j.engine.handle;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.engine.notify.Notifier;
import io.winhttp4j.engine.notify.Subscription;

import static io.winhttp4j.WinHttpConstants.WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING;

/**
 * What every handle actor carries from state to state: the handle, its subscriber, its context
 * value and its options. Immutable; a change makes a new Core for the next behaviour.
 */
record Core(Handle handle, Notifier notifier, Subscription subscription, long context, OptionValues options) {

    /**
     * The newest Core is the handle's state: its notifier keeps who the HANDLE_CLOSING goes to
     * (Lifeline), and its handle shows it to queryOption (OptionAnswers) from now on, before
     * anything the state it belongs to emits.
     */
    Core {
        notifier.track(subscription, context);
        handle.show(this);
    }

    Core withSubscription(Subscription s) { return new Core(handle, notifier, s, context, options); }
    Core withContext(long c) { return new Core(handle, notifier, subscription, c, options); }
    Core withOptions(OptionValues o) { return new Core(handle, notifier, subscription, context, o); }

    /**
     * Sends one notification if the mask wants it. In synchronous mode it rides on the call that
     * caused it, so the caller runs it before returning; asynchronous mode ignores the call.
     */
    void emit(int status, StatusInfo info, Call cause) {
        if (status == WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING && !notifier.closingOnce()) return;
        if (!subscription.wants(status)) return;
        notifier.deliver(subscription.callback(), new Notification(handle, context, status, info),
                handle.async() ? null : cause);
    }
}
