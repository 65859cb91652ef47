package io.winhttp4j.engine.handle;

import io.winhttp4j.ProxyInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.http.HeaderList;
import io.winhttp4j.engine.http.PathEscaper;
import io.winhttp4j.engine.http.ProxyBypass;
import io.winhttp4j.engine.http.ProxyList;
import io.winhttp4j.engine.http.ProxyServer;
import io.winhttp4j.engine.http.ServerName;
import io.winhttp4j.engine.http.WireText;
import io.winhttp4j.engine.transport.Tunnel;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The proxy a send goes through, from the request's WINHTTP_OPTION_PROXY (open's access type,
 * proxy list and bypass list, inherited by the request) and where the send goes now.
 * NO_PROXY: direct. NAMED_PROXY: the list's proxy for the scheme unless the bypass list names the
 * server. DEFAULT_PROXY and AUTOMATIC_PROXY: the JVM's own setting, asked of
 * {@link ProxySelector#getDefault()} at each send (http.proxyHost / http.proxyPort,
 * https.proxyHost / https.proxyPort, http.nonProxyHosts with the JDK's default of
 * "localhost|127.*|[::1]", java.net.useSystemProxies, or a selector the application installed);
 * only an HTTP proxy counts, a SOCKS one or none means direct.
 */
final class ProxyChoice {
    private ProxyChoice() {}

    /** The checks of open() and of setOption(PROXY): one rule for both. */
    static void check(String api, int accessType, String proxy, String bypass) {
        if (accessType != WINHTTP_ACCESS_TYPE_NAMED_PROXY) return;
        try {
            ProxyList.parse(proxy);
            ProxyBypass.parse(bypass);
        } catch (IllegalArgumentException e) {
            throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER, api + ": " + e.getMessage());
        }
    }

    /** The proxy for a send to d, or null for direct. Checked lists never fail here. */
    static ProxyServer of(OptionValues options, Destination d) {
        ProxyInfo info = (ProxyInfo) options.get(WINHTTP_OPTION_PROXY);
        return switch (info.accessType()) {
            case WINHTTP_ACCESS_TYPE_NAMED_PROXY -> ProxyBypass.parse(info.bypass()).bypasses(d.host()) ? null
                    : ProxyList.parse(info.proxy()).forScheme(d.secure());
            case WINHTTP_ACCESS_TYPE_DEFAULT_PROXY, WINHTTP_ACCESS_TYPE_AUTOMATIC_PROXY -> jvm(d);
            default -> null;
        };
    }

    /** The request target on the wire: through a proxy, a plain-HTTP request names its origin (absolute form). */
    static String requestTarget(ProxyServer via, Destination d) {
        if (via == null || d.secure() || PathEscaper.isAbsoluteUrl(d.target())) return d.target();
        return ServerName.origin(d.host(), d.port(), false) + d.target();
    }

    /** The request's headers as they go out: inside a tunnel without the proxy's (they go on the CONNECT). */
    static HeaderList sentHeaders(ProxyServer via, Destination d, HeaderList headers) {
        return via != null && d.secure() ? Tunnel.forOrigin(headers) : headers;
    }

    /**
     * The JVM's proxy for d. A proxy name that is no server name fails the send with
     * ERROR_WINHTTP_NAME_NOT_RESOLVED, naming it.
     */
    private static ProxyServer jvm(Destination d) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) return null;
        List<Proxy> proxies;
        try {
            String bare = d.host().startsWith("[") ? d.host().substring(1, d.host().length() - 1) : d.host();
            proxies = selector.select(new URI(d.secure() ? "https" : "http", null, bare, d.port(), "/", null, null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // a name a URI cannot hold ("a_b"): no JVM setting can name it either
        } catch (RuntimeException e) {
            // an application's own selector that throws: the send fails, the handle lives on
            throw new WinHttpException(WinHttpError.ERROR_WINHTTP_INTERNAL_ERROR,
                    "the JVM's ProxySelector failed for " + d.url() + ": " + e);
        }
        for (Proxy p : proxies) {
            if (p.type() != Proxy.Type.HTTP || !(p.address() instanceof InetSocketAddress a)) continue;
            try {
                return new ProxyServer(ServerName.parse(a.getHostString()), a.getPort());
            } catch (WinHttpException e) {
                throw new WinHttpException(WinHttpError.ERROR_WINHTTP_NAME_NOT_RESOLVED,
                        "the JVM's proxy \"" + WireText.shown(a.getHostString()) + "\" is not a server name");
            }
        }
        return null;
    }
}
