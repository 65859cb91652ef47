package io.winhttp4j.engine.xhr;

import io.winhttp4j.xhr.HResult;
import io.winhttp4j.xhr.XmlHttpRequestException;

import static io.winhttp4j.WinHttpConstants.SECURITY_FLAG_IGNORE_CERT_CN_INVALID;
import static io.winhttp4j.WinHttpConstants.SECURITY_FLAG_IGNORE_CERT_DATE_INVALID;
import static io.winhttp4j.WinHttpConstants.SECURITY_FLAG_IGNORE_UNKNOWN_CA;
import static io.winhttp4j.xhr.XhrProperty.*;

/**
 * The XHR_PROP_* values of one opened request: the one place that checks them (setProperty) and
 * says what each becomes at send. Every property of msxml6.h is taken; an unknown id or a value
 * outside a property's range is E_INVALIDARG.
 *
 * <table>
 *   <caption>What each property does here</caption>
 *   <tr><td>NO_CRED_PROMPT</td><td>XHR_CRED_PROMPT_*: accepted; there is no user to prompt, so no value changes anything</td></tr>
 *   <tr><td>NO_AUTH</td><td>XHR_AUTH_ALL answers 401 and 407 with open()'s credentials; _PROXY only 407;
 *       _NONE neither, and sets WINHTTP_DISABLE_AUTHENTICATION</td></tr>
 *   <tr><td>TIMEOUT</td><td>ms for the whole request, up to 0xFFFFFFFF; 0 means no limit. Also every
 *       WinHTTP timeout of the request (setTimeouts), so no single phase has a shorter default limit</td></tr>
 *   <tr><td>NO_DEFAULT_HEADERS</td><td>0/1: leave out the XHR's Accept and User-Agent</td></tr>
 *   <tr><td>REPORT_REDIRECT_STATUS</td><td>0/1: onHeadersAvailable for every 3xx; the XHR then follows
 *       the hops itself, with WINHTTP_DISABLE_REDIRECTS set</td></tr>
 *   <tr><td>NO_CACHE</td><td>0/1: accepted; this stack has no cache to read or write</td></tr>
 *   <tr><td>EXTENDED_ERROR</td><td>0/1: accepted; onError always carries HRESULT_FROM_WIN32 of the WinHTTP error</td></tr>
 *   <tr><td>QUERY_STRING_UTF8</td><td>0/1: accepted; the engine escapes the query as UTF-8 in any case</td></tr>
 *   <tr><td>IGNORE_CERT_ERRORS</td><td>XHR_CERT_IGNORE_* bits: the matching SECURITY_FLAG_IGNORE_* on the
 *       request; REVOCATION_FAILED has no counterpart (WinHTTP checks revocation only when asked to)</td></tr>
 *   <tr><td>ONDATA_THRESHOLD</td><td>bytes to receive between two onDataAvailable; ALWAYS (0) after every
 *       read, NEVER (all ones) not at all</td></tr>
 *   <tr><td>SET_ENTERPRISEID</td><td>any value: accepted, ignored (a Windows data-protection label)</td></tr>
 *   <tr><td>MAX_CONNECTIONS</td><td>1 to 0xFFFFFFFF: WINHTTP_OPTION_MAX_CONNS_PER_SERVER of the request's session</td></tr>
 * </table>
 */
final class Properties {
    private static final long DWORD_MAX = 0xFFFF_FFFFL;
    private static final int CERT_IGNORE_MAPPED = SECURITY_FLAG_IGNORE_UNKNOWN_CA | SECURITY_FLAG_IGNORE_CERT_CN_INVALID
            | SECURITY_FLAG_IGNORE_CERT_DATE_INVALID;

    int noCredPrompt = XHR_CRED_PROMPT_ALL;
    int noAuth = XHR_AUTH_ALL;
    /** -1: not set (the engine's own timeouts apply, no limit for the whole request). */
    long timeoutMs = -1;
    boolean noDefaultHeaders;
    boolean reportRedirectStatus;
    boolean noCache;
    boolean extendedError;
    boolean queryStringUtf8;
    int ignoreCertErrors;
    long onDataThreshold = XHR_PROP_ONDATA_ALWAYS;
    long enterpriseId;
    /** 0: not set (the session's default). */
    long maxConnections;

    void set(int property, long value) {
        switch (property) {
            case XHR_PROP_NO_CRED_PROMPT -> noCredPrompt = (int) range("NO_CRED_PROMPT", value, XHR_CRED_PROMPT_ALL, XHR_CRED_PROMPT_PROXY);
            case XHR_PROP_NO_AUTH -> noAuth = (int) range("NO_AUTH", value, XHR_AUTH_ALL, XHR_AUTH_PROXY);
            case XHR_PROP_TIMEOUT -> timeoutMs = range("TIMEOUT", value, 0, DWORD_MAX);
            case XHR_PROP_NO_DEFAULT_HEADERS -> noDefaultHeaders = bool("NO_DEFAULT_HEADERS", value);
            case XHR_PROP_REPORT_REDIRECT_STATUS -> reportRedirectStatus = bool("REPORT_REDIRECT_STATUS", value);
            case XHR_PROP_NO_CACHE -> noCache = bool("NO_CACHE", value);
            case XHR_PROP_EXTENDED_ERROR -> extendedError = bool("EXTENDED_ERROR", value);
            case XHR_PROP_QUERY_STRING_UTF8 -> queryStringUtf8 = bool("QUERY_STRING_UTF8", value);
            case XHR_PROP_IGNORE_CERT_ERRORS -> {
                if ((value & ~(long) XHR_CERT_IGNORE_ALL_SERVER_ERRORS) != 0) {
                    throw invalid("IGNORE_CERT_ERRORS takes XHR_CERT_IGNORE_* bits, not 0x" + Long.toHexString(value));
                }
                ignoreCertErrors = (int) value;
            }
            case XHR_PROP_ONDATA_THRESHOLD -> onDataThreshold = value; // every ULONGLONG is a threshold
            case XHR_PROP_SET_ENTERPRISEID -> enterpriseId = value;
            case XHR_PROP_MAX_CONNECTIONS -> maxConnections = range("MAX_CONNECTIONS", value, 1, DWORD_MAX);
            default -> throw invalid("unknown property " + property);
        }
    }

    Properties copy() {
        Properties p = new Properties();
        p.noCredPrompt = noCredPrompt;
        p.noAuth = noAuth;
        p.timeoutMs = timeoutMs;
        p.noDefaultHeaders = noDefaultHeaders;
        p.reportRedirectStatus = reportRedirectStatus;
        p.noCache = noCache;
        p.extendedError = extendedError;
        p.queryStringUtf8 = queryStringUtf8;
        p.ignoreCertErrors = ignoreCertErrors;
        p.onDataThreshold = onDataThreshold;
        p.enterpriseId = enterpriseId;
        p.maxConnections = maxConnections;
        return p;
    }

    /** WINHTTP_OPTION_SECURITY_FLAGS for IGNORE_CERT_ERRORS: the XHR bits that WinHTTP shares, 0 for none. */
    int securityFlags() {
        return ignoreCertErrors & CERT_IGNORE_MAPPED; // the XHR_CERT_IGNORE_* values are the SECURITY_FLAG_IGNORE_* ones
    }

    /** The value for setTimeouts: ms, or -1 (no limit) past what an int holds; 0 is no limit too. */
    int engineTimeout() {
        return timeoutMs > Integer.MAX_VALUE ? -1 : (int) timeoutMs;
    }

    /** True when the onDataAvailable threshold is reached after {@code received} bytes. */
    boolean dataThresholdReached(long received) {
        return Long.compareUnsigned(received, onDataThreshold) >= 0;
    }

    private static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(name + " takes " + min + " to " + max + ", not " + Long.toUnsignedString(value));
        }
        return value;
    }

    private static boolean bool(String name, long value) {
        return range(name, value, 0, 1) == 1;
    }

    private static XmlHttpRequestException invalid(String detail) {
        return new XmlHttpRequestException(HResult.E_INVALIDARG, "setProperty: " + detail);
    }
}
