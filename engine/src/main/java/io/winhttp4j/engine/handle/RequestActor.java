package io.winhttp4j.engine.handle;

import io.winhttp4j.StatusInfo;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.Authenticator;
import io.winhttp4j.engine.http.ChunkedFraming;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.HeaderQuery;
import io.winhttp4j.engine.http.PathEscaper;
import io.winhttp4j.engine.http.ProxyServer;
import io.winhttp4j.engine.http.RequestDefaults;
import io.winhttp4j.engine.http.ResponseHead;
import io.winhttp4j.engine.http.ServerName;
import io.winhttp4j.engine.transport.Connection;
import io.winhttp4j.engine.transport.Exchange;
import io.winhttp4j.engine.transport.http1.ChunkEncoder;
import io.winhttp4j.engine.transport.http1.Limits;
import io.winhttp4j.engine.transport.tls.TlsFailure;
import io.winhttp4j.engine.transport.tls.TlsPolicy;
import io.winhttp4j.engine.transport.ConnectTarget;
import io.winhttp4j.engine.transport.ConnectionKey;
import io.winhttp4j.engine.transport.Failures;
import io.winhttp4j.engine.transport.Lessee;
import io.winhttp4j.engine.transport.ResponseBody;
import io.winhttp4j.engine.transport.TransportEvent;
import io.winhttp4j.engine.transport.Tunnel;
import io.winhttp4j.engine.transport.Wire;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * A request handle (WinHttpOpenRequest). Its behaviours are its states (engine/STATES.md):
 * opened → sending → sent ⇄ writing → receiving → headersAvailable ⇄ reading → endOfBody,
 * with failed after a failed exchange; a re-send starts again from headersAvailable (through
 * draining while the previous body is unread), endOfBody or failed. A call the current
 * behaviour does not take is answered with ERROR_WINHTTP_INCORRECT_HANDLE_STATE.
 */
public final class RequestActor {
    public sealed interface Command permits SendRequest, WriteData, ReceiveResponse,
            QueryDataAvailable, ReadData, AddHeaders, CompleteUpgrade, FromTransport, Renew, ServedHere, QueryAuthSchemes,
            SetCredentials, Commands.SetCallback, Commands.SetOption, Commands.Close,
            Commands.Shutdown, Unborn.Init, Unborn.Addressed {}

    public record SendRequest(List<Header> headers, byte[] optional, long totalLength, long context, Call call)
            implements Command, CallMessage {}

    public record WriteData(byte[] buffer, int offset, int length, Call call) implements Command, CallMessage {}

    public record ReceiveResponse(Call call) implements Command, CallMessage {}

    public record QueryDataAvailable(Call call) implements Command, CallMessage {}

    public record ReadData(byte[] buffer, int offset, int length, Call call) implements Command, CallMessage {}

    /** failure: a line of the text that could not be parsed; the lines before it are still applied. */
    public record AddHeaders(List<Header> headers, WinHttpException failure, int modifiers, Call call)
            implements Command, CallMessage {}

    record FromTransport(TransportEvent event) implements Command {}

    /** queryAuthSchemes: answered from the response the state holds (AuthenticationFilter, Authenticator.schemes). */
    public record QueryAuthSchemes(Call call) implements Command, CallMessage {}

    /** setCredentials, its arguments checked on the caller's thread (RequestCredentials.check); taken in every state. */
    public record SetCredentials(int target, int scheme, String user, String password, Call call) implements Command, CallMessage {
        @Override
        public String toString() {
            return "SetCredentials[target=" + target + ", scheme=0x" + Integer.toHexString(scheme) + ", credentials hidden]";
        }
    }

    /** A reader on its own thread took bytes from the hand-off (ReadsInHand): read ahead again if that is due. */
    record Renew(BodyHandOff in) implements Command {}

    /** An asynchronous read served on its caller's thread (ReadsInHand) has queued its completion: the close waiting for it goes on. */
    record ServedHere(Call call) implements Command {}

    /** webSocketCompleteUpgrade: the 101 in hand becomes a WebSocket handle (WebSocketActor.upgrade). */
    public record CompleteUpgrade(long context, Call call) implements Command, CallMessage {}

    /**
     * What never changes for the request: its connect handle's server, its version, its flags
     * (secure: opened with WINHTTP_FLAG_SECURE, which decides option rules; where a send goes is
     * Req's), its environment.
     */
    private record Env(ActorContext<Command> ctx, TimerScheduler<Command> timers, Services services,
                       ConnectActor.Server server, boolean secure, String version,
                       boolean automaticChunking, boolean refresh, Lessee lessee) {}

    /**
     * What calls and redirects may change between states: subscriber, context, options, request
     * headers; where the request goes now (dest), the name cache that serves that host (names:
     * the connect handle's for its own server, one per hop for another host, so a redirect never
     * fills the connect handle's cache with another host's addresses) and the redirects this
     * receiveResponse has followed (hops). link: the connection of the last send, once it has one.
     * auth: its credentials and authentication state (AuthenticationFilter). fromJar: the part of
     * the last send's Cookie header that came from the session's jar (RequestCookies), taken off
     * again before the next send.
     */
    private record Req(Core core, HeaderList headers, Link link, Destination dest,
                       AtomicReference<List<InetAddress>> names, int hops, AuthenticationFilter.Held auth,
                       String fromJar) {
        Req with(Core c) { return new Req(c, headers, link, dest, names, hops, auth, fromJar); }
        Req with(HeaderList h) { return new Req(core, h, link, dest, names, hops, auth, fromJar); }
        Req with(Link l) { return new Req(core, headers, l, dest, names, hops, auth, fromJar); }
        Req with(AuthenticationFilter.Held a) { return new Req(core, headers, link, dest, names, hops, a, fromJar); }
        /** A redirect moved the request: its new destination and the headers it carries there. */
        Req moved(Destination d, AtomicReference<List<InetAddress>> n, HeaderList h, int hopsNow) {
            return new Req(core, h, link, d, n, hopsNow, auth, fromJar);
        }
        /** The headers of a send, as they went out. */
        Req sent(RequestCookies.Sent s) { return new Req(core, s.headers(), link, dest, names, hops, auth, s.fromJar()); }
        /** The headers as the application left them, where the next send starts. */
        HeaderList own() { return RequestCookies.before(headers, fromJar); }
        String requestLine(String version) { return dest.verb() + " " + dest.target() + " " + version; }
        void emit(int status, StatusInfo info, Call cause) { core.emit(status, info, cause); }
        /** Shows where the request goes and its connection to queryOption (OptionAnswers), before what tells them. */
        Req shown() {
            core.handle().show(dest, link);
            return this;
        }
    }

    /**
     * The request's states as a caller sees them (engine/STATES.md): the name its errors give, and
     * the calls it takes besides the ones every state takes (options, callbacks, queries, close).
     * The one declaration of both: the behaviours accept by it (addRequestHeaders when idle) and
     * publish it on the Handle when entered (CallSet), where callers check and claim.
     */
    private enum Phase {
        OPENED("opened", CallSet.SEND | CallSet.ADD_HEADERS),
        SENDING("sending", 0),
        SENT("sent", CallSet.WRITE | CallSet.RECEIVE),
        WRITING("writing", 0),
        RECEIVING("receiving", 0),
        HEADERS_AVAILABLE("headersAvailable", CallSet.SEND | CallSet.QUERY_DATA | CallSet.READ | CallSet.UPGRADE | CallSet.ADD_HEADERS),
        READING("reading", 0),
        END_OF_BODY("endOfBody", CallSet.SEND | CallSet.QUERY_DATA | CallSet.READ | CallSet.ADD_HEADERS),
        FAILED("failed", CallSet.SEND | CallSet.ADD_HEADERS);

        final String shown;
        final int calls;

        Phase(String shown, int calls) {
            this.shown = shown;
            this.calls = calls;
        }

        boolean takes(int call) { return (calls & call) != 0; }
    }

    /**
     * One state as the handling every state shares needs it, declared once in each behaviour: its
     * phase, the response head it holds (queryHeaders' answer), the call in flight (a close cancels
     * it), what closing the state gives back, and how to go on in it with a changed Req.
     */
    private record Here(Phase phase, ResponseHead head, Op inFlight, Runnable release,
                        Function<Req, Behavior<Command>> again) {}

    /** A state entered: the calls its phase takes are published on the Handle (CallSet) before anything it emits. */
    private static Here enter(Env env, Req req, Here here) { return enter(env, req, here, 0, false, null); }

    private static Here enter(Env env, Req req, Here here, int refused, boolean framedWrites) {
        return enter(env, req, here, refused, framedWrites, null);
    }

    /** refused: calls of the phase this state's data rule out; framedWrites, body: see CallSet. */
    private static Here enter(Env env, Req req, Here here, int refused, boolean framedWrites, BodyHandOff body) {
        req.core().handle().publish(callSet(here.phase(), refused, framedWrites, here.head(), req.dest(), env.version(),
                req.headers(), body));
        req.shown();
        return here;
    }

    private static CallSet callSet(Phase phase, int refused, boolean framedWrites, ResponseHead head, Destination d,
                                   String version, HeaderList headers, BodyHandOff body) {
        return new CallSet(phase.shown, phase.calls & ~refused, framedWrites, head,
                new CallSet.RequestView(d.verb(), d.target(), version, headers), body, null);
    }

    /**
     * What a call in flight has changed so far, published before the notifications that tell it
     * (their callbacks may query it; in synchronous mode they run while the actor goes on), in a
     * set of a phase that takes no call: the request headers a send goes out with, a response head
     * from RESPONSE_RECEIVED on (a redirect's too, until its next request goes out).
     */
    private static void showing(Env env, Req req, Phase busy, ResponseHead head) {
        enter(env, req, new Here(busy, head, null, () -> { }, r -> Behaviors.same()));
    }

    /** What `sent` refuses of its phase: receiveResponse while body is owed, writeData after a framed body ended. */
    private static int sentRefuses(Send ex) {
        if (ex.toWrite() != 0) return CallSet.RECEIVE;
        return ex.framing() != null ? CallSet.WRITE : 0;
    }

    /** An accepted asynchronous-capable call: how it completes depends on the mode. */
    private record Op(int api, Call call, boolean async) {}

    /**
     * One send: its exchange on a connection and the part of the body writeData still owes (toWrite; -1 while a
     * chunked body has not ended). closes: the request carried "Connection: close" (the
     * connection closes, with notifications); reusable: nothing else forbids pooling the
     * connection afterwards (DISABLE_KEEP_ALIVE, or writeData past the declared length, whose
     * extra bytes were dropped); framing: where the caller's chunk framing stands, when it frames.
     */
    private record Send(Object token, Exchange wire, Wire.Plan plan, long toWrite, boolean closes,
                        boolean reusable, ChunkedFraming framing) {
        Connection connection() { return wire.connection(); }
        Send wrote(long n) {
            return new Send(token, wire, plan, toWrite < 0 ? -1 : Math.max(0, toWrite - n), closes,
                    reusable && (toWrite < 0 || n <= toWrite), framing);
        }
        Send framed(ChunkedFraming f) { return new Send(token, wire, plan, f.ended() ? 0 : -1, closes, reusable, f); }
        Send withNothingOwed() { return new Send(token, wire, plan, 0, closes, reusable, framing); }
    }

    /**
     * The response being read: the chunks in hand (in: read ahead up to READ_AHEAD bytes, so a
     * readData is usually answered without waiting on the stream, and a synchronous one from the
     * hand-off without a message), how much came so far, whether the end was seen, whether a pull
     * is outstanding, and a failure not yet reported (data that arrived before it is delivered first).
     */
    private record Received(ResponseHead head, int headBytes, ResponseBody body, BodyHandOff in, long delivered,
                            boolean eof, boolean pulling, Throwable failure) {
        static Received first(ResponseHead head, int headBytes, ResponseBody body, Core core) {
            BodyHandOff in = new BodyHandOff(core.notifier());
            if (body.ended()) in.markLast();
            long n = 0;
            for (ByteString c : body.initial()) {
                in.offer(c);
                n += c.size();
            }
            return new Received(head, headBytes, body, in, n, body.ended(), false, null);
        }

        /** What QueryDataAvailable reports: the rest of the first chunk, never beyond it. */
        int available() { return in.available(); }

        long buffered() { return in.inHand(); }

        boolean drained() { return eof && in.isEmpty(); }

        /** Copies up to len bytes, across chunks, and returns what is left. */
        Received copyTo(byte[] buffer, int offset, int len, int[] copied) {
            copied[0] = in.take(buffer, offset, len);
            return this;
        }

        Received discarded() {
            in.discard();
            return this;
        }

        /** The same, with the end of the body seen. */
        Received ended() { return new Received(head, headBytes, body, in, delivered, true, false, failure); }

        Received pulled() { return new Received(head, headBytes, body, in, delivered, eof, true, failure); }

        /** One pull came back: a chunk, the end (empty), or a failure; the hand-off learns the end before the last bytes. */
        Received arrived(TransportEvent.Body b) {
            if (b.failure() != null) {
                in.markLast();
                return new Received(head, headBytes, body, in, delivered, eof, false, b.failure());
            }
            if (b.chunk().isEmpty()) {
                in.markLast();
                return new Received(head, headBytes, body, in, delivered, true, false, null);
            }
            ByteString c = b.chunk().get();
            if (c.isEmpty()) return new Received(head, headBytes, body, in, delivered, eof, false, null);
            if (body.ended()) in.markLast();
            in.offer(c);
            return new Received(head, headBytes, body, in, delivered + c.size(), body.ended(), false, null);
        }
    }

    /** Bytes of response body a request reads ahead of its caller: a few chunks, whatever the body size. */
    static final long READ_AHEAD = 256 * 1024;

    /** Where a read's bytes go; null target means QueryDataAvailable. */
    private record ReadTarget(byte[] buffer, int offset, int length) {}

    /** How long a closed request waits for the end of a body it has read every byte of. */
    private static final long END_OF_BODY_GRACE_MS = 200;

    private RequestActor() {}

    /**
     * The request's actor, made on the caller's thread of openRequest (ConnectActor.openRequest),
     * which spawns it: the state `opened` is published here already, so the handle takes its
     * calls before the actor runs (their messages wait in its mailbox); HANDLE_CREATED is the
     * caller's to send.
     */
    static Behavior<Command> create(Services services, Core core, ConnectActor.Server server, ConnectActor.OpenRequest o) {
        boolean secure = (o.flags() & WINHTTP_FLAG_SECURE) != 0;
        int port = ServerName.port(server.port(), secure);
        String target = o.target();
        String url = PathEscaper.isAbsoluteUrl(target) ? target : ServerName.origin(server.host(), port, secure) + target;
        Destination dest = new Destination(o.verb(), secure, server.host(), port, target, url);
        HeaderList initial = HeaderList.EMPTY;
        if (o.acceptTypes() != null && o.acceptTypes().length > 0) {
            initial = initial.add("Accept", String.join(", ", o.acceptTypes()));
        }
        if (o.referrer() != null && !o.referrer().isEmpty()) initial = initial.add("Referer", o.referrer());
        HeaderList headers = initial;
        core.handle().publish(callSet(Phase.OPENED, 0, false, null, dest, o.version(), headers, null));
        core.handle().show(dest, null);
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> { // inside its actor's Lifeline (Unborn)
            Lessee lessee = Unborn.lessee(ctx.getSelf(), core.handle());
            Env env = new Env(ctx, timers, services, server, secure, o.version(),
                    (o.flags() & WINHTTP_FLAG_AUTOMATIC_CHUNKING) != 0, (o.flags() & WINHTTP_FLAG_REFRESH) != 0, lessee);
            return opened(env, new Req(core, headers, null, dest, server.resolved(), 0,
                    AuthenticationFilter.Held.initial(dest), null));
        }));
    }

    // ---- states ------------------------------------------------------------------------------

    private static Behavior<Command> opened(Env env, Req req) {
        Here here = enter(env, req, new Here(Phase.OPENED, null, null, () -> { }, r -> opened(env, r)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof SendRequest s) return send(env, req, s, null, null);
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> sending(Env env, Req req, Op op, Object token, Wire.Plan plan, ConnectionKey key) {
        Here here = enter(env, req, new Here(Phase.SENDING, null, op, () -> env.services().transport().abandon(key, env.lessee()),
                r -> sending(env, r, op, token, plan, key)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t) {
                TransportEvent e = t.event();
                if (e instanceof TransportEvent.Progress p) {
                    req.emit(p.status(), p.info(), op.call());
                    return Behaviors.same();
                }
                if (e instanceof TransportEvent.Leased l) return leased(env, req, op, token, plan, l);
                if (e instanceof TransportEvent.AcquireFailed f) {
                    return failBy(env, req, op, f.cause());
                }
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> sent(Env env, Req req, Send ex, Object early) {
        Here here = enter(env, req, new Here(Phase.SENT, null, null, () -> dropExchange(env, ex), r -> sent(env, r, ex, early)),
                sentRefuses(ex), ex.framing() != null);
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof WriteData w) return write(env, req, ex, early, w);
            if (msg instanceof ReceiveResponse r) {
                if (ex.toWrite() != 0) {
                    return refuse(req, r.call(), WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                            "not allowed while the handle is still owed " + describeOwed(ex) + " of request body");
                }
                Op op = accept(req, r.call(), API_RECEIVE_RESPONSE, null);
                req.emit(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, StatusInfo.NONE, op.call());
                if (early != null) return response(env, req, ex, op, early);
                armReceiveTimer(env, req, ex, true);
                return receiving(env, req, ex, op);
            }
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                Object arrived = early(env, req, null, t.event());
                return sent(env, req, ex, arrived != null ? arrived : early);
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> writing(Env env, Req req, Send ex, Object early, Op op) {
        Here here = enter(env, req, new Here(Phase.WRITING, null, op, () -> dropExchange(env, ex),
                r -> writing(env, r, ex, early, op)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                env.timers().cancel(ex.token());
                if (t.event() instanceof TransportEvent.Timeout) {
                    dropExchange(env, ex);
                    return fail(env, req, op, WinHttpError.ERROR_WINHTTP_TIMEOUT, "the server took no data within the send timeout");
                }
                if (t.event() instanceof TransportEvent.Written w) {
                    if (w.failure() != null) {
                        dropExchange(env, ex);
                        return failBy(env, req, op, w.failure());
                    }
                    Behavior<Command> next = sent(env, req, ex, early); // its calls are published before the completion
                    succeed(req, op, w.bytes(), WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE, new StatusInfo.ByteCount(w.bytes()));
                    return next;
                }
                Object arrived = early(env, req, op, t.event());
                return writing(env, req, ex, arrived != null ? arrived : early, op);
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> receiving(Env env, Req req, Send ex, Op op) {
        Here here = enter(env, req, new Here(Phase.RECEIVING, null, op, () -> dropExchange(env, ex), r -> receiving(env, r, ex, op)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                env.timers().cancel(ex.token());
                if (t.event() instanceof TransportEvent.Timeout) {
                    dropExchange(env, ex);
                    return fail(env, req, op, WinHttpError.ERROR_WINHTTP_TIMEOUT, "no response within the receive timeout");
                }
                Object arrived = early(env, req, op, t.event());
                if (arrived != null) return response(env, req, ex, op, arrived);
                return Behaviors.same();
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> headersAvailable(Env env, Req req, Send ex, Received rcv) {
        Here here = enter(env, req, new Here(Phase.HEADERS_AVAILABLE, rcv.head(), null, () -> dropResponse(env, ex, rcv),
                r -> headersAvailable(env, r, ex, rcv)), 0, false, rcv.in());
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof QueryDataAvailable q) {
                return read(env, req, ex, rcv, accept(req, q.call(), API_QUERY_DATA_AVAILABLE, WinHttp.PENDING), null);
            }
            if (msg instanceof ReadData r) {
                Op op = accept(req, r.call(), API_READ_DATA, WinHttp.PENDING);
                return read(env, req, ex, rcv, op, new ReadTarget(r.buffer(), r.offset(), r.length()));
            }
            if (msg instanceof SendRequest s) return send(env, req, s, ex, rcv);
            if (msg instanceof CompleteUpgrade u) {
                // the connection is the WebSocket's now: the request keeps its response, not the connection
                Exchange.Upgrade taken = ex.wire().takeOver(rcv.body());
                WinHttpException refused = WebSocketActor.refusal(rcv.head(), req.headers(), taken);
                if (refused != null) return refuse(req, u.call(), refused.error(), refused.getMessage());
                Behavior<Command> next = endOfBody(env, req, rcv.head()); // published before the WebSocket answers
                WebSocketActor.upgrade(env.services(), req.core(), ex.connection(), taken, u);
                return next;
            }
            if (msg instanceof FromTransport t && isFor(t, ex) && t.event() instanceof TransportEvent.Body b) {
                return headersAvailable(env, req, ex, readAhead(env, ex, rcv.arrived(b)));
            }
            if (msg instanceof Renew n && n.in() == rcv.in()) {
                n.in().renewed();
                Received more = readAhead(env, ex, rcv);
                return more == rcv ? Behaviors.same() : headersAvailable(env, req, ex, more);
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> reading(Env env, Req req, Send ex, Received rcv, Op op, ReadTarget target) {
        Here here = enter(env, req, new Here(Phase.READING, rcv.head(), op, () -> dropResponse(env, ex, rcv),
                r -> reading(env, r, ex, rcv, op, target)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                env.timers().cancel(ex.token());
                TransportEvent e = t.event();
                if (e instanceof TransportEvent.Timeout) {
                    dropResponse(env, ex, rcv);
                    return fail(env, req, op, WinHttpError.ERROR_WINHTTP_TIMEOUT, "no data within the receive timeout");
                }
                if (e instanceof TransportEvent.Body b) return read(env, req, ex, rcv.arrived(b), op, target);
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> endOfBody(Env env, Req req, ResponseHead head) {
        Here here = enter(env, req, new Here(Phase.END_OF_BODY, head, null, () -> { }, r -> endOfBody(env, r, head)),
                0, false, BodyHandOff.ENDED);
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof QueryDataAvailable q) {
                Op op = accept(req, q.call(), API_QUERY_DATA_AVAILABLE, WinHttp.PENDING);
                Behavior<Command> next = endOfBody(env, req, head); // takes the next call before the completion
                succeed(req, op, 0, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, new StatusInfo.ByteCount(0));
                return next;
            }
            if (msg instanceof ReadData r) {
                Op op = accept(req, r.call(), API_READ_DATA, WinHttp.PENDING);
                Behavior<Command> next = endOfBody(env, req, head);
                succeed(req, op, 0, WINHTTP_CALLBACK_STATUS_READ_COMPLETE, new StatusInfo.ReadComplete(r.buffer(), r.offset(), 0));
                return next;
            }
            if (msg instanceof SendRequest s) return send(env, req, s, null, null);
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> failed(Env env, Req req) {
        Here here = enter(env, req, new Here(Phase.FAILED, null, null, () -> { }, r -> failed(env, r)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof SendRequest s) return send(env, req, s, null, null);
            return fallback(env, req, msg, here);
        });
    }

    // ---- transitions ---------------------------------------------------------------------------

    /**
     * sendRequest: the request headers as they will go out (stored headers, WinHTTP's defaults,
     * then the call's headers), the body plan, then a connection. Rejected arguments change
     * nothing. A previous exchange still holding its connection (from headersAvailable) is
     * drained first, even when nothing of its body is left to read.
     */
    private static Behavior<Command> send(Env env, Req req, SendRequest s, Send previous, Received unread) {
        OptionValues o = req.core().options();
        byte[] optional = s.optional() == null ? new byte[0] : s.optional();
        Destination d = req.dest();
        RequestDefaults.Result defaults = RequestDefaults.apply(req.auth().strip(req.own()), s.headers(),
                facts(env, req, d, s.totalLength(), optional.length, env.automaticChunking()));
        boolean upgrade = o.isSet(WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET);
        HeaderList given = upgrade ? WebSocketActor.upgradeHeaders(defaults.headers()) : defaults.headers();
        AuthenticationFilter.Sending auth;
        RequestCookies.Sent sent;
        Wire.Plan plan;
        try {
            ProxyServer via = ProxyChoice.of(o, d);
            auth = AuthenticationFilter.forSend(req.auth(), given, AuthenticationFilter.Current.sending(d, via, null));
            sent = SendHeaders.finish(env.server().session(), o, d, auth.headers());
            plan = Wire.plan(d.verb(), ProxyChoice.requestTarget(via, d), env.version(), ProxyChoice.sentHeaders(via, d, sent.headers()),
                    optional, s.totalLength(), defaults.engineFramesChunks());
        } catch (WinHttpException e) {
            return refuse(req, s.call(), e.error(), e.getMessage()); // rejected arguments change nothing
        }
        HeaderList headers = sent.headers();
        Core core = s.context() != 0 ? req.core().withContext(s.context()) : req.core();
        Req next = new Req(core, headers, null, d, req.names(), 0, auth.held(), sent.fromJar()); // each send may follow its own redirects
        Op op = accept(next, s.call(), API_SEND_REQUEST, null);
        AuthenticationFilter.warnIfCleartext(auth.cleartext(), env.server().session(), d);
        if (upgrade && o.dword(WINHTTP_OPTION_WEB_SOCKET_SEND_BUFFER_SIZE) < WebSocketActor.MIN_SEND_BUFFER) {
            if (previous != null) dropResponse(env, previous, unread);
            return fail(env, next, op, WinHttpError.ERROR_NOT_ENOUGH_MEMORY, "WEB_SOCKET_SEND_BUFFER_SIZE is below 16");
        }
        Object token = new Object();
        if (previous != null) { // whatever was read of it: its connection must be reused or given back
            long limit = Integer.toUnsignedLong(o.dword(WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE));
            return drain(env, next, op, token, plan, previous, unread, limit);
        }
        return acquire(env, next, op, token, plan);
    }

    /** What WinHTTP's default request headers depend on, for a send to d (RequestDefaults, the one rule). */
    private static RequestDefaults.Facts facts(Env env, Req req, Destination d, long totalLength, int optionalLength,
                                               boolean automaticChunking) {
        return new RequestDefaults.Facts(env.server().session().agent, d.host(), d.port(), d.secure(), d.verb(),
                totalLength, optionalLength, !keepAliveDisabled(req), env.refresh(), automaticChunking);
    }

    /**
     * Asks for a connection. An idle one is taken without the hop through the pool, unless the
     * session has a MAX_CONNS_PER_SERVER limit, which the pool counts. A throw on the way is this
     * request's failure.
     */
    private static Behavior<Command> acquire(Env env, Req req, Op op, Object token, Wire.Plan plan) {
        var transport = env.services().transport();
        ConnectionKey key;
        Connection idle;
        try {
            ConnectTarget target = target(env, req);
            key = target.key();
            idle = target.limited() ? null : transport.tryLeaseIdle(key);
            if (idle == null) transport.acquire(target, env.lessee());
        } catch (RuntimeException e) {
            return failBy(env, req, op, e);
        }
        if (idle != null) return leased(env, req, op, token, plan, new TransportEvent.Leased(idle, false, null));
        return sending(env, req, op, token, plan, key);
    }

    /**
     * Reads and discards what is left of the previous response so its connection can be reused,
     * up to MAX_RESPONSE_DRAIN_SIZE (then ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW), then sends.
     */
    private static Behavior<Command> drain(Env env, Req req, Op op, Object token, Wire.Plan plan, Send ex,
                                           Received rcv, long budget) {
        long left = budget - rcv.buffered();
        if (left < 0) {
            return drainFailed(env, req, op, token, plan, ex, rcv, WinHttpError.ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW,
                    "the unread response body is larger than MAX_RESPONSE_DRAIN_SIZE");
        }
        if (rcv.eof()) {
            Received done = rcv.discarded();
            if (mayPool(ex, done) && ex.connection().isOpen() && ex.connection().key().equals(key(env, req))) {
                // The re-send keeps the connection, as connection-based authentication needs;
                // a redirect to another server, or a change of TLS options, takes another one.
                return leased(env, req, op, token, plan, new TransportEvent.Leased(ex.connection(), false, null));
            }
            giveBack(env, ex, done);
            return acquire(env, req, op, token, plan);
        }
        if (rcv.failure() != null) {
            return drainFailed(env, req, op, token, plan, ex, rcv, Failures.map(rcv.failure()), Failures.describe(rcv.failure()));
        }
        Received discarded = readAhead(env, ex, rcv.discarded());
        armReceiveTimer(env, req, ex, false);
        return draining(env, req, op, token, plan, ex, discarded, left);
    }

    /**
     * Waiting for more of the previous body, RECEIVE_TIMEOUT at most. It counts as `sending`:
     * options, callbacks and context changed meanwhile apply to the send that follows.
     */
    private static Behavior<Command> draining(Env env, Req req, Op op, Object token, Wire.Plan plan, Send ex,
                                              Received rcv, long left) {
        Here here = enter(env, req, new Here(Phase.SENDING, null, op, () -> dropResponse(env, ex, rcv),
                r -> draining(env, r, op, token, plan, ex, rcv, left)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                env.timers().cancel(ex.token());
                if (t.event() instanceof TransportEvent.Timeout) {
                    return drainFailed(env, req, op, token, plan, ex, rcv, WinHttpError.ERROR_WINHTTP_TIMEOUT,
                            "the previous response's body stalled while it was drained for the re-send");
                }
                if (t.event() instanceof TransportEvent.Body b) return drain(env, req, op, token, plan, ex, rcv.arrived(b), left);
            }
            return fallback(env, req, msg, here);
        });
    }

    /**
     * The drain did not get to the end: the old connection is dropped and the re-send fails. A
     * redirect's body (receiveResponse in flight) is only given up with its connection: the
     * next request goes on another one.
     */
    private static Behavior<Command> drainFailed(Env env, Req req, Op op, Object token, Wire.Plan plan, Send ex, Received rcv,
                                                 WinHttpError error, String detail) {
        dropResponse(env, ex, rcv);
        if (op.api() == API_RECEIVE_RESPONSE) return acquire(env, req, op, token, plan);
        return fail(env, req, op, error, detail);
    }

    /**
     * A connection is the request's: the head and optional data go out, and the response is read
     * from now on (a server may answer early). SENDREQUEST_COMPLETE waits until the socket took
     * them (sendingHead).
     */
    private static Behavior<Command> leased(Env env, Req req, Op op, Object token, Wire.Plan plan, TransportEvent.Leased l) {
        Connection c = l.connection();
        showing(env, req, Phase.SENDING, null); // a pooled connection comes without a state of its own
        if (l.fresh()) req.emit(WINHTTP_CALLBACK_STATUS_CONNECTED_TO_SERVER, new StatusInfo.ServerAddress(l.ip()), op.call());
        req.emit(WINHTTP_CALLBACK_STATUS_SENDING_REQUEST, StatusInfo.NONE, op.call());
        boolean closes = req.headers().hasToken("Connection", "close");
        Limits limits = Limits.withMaxResponseHeaderSize(req.core().options().dword(WINHTTP_OPTION_MAX_RESPONSE_HEADER_SIZE));
        Send ex;
        try {
            Exchange.Retry retry = new Exchange.Retry(env.services().transport(), target(env, req), !l.fresh());
            Tunnel.Request tunnel = c.key().tunnel() ? Tunnel.request(req.dest().host(), req.dest().port(),
                    req.headers().get("User-Agent", 0), Tunnel.forProxy(req.headers())) : null;
            ex = new Send(token, Exchange.start(c, plan, req.dest().verb(), limits, token, env.lessee(), retry, tunnel), plan, plan.toWrite(),
                    closes, !keepAliveDisabled(req), plan.callerFrames() ? ChunkedFraming.START : null);
        } catch (RuntimeException e) {
            env.services().transport().release(c, false);
            return failBy(env, req, op, e);
        }
        armTimer(env, ex, req.core().options().dword(WINHTTP_OPTION_SEND_TIMEOUT));
        return sendingHead(env, req, op, ex, null);
    }

    /** The head and optional data are on their way to the socket; a response may already come. */
    private static Behavior<Command> sendingHead(Env env, Req req, Op op, Send ex, Object early) {
        Here here = enter(env, req, new Here(Phase.SENDING, null, op, () -> dropExchange(env, ex),
                r -> sendingHead(env, r, op, ex, early)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex)) {
                TransportEvent e = t.event();
                if (e instanceof TransportEvent.Sent sent) {
                    env.timers().cancel(ex.token());
                    if (sent.failure() != null) {
                        dropExchange(env, ex);
                        return failBy(env, req, op, sent.failure());
                    }
                    Req linked = req.with(Link.of(ex.connection())).shown(); // CONNECTION_INFO from REQUEST_SENT on
                    linked.emit(WINHTTP_CALLBACK_STATUS_REQUEST_SENT, new StatusInfo.ByteCount(sent.bytes()), op.call());
                    if (op.api() == API_RECEIVE_RESPONSE) {
                        // a redirect's request, all of whose body went with it: no SENDREQUEST_COMPLETE (CONFORMANCE 2.3)
                        linked.emit(WINHTTP_CALLBACK_STATUS_RECEIVING_RESPONSE, StatusInfo.NONE, op.call());
                        if (early != null) return response(env, linked, ex, op, early);
                        armReceiveTimer(env, linked, ex, true);
                        return receiving(env, linked, ex, op);
                    }
                    Behavior<Command> next = sent(env, linked, ex, early);
                    succeed(linked, op, null, WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE, StatusInfo.NONE);
                    return next;
                }
                if (e instanceof TransportEvent.Timeout) {
                    dropExchange(env, ex);
                    return fail(env, req, op, WinHttpError.ERROR_WINHTTP_TIMEOUT, "the server took no request within the send timeout");
                }
                Object arrived = early(env, req, op, e);
                return sendingHead(env, req, op, ex, arrived != null ? arrived : early);
            }
            return fallback(env, req, msg, here);
        });
    }

    private static Behavior<Command> write(Env env, Req req, Send ex, Object early, WriteData w) {
        if (ex.toWrite() == 0 && ex.framing() != null) {
            return refuse(req, w.call(), WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE,
                    "not allowed while the handle is sent: the chunked body has ended");
        }
        Send next;
        ByteString bytes;
        if (ex.framing() != null) {
            // the application frames the chunks: its framing is checked, then goes out as written
            ChunkedFraming.Step step;
            try {
                step = ex.framing().feed(w.buffer(), w.offset(), w.length());
            } catch (WinHttpException e) {
                return refuse(req, w.call(), e.error(), e.getMessage());
            }
            bytes = ByteString.fromArray(w.buffer(), w.offset(), w.length());
            next = ex.framed(step.next());
        } else if (ex.plan().engineFrames()) {
            // AUTOMATIC_CHUNKING: each write is one chunk and a zero-length write ends the body
            bytes = w.length() == 0 ? ChunkEncoder.LAST_CHUNK : ChunkEncoder.chunk(w.buffer(), w.offset(), w.length());
            next = w.length() == 0 ? ex.withNothingOwed() : ex.wrote(w.length());
        } else {
            // A declared length: like Windows, writes past it succeed; the extra bytes are dropped
            // (on the wire they would be read as the next request) and the connection is not reused.
            int send = (int) Math.min(w.length(), ex.toWrite());
            bytes = ByteString.fromArray(w.buffer(), w.offset(), send);
            next = ex.wrote(w.length());
        }
        Op op = accept(req, w.call(), API_WRITE_DATA, WinHttp.PENDING);
        Object token = ex.token();
        int n = w.length();
        CompletionStage<?> written = bytes.isEmpty() ? CompletableFuture.completedFuture(null) : ex.wire().write(bytes);
        written.whenComplete((r, t) -> env.lessee().tell(new TransportEvent.Written(token, n, t)));
        armTimer(env, ex, req.core().options().dword(WINHTTP_OPTION_SEND_TIMEOUT));
        return writing(env, req, next, early, op);
    }

    /** A response head (or its failure) has reached a request waiting in receiveResponse. */
    private static Behavior<Command> response(Env env, Req req, Send ex, Op op, Object early) {
        if (early instanceof Received rcv) {
            RequestCookies.store(env.server().session().cookies, req.core().options(), req.dest(), rcv.head().headers());
            Req linked = req.with(Link.of(ex.connection())); // the handshake is surely done by now
            showing(env, linked, Phase.RECEIVING, rcv.head()); // RESPONSE_RECEIVED's callback may query it
            linked.emit(WINHTTP_CALLBACK_STATUS_RESPONSE_RECEIVED, new StatusInfo.ByteCount(rcv.headBytes()), op.call());
            RedirectFilter.Outcome next = RedirectFilter.decide(rcv.head().status(), rcv.head().headers(),
                    new RedirectFilter.Current(linked.dest(), ex.plan().toWrite() != 0, linked.hops()),
                    RedirectFilter.Rules.of(linked.core().options()));
            if (next instanceof RedirectFilter.Follow f) return follow(env, linked, ex, rcv, op, f);
            if (next instanceof RedirectFilter.Refuse r) {
                dropResponse(env, ex, rcv);
                return fail(env, linked, op, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED, r.reason());
            }
            if (next instanceof RedirectFilter.Resend r) {
                // The application sends the body again, to where the redirect points (OPTION_URL tells it).
                dropResponse(env, ex, rcv);
                Req moved = linked.moved(r.next(), names(env, r.next()),
                        RedirectFilter.carried(linked.headers(), linked.dest(), r.next(), true, sameProxy(linked, ex, r.next())), 0);
                return fail(env, moved, op, WinHttpError.ERROR_WINHTTP_RESEND_REQUEST, rcv.head().status()
                        + " to " + r.next().url() + ": the body written with writeData must be sent again there");
            }
            // the body as it could go again (null: written with writeData); copied only for a challenge,
            // the one response the filter may answer (a copy per response cost a POST its body's size)
            boolean challenge = AuthenticationFilter.isChallenge(rcv.head().status());
            byte[] again = ex.plan().toWrite() != 0 || !challenge ? null : ex.plan().optional().toArray();
            AuthenticationFilter.Outcome auth = AuthenticationFilter.decide(rcv.head(), linked.headers(),
                    AuthenticationFilter.Current.answered(linked.dest(), ex.connection().key().proxy(), ex.wire().proxyAnswered(), again),
                    linked.auth(),
                    AuthenticationFilter.Rules.of(linked.core().options()));
            if (auth instanceof AuthenticationFilter.Answer a) return reauthenticate(env, linked, ex, rcv, op, a);
            if (auth instanceof AuthenticationFilter.Resend r) {
                dropResponse(env, ex, rcv);
                return fail(env, linked.with(r.held()), op, WinHttpError.ERROR_WINHTTP_RESEND_REQUEST, r.reason());
            }
            if (auth instanceof AuthenticationFilter.Fail f) {
                dropResponse(env, ex, rcv);
                return fail(env, linked, op, f.error().error(), f.error().getMessage());
            }
            Req delivered = linked.with(((AuthenticationFilter.Deliver) auth).held());
            rcv.in().holdCallers(true); // no read served on a caller's thread comes before HEADERS_AVAILABLE
            Behavior<Command> available = headersAvailable(env, delivered, ex, readAhead(env, ex, rcv));
            succeed(delivered, op, null, WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE, StatusInfo.NONE);
            rcv.in().holdCallers(false);
            return available;
        }
        dropExchange(env, ex);
        Throwable t = (Throwable) early;
        return failBy(env, req, op, t);
    }

    /**
     * A redirect the filter follows, inside receiveResponse: REDIRECT with the new absolute URL,
     * then the next request goes out as a re-send does (the redirect's body drained so its
     * connection can serve the next request when it goes to the same server), with the request's
     * own notifications; its response comes back to response() with one hop more.
     */
    private static Behavior<Command> follow(Env env, Req req, Send ex, Received rcv, Op op, RedirectFilter.Follow f) {
        Destination to = f.next();
        byte[] body = f.keepsBody() ? ex.plan().optional().toArray() : new byte[0];
        HeaderList carried = RedirectFilter.carried(req.own(), req.dest(), to, f.keepsBody(), sameProxy(req, ex, to));
        Req moved = req.moved(to, names(env, to), carried, req.hops() + 1).shown(); // OPTION_URL from REDIRECT on
        req.emit(WINHTTP_CALLBACK_STATUS_REDIRECT, new StatusInfo.Url(to.url()), op.call());
        RequestDefaults.Result defaults = RequestDefaults.apply(carried, List.of(), facts(env, moved, to, body.length, body.length, false));
        RequestCookies.Sent sent = SendHeaders.finish(env.server().session(), moved.core().options(), to, defaults.headers());
        Wire.Plan plan;
        try {
            ProxyServer via = ProxyChoice.of(moved.core().options(), to);
            plan = Wire.plan(to.verb(), ProxyChoice.requestTarget(via, to), env.version(),
                    ProxyChoice.sentHeaders(via, to, sent.headers()), body, body.length, false);
        } catch (WinHttpException e) {
            dropResponse(env, ex, rcv);
            return fail(env, req, op, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED, "the request to " + to.url()
                    + " cannot be made: " + e.getMessage());
        }
        Req next = moved.sent(sent);
        long limit = Integer.toUnsignedLong(next.core().options().dword(WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE));
        return drain(env, next, op, new Object(), plan, ex, rcv, limit);
    }

    /**
     * A 401/407 the filter answers, inside receiveResponse: the same request goes again with the
     * answer (and the optional data), as a redirect's request does: the challenge's body drained
     * so its connection can carry the answer, no SENDREQUEST_COMPLETE; its response comes back to
     * response().
     */
    private static Behavior<Command> reauthenticate(Env env, Req req, Send ex, Received rcv, Op op,
                                                    AuthenticationFilter.Answer a) {
        Destination d = req.dest();
        byte[] body = ex.plan().optional().toArray();
        // the jar may have changed with the challenge's Set-Cookie: its cookies are taken again
        RequestCookies.Sent sent = SendHeaders.finish(env.server().session(), req.core().options(), d,
                RequestCookies.before(a.headers(), req.fromJar()));
        Wire.Plan plan;
        try {
            ProxyServer via = ProxyChoice.of(req.core().options(), d);
            plan = Wire.plan(d.verb(), ProxyChoice.requestTarget(via, d), env.version(),
                    ProxyChoice.sentHeaders(via, d, sent.headers()), body, body.length, false);
        } catch (WinHttpException e) {
            dropResponse(env, ex, rcv);
            return fail(env, req, op, e.error(), e.getMessage());
        }
        Req next = req.sent(sent).with(a.held());
        AuthenticationFilter.warnIfCleartext(a.cleartext(), env.server().session(), d);
        long limit = Integer.toUnsignedLong(next.core().options().dword(WINHTTP_OPTION_MAX_RESPONSE_DRAIN_SIZE));
        return drain(env, next, op, new Object(), plan, ex, rcv, limit);
    }

    /** Whether a hop to {@code to} goes through the proxy the last request went through (the proxy's credentials stay). */
    private static boolean sameProxy(Req req, Send ex, Destination to) {
        ProxyServer was = ex.connection().key().proxy();
        try {
            return was != null && was.equals(ProxyChoice.of(req.core().options(), to));
        } catch (WinHttpException e) {
            return false; // the hop's own plan fails it with the reason
        }
    }

    /** The name cache for a destination: the connect handle's for its own server, a new one for another host. */
    private static AtomicReference<List<InetAddress>> names(Env env, Destination d) {
        return d.host().equalsIgnoreCase(env.server().host()) ? env.server().resolved() : new AtomicReference<>();
    }

    /** Serves a QueryDataAvailable (target null) or ReadData from the data in hand, or waits for data. */
    private static Behavior<Command> read(Env env, Req req, Send ex, Received rcv, Op op, ReadTarget target) {
        if (rcv.in().isEmpty() && !rcv.eof()) {
            if (rcv.failure() != null) {
                dropResponse(env, ex, rcv);
                return failBy(env, req, op, rcv.failure());
            }
            Received waiting = readAhead(env, ex, rcv);
            armReceiveTimer(env, req, ex, false);
            return reading(env, req, ex, waiting, op, target);
        }
        Received next = rcv;
        int n;
        if (target == null) {
            n = rcv.available();
        } else {
            int[] copied = new int[1];
            next = rcv.copyTo(target.buffer(), target.offset(), target.length(), copied);
            n = copied[0];
        }
        Runnable done = target == null
                ? () -> succeed(req, op, n, WINHTTP_CALLBACK_STATUS_DATA_AVAILABLE, new StatusInfo.ByteCount(n))
                : () -> succeed(req, op, n, WINHTTP_CALLBACK_STATUS_READ_COMPLETE,
                        new StatusInfo.ReadComplete(target.buffer(), target.offset(), n));
        if (next.drained() && ex.closes()) {
            // the request asked for the close: the read that ends the body reports it, once the
            // socket has really closed (CONFORMANCE 2.0 rule 10)
            req.emit(WINHTTP_CALLBACK_STATUS_CLOSING_CONNECTION, StatusInfo.NONE, op.call());
            ex.wire().tellWhenClosed();
            giveBack(env, ex, next);
            return closingConnection(env, req, ex, next.head(), op, done);
        }
        if (next.drained()) giveBack(env, ex, next);
        next.in().holdCallers(true); // nor before this read's completion
        Behavior<Command> state = next.drained() ? endOfBody(env, req, next.head()) : headersAvailable(env, req, ex, readAhead(env, ex, next));
        done.run();
        next.in().holdCallers(false);
        return state;
    }

    /** The read that ended the body waits for the connection it closed to be closed. */
    private static Behavior<Command> closingConnection(Env env, Req req, Send ex, ResponseHead head, Op op, Runnable done) {
        Here here = enter(env, req, new Here(Phase.READING, head, op, () -> { }, r -> closingConnection(env, r, ex, head, op, done)));
        return Behaviors.receiveMessage(msg -> {
            if (msg instanceof FromTransport t && isFor(t, ex) && t.event() instanceof TransportEvent.Closed) {
                req.emit(WINHTTP_CALLBACK_STATUS_CONNECTION_CLOSED, StatusInfo.NONE, op.call());
                Behavior<Command> next = endOfBody(env, req, head);
                done.run();
                return next;
            }
            return fallback(env, req, msg, here);
        });
    }

    /** Keeps one pull outstanding while less than READ_AHEAD is in hand and the body goes on. */
    private static Received readAhead(Env env, Send ex, Received rcv) {
        if (rcv.eof() || rcv.pulling() || rcv.failure() != null || rcv.buffered() >= READ_AHEAD) return rcv;
        Object token = ex.token();
        rcv.body().pull().whenComplete((c, t) -> env.lessee().tell(new TransportEvent.Body(token, c, t)));
        return rcv.pulled();
    }


    /**
     * The one rule for whether an exchange's connection may go back to the pool: its response was
     * read off the connection to the end, without a failure, and consumed (read by the caller, or
     * discarded by a re-send's drain: bytes still in hand when the handle closes count as unread,
     * CONFORMANCE 5.8); and nothing asks for the close: the response (Connection: close, HTTP/1.0
     * without keep-alive), the request (Connection: close) or the exchange (DISABLE_KEEP_ALIVE,
     * writes past the declared length). rcv null: the response was not read at all.
     */
    private static boolean mayPool(Send ex, Received rcv) {
        if (rcv == null || !rcv.drained() || rcv.failure() != null || !ex.reusable() || ex.closes()) return false;
        // read to its end: nothing left over; the end only assumed (a drop that waits for it): the head allows it
        return rcv.body().ended() ? rcv.body().poolable() : rcv.body().reusableAfterEnd();
    }

    /** Gives the exchange's connection back: to the pool if the rule allows, else it is closed. */
    private static void giveBack(Env env, Send ex, Received rcv) {
        env.services().transport().release(ex.connection(), mayPool(ex, rcv));
    }

    // ---- the fallback every state shares -------------------------------------------------------

    /**
     * Everything a state does not handle itself: options and callbacks, request-header queries,
     * response-header queries (when a head is here), addRequestHeaders (when idle), close,
     * shutdown, stale transport events, and the wrong-state answer for the rest.
     */
    private static Behavior<Command> fallback(Env env, Req req, Command msg, Here here) {
        if (msg instanceof QueryAuthSchemes q) {
            try {
                q.call().complete(Authenticator.schemes(here.head())); // null head: ERROR_INVALID_OPERATION
            } catch (WinHttpException e) {
                q.call().fail(e.error(), e.getMessage());
            }
            return Behaviors.same();
        }
        if (msg instanceof SetCredentials c) {
            Behavior<Command> next = here.again().apply(req.with(req.auth().withCredentials(c.target(), c.scheme(), c.user(), c.password())));
            c.call().complete(null);
            return next;
        }
        if (Options.refusedInState(msg, env.secure())) return Behaviors.same();
        if (msg instanceof AddHeaders a) {
            if (!here.phase().takes(CallSet.ADD_HEADERS)) return Common.wrongState(a.call(), here.phase().shown);
            HeaderList headers = req.headers();
            WinHttpException failure = null;
            try {
                for (Header h : a.headers()) headers = headers.apply(h, a.modifiers());
                if (a.failure() != null) throw a.failure();
            } catch (WinHttpException e) {
                failure = e; // headers before the failing one stay added
            }
            Behavior<Command> next = here.again().apply(req.with(headers)); // queryable once the caller returns
            if (failure == null) a.call().complete(null); else a.call().fail(failure.error(), failure.getMessage());
            return next;
        }
        if (msg instanceof Commands.Close c) {
            return close(env, req, here.inFlight(), here.release(), c.call(), WinHttpError.ERROR_WINHTTP_OPERATION_CANCELLED, "the handle was closed");
        }
        if (msg instanceof Commands.Shutdown s) {
            req.core().handle().markClosed();
            return close(env, req, here.inFlight(), here.release(), null, s.error(), s.reason());
        }
        if (msg instanceof FromTransport t && t.event() instanceof TransportEvent.Progress p) {
            // a send going once more on a new connection: its connection notifications are the request's
            req.emit(p.status(), p.info(), here.inFlight() != null ? here.inFlight().call() : null);
            return Behaviors.same();
        }
        if (msg instanceof Renew n) { // the read it asked for went on meanwhile
            n.in().renewed();
            return Behaviors.same();
        }
        if (msg instanceof FromTransport t) {
            // A lease for a send that was given up: the connection is unused, so it goes back.
            if (t.event() instanceof TransportEvent.Leased l) env.services().transport().release(l.connection(), true);
            return Behaviors.same();
        }
        Behavior<Command> common = Common.handle(req.core(), msg, c -> here.again().apply(req.with(c)));
        if (common != null) return common;
        Call call = ((CallMessage) msg).call();
        if (call.claimed) { // the published set took it: a state that drifted from its Phase
            return refuse(req, call, WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, "not allowed while the handle is " + here.phase().shown);
        }
        return Common.wrongState(call, here.phase().shown);
    }

    /** closeHandle or shutdown: the operation in flight ends with error, then HANDLE_CLOSING; the parent sees the stop. */
    private static Behavior<Command> close(Env env, Req req, Op inFlight, Runnable release, Call closer,
                                           WinHttpError error, String reason) {
        Call claimed = req.core().handle().shut(); // no call is claimed after this; one claimed, not yet here, is cancelled
        Call.AtClose fate = claimed == null ? Call.AtClose.DONE : claimed.atClose();
        if (fate == Call.AtClose.AWAIT) { // its caller is serving it (ReadsInHand): its completion comes first
            return Behaviors.receiveMessage(msg -> {
                if (msg instanceof ServedHere s && s.call() == claimed) return closed(env, req, inFlight, release, closer, error, reason);
                // a lease that comes meanwhile is for a send the close gives up: the connection goes back
                if (msg instanceof FromTransport t && t.event() instanceof TransportEvent.Leased l) {
                    env.services().transport().release(l.connection(), true);
                }
                return Behaviors.same();
            });
        }
        if (fate == Call.AtClose.ANSWER || fate == Call.AtClose.NOTIFY) {
            fail(req, new Op(claimed.claimedApi, claimed, fate == Call.AtClose.NOTIFY), error, reason);
        }
        return closed(env, req, inFlight, release, closer, error, reason);
    }

    /** The rest of a close, once no claimed call is left: the operation in flight fails, then HANDLE_CLOSING. */
    private static Behavior<Command> closed(Env env, Req req, Op inFlight, Runnable release, Call closer,
                                            WinHttpError error, String reason) {
        if (inFlight != null) fail(req, inFlight, error, reason);
        release.run();
        env.timers().cancelAll();
        req.emit(WINHTTP_CALLBACK_STATUS_HANDLE_CLOSING, new StatusInfo.HandleInfo(req.core().handle()), closer);
        Unborn.handBack(env.ctx().getSelf(), req.core().handle()); // after closeHandle, before its caller wakes
        if (closer != null) closer.complete(null);
        return Behaviors.stopped(); // the Lifeline marks the handle terminated (and keeps the actor after a handBack)
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Accepts a call: asynchronous mode answers the caller now; synchronous mode at completion. */
    private static Op accept(Req req, Call call, int api, Object pendingValue) {
        boolean async = req.core().handle().async();
        if (async) call.complete(pendingValue);
        return new Op(api, call, async);
    }

    private static void succeed(Req req, Op op, Object syncResult, int status, StatusInfo info) {
        if (op.async()) req.emit(status, info, null);
        else op.call().complete(syncResult);
    }

    private static void fail(Req req, Op op, WinHttpError error, String detail) {
        if (op.async()) req.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, new StatusInfo.AsyncResult(op.api(), error), null);
        else op.call().fail(error, detail);
    }

    /**
     * A failure from below the request: its WinHttpError through the one mapping; a refused
     * certificate first sends SECURE_FAILURE with what was wrong with it (CONFORMANCE 5.7).
     */
    private static Behavior<Command> failBy(Env env, Req req, Op op, Throwable t) {
        TlsFailure.in(t).filter(f -> f.secureFailureFlags() != 0).ifPresent(f -> req.emit(
                WINHTTP_CALLBACK_STATUS_SECURE_FAILURE, new StatusInfo.SecureFailure(f.secureFailureFlags()), op.call()));
        return fail(env, req, op, Failures.map(t), Failures.describe(t));
    }

    private static Behavior<Command> fail(Env env, Req req, Op op, WinHttpError error, String detail) {
        Behavior<Command> next = failed(env, req); // a re-send is taken before the REQUEST_ERROR is seen
        fail(req, op, error, detail);
        return next;
    }

    /**
     * A claimed call refused by the actor after all (its arguments against the state): the caller
     * hears it as it waits, or as a REQUEST_ERROR if it returned at once; the state takes calls again.
     */
    private static Behavior<Command> refuse(Req req, Call call, WinHttpError error, String detail) {
        req.core().handle().reopen();
        if (call.returnedAtOnce()) {
            req.emit(WINHTTP_CALLBACK_STATUS_REQUEST_ERROR, new StatusInfo.AsyncResult(call.claimedApi, error), null);
        } else {
            call.fail(error, detail);
        }
        return Behaviors.same();
    }

    private static boolean isFor(FromTransport t, Send ex) {
        TransportEvent e = t.event();
        Object token = e instanceof TransportEvent.Response r ? r.exchange()
                : e instanceof TransportEvent.Body b ? b.exchange()
                : e instanceof TransportEvent.Written w ? w.exchange()
                : e instanceof TransportEvent.Sent sent ? sent.exchange()
                : e instanceof TransportEvent.Interim i ? i.exchange()
                : e instanceof TransportEvent.Closed c ? c.exchange()
                : e instanceof TransportEvent.Timeout to ? to.exchange() : null;
        return token == ex.token();
    }

    /**
     * A response head that arrived before receiveResponse asked for it: its body is attached at
     * once (Received), or the failure is kept (Throwable) to be reported by receiveResponse.
     */
    private static Object early(Env env, Req req, Op op, TransportEvent e) {
        if (e instanceof TransportEvent.Interim i) {
            req.emit(WINHTTP_CALLBACK_STATUS_INTERMEDIATE_RESPONSE, new StatusInfo.StatusCode(i.status()),
                    op == null ? null : op.call());
            return null;
        }
        if (e instanceof TransportEvent.Response r) {
            if (r.failure() != null) return r.failure();
            TransportEvent.Response shown = ResponseDecoding.applied(req.core().options(), r); // DECOMPRESSION
            return Received.first(shown.head(), shown.headBytes(), shown.body(), req.core());
        }
        return null;
    }

    /** Waiting for a response head: RECEIVE_RESPONSE_TIMEOUT if set, else RECEIVE_TIMEOUT; for body data RECEIVE_TIMEOUT. */
    private static void armReceiveTimer(Env env, Req req, Send ex, boolean headers) {
        OptionValues o = req.core().options();
        int ms = o.dword(WINHTTP_OPTION_RECEIVE_TIMEOUT);
        if (headers && o.dword(WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT) != -1) {
            ms = o.dword(WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT);
        }
        armTimer(env, ex, ms);
    }

    /** One timer per exchange, keyed by it; 0 and -1 (0xFFFFFFFF) mean no limit, as in WinHTTP. */
    private static void armTimer(Env env, Send ex, int ms) {
        if (ms > 0) {
            env.timers().startSingleTimer(ex.token(), new FromTransport(new TransportEvent.Timeout(ex.token())),
                    Duration.ofMillis(ms));
        }
    }

    /** Gives up an exchange before its response was read: its connection cannot be reused. */
    private static void dropExchange(Env env, Send ex) {
        ex.wire().abandon();
        giveBack(env, ex, null);
    }

    /**
     * Gives up a response whose body was not read to the end: the connection is closed. When every
     * byte was read and only the end of a chunked or close-delimited body has not been seen yet,
     * the end is awaited briefly, as Windows usually has it in hand already (CONFORMANCE 2.6 case
     * 2), so that the connection can go back to the pool.
     */
    private static void dropResponse(Env env, Send ex, Received rcv) {
        boolean onlyTheEndMissing = rcv.in().isEmpty() && !rcv.eof() && rcv.failure() == null
                && rcv.body().endsUnannounced();
        if (!onlyTheEndMissing || !mayPool(ex, rcv.ended())) {
            giveBack(env, ex, rcv); // not to be pooled: the connection closes, and its reading with it
            return;
        }
        CompletionStage<java.util.Optional<ByteString>> next = rcv.pulling() ? rcv.body().current() : rcv.body().pull();
        next.toCompletableFuture().orTimeout(END_OF_BODY_GRACE_MS, TimeUnit.MILLISECONDS)
                .whenComplete((chunk, t) -> {
                    boolean ended = t == null && chunk.isEmpty();
                    giveBack(env, ex, ended ? rcv.ended() : rcv);
                });
    }

    /**
     * The pool key of a send: server, port and, for a secure request, its TLS policy as its options
     * stand now (SECURITY_FLAGS, CLIENT_CERT_CONTEXT when set, SECURE_PROTOCOLS, revocation), so a
     * connection made under other TLS settings is never reused.
     */
    /** Where a send goes, with the limits and the name cache that apply to its connection. */
    private static ConnectTarget target(Env env, Req req) {
        OptionValues o = req.core().options();
        ConnectionKey key = key(env, req);
        // through a proxy the addresses are the proxy's: never the connect handle's cache of its server
        return new ConnectTarget(key, key.proxy() != null ? new AtomicReference<>() : req.names(),
                o.dword(WINHTTP_OPTION_RESOLVE_TIMEOUT), o.dword(WINHTTP_OPTION_CONNECT_TIMEOUT),
                env.server().session(), env.server().session().options().dword(WINHTTP_OPTION_MAX_CONNS_PER_SERVER));
    }

    private static ConnectionKey key(Env env, Req req) {
        Destination d = req.dest();
        ProxyServer via = ProxyChoice.of(req.core().options(), d);
        if (!d.secure()) return via != null ? ConnectionKey.viaProxy(via) : new ConnectionKey(d.host(), d.port(), null);
        OptionValues o = req.core().options();
        TlsPolicy tls = TlsPolicy.forHost(d.host())
                .withTrust(env.services().transport().trust())
                .withIgnoreFlags(o.dword(WINHTTP_OPTION_SECURITY_FLAGS) & SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS)
                .withProtocols(o.dword(WINHTTP_OPTION_SECURE_PROTOCOLS))
                .withRevocation((o.dword(WINHTTP_OPTION_ENABLE_FEATURE) & WINHTTP_ENABLE_SSL_REVOCATION) != 0);
        if (o.isSet(WINHTTP_OPTION_CLIENT_CERT_CONTEXT)) {
            tls = tls.withClientCertificate((java.security.KeyStore.PrivateKeyEntry) o.get(WINHTTP_OPTION_CLIENT_CERT_CONTEXT));
        }
        return new ConnectionKey(d.host(), d.port(), tls, via);
    }

    private static boolean keepAliveDisabled(Req req) {
        return (req.core().options().dword(WINHTTP_OPTION_DISABLE_FEATURE) & WINHTTP_DISABLE_KEEP_ALIVE) != 0;
    }

    private static String describeOwed(Send ex) {
        return ex.toWrite() < 0 ? "the terminating zero-length write" : ex.toWrite() + " bytes";
    }
}
