package io.winhttp4j.engine.xhr;

import io.winhttp4j.HInternet;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.WinHttpException;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The session, connect and request handles of one opened request. Each open() makes its own
 * asynchronous session (nothing is shared between XHRs, and closing the three handles when the
 * request ends leaves nothing behind); connections are still reused, since the engine pools them
 * by server whatever the session.
 *
 * <p>{@link #run} closes whatever is open and is idempotent; it is the action of the Cleaner
 * that releases an XHR opened and then dropped unsent, so it must not refer to the XHR.
 */
final class Handles implements Runnable {
    private final WinHttp winHttp;
    private HInternet session;
    private HInternet connect;
    private HInternet request;

    private Handles(WinHttp winHttp, HInternet session) {
        this.winHttp = winHttp;
        this.session = session;
    }

    /** Opens the three handles for {@code method} on {@code url}; on failure nothing stays open. */
    static Handles open(WinHttp winHttp, String method, UrlComponents url) {
        Handles h = new Handles(winHttp, winHttp.open(null, WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, null, null, WINHTTP_FLAG_ASYNC));
        try {
            h.target(method, url);
            return h;
        } catch (RuntimeException e) {
            h.run();
            throw e;
        }
    }

    /** Replaces connect and request by new ones for {@code method} on {@code url} (a redirect hop). */
    synchronized void target(String method, UrlComponents url) {
        HInternet c = winHttp.connect(session, url.hostName(), url.port());
        HInternet r;
        try {
            int flags = url.scheme() == INTERNET_SCHEME_HTTPS ? WINHTTP_FLAG_SECURE : 0;
            r = winHttp.openRequest(c, method, objectName(url), null, null, null, flags);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
        close(request);
        close(connect);
        connect = c;
        request = r;
    }

    synchronized HInternet session() {
        return session;
    }

    synchronized HInternet request() {
        return request;
    }

    @Override
    public synchronized void run() {
        close(request);
        close(connect);
        close(session);
        request = connect = session = null;
    }

    private void close(HInternet h) {
        if (h == null) return;
        try {
            winHttp.closeHandle(h);
        } catch (WinHttpException e) {
            // already closed by an engine shutdown: nothing left to release
        }
    }

    /** Path and query; the fragment stays with the client, as HTTP never sends it. */
    private static String objectName(UrlComponents url) {
        String extra = url.extraInfo() == null ? "" : url.extraInfo();
        int hash = extra.indexOf('#');
        if (hash >= 0) extra = extra.substring(0, hash);
        String path = url.urlPath() == null || url.urlPath().isEmpty() ? "/" : url.urlPath();
        return path + extra;
    }
}
