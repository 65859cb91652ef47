package io.winhttp4j.engine;

import io.winhttp4j.Notification;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A status callback that is an actor: the engine recognises it and sends each notification as
 * a message, in order, with no callback thread in between. Tests use a
 * {@code TestProbe<Notification>} this way.
 */
public final class ActorSubscriber implements StatusCallback {
    private final ActorRef<Notification> target;

    private ActorSubscriber(ActorRef<Notification> target) {
        this.target = target;
    }

    public static StatusCallback of(ActorRef<Notification> target) {
        if (target == null) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, "ActorSubscriber.of: the target is null");
        }
        return new ActorSubscriber(target);
    }

    public ActorRef<Notification> target() { return target; }

    /** Only reached if user code calls it directly; the engine never does. */
    @Override
    public void onStatus(Notification notification) {
        target.tell(notification);
    }

    @Override
    public String toString() { return "ActorSubscriber(" + target.path() + ")"; }
}
