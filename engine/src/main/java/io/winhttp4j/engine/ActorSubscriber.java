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

    /**
     * A callback that delivers every notification to an actor; pass it to setStatusCallback.
     *
     * @param target the actor that receives the notifications, in order
     * @return the callback
     * @throws WinHttpException ERROR_INVALID_PARAMETER if {@code target} is null
     */
    public static StatusCallback of(ActorRef<Notification> target) {
        if (target == null) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, "ActorSubscriber.of: the target is null");
        }
        return new ActorSubscriber(target);
    }

    /**
     * The actor the notifications go to.
     *
     * @return the target given to {@link #of}
     */
    public ActorRef<Notification> target() { return target; }

    /** Only reached if user code calls it directly; the engine never does. */
    @Override
    public void onStatus(Notification notification) {
        target.tell(notification);
    }

    @Override
    public String toString() { return "ActorSubscriber(" + target.path() + ")"; }
}
