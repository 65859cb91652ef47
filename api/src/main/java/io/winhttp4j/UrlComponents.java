package io.winhttp4j;

/**
 * The parts of a URL, the Java form of {@code URL_COMPONENTS} used by
 * {@link WinHttp#crackUrl} and {@link WinHttp#createUrl}.
 *
 * <p>A {@code null} string means the component is absent, as a NULL pointer does in the C
 * structure.
 *
 * @param scheme    {@code INTERNET_SCHEME_HTTP} or {@code INTERNET_SCHEME_HTTPS}
 * @param hostName  host name or literal address
 * @param port      port number; the scheme's default when the URL names none
 * @param userName  user name from the URL, or {@code null}
 * @param password  password from the URL, or {@code null}
 * @param urlPath   path, starting with {@code /}
 * @param extraInfo query and fragment, starting with {@code ?} or {@code #}
 */
public record UrlComponents(int scheme, String hostName, int port, String userName, String password,
                            String urlPath, String extraInfo) {}
