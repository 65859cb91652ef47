package io.winhttp4j.xhr;

/**
 * Property ids for {@link XmlHttpRequest2#setProperty} and the values they take, named and
 * numbered as in msxml6.h so that ported calls need no translation.
 */
public final class XhrProperty {

    private XhrProperty() {
    }

    // Property ids (XHR_PROPERTY)
    /** Whether to prompt for credentials: an {@code XHR_CRED_PROMPT_*} value. */
    public static final int XHR_PROP_NO_CRED_PROMPT         = 0x0;
    /** Which authentication to answer: an {@code XHR_AUTH_*} value. */
    public static final int XHR_PROP_NO_AUTH                = 0x1;
    /** The time the whole request may take, in milliseconds. */
    public static final int XHR_PROP_TIMEOUT                = 0x2;
    /** Nonzero: send only the headers the caller set, none added by default. */
    public static final int XHR_PROP_NO_DEFAULT_HEADERS     = 0x3;
    /** Nonzero: report a 3xx response to the caller instead of following it. */
    public static final int XHR_PROP_REPORT_REDIRECT_STATUS = 0x4;
    /** Nonzero: do not answer the request from a cache. */
    public static final int XHR_PROP_NO_CACHE               = 0x5;
    /** Nonzero: report failures with their detailed WinHTTP error. */
    public static final int XHR_PROP_EXTENDED_ERROR         = 0x6;
    /** Nonzero: encode the URL's query string as UTF-8. */
    public static final int XHR_PROP_QUERY_STRING_UTF8      = 0x7;
    /** Server certificate errors to ignore: {@code XHR_CERT_IGNORE_*} bits. */
    public static final int XHR_PROP_IGNORE_CERT_ERRORS     = 0x8;
    /** Bytes received between two {@code onDataAvailable} calls (see {@code XHR_PROP_ONDATA_*}). */
    public static final int XHR_PROP_ONDATA_THRESHOLD       = 0x9;
    /** The enterprise id the request is tagged with (Windows information protection). */
    public static final int XHR_PROP_SET_ENTERPRISEID       = 0xA;
    /** The most connections its session opens to one server, as WINHTTP_OPTION_MAX_CONNS_PER_SERVER. */
    public static final int XHR_PROP_MAX_CONNECTIONS        = 0xB;

    // Values of XHR_PROP_NO_CRED_PROMPT (XHR_CRED_PROMPT)
    /** Prompt for server and proxy credentials. */
    public static final int XHR_CRED_PROMPT_ALL   = 0x0;
    /** Never prompt for credentials. */
    public static final int XHR_CRED_PROMPT_NONE  = 0x1;
    /** Prompt for proxy credentials only. */
    public static final int XHR_CRED_PROMPT_PROXY = 0x2;

    // Values of XHR_PROP_NO_AUTH (XHR_AUTH)
    /** Answer server and proxy challenges. */
    public static final int XHR_AUTH_ALL   = 0x0;
    /** Answer no authentication challenge. */
    public static final int XHR_AUTH_NONE  = 0x1;
    /** Answer proxy challenges only. */
    public static final int XHR_AUTH_PROXY = 0x2;

    // Bits of XHR_PROP_IGNORE_CERT_ERRORS (XHR_CERT_IGNORE_FLAG)
    /** Ignore a failed revocation check. */
    public static final int XHR_CERT_IGNORE_REVOCATION_FAILED = 0x00000080;
    /** Ignore a certificate from an untrusted authority. */
    public static final int XHR_CERT_IGNORE_UNKNOWN_CA        = 0x00000100;
    /** Ignore a certificate whose name does not match the server. */
    public static final int XHR_CERT_IGNORE_CERT_CN_INVALID   = 0x00001000;
    /** Ignore an expired or not yet valid certificate. */
    public static final int XHR_CERT_IGNORE_CERT_DATE_INVALID = 0x00002000;
    /** All four {@code XHR_CERT_IGNORE_*} bits. */
    public static final int XHR_CERT_IGNORE_ALL_SERVER_ERRORS = 0x00003180;

    // Server certificate error bits reported to IXMLHTTPRequest3Callback (XHR_CERT_ERROR_FLAG)
    /** The revocation check failed. */
    public static final int XHR_CERT_ERROR_REVOCATION_FAILED = 0x00800000;
    /** The certificate comes from an untrusted authority. */
    public static final int XHR_CERT_ERROR_UNKNOWN_CA        = 0x01000000;
    /** The certificate's name does not match the server. */
    public static final int XHR_CERT_ERROR_CERT_CN_INVALID   = 0x02000000;
    /** The certificate is expired or not yet valid. */
    public static final int XHR_CERT_ERROR_CERT_DATE_INVALID = 0x04000000;
    /** All four {@code XHR_CERT_ERROR_*} bits. */
    public static final int XHR_CERT_ERROR_ALL_SERVER_ERRORS = 0x07800000;

    // Special values of XHR_PROP_ONDATA_THRESHOLD (a ULONGLONG, hence long; NEVER is all ones)
    /** Threshold 0: call {@code onDataAvailable} for every piece of data. */
    public static final long XHR_PROP_ONDATA_ALWAYS = 0x0L;
    /** Threshold all ones: never call {@code onDataAvailable}. */
    public static final long XHR_PROP_ONDATA_NEVER  = 0xFFFFFFFFFFFFFFFFL;
}
