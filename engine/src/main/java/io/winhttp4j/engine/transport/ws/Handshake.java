package io.winhttp4j.engine.transport.ws;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.ResponseHead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The opening handshake, client side (RFC 6455 4.1): the headers an upgrade request adds, and the
 * check of the server's answer. One place for both, so the key sent is the key checked.
 */
public final class Handshake {
    /** The GUID every server appends to the key before hashing it (RFC 6455 1.3). */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String KEY = "Sec-WebSocket-Key";

    private Handshake() {}

    /** The upgrade headers with a fresh key (16 random bytes, base64): one per send. */
    public static HeaderList addTo(HeaderList headers) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return headers.without("Upgrade").without("Connection").without(KEY).without("Sec-WebSocket-Version")
                .add("Upgrade", "websocket")
                .add("Connection", "Upgrade")
                .add(KEY, Base64.getEncoder().encodeToString(nonce))
                .add("Sec-WebSocket-Version", "13");
    }

    /** What a server must answer to {@code key}: base64 of SHA-1 of the key and the GUID. */
    public static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Checks a response to the upgrade request that carried {@code key}: 101, Upgrade: websocket,
     * Connection: Upgrade, the right Sec-WebSocket-Accept.
     *
     * @throws WinHttpException ERROR_WINHTTP_INVALID_SERVER_RESPONSE naming what is wrong
     */
    public static void check(ResponseHead head, String key) {
        String wrong = null;
        if (key == null) wrong = "the request was not sent as a WebSocket upgrade";
        else if (head.status() != 101) wrong = "status " + head.status() + ", not 101";
        else if (!head.headers().hasToken("Upgrade", "websocket")) wrong = "no Upgrade: websocket";
        else if (!head.headers().hasToken("Connection", "upgrade")) wrong = "no Connection: Upgrade";
        else if (!accept(key).equals(trimmed(head.headers().get("Sec-WebSocket-Accept", 0)))) {
            wrong = "Sec-WebSocket-Accept does not match the key sent";
        }
        if (wrong != null) {
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INVALID_SERVER_RESPONSE, "not a WebSocket handshake: " + wrong);
        }
    }

    private static String trimmed(String s) { return s == null ? null : s.trim(); }
}
