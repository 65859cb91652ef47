package io.winhttp4j.engine.http;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7617: "Basic " and the base64 of the UTF-8 bytes of "user:password" (CONFORMANCE 5.5). */
final class BasicAuth {
    private BasicAuth() {}

    static String answer(Credentials c) {
        if (c.isDefault()) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, "Basic needs a user name and a password");
        }
        // The server splits at the first ':', so a user name holding one would be cut (RFC 7617 section 2).
        if (c.user().indexOf(':') >= 0) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_LOGIN_FAILURE, "a Basic user name cannot contain ':'");
        }
        byte[] pair = (c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }
}
