package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.transport.Connection;
import io.winhttp4j.engine.transport.Exchange;
import io.winhttp4j.engine.transport.SocketPipe;
import io.winhttp4j.engine.transport.ws.ClosingHandshake;
import io.winhttp4j.engine.transport.ws.FrameEncoder;
import io.winhttp4j.engine.transport.ws.Handshake;
import io.winhttp4j.engine.transport.ws.Inbound;
import io.winhttp4j.engine.transport.ws.MessageDecoder;
import io.winhttp4j.engine.transport.ws.SendState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A WebSocket handle (WinHttpWebSocketCompleteUpgrade), on the connection its request's 101 came
 * on. Its behaviours are the states of engine/STATES.md, chosen in one place ({@link #next}) from
 * what is pending and where the closing handshake stands:
 * open → sending (a send written) → open; shutdown (our Close went: send side closed);
 * closing (webSocketClose waits for the server's Close); closed (the server's Close came, or the
 * connection failed or ended). A receive may be outstanding in open, sending and shutdown.
 * State errors are ERROR_INVALID_OPERATION, as the WinHttpWebSocketSend page says.
 *
 * <p>Reading is pulled: the socket is read only while a receive (or a close discarding data)
 * wants the next event, so a caller that does not receive holds the server back by TCP.
 * Frames go out one write at a time, in the order they were made (data, pongs, closes).
 */
public final class WebSocketActor {
    /** Wine's MIN_WEBSOCKET_SEND_BUFFER_SIZE: an upgrade sent with less fails (CONFORMANCE 5.6). */
    static final int MIN_SEND_BUFFER = 16;
    /** The most bytes a close that discards data takes from the decoder at once. */
    private static final int DISCARD_PIECE = 64 * 1024;

    public sealed interface Command permits Send, Receive, ShutdownSend, CloseSocket, QueryCloseStatus,
            Written, Read, CloseTimeout, KeepAlive, Commands.SetCallback, Commands.SetOption,
            Commands.Close, Commands.Shutdown {}

    /** webSocketSend; the bytes are copied into the frame when the call is taken. */
    public record Send(int bufferType, byte[] buffer, int offset, int length, Call call) implements Command, CallMessage {}

    public record Receive(byte[] buffer, int offset, int length, Call call) implements Command, CallMessage {}

    /** webSocketShutdown; status and reason checked on the caller's thread (CloseCodes.checkSendable). */
    public record ShutdownSend(int status, byte[] reason, Call call) implements Command, CallMessage {}

    /** webSocketClose; checked as ShutdownSend. */
    public record CloseSocket(int status, byte[] reason, Call call) implements Command, CallMessage {}

    public record QueryCloseStatus(Call call) implements Command, CallMessage {}

    /** The write of the head of the queue is done (failure null) or failed. */
    record Written(Throwable failure) implements Command {}

    /** One read of the socket: bytes, empty at its end, or its failure. */
    record Read(Optional<ByteString> bytes, Throwable failure) implements Command {}

    record CloseTimeout() implements Command {}

    /** The connection was idle for WEB_SOCKET_KEEPALIVE_INTERVAL: a Ping goes out. */
    record KeepAlive() implements Command {}

    /** What never changes: the connection and the codec driving it (used from the actor only). */
    private record Env(ActorRef<Command> self, TimerScheduler<Command> timers, SocketPipe pipe,
                       FrameEncoder encoder, MessageDecoder decoder) {}

    /** An accepted call that completes later; operation is a WINHTTP_WEB_SOCKET_*_OPERATION. */
    private record Op(int operation, Call call, boolean async) {}

    /** A pending receive and where its bytes go. */
    private record Recv(Op op, byte[] buffer, int offset, int length) {}

    /** A frame to write, and the send or shutdown it completes (op null: nothing to tell). */
    private record Out(ByteString frame, Op op, int bytes, int bufferType) {}

    /**
     * What changes: subscriber and options (core), the message our side has open, the closing
     * handshake, the server's Close once it came, the pending receive and close, the frames still
     * to write (the first one being written), whether a read is outstanding.
     */
    private record Ws(Core core, SendState sendState, ClosingHandshake hs, Inbound.Close peer, Recv recv, Op closeOp,
                      List<Out> writes, boolean reading) {
        Ws with(Core c) { return new Ws(c, sendState, hs, peer, recv, closeOp, writes, reading); }
        Ws with(SendState s) { return new Ws(core, s, hs, peer, recv, closeOp, writes, reading); }
        Ws with(ClosingHandshake h) { return new Ws(core, sendState, h, peer, recv, closeOp, writes, reading); }
        Ws withPeer(Inbound.Close p) { return new Ws(core, sendState, hs, p, recv, closeOp, writes, reading); }
        Ws with(Recv r) { return new Ws(core, sendState, hs, peer, r, closeOp, writes, reading); }
        Ws withClose(Op c) { return new Ws(core, sendState, hs, peer, recv, c, writes, reading); }
        Ws with(List<Out> w) { return new Ws(core, sendState, hs, peer, recv, closeOp, w, reading); }
        Ws reading(boolean r) { return new Ws(core, sendState, hs, peer, recv, closeOp, writes, r); }

        boolean sendPending() {
            for (Out o : writes) if (o.op() != null && o.op().operation() == WINHTTP_WEB_SOCKET_SEND_OPERATION) return true;
            return false;
        }

        /** Our Close was made (by webSocketShutdown or webSocketClose, or by failing the connection). */
        boolean oursSent() {
            return hs == ClosingHandshake.CLOSE_SENT || hs == ClosingHandshake.CLOSED || hs == ClosingHandshake.FAILED
                    || hs == ClosingHandshake.DONE;
        }

        /** The server's Close came, or the connection failed or ended: nothing more is received. */
        boolean inboundOver() {
            return hs == ClosingHandshake.CLOSE_RECEIVED || hs == ClosingHandshake.CLOSED || hs == ClosingHandshake.FAILED
                    || hs == ClosingHandshake.DONE;
        }

        void emit(int status, StatusInfo info, Call cause) { core.emit(status, info, cause); }
    }

    private WebSocketActor() {}

    /** The headers an upgrade request goes out with (a fresh key each time): RequestActor's send. */
    static HeaderList upgradeHeaders(HeaderList headers) { return Handshake.addTo(headers); }

    /**
     * webSocketCompleteUpgrade on a request holding a response: the handshake checked against the
     * key the request sent. The refusal (ERROR_WINHTTP_INVALID_SERVER_RESPONSE), which leaves the
     * request as it was, or null: then {@link #upgrade} may go on. Apart from upgrade, so that the
     * request publishes the state it is left in before the caller hears either answer.
     */
    static WinHttpException refusal(ResponseHead head, HeaderList sent, Exchange.Upgrade upgrade) {
        try {
            Handshake.check(head, sent.get(Handshake.KEY, 0));
            if (upgrade == null) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, "the connection was not upgraded");
            }
            return null;
        } catch (WinHttpException e) {
            return e;
        }
    }

    /**
     * Hands the connection to a new WebSocket handle, spawned by the request's connect so that it
     * outlives the request; the new handle answers the call.
     */
    static void upgrade(Services services, Core request, Connection connection, Exchange.Upgrade upgrade,
                        RequestActor.CompleteUpgrade u) {
        Handle requestHandle = request.handle();
        Handle h = services.newHandle(WINHTTP_HANDLE_TYPE_WEBSOCKET, requestHandle.async(), requestHandle);
        Core core = new Core(h, services.newNotifier(), request.subscription(), u.context(), OptionValues.EMPTY);
        Behavior<Command> child = create(services, core, connection, upgrade, u.call());
        requestHandle.parent().<Commands.Adopt>actor().tell(new Commands.Adopt(child, u.call()));
    }

    private static Behavior<Command> create(Services services, Core core, Connection connection, Exchange.Upgrade up,
                                            Call creator) {
        // however the actor ends, the connection is closed and the pool counts it gone
        Runnable onStop = () -> services.transport().release(connection, false);
        return Lifeline.around(core, Commands.Shutdown.FAILED, onStop, Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            Env env = new Env(ctx.getSelf(), timers, up.pipe(), new FrameEncoder(), new MessageDecoder());
            env.decoder().feed(up.rest()); // what came right after the 101 starts the stream
            core.handle().bind(ctx.getSelf()); // before anyone can see the handle
            core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, new StatusInfo.HandleInfo(core.handle()), creator);
            creator.complete(core.handle());
            Ws ws = new Ws(core, SendState.IDLE, ClosingHandshake.OPEN, null, null, null, List.of(), false);
            armKeepAlive(env, ws);
            return open(env, ws);
        })));
    }

    // ---- states ------------------------------------------------------------------------------

    /** The one place that says which state the data make. */
    private static Behavior<Command> next(Env env, Ws ws) {
        if (ws.closeOp() != null) return closing(env, ws);
        if (ws.inboundOver()) return closed(env, ws);
        if (ws.oursSent()) return shutdown(env, ws);
        if (ws.sendPending()) return sending(env, ws);
        return open(env, ws);
    }

    private static Behavior<Command> open(Env env, Ws ws) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Send s) return send(env, ws, s);
            if (msg instanceof ShutdownSend s) return shutdownSend(env, ws, s);
            if (msg instanceof CloseSocket c) return closeSocket(env, ws, c);
            return common(env, ws, msg, "open");
        });
    }

    private static Behavior<Command> sending(Env env, Ws ws) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Send s) return invalidOperation(s.call(), "a send is pending");
            if (msg instanceof ShutdownSend s) return invalidOperation(s.call(), "a send is pending");
            if (msg instanceof CloseSocket c) return invalidOperation(c.call(), "a send is pending");
            return common(env, ws, msg, "sending");
        });
    }

    private static Behavior<Command> shutdown(Env env, Ws ws) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Send s) return invalidOperation(s.call(), "the send side is closed (webSocketShutdown)");
            if (msg instanceof ShutdownSend s) return invalidOperation(s.call(), "the send side is closed already");
            if (msg instanceof CloseSocket c) return closeSocket(env, ws, c);
            return common(env, ws, msg, "shutdown");
        });
    }

    private static Behavior<Command> closing(Env env, Ws ws) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Send s) return invalidOperation(s.call(), "a close is pending");
            if (msg instanceof ShutdownSend s) return invalidOperation(s.call(), "a close is pending");
            if (msg instanceof CloseSocket c) return invalidOperation(c.call(), "a close is pending");
            if (msg instanceof Receive r) return invalidOperation(r.call(), "a close is pending");
            return common(env, ws, msg, "closing");
        });
    }

    private static Behavior<Command> closed(Env env, Ws ws) {
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof Send s) return invalidOperation(s.call(), "the server's close came or the connection ended");
            if (msg instanceof ShutdownSend s) return invalidOperation(s.call(), "the server's close came or the connection ended");
            if (msg instanceof Receive r) return invalidOperation(r.call(), "the server's close came or the connection ended");
            if (msg instanceof CloseSocket c) {
                if (ws.peer() == null) {
                    return invalidOperation(c.call(), "the connection failed or ended without a closing handshake");
                }
                Op op = accept(ws, c.call(), WINHTTP_WEB_SOCKET_CLOSE_OPERATION);
                Ws w = ws;
                ClosingHandshake.Decision d = w.hs().ourClose(c.status());
                if (d.sendsClose()) w = write(env, w.with(d.next()), new Out(env.encoder().close(c.status(), c.reason()), null, 0, 0));
                afterDecision(env, w);
                succeed(w, op, null, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE, StatusInfo.NONE);
                return next(env, w);
            }
            return common(env, ws, msg, "closed");
        });
    }

    // ---- what every state shares ---------------------------------------------------------------

    private static Behavior<Command> common(Env env, Ws ws, Command msg, String state) {
        if (msg instanceof Receive r) {
            if (ws.recv() != null) return invalidOperation(r.call(), "a receive is pending");
            Op op = accept(ws, r.call(), WINHTTP_WEB_SOCKET_RECEIVE_OPERATION);
            return next(env, pump(env, ws.with(new Recv(op, r.buffer(), r.offset(), r.length()))));
        }
        if (msg instanceof QueryCloseStatus q) {
            if (ws.peer() == null) return invalidOperation(q.call(), "no close frame has come from the server");
            q.call().complete(new WebSocketCloseStatus(ws.peer().status(), ws.peer().reason().toArray()));
            return Behaviors.same();
        }
        if (msg instanceof Read r) return next(env, read(env, ws.reading(false), r));
        if (msg instanceof Written w) return next(env, written(env, ws, w));
        if (msg instanceof CloseTimeout) return next(env, timedOut(env, ws));
        if (msg instanceof KeepAlive) {
            if (ws.hs() != ClosingHandshake.OPEN) return Behaviors.same();
            return next(env, write(env, ws, new Out(env.encoder().ping(ByteString.emptyByteString()), null, 0, 0)));
        }
        if (msg instanceof Commands.Close c) {
            return close(env, ws, c.call(), WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "the handle was closed");
        }
        if (msg instanceof Commands.Shutdown s) {
            ws.core().handle().markClosed();
            return close(env, ws, null, s.error(), s.reason());
        }
        Behavior<Command> common = Common.handle(ws.core(), msg, c -> {
            Ws changed = ws.with(c);
            armKeepAlive(env, changed); // a new KEEPALIVE_INTERVAL counts from now
            return next(env, changed);
        });
        if (common != null) return common;
        return invalidOperation(((CallMessage) msg).call(), "not allowed while the WebSocket is " + state);
    }

    // ---- calls ---------------------------------------------------------------------------------

    private static Behavior<Command> send(Env env, Ws ws, Send s) {
        SendState.Step step;
        try {
            step = ws.sendState().send(s.bufferType());
        } catch (WinHttpException e) {
            s.call().fail(e.error(), e.getMessage());
            return Behaviors.same();
        }
        ByteString frame = env.encoder().data(step, s.buffer(), s.offset(), s.length());
        Op op = accept(ws, s.call(), WINHTTP_WEB_SOCKET_SEND_OPERATION);
        return next(env, write(env, ws.with(step.next()), new Out(frame, op, s.length(), s.bufferType())));
    }

    private static Behavior<Command> shutdownSend(Env env, Ws ws, ShutdownSend s) {
        Op op = accept(ws, s.call(), WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION);
        ClosingHandshake.Decision d = ws.hs().ourClose(s.status());
        Ws w = write(env, ws.with(d.next()), new Out(env.encoder().close(s.status(), s.reason()), op, 0, 0));
        return next(env, w);
    }

    /**
     * webSocketClose in open or shutdown: our Close if not sent yet, a pending receive cancelled,
     * then waiting (WEB_SOCKET_CLOSE_TIMEOUT at most) for the server's Close, discarding data.
     */
    private static Behavior<Command> closeSocket(Env env, Ws ws, CloseSocket c) {
        Ws w = ws;
        if (w.recv() != null) {
            fail(w, w.recv().op(), WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "cancelled by webSocketClose");
            w = w.with((Recv) null);
        }
        Op op = accept(w, c.call(), WINHTTP_WEB_SOCKET_CLOSE_OPERATION);
        ClosingHandshake.Decision d = w.hs().ourClose(c.status());
        if (d.sendsClose()) w = write(env, w.with(d.next()), new Out(env.encoder().close(c.status(), c.reason()), null, 0, 0));
        armCloseTimer(env, w);
        return next(env, pump(env, w.withClose(op)));
    }

    // ---- inbound -------------------------------------------------------------------------------

    /**
     * Takes events from the decoder while someone wants them (a receive, or a close discarding
     * data), reading the socket when the decoder has used its bytes up.
     */
    private static Ws pump(Env env, Ws ws) {
        Ws w = ws;
        while (!w.inboundOver() && (w.recv() != null || w.closeOp() != null)) {
            int max = w.recv() != null ? w.recv().length() : DISCARD_PIECE;
            Inbound e = env.decoder().next(max);
            if (e == null) return startRead(env, w);
            if (e instanceof Inbound.Data d) {
                if (w.recv() == null) continue; // webSocketClose discards data
                Recv r = w.recv();
                d.bytes().copyToArray(r.buffer(), r.offset(), d.bytes().size());
                int n = d.bytes().size();
                w = w.with((Recv) null);
                succeed(w, r.op(), new WebSocketReceiveResult(n, d.bufferType()), WINHTTP_CALLBACK_STATUS_READ_COMPLETE,
                        new StatusInfo.WebSocketStatus(n, d.bufferType()));
            } else if (e instanceof Inbound.Ping p) {
                if (!w.oursSent()) w = write(env, w, new Out(env.encoder().pong(p.payload()), null, 0, 0));
            } else if (e instanceof Inbound.Close c) {
                w = peerClosed(env, w, c);
            } else if (e instanceof Inbound.Failure f) {
                w = failConnection(env, w, f.closeStatus(), "the server broke the WebSocket protocol: " + f.detail());
            }
        }
        return afterDecision(env, w);
    }

    private static Ws peerClosed(Env env, Ws ws, Inbound.Close c) {
        ClosingHandshake.Decision d = ws.hs().peerClose();
        Ws w = ws.with(d.next()).withPeer(c);
        if (w.recv() != null) {
            Recv r = w.recv();
            w = w.with((Recv) null);
            succeed(w, r.op(), new WebSocketReceiveResult(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE),
                    WINHTTP_CALLBACK_STATUS_READ_COMPLETE, new StatusInfo.WebSocketStatus(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE));
        }
        if (w.closeOp() != null) {
            Op op = w.closeOp();
            w = w.withClose(null);
            env.timers().cancel(CloseTimeout.class);
            succeed(w, op, null, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE, StatusInfo.NONE);
        }
        return w;
    }

    /** Fails the connection: a Close with the status if ours has not gone, pending receive and close fail. */
    private static Ws failConnection(Env env, Ws ws, int status, String why) {
        ClosingHandshake.Decision d = ws.hs().fail(status, true);
        Ws w = ws.with(d.next());
        if (d.sendsClose()) w = write(env, w, new Out(env.encoder().close(d.sendClose(), null), null, 0, 0));
        return failPending(w, WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, why);
    }

    private static Ws failPending(Ws ws, WinHttpError error, String why) {
        Ws w = ws;
        if (w.recv() != null) {
            fail(w, w.recv().op(), error, why);
            w = w.with((Recv) null);
        }
        if (w.closeOp() != null) {
            fail(w, w.closeOp(), error, why);
            w = w.withClose(null);
        }
        return w;
    }

    private static Ws startRead(Env env, Ws ws) {
        if (ws.reading()) return ws;
        ActorRef<Command> self = env.self();
        env.pipe().read().whenComplete((bytes, t) -> self.tell(new Read(t == null ? bytes : Optional.empty(), t)));
        return ws.reading(true);
    }

    private static Ws read(Env env, Ws ws, Read r) {
        if (r.failure() != null || r.bytes().isEmpty()) {
            return tcpEnded(env, ws, r.failure() == null ? "the server closed the connection" : "the connection broke: " + r.failure());
        }
        if (ws.hs() == ClosingHandshake.DONE) return ws;
        armKeepAlive(env, ws);
        if (env.decoder().finished()) return afterDecision(env, ws); // waiting for the end of TCP: bytes dropped
        env.decoder().feed(r.bytes().get());
        return pump(env, ws);
    }

    private static Ws tcpEnded(Env env, Ws ws, String why) {
        Ws w = ws.with(ws.hs().tcpEnded().next());
        env.timers().cancel(CloseTimeout.class);
        env.pipe().close();
        return failPending(w, WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, why);
    }

    private static Ws timedOut(Env env, Ws ws) {
        if (ws.hs() == ClosingHandshake.DONE) return ws;
        Ws w = ws.with(ws.hs().timedOut().next());
        env.pipe().close();
        return failPending(w, WinHttpError.ERROR_WINHTTP_TIMEOUT, "no close from the server within WEB_SOCKET_CLOSE_TIMEOUT");
    }

    /** A handshake waiting for the end of TCP reads until it ends, bounded by the close timeout. */
    private static Ws afterDecision(Env env, Ws ws) {
        if (ws.hs().then() == ClosingHandshake.Then.AWAIT_TCP_END) {
            if (!env.timers().isTimerActive(CloseTimeout.class)) armCloseTimer(env, ws);
            if (env.decoder().finished() || env.decoder().needsInput()) return startRead(env, ws);
        }
        return ws;
    }

    /** While both sides are open, a Ping after WEB_SOCKET_KEEPALIVE_INTERVAL without a frame either way. */
    private static void armKeepAlive(Env env, Ws ws) {
        if (ws.hs() != ClosingHandshake.OPEN) {
            env.timers().cancel(KeepAlive.class);
            return;
        }
        long ms = Integer.toUnsignedLong(ws.core().options().dword(WINHTTP_OPTION_WEB_SOCKET_KEEPALIVE_INTERVAL));
        env.timers().startSingleTimer(KeepAlive.class, new KeepAlive(), Duration.ofMillis(ms));
    }

    private static void armCloseTimer(Env env, Ws ws) {
        int ms = ws.core().options().dword(WINHTTP_OPTION_WEB_SOCKET_CLOSE_TIMEOUT);
        if (ms > 0) env.timers().startSingleTimer(CloseTimeout.class, new CloseTimeout(), Duration.ofMillis(ms));
    }

    // ---- outbound ------------------------------------------------------------------------------

    /** Queues a frame; it goes now if nothing else is being written. */
    private static Ws write(Env env, Ws ws, Out out) {
        List<Out> queue = new ArrayList<>(ws.writes());
        queue.add(out);
        if (queue.size() == 1) startWrite(env, out);
        return ws.with(List.copyOf(queue));
    }

    private static void startWrite(Env env, Out out) {
        ActorRef<Command> self = env.self();
        env.timers().cancel(KeepAlive.class); // re-armed when written: the idle time counts from the last frame
        env.pipe().write(out.frame()).whenComplete((done, t) -> self.tell(new Written(t)));
    }

    private static Ws written(Env env, Ws ws, Written w) {
        if (ws.writes().isEmpty()) return ws; // the connection was dropped with writes queued
        Out head = ws.writes().get(0);
        List<Out> rest = ws.writes().subList(1, ws.writes().size());
        if (w.failure() != null) {
            Ws next = ws.with(List.of());
            for (Out o : ws.writes()) {
                if (o.op() != null) fail(next, o.op(), WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, "the connection broke while writing");
            }
            return tcpEnded(env, next, "the connection broke while writing");
        }
        Ws next = ws.with(List.copyOf(rest));
        if (!rest.isEmpty()) startWrite(env, rest.get(0));
        else armKeepAlive(env, next);
        if (head.op() != null) {
            if (head.op().operation() == WINHTTP_WEB_SOCKET_SEND_OPERATION) {
                succeed(next, head.op(), null, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE,
                        new StatusInfo.WebSocketStatus(head.bytes(), head.bufferType()));
            } else {
                succeed(next, head.op(), null, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE, StatusInfo.NONE);
            }
        }
        return next;
    }

    // ---- closing the handle --------------------------------------------------------------------

    /** closeHandle or shutdown: pending operations end with error (the receive's, the close's, the writes'), then HANDLE_CLOSING. */
    private static Behavior<Command> close(Env env, Ws ws, Call closer, WinHttpError error, String reason) {
        Ws w = failPending(ws, error, reason);
        for (Out o : w.writes()) if (o.op() != null) fail(w, o.op(), error, reason);
        env.timers().cancelAll();
        env.pipe().close();
        w.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(w.core().handle()), closer);
        if (closer != null) closer.complete(null);
        return Behaviors.stopped(); // the Lifeline marks the handle terminated and lets the connection go
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Accepts a call: asynchronous mode answers the caller now (null), synchronous mode at completion. */
    private static Op accept(Ws ws, Call call, int operation) {
        boolean async = ws.core().handle().async();
        if (async) call.complete(null);
        return new Op(operation, call, async);
    }

    private static void succeed(Ws ws, Op op, Object syncResult, int status, StatusInfo info) {
        if (op.async()) ws.emit(status, info, null);
        else op.call().complete(syncResult);
    }

    private static void fail(Ws ws, Op op, WinHttpError error, String detail) {
        if (op.async()) ws.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, new StatusInfo.WebSocketAsyncResult(error, op.operation()), null);
        else op.call().fail(error, detail);
    }

    private static <T> Behavior<T> invalidOperation(Call call, String why) {
        call.fail(WinHttpError.ERROR_INVALID_OPERATION, why);
        return Behaviors.same();
    }
}
