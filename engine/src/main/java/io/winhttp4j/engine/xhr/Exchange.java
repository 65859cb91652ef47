package io.winhttp4j.engine.xhr;

import io.winhttp4j.AuthSchemes;
import io.winhttp4j.HInternet;
import io.winhttp4j.Notification;
import io.winhttp4j.StatusInfo;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.winhttp4j.WinHttpConstants.*;
import static io.winhttp4j.xhr.XhrProperty.XHR_AUTH_ALL;
import static io.winhttp4j.xhr.XhrProperty.XHR_AUTH_NONE;
import static io.winhttp4j.xhr.XhrProperty.XHR_AUTH_PROXY;

/**
 * One sent request, from send() to its one final callback, driven by the request handle's
 * status callback in asynchronous mode: SENDREQUEST_COMPLETE → writeData per body chunk (each
 * WRITE_COMPLETE asks the body reader for the next) → receiveResponse → HEADERS_AVAILABLE →
 * readData → READ_COMPLETE → onDataAvailable → readData ... → READ_COMPLETE(0) →
 * onResponseReceived. A 401/407 may be answered by setCredentials and a re-send, a 3xx (with
 * REPORT_REDIRECT_STATUS) by a new request to the Location.
 *
 * <p>Threads: the status callback only hands each notification to the XHR's {@link SerialExecutor},
 * which runs every step and every user callback; the body stream is read on an XHR pool thread
 * and the chunk handed back to the queue. So the fields below are touched by the queue only,
 * except {@link #ended} (any thread: abort, timeout), {@link #head} (the header getters) and
 * {@link #timer} (set by send()).
 *
 * <p>Ending: {@link #end} flips {@link #ended} once and queues the final task (close the handles,
 * then the final callback). Every step and every other callback checks {@code ended} first, so
 * nothing runs after the final callback, whoever ended the request and from which thread.
 * Back-pressure both ways: one body chunk is read only after the previous one was written, and
 * the next readData is issued only after onDataAvailable returned.
 */
final class Exchange {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    /** Each writeData costs a round trip through the engine: 256 KiB chunks upload about twice as fast as 64 KiB ones. */
    static final int UPLOAD_CHUNK = 256 * 1024;
    static final int READ_BUFFER = 64 * 1024;
    /** A body at most this long, in a stream that supports mark/reset, can be sent again (auth, 307/308). */
    static final int REPLAY_LIMIT = 1024 * 1024;

    private static final int NOTIFICATIONS = WINHTTP_CALLBACK_FLAG_SENDREQUEST_COMPLETE | WINHTTP_CALLBACK_FLAG_WRITE_COMPLETE
            | WINHTTP_CALLBACK_FLAG_HEADERS_AVAILABLE | WINHTTP_CALLBACK_FLAG_READ_COMPLETE
            | WINHTTP_CALLBACK_FLAG_REQUEST_ERROR | WINHTTP_CALLBACK_FLAG_REDIRECT;
    /** Strongest first, as WinHTTP's documentation advises; Passport is never chosen. */
    private static final int[] SCHEME_PREFERENCE = {WINHTTP_AUTH_SCHEME_NEGOTIATE, WINHTTP_AUTH_SCHEME_NTLM,
            WINHTTP_AUTH_SCHEME_DIGEST, WINHTTP_AUTH_SCHEME_BASIC};
    /** The XHR's default request headers (XHR_PROP_NO_DEFAULT_HEADERS leaves them out). */
    private static final List<Header> DEFAULT_HEADERS = List.of(new Header("Accept", "*/*"),
            new Header("User-Agent", "winhttp4j-XmlHttpRequest2/1.0"));

    /** A request header as setRequestHeader took it. */
    record Header(String name, String value) {
        String line() {
            return name + ": " + value;
        }
    }

    private final XmlHttpRequest2 xhr;
    private final WinHttp winHttp;
    private final SerialExecutor serial;
    private final XmlHttpRequest2Callback callback;
    private final Handles handles;
    private final Cleaner.Cleanable release;
    private final List<Header> headers;
    private final Properties settings;
    private final OutputStream customStream;
    private final Credentials serverCredentials;
    private final Credentials proxyCredentials;
    /** One per sent request: what onDataAvailable and onResponseReceived pass. */
    private final ResponseStream stream = new ResponseStream();
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile ResponseHead head;
    private volatile ScheduledFuture<?> timer;

    // the serial queue's own
    private String url;
    private boolean secure;
    private String method;
    private InputStream body;
    private long bodyLength;
    private long bodyLeft;
    private boolean replayable;
    private byte[] uploadBuffer;
    private byte[] readBuffer;
    private long sinceData;
    private int hops;
    private boolean serverTried;
    private boolean proxyTried;

    Exchange(XmlHttpRequest2 xhr, WinHttp winHttp, SerialExecutor serial, Opened o, InputStream body, long bodyLength) {
        this.xhr = xhr;
        this.winHttp = winHttp;
        this.serial = serial;
        this.callback = o.callback;
        this.handles = o.handles;
        this.release = o.release;
        this.headers = List.copyOf(o.headers);
        this.settings = o.properties.copy();
        this.customStream = o.customStream;
        this.serverCredentials = o.serverCredentials;
        this.proxyCredentials = o.proxyCredentials;
        this.url = o.url;
        this.secure = o.parts.scheme() == INTERNET_SCHEME_HTTPS;
        this.method = o.method;
        this.body = body;
        this.bodyLength = bodyLength;
    }

    /** Queues the first step; starts the whole-request timer (XHR_PROP_TIMEOUT). */
    void start() {
        if (settings.timeoutMs > 0) {
            timer = XhrThreads.TIMER.schedule(() -> fail(WinHttpError.ERROR_WINHTTP_TIMEOUT), settings.timeoutMs,
                    TimeUnit.MILLISECONDS);
        }
        serial.execute(() -> step(this::begin));
    }

    boolean ended() {
        return ended.get();
    }

    ResponseHead head() {
        return head;
    }

    /** Ends the request with onError(E_ABORT), unless it has ended already. */
    void abort() {
        end(cb -> cb.onError(xhr, HResult.E_ABORT));
    }

    // ---- steps, on the serial queue ----------------------------------------------------------------

    private void begin() {
        if (settings.maxConnections > 0) {
            winHttp.setOption(handles.session(), WINHTTP_OPTION_MAX_CONNS_PER_SERVER, settings.maxConnections);
        }
        if (body != null) {
            replayable = body.markSupported() && bodyLength <= REPLAY_LIMIT;
            if (replayable) body.mark((int) bodyLength);
        }
        prepare(handles.request());
        send();
    }

    /** What every request handle of the exchange gets before it is sent (the first, and each hop's). */
    private void prepare(HInternet request) {
        if (settings.timeoutMs >= 0) {
            int t = settings.engineTimeout();
            winHttp.setTimeouts(request, t, t, t, t);
        }
        int disable = (settings.reportRedirectStatus ? WINHTTP_DISABLE_REDIRECTS : 0)
                | (settings.noAuth == XHR_AUTH_NONE ? WINHTTP_DISABLE_AUTHENTICATION : 0);
        if (disable != 0) winHttp.setOption(request, WINHTTP_OPTION_DISABLE_FEATURE, disable);
        if (settings.securityFlags() != 0) setSecurityFlags(request);
        if (!settings.noDefaultHeaders) {
            for (Header d : DEFAULT_HEADERS) {
                if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase(d.name()))) {
                    winHttp.addRequestHeaders(request, d.line(), WINHTTP_ADDREQ_FLAG_ADD);
                }
            }
        }
        winHttp.setStatusCallback(request, this::onStatus, NOTIFICATIONS);
    }

    /**
     * An engine without WINHTTP_OPTION_SECURITY_FLAGS yet (it comes with the options work) has no
     * certificate errors to ignore either: it only makes TLS connections it fully trusts. So the
     * request goes on; a certificate error still fails it, which errs on the safe side.
     */
    private void setSecurityFlags(HInternet request) {
        try {
            winHttp.setOption(request, WINHTTP_OPTION_SECURITY_FLAGS, settings.securityFlags());
        } catch (WinHttpException e) {
            if (e.error() != WinHttpError.ERROR_WINHTTP_INVALID_OPTION && e.error() != WinHttpError.ERROR_NOT_SUPPORTED) throw e;
            log.debug("XHR_PROP_IGNORE_CERT_ERRORS: the engine does not take SECURITY_FLAGS yet ({})", e.getMessage());
        }
    }

    private void send() {
        bodyLeft = bodyLength;
        winHttp.sendRequest(handles.request(), null, null, bodyLength, 0);
    }

    /** Runs on the callback dispatcher: hand over to the queue, nothing else. */
    private void onStatus(Notification n) {
        serial.execute(() -> step(() -> {
            if (n.handle() != handles.request()) return; // from a request replaced by a redirect hop
            switch (n.status()) {
                case WINHTTP_CALLBACK_STATUS_SENDREQUEST_COMPLETE -> sendBodyOrReceive();
                case WINHTTP_CALLBACK_STATUS_WRITE_COMPLETE -> {
                    bodyLeft -= ((StatusInfo.ByteCount) n.info()).bytes();
                    sendBodyOrReceive();
                }
                case WINHTTP_CALLBACK_STATUS_REDIRECT -> deliver(cb -> cb.onRedirect(xhr, ((StatusInfo.Url) n.info()).url()));
                case WINHTTP_CALLBACK_STATUS_HEADERS_AVAILABLE -> headersAvailable();
                case WINHTTP_CALLBACK_STATUS_READ_COMPLETE -> received(((StatusInfo.ReadComplete) n.info()).bytesRead());
                case WINHTTP_CALLBACK_STATUS_REQUEST_ERROR -> fail(((StatusInfo.AsyncResult) n.info()).error());
                default -> { }
            }
        }));
    }

    /** One step: skipped once the request has ended; a failed WinHttp call ends it with onError. */
    private void step(Runnable action) {
        if (ended.get()) return;
        try {
            action.run();
        } catch (WinHttpException e) {
            fail(e.error());
        } catch (RuntimeException e) {
            log.error("XHR step failed", e);
            end(cb -> cb.onError(xhr, HResult.E_FAIL));
        }
    }

    private void sendBodyOrReceive() {
        if (bodyLeft > 0) readBodyChunk();
        else winHttp.receiveResponse(handles.request());
    }

    /** Reads the next chunk on a pool thread (the stream may block), then writes it from the queue. */
    private void readBodyChunk() {
        int n = (int) Math.min(UPLOAD_CHUNK, bodyLeft);
        if (uploadBuffer == null) uploadBuffer = new byte[(int) Math.min(UPLOAD_CHUNK, bodyLength)];
        byte[] buffer = uploadBuffer; // free again: the previous chunk's WRITE_COMPLETE has come
        InputStream in = body;
        XhrThreads.POOL.execute(() -> {
            if (ended.get()) return;
            int got;
            try {
                got = in.readNBytes(buffer, 0, n);
            } catch (IOException | RuntimeException e) {
                log.debug("XHR body stream failed", e);
                end(cb -> cb.onError(xhr, HResult.E_FAIL));
                return;
            }
            if (got < n) {
                log.debug("XHR body stream ended early: {} of {} bytes in its last chunk", got, n);
                end(cb -> cb.onError(xhr, HResult.E_FAIL));
                return;
            }
            serial.execute(() -> step(() -> winHttp.writeData(handles.request(), buffer, 0, got)));
        });
    }

    private void headersAvailable() {
        HInternet request = handles.request();
        int status = (int) winHttp.queryHeadersNumber(request, WINHTTP_QUERY_STATUS_CODE, null, 0);
        ResponseHead h = ResponseHead.of(status, statusText(request),
                winHttp.queryHeaders(request, WINHTTP_QUERY_RAW_HEADERS_CRLF, null, 0));
        if (answerChallenge(status)) return;
        Hop hop = settings.reportRedirectStatus ? nextHop(h) : null;
        head = h;
        deliver(cb -> cb.onHeadersAvailable(xhr, h.status(), h.statusText()));
        if (ended.get()) return;
        if (hop != null) follow(hop);
        else readNext();
    }

    private String statusText(HInternet request) {
        try {
            String text = winHttp.queryHeaders(request, WINHTTP_QUERY_STATUS_TEXT, null, 0);
            return text == null ? "" : text;
        } catch (WinHttpException e) {
            if (e.error() != WinHttpError.ERROR_WINHTTP_HEADER_NOT_FOUND) throw e;
            return ""; // a status line without a reason phrase
        }
    }

    private void readNext() {
        if (readBuffer == null) readBuffer = new byte[READ_BUFFER];
        winHttp.readData(handles.request(), readBuffer, 0, readBuffer.length);
    }

    private void received(int n) {
        if (n == 0) {
            if (customStream != null && !flushCustomStream()) return;
            end(cb -> cb.onResponseReceived(xhr, stream));
            return;
        }
        if (customStream != null) {
            try {
                customStream.write(readBuffer, 0, n);
            } catch (IOException | RuntimeException e) {
                log.debug("XHR custom response stream failed", e);
                end(cb -> cb.onError(xhr, HResult.E_FAIL));
                return;
            }
        } else {
            stream.append(Arrays.copyOf(readBuffer, n));
        }
        sinceData += n;
        if (settings.dataThresholdReached(sinceData)) {
            sinceData = 0;
            deliver(cb -> cb.onDataAvailable(xhr, stream));
            if (ended.get()) return;
        }
        readNext(); // only now: receiving waits while onDataAvailable runs
    }

    private boolean flushCustomStream() {
        try {
            customStream.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("XHR custom response stream failed to flush", e);
            end(cb -> cb.onError(xhr, HResult.E_FAIL));
            return false;
        }
    }

    // ---- authentication ------------------------------------------------------------------------------

    /**
     * A 401 (server) or 407 (proxy) is answered once per target, with open()'s credentials for it,
     * when XHR_PROP_NO_AUTH allows and the body can be sent again: queryAuthSchemes, setCredentials
     * with the strongest offered scheme the engine takes, re-send (a scheme that needs more than
     * one round, Digest, is then answered by the engine inside receiveResponse). Anything the
     * engine refuses leaves the challenge as the final response.
     */
    private boolean answerChallenge(int status) {
        boolean server = status == 401;
        if (!server && status != 407) return false;
        Credentials credentials = server ? serverCredentials : proxyCredentials;
        boolean allowed = settings.noAuth == XHR_AUTH_ALL || (settings.noAuth == XHR_AUTH_PROXY && !server);
        boolean tried = server ? serverTried : proxyTried;
        if (credentials == null || !allowed || tried || (bodyLength > 0 && !replayable)) return false;
        if (server) serverTried = true;
        else proxyTried = true;
        HInternet request = handles.request();
        AuthSchemes offered;
        try {
            offered = winHttp.queryAuthSchemes(request);
        } catch (WinHttpException e) {
            log.debug("XHR cannot answer the {} challenge: {}", status, e.getMessage());
            return false;
        }
        for (int scheme : SCHEME_PREFERENCE) {
            if ((offered.supported() & scheme) == 0) continue;
            try {
                winHttp.setCredentials(request, offered.target(), scheme, credentials.user(), credentials.password());
            } catch (WinHttpException e) {
                log.debug("XHR: scheme 0x{} not taken: {}", Integer.toHexString(scheme), e.getMessage());
                continue;
            }
            if (!rewind()) return false;
            send();
            return true;
        }
        return false;
    }

    /** Puts the body stream back to its start for a re-send; false if it cannot be. */
    private boolean rewind() {
        if (bodyLength == 0) return true;
        if (!replayable) return false;
        try {
            body.reset();
            body.mark((int) bodyLength);
            return true;
        } catch (IOException e) {
            log.debug("XHR body stream cannot be sent again", e);
            return false;
        }
    }

    // ---- redirects the XHR follows itself (REPORT_REDIRECT_STATUS) ---------------------------------------

    /** A redirect to follow, or {@code failure} to report after the 3xx's onHeadersAvailable. */
    private record Hop(String url, UrlComponents parts, String method, boolean keepBody, WinHttpError failure) {
        static Hop failed() {
            return new Hop(null, null, null, false, WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED);
        }
    }

    /** Null when the response is final: no redirect status or no Location, or a body that cannot go again. */
    private Hop nextHop(ResponseHead h) {
        String location = h.header("Location");
        if (!Redirects.followed(h.status()) || location == null || location.isEmpty()) return null;
        String nextMethod = Redirects.nextMethod(h.status(), method);
        boolean keepBody = nextMethod.equals(method) && bodyLength > 0;
        if (keepBody && !rewind()) return null; // the 307/308 is what the application gets
        if (hops == Redirects.MAX_HOPS) return Hop.failed();
        String next;
        UrlComponents parts;
        try {
            next = Redirects.resolve(url, location);
            parts = winHttp.crackUrl(next, 0);
        } catch (URISyntaxException | WinHttpException e) {
            log.debug("XHR: Location \"{}\" is not a URL to follow: {}", location, e.getMessage());
            return Hop.failed();
        }
        if (secure && parts.scheme() != INTERNET_SCHEME_HTTPS) return Hop.failed(); // the default redirect policy
        return new Hop(next, parts, nextMethod, keepBody, null);
    }

    private void follow(Hop hop) {
        if (hop.failure() != null) {
            fail(hop.failure());
            return;
        }
        deliver(cb -> cb.onRedirect(xhr, hop.url()));
        if (ended.get()) return;
        try {
            handles.target(hop.method(), hop.parts());
        } catch (WinHttpException e) {
            log.debug("XHR: cannot open the request for {}: {}", hop.url(), e.getMessage());
            fail(e.error() == WinHttpError.ERROR_WINHTTP_SHUTDOWN ? e.error() : WinHttpError.ERROR_WINHTTP_REDIRECT_FAILED);
            return;
        }
        hops++;
        url = hop.url();
        secure = hop.parts().scheme() == INTERNET_SCHEME_HTTPS;
        method = hop.method();
        if (!hop.keepBody()) {
            body = null;
            bodyLength = 0;
        }
        HInternet request = handles.request();
        for (Header h : headers) winHttp.addRequestHeaders(request, h.line(), Xhr.HEADER_MODIFIERS);
        prepare(request);
        send();
    }

    // ---- delivery and the end --------------------------------------------------------------------------

    private void fail(WinHttpError error) {
        end(cb -> cb.onError(xhr, HResult.fromWin32(error.code())));
    }

    /** A non-final callback, unless the request has ended meanwhile. */
    private void deliver(Consumer<XmlHttpRequest2Callback> call) {
        if (!ended.get()) invoke(call);
    }

    /** Marks the request ended (first caller wins) and queues its final callback, after the handles are closed. */
    private void end(Consumer<XmlHttpRequest2Callback> last) {
        if (!ended.compareAndSet(false, true)) return;
        serial.execute(() -> {
            ScheduledFuture<?> t = timer;
            if (t != null) t.cancel(false);
            release.clean();
            // an XHR keeps its last exchange until the next open(): let go of the buffers and the body
            readBuffer = uploadBuffer = null;
            body = null;
            invoke(last);
        });
    }

    private void invoke(Consumer<XmlHttpRequest2Callback> call) {
        try {
            call.accept(callback);
        } catch (Throwable t) { // the application's bug, whatever it is, must not stop the exchange
            log.warn("XmlHttpRequest2Callback threw; ignored", t);
        }
    }
}
