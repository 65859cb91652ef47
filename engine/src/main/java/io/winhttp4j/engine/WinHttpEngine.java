package io.winhttp4j.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.winhttp4j.AuthSchemes;
import io.winhttp4j.HInternet;
import io.winhttp4j.StatusCallback;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WebSocketCloseStatus;
import io.winhttp4j.WebSocketReceiveResult;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.handle.Call;
import io.winhttp4j.engine.handle.CallSet;
import io.winhttp4j.engine.handle.Commands;
import io.winhttp4j.engine.handle.ConnectActor;
import io.winhttp4j.engine.handle.Handle;
import io.winhttp4j.engine.handle.OptionAnswers;
import io.winhttp4j.engine.handle.OptionValues;
import io.winhttp4j.engine.handle.Options;
import io.winhttp4j.engine.handle.ReadsInHand;
import io.winhttp4j.engine.handle.RequestActor;
import io.winhttp4j.engine.handle.Services;
import io.winhttp4j.engine.handle.SessionActor;
import io.winhttp4j.engine.handle.WebSocketActor;
import io.winhttp4j.engine.handle.WebSocketCalls;
import io.winhttp4j.engine.handle.WebSocketClaims;
import io.winhttp4j.engine.http.Header;
import io.winhttp4j.engine.http.HeaderParser;
import io.winhttp4j.engine.http.HttpDates;
import io.winhttp4j.engine.http.PathEscaper;
import io.winhttp4j.engine.http.RequestCredentials;
import io.winhttp4j.engine.http.ServerName;
import io.winhttp4j.engine.http.WireText;
import io.winhttp4j.engine.notify.Callbacks;
import io.winhttp4j.engine.notify.Pending;
import io.winhttp4j.engine.notify.Subscription;
import io.winhttp4j.engine.transport.Transport;
import io.winhttp4j.engine.transport.Wire;
import io.winhttp4j.xhr.XmlHttpRequest2;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The WinHTTP engine. Each call checks its arguments and the handle on the caller's thread
 * (invalid handle, wrong handle kind, bad parameters). A request's calls are then claimed from the
 * set of calls its state published and sent to its actor as one message; in asynchronous mode the
 * caller returns at once, in synchronous mode it waits for the result. Header and option queries,
 * reads of bytes already in hand, connect and openRequest answer without waiting for an actor; the other calls send
 * one message and wait for its answer. Callers never run on, or block, a Pekko thread.
 */
public final class WinHttpEngine implements WinHttp {
    private static final int OPEN_FLAGS = WINHTTP_FLAG_ASYNC | WINHTTP_FLAG_SECURE_DEFAULTS;
    private static final int REQUEST_FLAGS = WINHTTP_FLAG_SECURE | WINHTTP_FLAG_ESCAPE_PERCENT
            | WINHTTP_FLAG_NULL_CODEPAGE | WINHTTP_FLAG_ESCAPE_DISABLE | WINHTTP_FLAG_ESCAPE_DISABLE_QUERY
            | WINHTTP_FLAG_BYPASS_PROXY_CACHE | WINHTTP_FLAG_AUTOMATIC_CHUNKING;

    /** Actor names must be unique in the actor system, which several engines may share. */
    private static final AtomicLong SESSION_ACTORS = new AtomicLong();

    private final ActorSystem<?> system;
    private final boolean ownsSystem;
    private final Transport transport;
    private final Services services;
    private final Pending pending = new Pending();
    private final Set<Handle> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private final Duration shutdownTimeout;
    /** WINHTTP_OPTION_HTTP_VERSION: process-wide on Windows, so one per engine. */
    private volatile String httpVersion = (String) Options.defaultOf(WINHTTP_OPTION_HTTP_VERSION);

    private WinHttpEngine(ActorSystem<?> system, boolean ownsSystem) {
        this.system = system;
        this.ownsSystem = ownsSystem;
        Config config = system.settings().config().getConfig("winhttp4j");
        this.shutdownTimeout = config.getDuration("shutdown-timeout");
        this.transport = new Transport(system, config.getDuration("pool.idle-timeout"));
        Executor callbacks = system.dispatchers().lookup(DispatcherSelector.fromConfig("winhttp4j.callback-dispatcher"));
        this.services = new Services(this, transport, callbacks, pending, new AtomicLong(), sessions::remove);
    }

    /**
     * An engine with its own actor system, configured from application.conf / reference.conf.
     *
     * @return a running engine; {@link #close()} stops it and its actor system
     */
    public static WinHttpEngine create() {
        return create(ConfigFactory.load());
    }

    /**
     * The same from this configuration, with winhttp4j.own-system's dispatcher sizes laid over it.
     *
     * @param config the whole configuration, holding a {@code winhttp4j} section
     * @return a running engine; {@link #close()} stops it and its actor system
     */
    public static WinHttpEngine create(Config config) {
        Config own = config.getConfig("winhttp4j.own-system").withFallback(config);
        return new WinHttpEngine(ActorSystem.create(Behaviors.empty(), "winhttp4j", own), true);
    }

    /**
     * An engine inside an application that already runs Pekko; close() leaves the system running.
     *
     * @param system the application's actor system, whose configuration holds {@code winhttp4j}
     * @return a running engine on that system
     */
    public static WinHttpEngine embedded(ActorSystem<?> system) {
        return new WinHttpEngine(system, false);
    }

    // ---- handles ---------------------------------------------------------------------------------

    @Override
    public HInternet open(String userAgent, int accessType, String proxyName, String proxyBypass, int flags) {
        checkRunning();
        Options.checkProxy("open", accessType, proxyName, proxyBypass);
        if ((flags & ~OPEN_FLAGS) != 0) throw invalid("open: unknown flags 0x" + Integer.toHexString(flags));
        String agent = WireText.parameterValue("open", "user agent", userAgent);
        Handle h = services.newHandleForSession((flags & WINHTTP_FLAG_ASYNC) != 0);
        OptionValues initial = OptionValues.forSession(agent, accessType, proxyName, proxyBypass);
        h.bind(system.systemActorOf(SessionActor.create(services, h, initial),
                "winhttp4j-session-" + SESSION_ACTORS.incrementAndGet(), Props.empty()));
        sessions.add(h);
        if (shutDown.get()) {
            // close() began meanwhile and may have missed this session (it adds, then reads the
            // flag; close sets the flag, then reads the set: one of them sees the other's write)
            h.<Commands.Shutdown>actor().tell(Commands.Shutdown.ENGINE);
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_SHUTDOWN, "open: the engine is shut down");
        }
        return h;
    }

    @Override
    public HInternet connect(HInternet session, String serverName, int serverPort) {
        Handle h = check(session, WINHTTP_HANDLE_TYPE_SESSION, "connect");
        String host = ServerName.parse(serverName);
        if (serverPort < 0 || serverPort > 0xFFFF) throw invalid("connect: port " + serverPort + " is out of range");
        return SessionActor.connect(services, h, host, serverPort); // no round trip: the session's spare becomes it
    }

    @Override
    public HInternet openRequest(HInternet connect, String verb, String objectName, String version, String referrer,
                                 String[] acceptTypes, int flags) {
        Handle h = check(connect, WINHTTP_HANDLE_TYPE_CONNECT, "openRequest");
        if ((flags & ~REQUEST_FLAGS) != 0) throw invalid("openRequest: unknown flags 0x" + Integer.toHexString(flags));
        String method = WireText.verb(verb);
        String target = PathEscaper.escape(objectName, flags);
        WireText.requestTarget(target);
        // no version given: WINHTTP_OPTION_HTTP_VERSION's
        String httpVersion = WireText.version(version == null || version.isEmpty() ? this.httpVersion : version);
        String referer = WireText.parameterValue("openRequest", "referrer", referrer);
        String[] accept = acceptTypes == null ? null : untilNull(acceptTypes);
        if (accept != null) {
            for (String type : accept) WireText.parameterValue("openRequest", "accept type", type);
        }
        return ConnectActor.openRequest(services, h, // no round trip: the caller spawns the request's actor
                new ConnectActor.OpenRequest(method, target, httpVersion, referer, accept, flags, new Call("openRequest")));
    }

    @Override
    public void closeHandle(HInternet handle) {
        Handle h = check(handle, 0, "closeHandle");
        if (!h.markClosed()) throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, "closeHandle: " + h + " is already closed");
        if (h.async()) {
            h.<Commands.Close>actor().tell(new Commands.Close(null));
        } else {
            Call call = new Call("closeHandle");
            h.<Commands.Close>actor().tell(new Commands.Close(call));
            call.await(h);
        }
    }

    // ---- callbacks and options -------------------------------------------------------------------

    @Override
    public StatusCallback setStatusCallback(HInternet handle, StatusCallback callback, int notificationFlags) {
        Handle h = check(handle, 0, "setStatusCallback");
        Call call = new Call("setStatusCallback");
        h.tell(new Commands.SetCallback(new Subscription(callback, notificationFlags), call));
        return (StatusCallback) call.await(h);
    }

    @Override
    public void setOption(HInternet handle, int option, Object value) {
        Handle h = check(handle, 0, "setOption");
        Object v = Options.checkSet(h, option, value);
        if (Options.source(option) == Options.Source.ENGINE) {
            httpVersion = (String) v; // HTTP_VERSION, the one engine-wide option
            return;
        }
        Call call = new Call("setOption");
        h.tell(new Commands.SetOption(option, v, call));
        call.await(h);
    }

    @Override
    public Object queryOption(HInternet handle, int option) {
        Handle h = check(handle, 0, "queryOption");
        Options.Source source = Options.checkQuery(h, option);
        if (source == Options.Source.ENGINE) return httpVersion;
        return OptionAnswers.of(h, option, source); // from what the handle's actor showed: no message, no wait
    }

    @Override
    public void setTimeouts(HInternet handle, int resolveMs, int connectMs, int sendMs, int receiveMs) {
        Handle h = check(handle, 0, "setTimeouts");
        if (resolveMs < -1 || connectMs < -1 || sendMs < -1 || receiveMs < -1) {
            throw invalid("setTimeouts: a timeout below -1");
        }
        if (h.handleType() != WINHTTP_HANDLE_TYPE_SESSION && h.handleType() != WINHTTP_HANDLE_TYPE_REQUEST) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, "setTimeouts: " + h + " has no timeouts");
        }
        int[][] settings = {{WINHTTP_OPTION_RESOLVE_TIMEOUT, resolveMs}, {WINHTTP_OPTION_CONNECT_TIMEOUT, connectMs},
                {WINHTTP_OPTION_SEND_TIMEOUT, sendMs}, {WINHTTP_OPTION_RECEIVE_TIMEOUT, receiveMs}};
        Call last = null;
        for (int[] s : settings) {
            last = new Call("setTimeouts");
            h.tell(new Commands.SetOption(s[0], s[1], last));
        }
        last.await(h); // the actor takes its messages in order: the last answer covers all four
    }

    // ---- requests ----------------------------------------------------------------------------------

    @Override
    public void addRequestHeaders(HInternet request, String headers, int modifiers) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "addRequestHeaders");
        if (headers == null || headers.isEmpty()) throw invalid("addRequestHeaders: no headers");
        HeaderParser.Parsed parsed = HeaderParser.parseLeniently(headers, Wire::checkGiven);
        Call call = new Call("addRequestHeaders");
        h.tell(new RequestActor.AddHeaders(parsed.headers(), parsed.failure(), modifiers, call));
        call.await(h);
    }

    @Override
    public void sendRequest(HInternet request, String headers, byte[] optional, long totalLength, long context) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "sendRequest");
        if (totalLength < 0 || totalLength > 0xFFFF_FFFFL) throw invalid("sendRequest: totalLength " + totalLength + " is not a DWORD");
        List<Header> parsed = headers == null || headers.isEmpty() ? List.of() : HeaderParser.parse(headers, Wire::checkGiven);
        Call call = new Call("sendRequest");
        CallSet from = h.claim(CallSet.SEND, call, API_SEND_REQUEST);
        // framing headers from the caller are judged against the lengths by the actor: such a send waits for it
        run(h, call, new RequestActor.SendRequest(parsed, optional, totalLength, context, call),
                Wire.refusesNothing(from.request().headers(), parsed), null);
    }

    @Override
    public int writeData(HInternet request, byte[] buffer, int offset, int length) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "writeData");
        checkRange("writeData", buffer, offset, length);
        Call call = new Call("writeData");
        CallSet from = h.claim(CallSet.WRITE, call, API_WRITE_DATA);
        return (Integer) run(h, call, new RequestActor.WriteData(buffer, offset, length, call), !from.framedWrites(), PENDING);
    }

    @Override
    public void receiveResponse(HInternet request) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "receiveResponse");
        Call call = new Call("receiveResponse");
        h.claim(CallSet.RECEIVE, call, API_RECEIVE_RESPONSE);
        run(h, call, new RequestActor.ReceiveResponse(call), true, null);
    }

    @Override
    public String queryHeaders(HInternet request, int infoLevel, String name, int index) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "queryHeaders");
        int level = infoLevel & 0xFFFF;
        if (level > WINHTTP_QUERY_MAX && level != WINHTTP_QUERY_CUSTOM) throw invalid("queryHeaders: unknown info level " + level);
        if (level == WINHTTP_QUERY_CUSTOM && (name == null || name.isEmpty())) throw invalid("queryHeaders: CUSTOM needs a name");
        if (index < 0) throw invalid("queryHeaders: negative index");
        boolean requestSide = (infoLevel & WINHTTP_QUERY_FLAG_REQUEST_HEADERS) != 0 || level == WINHTTP_QUERY_REQUEST_METHOD;
        String value = h.calls().queryHeaders(infoLevel, name, index, requestSide); // the snapshot the actor published
        if ((infoLevel & (WINHTTP_QUERY_FLAG_NUMBER | WINHTTP_QUERY_FLAG_NUMBER64)) != 0) {
            return Long.toString(toNumber(value, infoLevel));
        }
        return value;
    }

    @Override
    public long queryHeadersNumber(HInternet request, int infoLevel, String name, int index) {
        int numberFlags = WINHTTP_QUERY_FLAG_NUMBER | WINHTTP_QUERY_FLAG_NUMBER64;
        String value = queryHeaders(request, infoLevel & ~numberFlags, name, index);
        return toNumber(value, infoLevel);
    }

    @Override
    public java.time.ZonedDateTime queryHeadersTime(HInternet request, int infoLevel, String name, int index) {
        return HttpDates.parse(queryHeaders(request, infoLevel & ~WINHTTP_QUERY_FLAG_SYSTEMTIME, name, index));
    }

    @Override
    public int queryDataAvailable(HInternet request) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "queryDataAvailable");
        Call call = new Call("queryDataAvailable");
        if (!h.async()) { // answered from the body in hand when there is some: no message, no wait
            int n = ReadsInHand.queryDataAvailable(h, call);
            if (n >= 0) return n;
        } else if (ReadsInHand.queryAtOnce(h, call)) { // its DATA_AVAILABLE queued from here: no message
            return PENDING;
        } else {
            call = new Call("queryDataAvailable"); // that one is marked as returned at once: a close must see a fresh call
        }
        h.claim(CallSet.QUERY_DATA, call, API_QUERY_DATA_AVAILABLE);
        return (Integer) run(h, call, new RequestActor.QueryDataAvailable(call), true, PENDING);
    }

    @Override
    public int readData(HInternet request, byte[] buffer, int offset, int length) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "readData");
        if (buffer == null) throw invalid("readData: no buffer");
        checkRange("readData", buffer, offset, length);
        Call call = new Call("readData");
        if (!h.async()) { // served from the body in hand while data flows: no message, no wait
            int n = ReadsInHand.read(h, call, buffer, offset, length);
            if (n >= 0) return n;
        } else if (ReadsInHand.readAtOnce(h, call, buffer, offset, length)) { // its READ_COMPLETE queued from here
            return PENDING;
        } else {
            call = new Call("readData"); // that one is marked as returned at once: a close must see a fresh call
        }
        h.claim(CallSet.READ, call, API_READ_DATA);
        return (Integer) run(h, call, new RequestActor.ReadData(buffer, offset, length, call), true, PENDING);
    }

    /**
     * A claimed request call goes to the actor. In asynchronous mode a call nothing can refuse any
     * more (decidable: whether the published set took it was the refusal) returns at once with
     * pending; its completion or REQUEST_ERROR comes as a notification. Otherwise the caller waits.
     */
    private static Object run(Handle h, Call call, RequestActor.Command msg, boolean decided, Object pending) {
        boolean atOnce = decided && h.async();
        if (atOnce && !call.returnAtOnce()) { // a close shut the claim out before the caller could return
            throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, call.api() + ": " + h + " was closed");
        }
        h.tell(msg);
        return atOnce ? pending : call.await(h);
    }

    @Override
    public AuthSchemes queryAuthSchemes(HInternet request) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "queryAuthSchemes");
        Call call = new Call("queryAuthSchemes");
        h.tell(new RequestActor.QueryAuthSchemes(call));
        return (AuthSchemes) call.await(h);
    }

    @Override
    public void setCredentials(HInternet request, int authTarget, int authScheme, String userName, String password) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "setCredentials");
        RequestCredentials.check(authTarget, authScheme, userName, password);
        Call call = new Call("setCredentials");
        h.tell(new RequestActor.SetCredentials(authTarget, authScheme, userName, password, call));
        call.await(h);
    }

    @Override
    public HInternet webSocketCompleteUpgrade(HInternet request, long context) {
        Handle h = check(request, WINHTTP_HANDLE_TYPE_REQUEST, "webSocketCompleteUpgrade");
        Call call = new Call("webSocketCompleteUpgrade");
        h.claim(CallSet.UPGRADE, call, 0); // no API_* of its own: the new handle is the answer, always waited for
        return (HInternet) run(h, call, new RequestActor.CompleteUpgrade(context, call), false, null);
    }

    @Override
    public void webSocketSend(HInternet webSocket, int bufferType, byte[] buffer, int offset, int length) {
        Handle h = check(webSocket, WINHTTP_HANDLE_TYPE_WEBSOCKET, "webSocketSend");
        if (bufferType < WINHTTP_WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE || bufferType > WINHTTP_WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE) {
            throw invalid("webSocketSend: buffer type " + bufferType + " is not sent as data"
                    + (bufferType == WINHTTP_WEB_SOCKET_CLOSE_BUFFER_TYPE ? " (use webSocketClose or webSocketShutdown)" : ""));
        }
        checkRange("webSocketSend", buffer, offset, length);
        Call call = new Call("webSocketSend");
        WebSocketClaims claims = h.webSocket();
        // the type is judged against the message our side has open before the claim (argument errors first)
        WebSocketCalls from = claims.claim(WebSocketCalls.SEND, call, WINHTTP_WEB_SOCKET_SEND_OPERATION,
                s -> s.sendState().send(bufferType));
        // the claim makes this the one sender: the frame is built here, and the caller's array is free on return
        var step = from.sendState().send(bufferType);
        var frame = claims.dataFrames().data(step, buffer, offset, length);
        runWebSocket(h, claims, call, new WebSocketActor.Send(frame, step.next(), length, bufferType, call));
    }

    @Override
    public WebSocketReceiveResult webSocketReceive(HInternet webSocket, byte[] buffer, int offset, int length) {
        Handle h = check(webSocket, WINHTTP_HANDLE_TYPE_WEBSOCKET, "webSocketReceive");
        if (buffer == null || length == 0) throw invalid("webSocketReceive: no buffer to receive into");
        checkRange("webSocketReceive", buffer, offset, length);
        Call call = new Call("webSocketReceive");
        WebSocketClaims claims = h.webSocket();
        claims.claim(WebSocketCalls.RECEIVE, call, WINHTTP_WEB_SOCKET_RECEIVE_OPERATION, null);
        return (WebSocketReceiveResult) runWebSocket(h, claims, call, new WebSocketActor.Receive(buffer, offset, length, call));
    }

    @Override
    public void webSocketClose(HInternet webSocket, int status, byte[] reason) {
        Handle h = check(webSocket, WINHTTP_HANDLE_TYPE_WEBSOCKET, "webSocketClose");
        byte[] r = closeReason(status, reason);
        Call call = new Call("webSocketClose");
        WebSocketClaims claims = h.webSocket();
        claims.claim(WebSocketCalls.CLOSE, call, WINHTTP_WEB_SOCKET_CLOSE_OPERATION, null);
        runWebSocket(h, claims, call, new WebSocketActor.CloseSocket(status, r, call));
    }

    @Override
    public void webSocketShutdown(HInternet webSocket, int status, byte[] reason) {
        Handle h = check(webSocket, WINHTTP_HANDLE_TYPE_WEBSOCKET, "webSocketShutdown");
        byte[] r = closeReason(status, reason);
        Call call = new Call("webSocketShutdown");
        WebSocketClaims claims = h.webSocket();
        claims.claim(WebSocketCalls.SHUTDOWN, call, WINHTTP_WEB_SOCKET_SHUTDOWN_OPERATION, null);
        runWebSocket(h, claims, call, new WebSocketActor.ShutdownSend(status, r, call));
    }

    @Override
    public WebSocketCloseStatus webSocketQueryCloseStatus(HInternet webSocket) {
        Handle h = check(webSocket, WINHTTP_HANDLE_TYPE_WEBSOCKET, "webSocketQueryCloseStatus");
        return h.webSocket().closeStatus(); // from the snapshot its actor published: no message
    }

    /**
     * A claimed WebSocket call goes to its actor. Asynchronous mode returns at once (the claim was
     * the accept; the completion or REQUEST_ERROR comes as a notification); synchronous mode waits
     * for the call's result, its notifications running on this thread.
     */
    private static Object runWebSocket(Handle h, WebSocketClaims claims, Call call, WebSocketActor.Command msg) {
        if (h.async()) {
            call.returnAtOnce();
            h.<WebSocketActor.Command>actor().tell(msg);
            return null;
        }
        claims.waiting();
        h.<WebSocketActor.Command>actor().tell(msg);
        return call.await(h);
    }

    /** A close's status and reason checked (ERROR_INVALID_PARAMETER), the reason copied: the caller may reuse its array. */
    private static byte[] closeReason(int status, byte[] reason) {
        io.winhttp4j.engine.transport.ws.CloseCodes.checkSendable(status, reason == null ? 0 : reason.length);
        return reason == null ? null : reason.clone();
    }

    @Override
    public UrlComponents crackUrl(String url, int flags) {
        checkRunning();
        return io.winhttp4j.engine.http.Urls.crack(url, flags);
    }

    @Override
    public String createUrl(UrlComponents components, int flags) {
        checkRunning();
        return io.winhttp4j.engine.http.Urls.create(components, flags);
    }

    /** An XHR built on this engine's public asynchronous API only (package engine.xhr). */
    @Override
    public XmlHttpRequest2 createXmlHttpRequest2() {
        checkRunning();
        return io.winhttp4j.engine.xhr.Xhr.create(this);
    }

    // ---- engine ---------------------------------------------------------------------------------------

    /** Closes every idle pooled connection, so the next request connects afresh (tests use it). */
    public void closeIdleConnections() {
        transport.closeIdle();
    }

    /**
     * Shuts the engine down: every open handle is closed (operations in flight end with
     * OPERATION_CANCELLED, then HANDLE_CLOSING), queued callbacks run, connections close. Later
     * calls fail with ERROR_WINHTTP_SHUTDOWN. Called from a status callback, it does not wait for
     * the callbacks still queued.
     */
    @Override
    public void close() {
        if (!shutDown.compareAndSet(false, true)) return;
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        for (Handle s : sessions) s.<Commands.Shutdown>actor().tell(Commands.Shutdown.ENGINE);
        for (Handle s : sessions) {
            if (!s.awaitTerminated(deadline)) break; // the deadline has passed, or this thread was interrupted
        }
        // a callback closing the engine cannot wait for callbacks, its own among them
        if (!Callbacks.inCallback()) pending.awaitIdle(deadline);
        transport.shutdown();
        if (ownsSystem) {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture()
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The actor system the engine runs on: its own, or the one given to {@link #embedded}.
     *
     * @return the engine's actor system
     */
    public ActorSystem<?> system() { return system; }

    // ---- checks ---------------------------------------------------------------------------------------

    private void checkRunning() {
        if (shutDown.get()) throw new WinHttpException(WinHttpError.ERROR_WINHTTP_SHUTDOWN, "the engine is shut down");
    }

    /** Liveness, ownership and kind of a handle; kind 0 accepts any. */
    private Handle check(HInternet handle, int kind, String api) {
        checkRunning();
        if (!(handle instanceof Handle h) || !h.ownedBy(this)) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, api + ": " + (handle == null ? "null handle"
                    : handle + " is not a handle of this engine"));
        }
        if (h.isClosed()) throw new WinHttpException(WinHttpError.ERROR_INVALID_HANDLE, api + ": " + h + " is closed");
        if (kind != 0 && h.handleType() != kind) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_TYPE, api + ": wrong handle kind " + h);
        }
        return h;
    }

    private static void checkRange(String api, byte[] buffer, int offset, int length) {
        if (length < 0 || offset < 0) throw invalid(api + ": negative offset or length");
        if (length > 0 && buffer == null) throw invalid(api + ": no buffer for " + length + " bytes");
        if (buffer != null && offset + (long) length > buffer.length) throw invalid(api + ": offset + length is past the buffer");
    }

    private static long toNumber(String value, int infoLevel) {
        try {
            long n = Long.parseLong(value.trim());
            if ((infoLevel & WINHTTP_QUERY_FLAG_NUMBER64) == 0 && (n < 0 || n > 0xFFFF_FFFFL)) {
                throw new NumberFormatException("not a DWORD");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_QUERY_REQUEST,
                    "queryHeaders: \"" + value + "\" is not a number");
        }
    }

    private static String[] untilNull(String[] types) {
        int n = 0;
        while (n < types.length && types[n] != null) n++;
        return n == types.length ? types.clone() : java.util.Arrays.copyOf(types, n);
    }

    private static WinHttpException invalid(String detail) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, detail);
    }
}
