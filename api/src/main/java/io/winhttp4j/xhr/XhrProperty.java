package io.winhttp4j.xhr;

/**
 * Property ids for {@link XmlHttpRequest2#setProperty} and the values they take, named and
 * numbered as in msxml6.h so that ported calls need no translation.
 */
public final class XhrProperty {

    private XhrProperty() {
    }

    // Property ids (XHR_PROPERTY)
    public static final int XHR_PROP_NO_CRED_PROMPT         = 0x0;
    public static final int XHR_PROP_NO_AUTH                = 0x1;
    public static final int XHR_PROP_TIMEOUT                = 0x2;
    public static final int XHR_PROP_NO_DEFAULT_HEADERS     = 0x3;
    public static final int XHR_PROP_REPORT_REDIRECT_STATUS = 0x4;
    public static final int XHR_PROP_NO_CACHE               = 0x5;
    public static final int XHR_PROP_EXTENDED_ERROR         = 0x6;
    public static final int XHR_PROP_QUERY_STRING_UTF8      = 0x7;
    public static final int XHR_PROP_IGNORE_CERT_ERRORS     = 0x8;
    public static final int XHR_PROP_ONDATA_THRESHOLD       = 0x9;
    public static final int XHR_PROP_SET_ENTERPRISEID       = 0xA;
    public static final int XHR_PROP_MAX_CONNECTIONS        = 0xB;

    // Values of XHR_PROP_NO_CRED_PROMPT (XHR_CRED_PROMPT)
    public static final int XHR_CRED_PROMPT_ALL   = 0x0;
    public static final int XHR_CRED_PROMPT_NONE  = 0x1;
    public static final int XHR_CRED_PROMPT_PROXY = 0x2;

    // Values of XHR_PROP_NO_AUTH (XHR_AUTH)
    public static final int XHR_AUTH_ALL   = 0x0;
    public static final int XHR_AUTH_NONE  = 0x1;
    public static final int XHR_AUTH_PROXY = 0x2;

    // Bits of XHR_PROP_IGNORE_CERT_ERRORS (XHR_CERT_IGNORE_FLAG)
    public static final int XHR_CERT_IGNORE_REVOCATION_FAILED = 0x00000080;
    public static final int XHR_CERT_IGNORE_UNKNOWN_CA        = 0x00000100;
    public static final int XHR_CERT_IGNORE_CERT_CN_INVALID   = 0x00001000;
    public static final int XHR_CERT_IGNORE_CERT_DATE_INVALID = 0x00002000;
    public static final int XHR_CERT_IGNORE_ALL_SERVER_ERRORS = 0x00003180;

    // Server certificate error bits reported to IXMLHTTPRequest3Callback (XHR_CERT_ERROR_FLAG)
    public static final int XHR_CERT_ERROR_REVOCATION_FAILED = 0x00800000;
    public static final int XHR_CERT_ERROR_UNKNOWN_CA        = 0x01000000;
    public static final int XHR_CERT_ERROR_CERT_CN_INVALID   = 0x02000000;
    public static final int XHR_CERT_ERROR_CERT_DATE_INVALID = 0x04000000;
    public static final int XHR_CERT_ERROR_ALL_SERVER_ERRORS = 0x07800000;

    // Special values of XHR_PROP_ONDATA_THRESHOLD (a ULONGLONG, hence long; NEVER is all ones)
    public static final long XHR_PROP_ONDATA_ALWAYS = 0x0L;
    public static final long XHR_PROP_ONDATA_NEVER  = 0xFFFFFFFFFFFFFFFFL;
}
