/**
 * IXMLHTTPRequest2 ({@link io.winhttp4j.xhr.XmlHttpRequest2}) built only on the public
 * {@link io.winhttp4j.WinHttp} interface in asynchronous mode: the proof that the public API is
 * enough for a real client. Nothing here reaches into the actors or the engine's other packages.
 *
 * <h2>Handles</h2>
 * One session per opened request: open() makes an asynchronous session, a connect and a request
 * handle (so the engine checks method, host and path at once, and E_INVALIDARG comes back from
 * open itself); the request's end closes all three. Nothing is shared between XHRs, and nothing
 * stays open after a request; connections are reused anyway, since the engine pools them by
 * server whatever the session. An XHR opened and dropped without send() has its handles closed
 * by a {@link java.lang.ref.Cleaner}, as COM's Release would.
 *
 * <h2>Threads</h2>
 * Each XHR has one {@link io.winhttp4j.engine.xhr.SerialExecutor}: a queue that runs one task at
 * a time on the XHR's own daemon pool ({@code winhttp4j-xhr-N} threads, never a Pekko thread,
 * never the common ForkJoinPool). The WinHTTP status callback, on the engine's callback
 * dispatcher, only puts the notification on that queue. The queue owns every exchange's state,
 * makes the WinHttp calls that follow a notification, and runs the user's callbacks, so they
 * never overlap and never run on the caller's thread. The body stream is read on a pool thread of
 * its own (it may block), one chunk at a time, each chunk handed back to the queue for writeData.
 * The caller's methods take one short lock and never wait for the network. abort() and
 * XHR_PROP_TIMEOUT (a timer thread) only mark the exchange ended and queue its onError, so they
 * work from any thread, callbacks included.
 *
 * <h2>Callbacks</h2>
 * onRedirect per hop, onHeadersAvailable for the final response (with REPORT_REDIRECT_STATUS also
 * for every 3xx), onDataAvailable as bytes arrive (at most one at a time; the next readData waits
 * until it returns), then exactly one onResponseReceived or onError, and nothing after it.
 * Errors are {@code HRESULT_FROM_WIN32} of the WinHTTP error, E_ABORT for abort(), E_FAIL when
 * the body stream or the custom response stream throws (or the body stream ends before the
 * length given to send). 4xx and 5xx responses are responses, not errors.
 *
 * <h2>The response stream</h2>
 * One {@code InputStream} per sent request; it holds what was received and not read yet, and
 * never blocks (see {@code ResponseStream}). With a custom response stream the bytes go there
 * and the InputStream stays empty.
 */
package io.winhttp4j.engine.xhr;
