package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.engine.notify.Subscription;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.function.Function;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The handling every handle shares in every state: callback changes and options. Written once;
 * each behaviour falls back to it and passes how to continue with a changed Core (whose
 * constructor shows it to queryOption, answered on the caller's thread: OptionAnswers).
 */
final class Common {
    private Common() {}

    /** Returns the next behaviour, or null if the message is not a common one. */
    static <T> Behavior<T> handle(Core core, Object msg, Function<Core, Behavior<T>> continueWith) {
        if (msg instanceof Commands.SetCallback s) {
            Behavior<T> next = continueWith.apply(core.withSubscription(s.subscription()));
            s.call().complete(core.subscription().callback());
            return next;
        }
        if (msg instanceof Commands.SetOption s) {
            Core changed = switch (s.option()) {
                case WINHTTP_OPTION_CONTEXT_VALUE -> core.withContext((Long) s.value());
                // the callback of setStatusCallback, keeping its notification mask
                case WINHTTP_OPTION_CALLBACK -> core.withSubscription(
                        new Subscription((StatusCallback) s.value(), core.subscription().mask()));
                default -> core.withOptions(core.options().set(s.option(), s.value()));
            };
            Behavior<T> next = continueWith.apply(changed); // a session publishes its options here
            s.call().complete(null); // so the caller returns only once the value is visible
            return next;
        }
        return null;
    }

    /** The answer to a call the current state does not allow. */
    static <T> Behavior<T> wrongState(Call call, String state) {
        call.fail(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, "not allowed while the handle is " + state);
        return Behaviors.same();
    }
}
