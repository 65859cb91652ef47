package io.winhttp4j;

/**
 * {@code WINHTTP_PROXY_INFO}: the value of {@code WINHTTP_OPTION_PROXY}, set and queried.
 *
 * @param accessType {@code WINHTTP_ACCESS_TYPE_*}: DEFAULT_PROXY, NO_PROXY, NAMED_PROXY or AUTOMATIC_PROXY
 * @param proxy      the proxy list for NAMED_PROXY, {@code null} (WINHTTP_NO_PROXY_NAME) otherwise
 * @param bypass     the bypass list, or {@code null} (WINHTTP_NO_PROXY_BYPASS)
 */
public record ProxyInfo(int accessType, String proxy, String bypass) {}
