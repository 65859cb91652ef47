package io.winhttp4j.engine.xhr;

import io.winhttp4j.UrlComponents;
import io.winhttp4j.xhr.XmlHttpRequest2Callback;

import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * What open() set up and the calls before send() added to it. Guarded by the XHR's lock; send()
 * hands it to an {@link Exchange}, which copies what may still change.
 */
final class Opened {
    final String method;
    final String url;
    final UrlComponents parts;
    final XmlHttpRequest2Callback callback;
    final Credentials serverCredentials;
    final Credentials proxyCredentials;
    final Handles handles;
    /** Closes the handles once: at the end of the exchange, at a new open(), or when the XHR is dropped unsent. */
    final Cleaner.Cleanable release;
    final List<Exchange.Header> headers = new ArrayList<>();
    final Properties properties = new Properties();
    OutputStream customStream;

    Opened(String method, String url, UrlComponents parts, XmlHttpRequest2Callback callback,
           Credentials serverCredentials, Credentials proxyCredentials, Handles handles, Cleaner.Cleanable release) {
        this.method = method;
        this.url = url;
        this.parts = parts;
        this.callback = callback;
        this.serverCredentials = serverCredentials;
        this.proxyCredentials = proxyCredentials;
        this.handles = handles;
        this.release = release;
    }
}
