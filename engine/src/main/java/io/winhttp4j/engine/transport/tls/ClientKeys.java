package io.winhttp4j.engine.transport.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The key manager of a secure connection: offers the request's client certificate
 * (CLIENT_CERT_CONTEXT) whenever the server asks for one, whatever issuers the server names, as
 * WinHTTP sends the certificate the application chose; and tells the connection that a
 * certificate was asked for, and whether one was given.
 *
 * <p>JSSE shows a server's refusal of a missing certificate only as an alert (handshake_failure
 * in TLS 1.2, certificate_required in TLS 1.3, sometimes just a closed connection); knowing
 * that a certificate was asked for and none given is what makes that
 * ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED.
 */
final class ClientKeys extends X509ExtendedKeyManager {
    /** Told, for each request of the server, whether a certificate was offered. */
    interface Requests {
        void certificateRequested(SSLEngine engine, boolean offered);
    }

    private static final String ALIAS = "winhttp4j-client-certificate";

    private final KeyStore.PrivateKeyEntry entry;
    private final X509Certificate[] chain;
    private final Requests requests;

    /** @param entry the client certificate and its key, or null for none */
    ClientKeys(KeyStore.PrivateKeyEntry entry, Requests requests) {
        this.entry = entry;
        this.chain = entry == null ? null : x509(entry.getCertificateChain());
        this.requests = requests;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        // JSSE names the key types it could sign with ("RSA", "EC", "RSASSA-PSS"...); a key of
        // another type could not complete the handshake, so it counts as no certificate
        boolean usable = entry != null && keyTypes != null
                && Arrays.asList(keyTypes).contains(entry.getPrivateKey().getAlgorithm());
        requests.certificateRequested(engine, usable);
        return usable ? ALIAS : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return chooseEngineClientAlias(keyTypes, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) && chain != null ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) && entry != null ? entry.getPrivateKey() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return entry != null && entry.getPrivateKey().getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
    }

    // A client has no server identity.

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private static X509Certificate[] x509(Certificate[] certificates) {
        return Arrays.stream(certificates).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }
}
