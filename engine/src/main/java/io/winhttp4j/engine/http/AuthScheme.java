package io.winhttp4j.engine.http;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The five WINHTTP_AUTH_SCHEME_* values, the names servers give them in a challenge, and whether
 * this engine can answer them ({@link #unavailable}, the one place that decides it).
 */
enum AuthScheme {
    BASIC(WINHTTP_AUTH_SCHEME_BASIC, "Basic"),
    NTLM(WINHTTP_AUTH_SCHEME_NTLM, "NTLM"),
    PASSPORT(WINHTTP_AUTH_SCHEME_PASSPORT, "Passport1.4"),
    DIGEST(WINHTTP_AUTH_SCHEME_DIGEST, "Digest"),
    NEGOTIATE(WINHTTP_AUTH_SCHEME_NEGOTIATE, "Negotiate");

    /** The order in which the engine picks among schemes it holds credentials for: strongest first, as Windows. */
    static final AuthScheme[] PREFERENCE = {NEGOTIATE, NTLM, PASSPORT, DIGEST, BASIC};

    final int bit;
    final String wireName;

    AuthScheme(int bit, String wireName) {
        this.bit = bit;
        this.wireName = wireName;
    }

    /** The scheme of exactly one WINHTTP_AUTH_SCHEME_* bit, or null. */
    static AuthScheme ofBit(int bit) {
        for (AuthScheme a : values()) {
            if (a.bit == bit) return a;
        }
        return null;
    }

    /** The scheme a challenge names (case-insensitive, whole name), or null for schemes WinHTTP does not know. */
    static AuthScheme named(String name) {
        for (AuthScheme a : values()) {
            if (a.wireName.equalsIgnoreCase(name)) return a;
        }
        return null;
    }

    /**
     * Why the engine cannot answer this scheme, or null when it can. queryAuthSchemes leaves out of
     * {@code supported} what this refuses, and an attempt with it ends in ERROR_WINHTTP_LOGIN_FAILURE
     * with this text. engine/README.md ("Decisions") gives the evidence behind it.
     */
    String unavailable() {
        switch (this) {
            case NTLM:
                return "NTLM is not available: WinHTTP does it through Windows' SSPI, which the JVM does not have, and "
                        + "winhttp4j has no NTLM implementation of its own yet (it needs one connection kept for the whole "
                        + "three-message exchange)";
            case NEGOTIATE:
                return "Negotiate is not available: WinHTTP does it through Windows' SSPI (Kerberos or NTLM), which the JVM "
                        + "does not have, and winhttp4j does not drive Kerberos itself";
            case PASSPORT:
                return "Passport is not available: Microsoft's Passport 1.4 login service has no counterpart on the JVM";
            default:
                return null;
        }
    }
}
