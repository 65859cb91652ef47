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
 * on. Its behaviours are the states of engine/STATES.md, chosen in one place ({@link #phaseOf})
 * from what is pending and where the closing handshake stands:
 * open → sending (a send written) → open; shutdown (our Close went: send side closed);
 * closing (webSocketClose waits for the server's Close); closed (the server's Close came, or the
 * connection failed or ended). A receive may be outstanding in open, sending and shutdown.
 * State errors are ERROR_INVALID_OPERATION, as the WinHttpWebSocketSend page says.
 *
 * <p>Each state's calls are declared once ({@link Phase}): its behaviour takes by that
 * declaration, and entering it publishes the same calls on the handle (WebSocketClaims), where
 * callers claim them with one compare-and-set, so an asynchronous call returns at once. The next
 * set is published before the completion that permits the next call.
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

    public sealed interface Command permits Send, Receive, ShutdownSend, CloseSocket,
            Written, Read, CloseTimeout, KeepAlive, Commands.SetCallback, Commands.SetOption,
            Commands.Close, Commands.Shutdown {}

    /**
     * webSocketSend, its frame built on the caller's thread (WebSocketClaims.dataFrames) from the
     * published SendState; next: the SendState it leaves; bytes: its payload's length.
     */
    public record Send(ByteString frame, SendState next, int bytes, int bufferType, Call call) implements Command, CallMessage {}

    public record Receive(byte[] buffer, int offset, int length, Call call) implements Command, CallMessage {}

    /** webSocketShutdown; status and reason checked on the caller's thread (CloseCodes.checkSendable). */
    public record ShutdownSend(int status, byte[] reason, Call call) implements Command, CallMessage {}

    /** webSocketClose; checked as ShutdownSend. */
    public record CloseSocket(int status, byte[] reason, Call call) implements Command, CallMessage {}

    /** The write of the head of the queue is done (failure null) or failed. */
    record Written(Throwable failure) implements Command {}

    /** One read of the socket: bytes, empty at its end, or its failure. */
    record Read(Optional<ByteString> bytes, Throwable failure) implements Command {}

    record CloseTimeout() implements Command {}

    /** The connection was idle for WEB_SOCKET_KEEPALIVE_INTERVAL: a Ping goes out. */
    record KeepAlive() implements Command {}

    /** What never changes: the connection and the codec driving it (used from the actor only). */
    private record Env(ActorRef<Command> self, TimerScheduler<Command> timers, SocketPipe pipe,
                       FrameEncoder encoder, MessageDecoder decoder, WebSocketClaims claims) {}

    /** An accepted call that completes later; operation is a WINHTTP_WEB_SOCKET_*_OPERATION. */
    private record Op(int operation, Call call, boolean async) {}

    /** A pending receive and where its bytes go. */
    private record Recv(Op op, byte[] buffer, int offset, int length) {}

    /** A frame to write, and the send or shutdown it completes (op null: nothing to tell). */
    private record Out(ByteString frame, Op op, int bytes, int bufferType) {}

    /**
     * The WebSocket's states as a caller sees them (engine/STATES.md): the name, what a refusal
     * says, and the calls taken (WebSocketCalls bits; options, closeHandle and the query of the
     * server's Close are taken in every state). The one declaration of both: the behaviours take
     * by it and publish it when entered.
     */
    private enum Phase {
        OPEN("open", "not allowed while the WebSocket is open",
                WebSocketCalls.SEND | WebSocketCalls.RECEIVE | WebSocketCalls.SHUTDOWN | WebSocketCalls.CLOSE),
        SENDING("sending", "a send is pending", WebSocketCalls.RECEIVE),
        SHUTDOWN("shutdown", "the send side is closed (webSocketShutdown)", WebSocketCalls.RECEIVE | WebSocketCalls.CLOSE),
        CLOSING("closing", "a close is pending", 0),
        CLOSED("closed", "the server's close came or the connection ended", WebSocketCalls.CLOSE);

        final String shown;
        final String why;
        final int calls;

        Phase(String shown, String why, int calls) {
            this.shown = shown;
            this.why = why;
            this.calls = calls;
        }
    }

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
            Ws ws = new Ws(core, SendState.IDLE, ClosingHandshake.OPEN, null, null, null, List.of(), false);
            WebSocketClaims claims = new WebSocketClaims(callsOf(ws));
            Env env = new Env(ctx.getSelf(), timers, up.pipe(), new FrameEncoder(), new MessageDecoder(), claims);
            env.decoder().feed(up.rest()); // what came right after the 101 starts the stream
            core.handle().webSocket(claims); // before anyone can see the handle
            core.handle().bind(ctx.getSelf());
            core.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CREATED, new StatusInfo.HandleInfo(core.handle()), creator);
            creator.complete(core.handle());
            armKeepAlive(env, ws);
            return open(env, ws);
        })));
    }

    // ---- states ------------------------------------------------------------------------------

    /** The one place that says which state the data make. */
    private static Phase phaseOf(Ws ws) {
        if (ws.closeOp() != null) return Phase.CLOSING;
        if (ws.inboundOver()) return Phase.CLOSED;
        if (ws.oursSent()) return Phase.SHUTDOWN;
        if (ws.sendPending()) return Phase.SENDING;
        return Phase.OPEN;
    }

    /** The calls the state takes now: its phase's, narrowed by its data (one receive at a time; no close after a failed connection). */
    private static int takes(Phase phase, Ws ws) {
        int calls = phase.calls;
        if (ws.recv() != null) calls &= ~WebSocketCalls.RECEIVE;
        if (phase == Phase.CLOSED && ws.peer() == null) calls &= ~WebSocketCalls.CLOSE;
        return calls;
    }

    private static WebSocketCalls callsOf(Ws ws) {
        Phase phase = phaseOf(ws);
        return new WebSocketCalls(phase.why, takes(phase, ws), ws.recv() != null, ws.sendState(), ws.peer(), null, null);
    }

    /** Publishes what ws takes; before every completion, so that the callback's next call sees it. */
    private static void publish(Env env, Ws ws) { env.claims().publish(callsOf(ws)); }

    private static Behavior<Command> next(Env env, Ws ws) {
        publish(env, ws);
        return switch (phaseOf(ws)) {
            case OPEN -> open(env, ws);
            case SENDING -> sending(env, ws);
            case SHUTDOWN -> shutdown(env, ws);
            case CLOSING -> closing(env, ws);
            case CLOSED -> closed(env, ws);
        };
    }

    private static Behavior<Command> open(Env env, Ws ws) {
        return in(Phase.OPEN, env, ws, msg -> {
            if (msg instanceof Send s) return send(env, ws, s);
            if (msg instanceof ShutdownSend s) return shutdownSend(env, ws, s);
            return closeSocket(env, ws, (CloseSocket) msg);
        });
    }

    private static Behavior<Command> sending(Env env, Ws ws) {
        return in(Phase.SENDING, env, ws, msg -> { throw new IllegalStateException("sending takes no send-side call: " + msg); });
    }

    private static Behavior<Command> shutdown(Env env, Ws ws) {
        return in(Phase.SHUTDOWN, env, ws, msg -> closeSocket(env, ws, (CloseSocket) msg));
    }

    private static Behavior<Command> closing(Env env, Ws ws) {
        return in(Phase.CLOSING, env, ws, msg -> { throw new IllegalStateException("closing takes no call: " + msg); });
    }

    private static Behavior<Command> closed(Env env, Ws ws) {
        return in(Phase.CLOSED, env, ws, msg -> {
            CloseSocket c = (CloseSocket) msg; // takes() lets it through only once the server's Close came
            Op op = accept(ws, c.call(), WINHTTP_WEB_SOCKET_CLOSE_OPERATION);
            Ws w = ws;
            ClosingHandshake.Decision d = w.hs().ourClose(c.status());
            if (d.sendsClose()) w = write(env, w.with(d.next()), new Out(env.encoder().close(c.status(), c.reason()), null, 0, 0));
            w = afterDecision(env, w);
            succeed(env, w, op, null, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE, StatusInfo.NONE);
            return next(env, w);
        });
    }

    /**
     * A state's behaviour: a WebSocket call is taken by its phase's declaration (a receive alike in
     * every state that takes it; the send-side calls by sendSide), refused otherwise; the rest is
     * what every state shares.
     */
    private static Behavior<Command> in(Phase phase, Env env, Ws ws, Function<Command, Behavior<Command>> sendSide) {
        return Behaviors.receiveMessage(msg -> {
            int which = callOf(msg);
            if (which == 0) return common(env, ws, msg, phase);
            Call call = ((CallMessage) msg).call();
            env.claims().consume(call); // the claimed call is here: its slot stays shut until the next publish
            if (call.answered()) return Behaviors.same(); // a receive a webSocketClose cancelled before it came
            if ((takes(phase, ws) & which) == 0) return refuse(env, ws, call, which, phase);
            if (msg instanceof Receive r) {
                Op op = accept(ws, r.call(), WINHTTP_WEB_SOCKET_RECEIVE_OPERATION);
                return next(env, pump(env, ws.with(new Recv(op, r.buffer(), r.offset(), r.length()))));
            }
            return sendSide.apply(msg);
        });
    }

    private static int callOf(Command msg) {
        if (msg instanceof Send) return WebSocketCalls.SEND;
        if (msg instanceof Receive) return WebSocketCalls.RECEIVE;
        if (msg instanceof ShutdownSend) return WebSocketCalls.SHUTDOWN;
        if (msg instanceof CloseSocket) return WebSocketCalls.CLOSE;
        return 0;
    }

    // ---- what every state shares ---------------------------------------------------------------

    private static Behavior<Command> common(Env env, Ws ws, Command msg, Phase phase) {
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
        Call call = ((CallMessage) msg).call();
        call.fail(WinHttpError.ERROR_INVALID_OPERATION, "not allowed while the WebSocket is " + phase.shown);
        return Behaviors.same();
    }

    // ---- calls ---------------------------------------------------------------------------------

    private static Behavior<Command> send(Env env, Ws ws, Send s) {
        Op op = accept(ws, s.call(), WINHTTP_WEB_SOCKET_SEND_OPERATION);
        return next(env, write(env, ws.with(s.next()), new Out(s.frame(), op, s.bytes(), s.bufferType())));
    }

    private static Behavior<Command> shutdownSend(Env env, Ws ws, ShutdownSend s) {
        Op op = accept(ws, s.call(), WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION);
        ClosingHandshake.Decision d = ws.hs().ourClose(s.status());
        Ws w = write(env, ws.with(d.next()), new Out(env.encoder().close(s.status(), s.reason()), op, 0, 0));
        return next(env, w);
    }

    /**
     * webSocketClose in open or shutdown: our Close if not sent yet, a pending receive cancelled
     * (one claimed before this close and still on its way too), then waiting
     * (WEB_SOCKET_CLOSE_TIMEOUT at most) for the server's Close, discarding data.
     */
    private static Behavior<Command> closeSocket(Env env, Ws ws, CloseSocket c) {
        Call early = env.claims().takeReceiveClaim(); // its caller counts it pending: it is cancelled, not refused
        Op op = accept(ws, c.call(), WINHTTP_WEB_SOCKET_CLOSE_OPERATION);
        Recv pending = ws.recv();
        Ws w = ws.with((Recv) null);
        ClosingHandshake.Decision d = w.hs().ourClose(c.status());
        if (d.sendsClose()) w = write(env, w.with(d.next()), new Out(env.encoder().close(c.status(), c.reason()), null, 0, 0));
        armCloseTimer(env, w);
        w = w.withClose(op); // closing is published before the receive hears it is cancelled
        if (pending != null) fail(env, w, pending.op(), WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "cancelled by webSocketClose");
        if (early != null) cancelClaimed(env, w, early, WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "cancelled by webSocketClose");
        return next(env, pump(env, w));
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
                succeed(env, w, r.op(), new WebSocketReceiveResult(n, d.bufferType()), WINHTTP_CALLBACK_STATUS_READ_COMPLETE,
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
            succeed(env, w, r.op(), new WebSocketReceiveResult(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE),
                    WINHTTP_CALLBACK_STATUS_READ_COMPLETE, new StatusInfo.WebSocketStatus(0, WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE));
        }
        if (w.closeOp() != null) {
            Op op = w.closeOp();
            w = w.withClose(null);
            env.timers().cancel(CloseTimeout.class);
            succeed(env, w, op, null, WINHTTP_CALLBACK_STATUS_CLOSE_COMPLETE, StatusInfo.NONE);
        }
        return w;
    }

    /** Fails the connection: a Close with the status if ours has not gone, pending receive and close fail. */
    private static Ws failConnection(Env env, Ws ws, int status, String why) {
        ClosingHandshake.Decision d = ws.hs().fail(status, true);
        Ws w = ws.with(d.next());
        if (d.sendsClose()) w = write(env, w, new Out(env.encoder().close(d.sendClose(), null), null, 0, 0));
        return failPending(env, w, WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, why);
    }

    /** The pending receive and close fail; ws is the state they leave (published before they are told). */
    private static Ws failPending(Env env, Ws ws, WinHttpError error, String why) {
        Ws w = ws.with((Recv) null).withClose(null);
        if (ws.recv() != null) fail(env, w, ws.recv().op(), error, why);
        if (ws.closeOp() != null) fail(env, w, ws.closeOp(), error, why);
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
        return failPending(env, w, WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, why);
    }

    private static Ws timedOut(Env env, Ws ws) {
        if (ws.hs() == ClosingHandshake.DONE) return ws;
        Ws w = ws.with(ws.hs().timedOut().next());
        env.pipe().close();
        return failPending(env, w, WinHttpError.ERROR_WINHTTP_TIMEOUT, "no close from the server within WEB_SOCKET_CLOSE_TIMEOUT");
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
            Ws ended = tcpEnded(env, ws.with(List.of()), "the connection broke while writing");
            for (Out o : ws.writes()) {
                if (o.op() != null) fail(env, ended, o.op(), WinHttpError.ERROR_WINHTTP_CONNECTION_ERROR, "the connection broke while writing");
            }
            return ended;
        }
        Ws next = ws.with(List.copyOf(rest));
        if (!rest.isEmpty()) startWrite(env, rest.get(0));
        else armKeepAlive(env, next);
        if (head.op() != null) {
            if (head.op().operation() == WINHTTP_WEB_SOCKET_SEND_OPERATION) {
                succeed(env, next, head.op(), null, WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE,
                        new StatusInfo.WebSocketStatus(head.bytes(), head.bufferType()));
            } else {
                succeed(env, next, head.op(), null, WINHTTP_CALLBACK_STATUS_SHUTDOWN_COMPLETE, StatusInfo.NONE);
            }
        }
        return next;
    }

    // ---- closing the handle --------------------------------------------------------------------

    /**
     * closeHandle or shutdown: nothing is claimable any more; pending operations end with error
     * (the receive's, the close's, the writes', then the calls claimed but not taken yet), then
     * HANDLE_CLOSING.
     */
    private static Behavior<Command> close(Env env, Ws ws, Call closer, WinHttpError error, String reason) {
        WebSocketCalls left = env.claims().shut();
        Ws w = failPending(env, ws, error, reason);
        for (Out o : w.writes()) if (o.op() != null) fail(env, w, o.op(), error, reason);
        if (left.sendClaim() != null) cancelClaimed(env, w, left.sendClaim(), error, reason);
        if (left.receiveClaim() != null) cancelClaimed(env, w, left.receiveClaim(), error, reason);
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

    /** An operation completes; what ws takes is published first. */
    private static void succeed(Env env, Ws ws, Op op, Object syncResult, int status, StatusInfo info) {
        publish(env, ws);
        if (op.async()) ws.emit(status, info, null);
        else op.call().complete(syncResult);
    }

    /** An operation fails; what ws takes is published first. */
    private static void fail(Env env, Ws ws, Op op, WinHttpError error, String detail) {
        publish(env, ws);
        if (op.async()) ws.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, new StatusInfo.WebSocketAsyncResult(error, op.operation()), null);
        else op.call().fail(error, detail);
    }

    /** A call claimed but never taken (a close came first): it ends as one pending would, once. */
    private static void cancelClaimed(Env env, Ws ws, Call call, WinHttpError error, String detail) {
        // by the handle's mode, not call.returnedAtOnce(): the caller may not have marked it yet, and returns at once all the same
        fail(env, ws, new Op(call.claimedApi, call, ws.core().handle().async()), error, detail);
        call.failIfUnanswered(error, detail); // answered now: its message, still on its way, is dropped
    }

    /**
     * A claimed call the state does not take after all: claimed against a state the actor left
     * before its message came (the connection ended meanwhile). The state's calls are published
     * again; an asynchronous caller, gone already, hears it as REQUEST_ERROR, so it is never lost.
     */
    private static Behavior<Command> refuse(Env env, Ws ws, Call call, int which, Phase phase) {
        publish(env, ws);
        String why = which == WebSocketCalls.RECEIVE && ws.recv() != null ? "a receive is pending" : phase.why;
        if (ws.core().handle().async()) {
            ws.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR,
                    new StatusInfo.WebSocketAsyncResult(WinHttpError.ERROR_INVALID_OPERATION, call.claimedApi), null);
        } else {
            call.fail(WinHttpError.ERROR_INVALID_OPERATION, why);
        }
        return Behaviors.same();
    }
}
