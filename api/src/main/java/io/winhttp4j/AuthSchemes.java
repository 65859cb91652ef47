package io.winhttp4j;

/**
 * What {@code WinHttpQueryAuthSchemes} returns through its three out-parameters.
 *
 * @param supported {@code WINHTTP_AUTH_SCHEME_*} bits the server (or proxy) offered
 * @param first     the scheme the server listed first
 * @param target    {@code WINHTTP_AUTH_TARGET_SERVER} or {@code WINHTTP_AUTH_TARGET_PROXY}
 */
public record AuthSchemes(int supported, int first, int target) {}
