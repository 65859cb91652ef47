package io.winhttp4j.engine.xhr;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequest2;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;
import io.winhttp4j.xhr.XmlHttpRequestException;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

import static io.winhttp4j.WinHttpConstants.ICU_DECODE;
import static io.winhttp4j.WinHttpConstants.WINHTTP_ADDREQ_FLAG_ADD;
import static io.winhttp4j.WinHttpConstants.WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA;

/**
 * IXMLHTTPRequest2 on the public {@link WinHttp} interface in asynchronous mode, and nothing
 * else: no engine internals (see the package documentation for the design).
 *
 * <p>The methods run on the caller's thread under one short lock and never wait for the
 * network: open() creates the request's handles (so the engine checks method, host and path at
 * once), setRequestHeader() adds the header to the request handle, send() hands the request to
 * an {@link Exchange} and returns.
 */
public final class Xhr implements XmlHttpRequest2 {
    /** setRequestHeader twice with one name sends one header, the values joined by ", ". */
    static final int HEADER_MODIFIERS = WINHTTP_ADDREQ_FLAG_ADD | WINHTTP_ADDREQ_FLAG_COALESCE_WITH_COMMA;
    private static final long DWORD_MAX = 0xFFFF_FFFFL;

    private final WinHttp winHttp;
    /** Runs this XHR's exchanges one after the other: their callbacks never overlap. */
    private final SerialExecutor serial = new SerialExecutor(XhrThreads.POOL);
    private final Object lock = new Object();
    /** Between open() and send(); null otherwise. */
    private Opened opened;
    /** The request sent last since the last open(); null before send(). */
    private Exchange exchange;

    private Xhr(WinHttp winHttp) {
        this.winHttp = winHttp;
    }

    /** A new, unopened XHR whose requests go through {@code winHttp}. */
    public static XmlHttpRequest2 create(WinHttp winHttp) {
        return new Xhr(Objects.requireNonNull(winHttp, "winHttp"));
    }

    @Override
    public void open(String method, String url, XmlHttpRequest2Callback callback,
                     String userName, String password, String proxyUserName, String proxyPassword) {
        if (method == null || method.isEmpty()) throw invalid("open: no method");
        if (url == null) throw invalid("open: no URL");
        if (callback == null) throw invalid("open: no callback");
        synchronized (lock) {
            if (exchange != null && !exchange.ended()) {
                throw new XmlHttpRequestException(HResult.E_UNEXPECTED, "open: the request sent before is still running; abort it first");
            }
            discardOpened(); // a second open before send starts over
            exchange = null;
            try {
                UrlComponents parts = winHttp.crackUrl(url, 0);
                Credentials server = Credentials.of(userName, password);
                if (server == null && parts.userName() != null) { // "http://user:pwd@host/": the URL's, decoded
                    UrlComponents decoded = winHttp.crackUrl(url, ICU_DECODE);
                    server = Credentials.of(decoded.userName(), decoded.password());
                }
                Handles handles = Handles.open(winHttp, method, parts);
                opened = new Opened(method, url, parts, callback, server, Credentials.of(proxyUserName, proxyPassword),
                        handles, XhrThreads.CLEANER.register(this, handles));
            } catch (WinHttpException e) {
                throw fromCall("open", e);
            }
        }
    }

    @Override
    public void send(InputStream body, long length) {
        synchronized (lock) {
            if (opened == null) {
                throw new XmlHttpRequestException(HResult.E_UNEXPECTED, exchange == null ? "send: open() first" : "send: already sent");
            }
            if (length < 0 || length > DWORD_MAX) {
                throw invalid("send: length " + length + " (WinHTTP's request length is a DWORD)");
            }
            boolean upload = body != null && length > 0 && carriesBody(opened.method);
            exchange = new Exchange(this, winHttp, serial, opened, upload ? body : null, upload ? length : 0);
            opened = null;
            exchange.start();
        }
    }

    @Override
    public void abort() {
        Exchange e;
        synchronized (lock) {
            e = exchange;
        }
        if (e != null) e.abort(); // before send there is nothing to abort; after the end, nothing happens
    }

    @Override
    public void setRequestHeader(String name, String value) {
        synchronized (lock) {
            Opened o = openedFor("setRequestHeader");
            if (name == null || name.isEmpty()) throw invalid("setRequestHeader: no name");
            if (value == null) throw invalid("setRequestHeader: no value");
            // what would end the line or the name early: the engine would read the rest as more headers
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
                throw invalid("setRequestHeader: CR, LF or ':' in the name");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) throw invalid("setRequestHeader: CR or LF in the value");
            Exchange.Header h = new Exchange.Header(name, value);
            try {
                winHttp.addRequestHeaders(o.handles.request(), h.line(), HEADER_MODIFIERS);
            } catch (WinHttpException e) {
                throw fromCall("setRequestHeader", e);
            }
            o.headers.add(h);
        }
    }

    @Override
    public String getResponseHeader(String name) {
        if (name == null || name.isEmpty()) throw invalid("getResponseHeader: no name");
        return head("getResponseHeader").header(name);
    }

    @Override
    public String getAllResponseHeaders() {
        return head("getAllResponseHeaders").allHeaders();
    }

    @Override
    public void setProperty(int property, long value) {
        synchronized (lock) {
            openedFor("setProperty").properties.set(property, value);
        }
    }

    @Override
    public void setCustomResponseStream(OutputStream stream) {
        synchronized (lock) {
            Opened o = openedFor("setCustomResponseStream");
            if (stream == null) throw invalid("setCustomResponseStream: no stream");
            o.customStream = stream;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private Opened openedFor(String api) {
        if (opened == null) {
            throw new XmlHttpRequestException(HResult.E_UNEXPECTED, api + ": only between open() and send()");
        }
        return opened;
    }

    private ResponseHead head(String api) {
        Exchange e;
        synchronized (lock) {
            e = exchange;
        }
        ResponseHead h = e == null ? null : e.head();
        if (h == null) throw new XmlHttpRequestException(HResult.E_PENDING, api + ": no response headers yet");
        return h;
    }

    private void discardOpened() {
        if (opened != null) opened.release.clean();
        opened = null;
    }

    /** GET and HEAD never carry a body, whatever send() is given; the method's case does not matter here. */
    private static boolean carriesBody(String method) {
        return !method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD");
    }

    /** A refused argument is E_INVALIDARG; anything else (a shut-down engine) keeps its own error. */
    private static XmlHttpRequestException fromCall(String api, WinHttpException e) {
        WinHttpError err = e.error();
        boolean argument = err == WinHttpError.ERROR_INVALID_PARAMETER || err == WinHttpError.ERROR_WINHTTP_INVALID_URL
                || err == WinHttpError.ERROR_WINHTTP_UNRECOGNIZED_SCHEME || err == WinHttpError.ERROR_WINHTTP_INVALID_HEADER;
        XmlHttpRequestException x = new XmlHttpRequestException(argument ? HResult.E_INVALIDARG : HResult.fromWin32(e.code()),
                api + ": " + e.getMessage());
        x.initCause(e);
        return x;
    }

    private static XmlHttpRequestException invalid(String detail) {
        return new XmlHttpRequestException(HResult.E_INVALIDARG, detail);
    }
}
