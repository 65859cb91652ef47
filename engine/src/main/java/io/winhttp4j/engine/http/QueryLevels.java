package io.winhttp4j.engine.http;

import static io.winhttp4j.WinHttpConstants.*;

/** Which header each WINHTTP_QUERY_* level names; levels that are not a header return null. */
public final class QueryLevels {
    private static final String[] NAMES = new String[WINHTTP_QUERY_MAX + 1];

    static {
        String[] byLevel = {
            "Mime-Version", "Content-Type", "Content-Transfer-Encoding", "Content-ID", "Content-Description",
            "Content-Length", "Content-Language", "Allow", "Public", "Date", "Expires", "Last-Modified",
            "Message-ID", "URI", "Derived-From", "Cost", "Link", "Pragma", null, null, null, null, null,
            "Connection", "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization",
            "Content-Encoding", "Forwarded", "From", "If-Modified-Since", "Location", "Orig-Uri", "Referer",
            "Retry-After", "Server", "Title", "User-Agent", "WWW-Authenticate", "Proxy-Authenticate",
            "Accept-Ranges", "Set-Cookie", "Cookie", null, "Refresh", "Content-Disposition", "Age",
            "Cache-Control", "Content-Base", "Content-Location", "Content-MD5", "Content-Range", "ETag", "Host",
            "If-Match", "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards",
            "Proxy-Authorization", "Range", "Transfer-Encoding", "Upgrade", "Vary", "Via", "Warning", "Expect",
            "Proxy-Connection", "Unless-Modified-Since", null, null, null, null, "Proxy-Support",
            "Authentication-Info", "PassportURLs", "PassportConfig",
        };
        System.arraycopy(byLevel, 0, NAMES, 0, byLevel.length);
    }

    private QueryLevels() {}

    public static String headerName(int level) {
        return level >= 0 && level < NAMES.length ? NAMES[level] : null;
    }
}
