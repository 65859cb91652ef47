package io.winhttp4j.samples.cli;

import static io.winhttp4j.WinHttpConstants.*;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.winhttp4j.HInternet;
import io.winhttp4j.UrlComponents;
import io.winhttp4j.WinHttp;
import io.winhttp4j.engine.WinHttpEngine;

/**
 * What every mode of the command line shares: the engine (with --cacert's trust store in its
 * configuration), the URL cracked as WinHTTP cracks it, the session's proxy and timeouts, and the
 * request's options (-L, -k, --cert, --compressed).
 */
final class Setup {
    static final String USER_AGENT = "winhttp4j-cli/0.1";
    private static final String TRUST_PASSWORD = "winhttp4j";

    private Setup() {
    }

    /** The engine: the configuration on the class path, with --cacert as its trust store. */
    static WinHttp engine(WinHttpCli cli) throws WinHttpCli.Failure {
        Map<String, Object> overrides = new HashMap<>();
        // Pekko's own start-up lines would land in the body on stdout
        overrides.put("pekko.stdout-loglevel", "OFF");
        if (cli.caCert != null) {
            overrides.put("winhttp4j.tls.trust-store", trustStore(cli.caCert).toString());
            overrides.put("winhttp4j.tls.trust-store-password", TRUST_PASSWORD);
        }
        Config config = ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load());
        return WinHttpEngine.create(config);
    }

    /**
     * --cacert as the engine reads trust: a key store file. PEM or DER certificates (curl's format)
     * are put into a temporary PKCS12 store; a file that is no certificate is taken as a store.
     */
    private static Path trustStore(Path file) throws WinHttpCli.Failure {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new WinHttpCli.Failure(ExitCodes.LOCAL_CERTIFICATE, "--cacert " + file + " cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException notCertificates) {
            certificates = java.util.List.of();
        }
        if (certificates.isEmpty()) {
            return file; // a PKCS12 or JKS store; the engine reports it if it is not one
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca" + i++, c);
            }
            Path tmp = Files.createTempFile("winhttp4j-cacert", ".p12");
            tmp.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, TRUST_PASSWORD.toCharArray());
            }
            return tmp;
        } catch (IOException | GeneralSecurityException e) {
            throw new WinHttpCli.Failure(ExitCodes.LOCAL_CERTIFICATE, "--cacert " + file + ": " + e.getMessage());
        }
    }

    /** The URL as crackUrl splits it; no scheme means http://, and ws:// / wss:// become http(s). */
    static UrlComponents crack(WinHttp winHttp, String url) {
        String u = url;
        if (u.regionMatches(true, 0, "ws://", 0, 5)) {
            u = "http://" + u.substring(5);
        } else if (u.regionMatches(true, 0, "wss://", 0, 6)) {
            u = "https://" + u.substring(6);
        } else if (!u.contains("://")) {
            u = "http://" + u;
        }
        return winHttp.crackUrl(u, 0);
    }

    static String pathAndQuery(UrlComponents url) {
        String path = url.urlPath() == null || url.urlPath().isEmpty() ? "/" : url.urlPath();
        return url.extraInfo() == null ? path : path + url.extraInfo();
    }

    /** WinHttpOpen with the proxy the options ask for, then the session's timeouts. */
    static HInternet session(WinHttp winHttp, WinHttpCli cli, int flags) {
        HInternet session;
        boolean noProxyAtAll = "*".equals(cli.noProxy);
        if (cli.proxy != null && !noProxyAtAll) {
            String bypass = cli.noProxy == null ? null : cli.noProxy.replace(',', ';');
            session = winHttp.open(USER_AGENT, WINHTTP_ACCESS_TYPE_NAMED_PROXY, cli.proxy, bypass, flags);
        } else {
            int access = noProxyAtAll ? WINHTTP_ACCESS_TYPE_NO_PROXY : WINHTTP_ACCESS_TYPE_DEFAULT_PROXY;
            session = winHttp.open(USER_AGENT, access, null, null, flags);
        }
        if (cli.connectTimeout != null) {
            winHttp.setOption(session, WINHTTP_OPTION_CONNECT_TIMEOUT, millis(cli.connectTimeout));
        }
        if (cli.maxTime != null) {
            winHttp.setOption(session, WINHTTP_OPTION_RECEIVE_TIMEOUT, millis(cli.maxTime));
            winHttp.setOption(session, WINHTTP_OPTION_RECEIVE_RESPONSE_TIMEOUT, millis(cli.maxTime));
        }
        return session;
    }

    static int millis(double seconds) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000)));
    }

    static int requestFlags(UrlComponents url) {
        return url.scheme() == INTERNET_SCHEME_HTTPS ? WINHTTP_FLAG_SECURE : 0;
    }

    /** The request options of -L/--max-redirs, -k, --cert, --compressed. */
    static void requestOptions(WinHttp winHttp, HInternet request, WinHttpCli cli, boolean secure)
            throws WinHttpCli.Failure {
        if (!cli.followRedirects) {
            winHttp.setOption(request, WINHTTP_OPTION_DISABLE_FEATURE, WINHTTP_DISABLE_REDIRECTS);
        } else if (cli.maxRedirects != null) {
            winHttp.setOption(request, WINHTTP_OPTION_MAX_HTTP_AUTOMATIC_REDIRECTS, cli.maxRedirects);
        }
        if (cli.insecure && secure) {
            winHttp.setOption(request, WINHTTP_OPTION_SECURITY_FLAGS, SECURITY_FLAG_IGNORE_ALL_CERT_ERRORS);
        }
        if (cli.cert != null && secure) {
            winHttp.setOption(request, WINHTTP_OPTION_CLIENT_CERT_CONTEXT, clientCertificate(cli.cert));
        }
        if (cli.compressed) {
            winHttp.setOption(request, WINHTTP_OPTION_DECOMPRESSION, WINHTTP_DECOMPRESSION_FLAG_ALL);
        }
    }

    /** --cert FILE[:PASSWORD]: the first key entry of a PKCS#12 file. */
    static KeyStore.PrivateKeyEntry clientCertificate(String spec) throws WinHttpCli.Failure {
        int colon = spec.lastIndexOf(':');
        File file = new File(colon > 0 ? spec.substring(0, colon) : spec);
        char[] password = (colon > 0 ? spec.substring(colon + 1) : "").toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(file, password);
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    return (KeyStore.PrivateKeyEntry) store.getEntry(alias, new KeyStore.PasswordProtection(password));
                }
            }
            throw new WinHttpCli.Failure(ExitCodes.LOCAL_CERTIFICATE, "--cert " + file + " holds no private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new WinHttpCli.Failure(ExitCodes.LOCAL_CERTIFICATE, "--cert " + file + " cannot be read: " + e.getMessage());
        }
    }
}
