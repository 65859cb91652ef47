package io.winhttp4j.engine.http;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * What one request remembers between its authentication attempts: the schemes already answered
 * in the current send, per target (one try per scheme, so wrong credentials end with the 401
 * and never loop), how many stale-nonce retries that send has had, and per target the last Digest
 * nonce with its count. Immutable; the request keeps the current value, starting at
 * {@link #INITIAL}, and calls {@link #newSend} when the application sends again.
 */
public final class AuthState {
    /** Stale-nonce retries per send: a server that calls every nonce stale cannot keep us going. */
    static final int MAX_STALE_RETRIES = 2;

    public static final AuthState INITIAL = new AuthState(0, 0, 0, null, 0, null, 0);

    private final int triedServer;
    private final int triedProxy;
    private final int staleRetries;
    private final String serverNonce;
    private final int serverCount;
    private final String proxyNonce;
    private final int proxyCount;

    private AuthState(int triedServer, int triedProxy, int staleRetries, String serverNonce, int serverCount,
                      String proxyNonce, int proxyCount) {
        this.triedServer = triedServer;
        this.triedProxy = triedProxy;
        this.staleRetries = staleRetries;
        this.serverNonce = serverNonce;
        this.serverCount = serverCount;
        this.proxyNonce = proxyNonce;
        this.proxyCount = proxyCount;
    }

    /**
     * For a send the application starts (sendRequest again, perhaps after new credentials): every
     * scheme may be tried once more; the nonce counts go on, since a server may keep its nonce.
     */
    public AuthState newSend() {
        return new AuthState(0, 0, 0, serverNonce, serverCount, proxyNonce, proxyCount);
    }

    boolean tried(int target, AuthScheme s) {
        return ((target == WINHTTP_AUTH_TARGET_SERVER ? triedServer : triedProxy) & s.bit) != 0;
    }

    AuthState withTried(int target, AuthScheme s) {
        return target == WINHTTP_AUTH_TARGET_SERVER
                ? new AuthState(triedServer | s.bit, triedProxy, staleRetries, serverNonce, serverCount, proxyNonce, proxyCount)
                : new AuthState(triedServer, triedProxy | s.bit, staleRetries, serverNonce, serverCount, proxyNonce, proxyCount);
    }

    boolean mayRetryStale() {
        return staleRetries < MAX_STALE_RETRIES;
    }

    AuthState withStaleRetry() {
        return new AuthState(triedServer, triedProxy, staleRetries + 1, serverNonce, serverCount, proxyNonce, proxyCount);
    }

    String lastNonce(int target) {
        return target == WINHTTP_AUTH_TARGET_SERVER ? serverNonce : proxyNonce;
    }

    /** The nc for the next use of this nonce: one more than last time if it is the same nonce, else 1. */
    int nextCount(int target, String nonce) {
        boolean server = target == WINHTTP_AUTH_TARGET_SERVER;
        return nonce.equals(server ? serverNonce : proxyNonce) ? (server ? serverCount : proxyCount) + 1 : 1;
    }

    AuthState withNonce(int target, String nonce, int count) {
        return target == WINHTTP_AUTH_TARGET_SERVER
                ? new AuthState(triedServer, triedProxy, staleRetries, nonce, count, proxyNonce, proxyCount)
                : new AuthState(triedServer, triedProxy, staleRetries, serverNonce, serverCount, nonce, count);
    }

    @Override
    public String toString() {
        return "AuthState[tried server=0x" + Integer.toHexString(triedServer) + " proxy=0x" + Integer.toHexString(triedProxy)
                + ", stale retries=" + staleRetries + ", nc server=" + serverCount + " proxy=" + proxyCount + "]";
    }
}
