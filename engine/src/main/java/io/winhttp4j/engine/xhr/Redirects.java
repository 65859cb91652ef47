package io.winhttp4j.engine.xhr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The hops the XHR follows itself, with XHR_PROP_REPORT_REDIRECT_STATUS (WINHTTP_DISABLE_REDIRECTS
 * is then set, so the engine hands every 3xx back). Without that property the engine follows
 * redirects and these rules are not used. They are WinHTTP's defaults (CONFORMANCE 5.4): 301, 302,
 * 303, 307 and 308 with a Location are followed, at most 10 hops, never from https to http
 * (WINHTTP_OPTION_REDIRECT_POLICY_DISALLOW_HTTPS_TO_HTTP); 303 turns the method into GET, 301 and
 * 302 turn POST into GET; otherwise method and body are kept.
 */
final class Redirects {
    /** WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS' default. */
    static final int MAX_HOPS = 10;

    private Redirects() {}

    static boolean followed(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static String nextMethod(int status, String method) {
        boolean post = method.equalsIgnoreCase("POST");
        boolean head = method.equalsIgnoreCase("HEAD");
        if (status == 303 && !head) return "GET";
        if ((status == 301 || status == 302) && post) return "GET";
        return method;
    }

    /** The absolute URL a Location names, relative ones resolved against {@code base} (RFC 3986 5.2). */
    static String resolve(String base, String location) throws URISyntaxException {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) return location;
        return new URI(base).resolve(new URI(location)).toString();
    }
}
