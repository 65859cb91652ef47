package io.winhttp4j.xhr;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Java form of the COM interface {@code IXMLHTTPRequest2}: a request object that runs one
 * HTTP exchange at a time and reports progress to an {@link XmlHttpRequest2Callback}.
 *
 * <p>Kept beside the flat WinHTTP API because much Windows code talks HTTP through this
 * interface instead. Methods that COM would fail with an HRESULT throw
 * {@link XmlHttpRequestException} carrying it; failures of the exchange itself arrive once, in
 * {@link XmlHttpRequest2Callback#onError}.
 */
public interface XmlHttpRequest2 {

    /**
     * Prepares a request; ports {@code IXMLHTTPRequest2::Open}. Credentials may be {@code null}.
     *
     * @param method        HTTP method
     * @param url           absolute URL
     * @param callback      receives the events of the exchange
     * @param userName      server user name, or {@code null}
     * @param password      server password, or {@code null}
     * @param proxyUserName proxy user name, or {@code null}
     * @param proxyPassword proxy password, or {@code null}
     */
    void open(String method, String url, XmlHttpRequest2Callback callback,
              String userName, String password, String proxyUserName, String proxyPassword);

    /**
     * Starts the exchange and returns at once; ports {@code IXMLHTTPRequest2::Send}.
     *
     * @param body   request body, or {@code null} for none
     * @param length body length in bytes, 0 when there is none
     */
    void send(InputStream body, long length);

    /** Cancels the exchange; the callback then receives {@code onError(E_ABORT)}. Ports {@code Abort}. */
    void abort();

    /**
     * Adds a request header before {@link #send}; ports {@code SetRequestHeader}.
     *
     * @param name  header name
     * @param value header value
     */
    void setRequestHeader(String name, String value);

    /**
     * Reads one response header once headers have arrived; ports {@code GetResponseHeader}.
     *
     * @param name header name, case-insensitive
     * @return its value
     */
    String getResponseHeader(String name);

    /**
     * Returns every response header as CRLF-separated lines; ports {@code GetAllResponseHeaders}.
     *
     * @return the header block
     */
    String getAllResponseHeaders();

    /**
     * Sets an {@code XHR_PROP_*} property (see {@link XhrProperty}); ports {@code SetProperty}.
     *
     * @param property an {@code XHR_PROP_*} id
     * @param value    the property value (a ULONGLONG in COM)
     */
    void setProperty(int property, long value);

    /**
     * Sends the response body to the given stream instead of the stream passed to the callback;
     * ports {@code SetCustomResponseStream}.
     *
     * @param stream receives the body bytes
     */
    void setCustomResponseStream(OutputStream stream);
}
