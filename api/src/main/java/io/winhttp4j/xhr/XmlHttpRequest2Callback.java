package io.winhttp4j.xhr;

import java.io.InputStream;

/**
 * Events of an {@link XmlHttpRequest2} exchange; the Java form of
 * {@code IXMLHTTPRequest2Callback}.
 *
 * <p>Every sent request ends in exactly one {@link #onResponseReceived} or one {@link #onError}.
 * The same response stream is passed to {@link #onDataAvailable} and {@link #onResponseReceived},
 * so bytes read early are simply not there any more at the end.
 */
public interface XmlHttpRequest2Callback {

    /**
     * A redirect is about to be followed.
     *
     * @param request     the request
     * @param redirectUrl where it goes next
     */
    void onRedirect(XmlHttpRequest2 request, String redirectUrl);

    /**
     * Response headers arrived; header getters work from now on.
     *
     * @param request    the request
     * @param status     HTTP status code
     * @param statusText reason phrase
     */
    void onHeadersAvailable(XmlHttpRequest2 request, int status, String statusText);

    /**
     * More body bytes are in the response stream. Reading them now is optional.
     *
     * @param request        the request
     * @param responseStream the request's response stream
     */
    void onDataAvailable(XmlHttpRequest2 request, InputStream responseStream);

    /**
     * The body is complete; the stream holds whatever was not read yet.
     *
     * @param request        the request
     * @param responseStream the request's response stream
     */
    void onResponseReceived(XmlHttpRequest2 request, InputStream responseStream);

    /**
     * The exchange failed or was aborted.
     *
     * @param request the request
     * @param hresult {@code HRESULT_FROM_WIN32} of the WinHTTP error, or {@link HResult#E_ABORT}
     */
    void onError(XmlHttpRequest2 request, int hresult);
}
