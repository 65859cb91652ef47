package io.winhttp4j.engine.handle;

import io.winhttp4j.engine.notify.Notifier;
import io.winhttp4j.engine.notify.Pending;
import io.winhttp4j.engine.transport.Transport;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** What the engine lends every handle actor: the transport, the callback executor, handle ids. */
public record Services(Object owner, Transport transport, Executor callbacks, Pending pending,
                       AtomicLong ids, Consumer<Handle> onSessionGone) {

    Notifier newNotifier() { return new Notifier(callbacks, pending); }

    public Handle newHandleForSession(boolean async) {
        return newHandle(io.winhttp4j.WinHttpConstants.WINHTTP_HANDLE_TYPE_SESSION, async, null);
    }

    Handle newHandle(int type, boolean async, Handle parent) {
        return new Handle(type, ids.incrementAndGet(), owner, async, parent);
    }
}
