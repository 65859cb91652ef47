package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7617: "Basic " and the base64 of the UTF-8 bytes of "user:password" (CONFORMANCE 5.5). */
final class BasicAuth {
    private BasicAuth() {}

    /** Why these credentials cannot go as Basic, or null. The text never quotes them. */
    static String problem(Credentials c) {
        if (c.isDefault()) return "Basic needs a user name and a password";
        // The server splits at the first ':', so a user name holding one would be cut (RFC 7617 section 2).
        if (c.user().indexOf(':') >= 0) return "a Basic user name cannot contain ':'";
        return null;
    }

    static String answer(Credentials c) {
        String problem = problem(c);
        if (problem != null) throw new WinHttpException(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, problem);
        byte[] pair = (c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
