package io.winhttp4j;

import io.winhttp4j.xhr.XmlHttpRequest2;

/**
 * The WinHTTP API as a Java interface: each method ports one {@code WinHttp*} function under
 * the same name minus the prefix, so code written against the Windows documentation carries
 * over almost line for line.
 *
 * <p>Differences from C, kept to what Java forces: a failure throws {@link WinHttpException}
 * carrying the {@link WinHttpError} that {@code GetLastError()} would hold (no other exception
 * escapes); {@code null} stands for NULL and the {@code WINHTTP_NO_*} placeholders; results
 * that C returns through out-parameters are returned. Every method is thread-safe.
 *
 * <p>A session opened with {@code WINHTTP_FLAG_ASYNC} makes it and all handles derived from it
 * asynchronous: calls validate, return at once, and report completion through the status
 * callback; methods returning a count then return {@link #PENDING}. Otherwise calls block until
 * done.
 */
public interface WinHttp extends AutoCloseable {

    /** Returned by count-returning methods in asynchronous mode: the count arrives by notification. */
    int PENDING = -1;

    // ---- handles -------------------------------------------------------------------------

    /**
     * Opens a session; ports {@code WinHttpOpen}.
     *
     * @param userAgent   User-Agent header value for requests of this session, or {@code null}
     * @param accessType  a {@code WINHTTP_ACCESS_TYPE_*} value
     * @param proxyName   proxy list for {@code NAMED_PROXY}, else {@code null}
     * @param proxyBypass bypass list for {@code NAMED_PROXY}, else {@code null}
     * @param flags       0 or {@code WINHTTP_FLAG_ASYNC} / {@code WINHTTP_FLAG_SECURE_DEFAULTS}
     * @return the session handle
     */
    HInternet open(String userAgent, int accessType, String proxyName, String proxyBypass, int flags);

    /**
     * Names the target server of later requests; ports {@code WinHttpConnect}. No network I/O
     * happens here.
     *
     * @param session    a session handle
     * @param serverName host name or IP literal
     * @param serverPort port, or {@code INTERNET_DEFAULT_PORT} for the scheme's default
     * @return the connect handle
     */
    HInternet connect(HInternet session, String serverName, int serverPort);

    /**
     * Creates a request; ports {@code WinHttpOpenRequest}.
     *
     * @param connect     a connect handle
     * @param verb        HTTP method, {@code null} for GET
     * @param objectName  path and query, {@code null} for {@code /}
     * @param version     HTTP version string, {@code null} for the default
     * @param referrer    Referer header value, or {@code null}
     * @param acceptTypes media types for the Accept header, or {@code null}
     * @param flags       {@code WINHTTP_FLAG_SECURE}, escaping and cache flags
     * @return the request handle
     */
    HInternet openRequest(HInternet connect, String verb, String objectName, String version,
                          String referrer, String[] acceptTypes, int flags);

    /**
     * Closes a handle, cancelling what is in flight on it; ports {@code WinHttpCloseHandle}.
     *
     * @param handle any handle of this engine
     */
    void closeHandle(HInternet handle);

    // ---- callbacks and options -----------------------------------------------------------

    /**
     * Installs the status callback of a handle; ports {@code WinHttpSetStatusCallback}. Handles
     * created later from this one inherit it.
     *
     * @param handle            any handle
     * @param callback          the new callback, or {@code null} to remove it
     * @param notificationFlags {@code WINHTTP_CALLBACK_FLAG_*} mask of statuses to deliver
     * @return the callback installed before, or {@code null}
     */
    StatusCallback setStatusCallback(HInternet handle, StatusCallback callback, int notificationFlags);

    /**
     * Sets a {@code WINHTTP_OPTION_*} value; ports {@code WinHttpSetOption}. The Java type of
     * {@code value} depends on the option (see API.md, "Options").
     *
     * @param handle a handle, or {@code null} for the few global options
     * @param option a {@code WINHTTP_OPTION_*} id
     * @param value  the value: Integer, Long, String, null, or the option's documented type
     */
    void setOption(HInternet handle, int option, Object value);

    /**
     * Reads a {@code WINHTTP_OPTION_*} value; ports {@code WinHttpQueryOption}.
     *
     * @param handle a handle, or {@code null} for the few global options
     * @param option a {@code WINHTTP_OPTION_*} id
     * @return the value, typed as {@link #setOption} takes it
     */
    Object queryOption(HInternet handle, int option);

    /**
     * Sets the four basic timeouts in one call; ports {@code WinHttpSetTimeouts}.
     *
     * @param handle     a session or request handle
     * @param resolveMs  name resolution timeout in ms; 0 or -1 waits forever
     * @param connectMs  connect timeout in ms; 0 or -1 waits forever
     * @param sendMs     send timeout in ms; 0 or -1 waits forever
     * @param receiveMs  receive timeout in ms; 0 or -1 waits forever
     */
    void setTimeouts(HInternet handle, int resolveMs, int connectMs, int sendMs, int receiveMs);

    // ---- HTTP request --------------------------------------------------------------------

    /**
     * Adds, replaces or merges request headers; ports {@code WinHttpAddRequestHeaders}.
     *
     * @param request   a request handle, before it is sent
     * @param headers   one or more {@code Name: value} lines separated by CRLF
     * @param modifiers {@code WINHTTP_ADDREQ_FLAG_*} bits
     */
    void addRequestHeaders(HInternet request, String headers, int modifiers);

    /**
     * Sends the request line, headers and optional body start; ports {@code WinHttpSendRequest}.
     *
     * @param request     a request handle
     * @param headers     extra headers, or {@code null}
     * @param optional    body bytes sent right after the headers, or {@code null}; owned by the
     *                    engine until the request completes
     * @param totalLength total body length, including what {@link #writeData} will add
     * @param context     new context value for the request, 0 to keep the current one
     */
    void sendRequest(HInternet request, String headers, byte[] optional, long totalLength, long context);

    /**
     * Sends more body bytes after {@link #sendRequest}; ports {@code WinHttpWriteData}.
     *
     * @param request a request handle
     * @param buffer  source bytes
     * @param offset  start in {@code buffer}
     * @param length  byte count
     * @return bytes written, or {@link #PENDING} in asynchronous mode
     */
    int writeData(HInternet request, byte[] buffer, int offset, int length);

    /**
     * Waits for the response headers; ports {@code WinHttpReceiveResponse}. Redirects and
     * authentication round trips happen here.
     *
     * @param request a request handle
     */
    void receiveResponse(HInternet request);

    /**
     * Reads a response (or request) header as text; ports {@code WinHttpQueryHeaders}.
     *
     * @param request   a request handle
     * @param infoLevel a {@code WINHTTP_QUERY_*} level, possibly with {@code WINHTTP_QUERY_FLAG_*}
     * @param name      header name for {@code WINHTTP_QUERY_CUSTOM}, else {@code null}
     * @param index     which occurrence of a repeated header, starting at 0
     * @return the header value
     */
    String queryHeaders(HInternet request, int infoLevel, String name, int index);

    /**
     * {@link #queryHeaders} with {@code WINHTTP_QUERY_FLAG_NUMBER} implied: the value parsed as a
     * number, which C returns as a DWORD in the output buffer.
     *
     * @param request   a request handle
     * @param infoLevel a {@code WINHTTP_QUERY_*} level
     * @param name      header name for {@code WINHTTP_QUERY_CUSTOM}, else {@code null}
     * @param index     which occurrence of a repeated header, starting at 0
     * @return the numeric value
     */
    long queryHeadersNumber(HInternet request, int infoLevel, String name, int index);

    /**
     * WinHttpQueryHeaders with {@code WINHTTP_QUERY_FLAG_SYSTEMTIME} implied: the header's HTTP
     * date (RFC 1123, RFC 850 or asctime form) as a UTC time, where Windows fills a SYSTEMTIME.
     * A value that is not an HTTP date fails with ERROR_WINHTTP_INVALID_QUERY_REQUEST.
     *
     * @param request   a request handle
     * @param infoLevel a {@code WINHTTP_QUERY_*} level
     * @param name      header name for {@code WINHTTP_QUERY_CUSTOM}, else {@code null}
     * @param index     which occurrence of a repeated header, starting at 0
     * @return the header's date and time, in UTC
     */
    java.time.ZonedDateTime queryHeadersTime(HInternet request, int infoLevel, String name, int index);

    /**
     * Reports how many body bytes can be read without waiting; ports
     * {@code WinHttpQueryDataAvailable}.
     *
     * @param request a request handle
     * @return bytes available (0 at the end of the body), or {@link #PENDING} in asynchronous mode
     */
    int queryDataAvailable(HInternet request);

    /**
     * Reads body bytes into the caller's array; ports {@code WinHttpReadData}. In asynchronous
     * mode the array must be left alone until READ_COMPLETE.
     *
     * @param request a request handle
     * @param buffer  destination
     * @param offset  start in {@code buffer}
     * @param length  most bytes to read
     * @return bytes read (0 at the end of the body), or {@link #PENDING} in asynchronous mode
     */
    int readData(HInternet request, byte[] buffer, int offset, int length);

    /**
     * Lists the authentication schemes of the last 401 or 407 response; ports
     * {@code WinHttpQueryAuthSchemes}.
     *
     * @param request a request handle that received a challenge
     * @return the offered schemes, the first one, and the target
     */
    AuthSchemes queryAuthSchemes(HInternet request);

    /**
     * Supplies credentials for the next attempt of a request; ports {@code WinHttpSetCredentials}.
     *
     * @param request    a request handle
     * @param authTarget {@code WINHTTP_AUTH_TARGET_SERVER} or {@code _PROXY}
     * @param authScheme one {@code WINHTTP_AUTH_SCHEME_*} value
     * @param userName   user name
     * @param password   password
     */
    void setCredentials(HInternet request, int authTarget, int authScheme, String userName, String password);

    // ---- WebSocket -----------------------------------------------------------------------

    /**
     * Turns a request that received 101 Switching Protocols into a WebSocket; ports
     * {@code WinHttpWebSocketCompleteUpgrade}.
     *
     * @param request a request handle with {@code WINHTTP_OPTION_UPGRADE_TO_WEB_SOCKET} set
     * @param context context value of the new WebSocket handle
     * @return the WebSocket handle
     */
    HInternet webSocketCompleteUpgrade(HInternet request, long context);

    /**
     * Sends a message or fragment; ports {@code WinHttpWebSocketSend}.
     *
     * @param webSocket  a WebSocket handle
     * @param bufferType a {@code WINHTTP_WEB_SOCKET_*_BUFFER_TYPE} (not CLOSE)
     * @param buffer     payload bytes
     * @param offset     start in {@code buffer}
     * @param length     byte count
     */
    void webSocketSend(HInternet webSocket, int bufferType, byte[] buffer, int offset, int length);

    /**
     * Receives the next message or fragment; ports {@code WinHttpWebSocketReceive}.
     *
     * @param webSocket a WebSocket handle
     * @param buffer    destination
     * @param offset    start in {@code buffer}
     * @param length    room in {@code buffer}
     * @return bytes read and buffer type, or {@code null} in asynchronous mode
     */
    WebSocketReceiveResult webSocketReceive(HInternet webSocket, byte[] buffer, int offset, int length);

    /**
     * Sends a close frame and waits for the peer's; ports {@code WinHttpWebSocketClose}.
     *
     * @param webSocket a WebSocket handle
     * @param status    close status code
     * @param reason    reason bytes (UTF-8, at most 123), or {@code null}
     */
    void webSocketClose(HInternet webSocket, int status, byte[] reason);

    /**
     * Sends a close frame without waiting for the peer's (closes the send side only); ports
     * {@code WinHttpWebSocketShutdown}.
     *
     * @param webSocket a WebSocket handle
     * @param status    close status code
     * @param reason    reason bytes (UTF-8, at most 123), or {@code null}
     */
    void webSocketShutdown(HInternet webSocket, int status, byte[] reason);

    /**
     * Returns the close frame received from the peer; ports
     * {@code WinHttpWebSocketQueryCloseStatus}.
     *
     * @param webSocket a WebSocket handle
     * @return the peer's close status and reason
     */
    WebSocketCloseStatus webSocketQueryCloseStatus(HInternet webSocket);

    // ---- URLs ----------------------------------------------------------------------------

    /**
     * Splits a URL into its parts; ports {@code WinHttpCrackUrl}.
     *
     * @param url   an absolute http or https URL
     * @param flags {@code ICU_ESCAPE}, {@code ICU_DECODE}, {@code ICU_REJECT_USERPWD} or 0
     * @return the components
     */
    UrlComponents crackUrl(String url, int flags);

    /**
     * Builds a URL from its parts; ports {@code WinHttpCreateUrl}.
     *
     * @param components the parts; {@code null} strings are left out
     * @param flags      {@code ICU_ESCAPE} or 0
     * @return the URL
     */
    String createUrl(UrlComponents components, int flags);

    // ---- IXMLHTTPRequest2 and shutdown ---------------------------------------------------

    /**
     * Creates an IXMLHTTPRequest2-style request object, the COM API that Windows builds on top
     * of WinHTTP.
     *
     * @return a new, unopened request
     */
    XmlHttpRequest2 createXmlHttpRequest2();

    /**
     * Shuts the engine down: cancels what is in flight, closes every open handle (with
     * HANDLE_CLOSING), and releases connections and threads. Later calls throw
     * {@code ERROR_WINHTTP_SHUTDOWN}. No Windows counterpart; declared without checked
     * exceptions so try-with-resources needs no catch.
     */
    @Override
    void close();
}
