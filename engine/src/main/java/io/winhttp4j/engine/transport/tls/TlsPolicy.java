package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What a secure connection must be: the host it is for (SNI and the name check), the
 * SECURITY_FLAG_IGNORE_* bits of the request, the SECURE_PROTOCOLS of the session, whether
 * revocation is checked (ENABLE_FEATURE SSL_REVOCATION), the client certificate
 * (CLIENT_CERT_CONTEXT: not set, set to none, or a certificate) and where trust comes from.
 *
 * <p>Two policies are equal exactly when a connection made under one may serve the other, so a
 * policy belongs in a connection pool's key: a request with other SECURITY_FLAGS, protocols,
 * revocation setting or client certificate (or none where the other set none) never gets a
 * connection made under different ones.
 * Client certificates are compared by value (the certificate chain and the private key's
 * {@code equals}, which the JDK's key classes define on the key material), so one certificate
 * loaded twice still shares connections; trust sources are compared by identity.
 *
 * <p>Immutable; the {@code with*} methods return a changed copy and check their argument as
 * setOption must (a bad value is ERROR_INVALID_PARAMETER).
 */
public final class TlsPolicy {
    private final String host;
    private final int ignoreFlags;
    private final int protocols;
    private final String[] protocolNames;
    private final boolean revocation;
    private final boolean clientCertificateSet;
    private final KeyStore.PrivateKeyEntry clientCertificate;
    private final TrustSource trust;
    private final int hash;

    private TlsPolicy(String host, int ignoreFlags, int protocols, String[] protocolNames, boolean revocation,
                      boolean clientCertificateSet, KeyStore.PrivateKeyEntry clientCertificate, TrustSource trust) {
        this.host = host;
        this.ignoreFlags = ignoreFlags;
        this.protocols = protocols;
        this.protocolNames = protocolNames;
        this.revocation = revocation;
        this.clientCertificateSet = clientCertificateSet;
        this.clientCertificate = clientCertificate;
        this.trust = trust;
        this.hash = Objects.hash(host, ignoreFlags, protocols, revocation, clientCertificateSet, System.identityHashCode(trust),
                clientCertificate == null ? 0 : Arrays.hashCode(clientCertificate.getCertificateChain()));
    }

    /**
     * A policy for {@code host} with Windows' defaults: no IGNORE_* bit, {@link SecureProtocols#DEFAULT},
     * no revocation checking, no client certificate, the JDK's default trust store.
     */
    public static TlsPolicy forHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) throw new IllegalArgumentException("a secure connection needs a host");
        return new TlsPolicy(host.toLowerCase(Locale.ROOT), 0, SecureProtocols.DEFAULT,
                SecureProtocols.check(SecureProtocols.DEFAULT), false, false, null, TrustSource.jdkDefault());
    }

    /** With these SECURITY_FLAG_IGNORE_* bits; others are ERROR_INVALID_PARAMETER ({@link SecurityFlags#checkSettable}). */
    public TlsPolicy withIgnoreFlags(int flags) {
        return new TlsPolicy(host, SecurityFlags.checkSettable(flags), protocols, protocolNames, revocation,
                clientCertificateSet, clientCertificate, trust);
    }

    /** With these WINHTTP_FLAG_SECURE_PROTOCOL_* bits; see {@link SecureProtocols#check}. */
    public TlsPolicy withProtocols(int bits) {
        return new TlsPolicy(host, ignoreFlags, bits, SecureProtocols.check(bits), revocation, clientCertificateSet,
                clientCertificate, trust);
    }

    /** With revocation checking on or off. */
    public TlsPolicy withRevocation(boolean on) {
        return new TlsPolicy(host, ignoreFlags, protocols, protocolNames, on, clientCertificateSet, clientCertificate, trust);
    }

    /**
     * With this client certificate, or explicitly none ({@code null}, WINHTTP_NO_CLIENT_CERT_CONTEXT).
     * Not the same as never setting one: as on Windows, a server that asks for a certificate
     * (even one it does not require) fails a request that never set CLIENT_CERT_CONTEXT with
     * ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED, while WINHTTP_NO_CLIENT_CERT_CONTEXT goes on without.
     * An entry whose chain is not X.509 is ERROR_INVALID_PARAMETER ({@link #checkClientCertificate}).
     */
    public TlsPolicy withClientCertificate(KeyStore.PrivateKeyEntry entry) {
        return new TlsPolicy(host, ignoreFlags, protocols, protocolNames, revocation, true,
                checkClientCertificate(entry), trust);
    }

    /** With this trust source (an engine-level setting: tests give their own CA). */
    public TlsPolicy withTrust(TrustSource source) {
        return new TlsPolicy(host, ignoreFlags, protocols, protocolNames, revocation, clientCertificateSet,
                clientCertificate, Objects.requireNonNull(source, "source"));
    }

    /**
     * The check setOption(CLIENT_CERT_CONTEXT) runs: null (no certificate) or an entry whose
     * chain is X.509 certificates; anything else is ERROR_INVALID_PARAMETER.
     */
    public static KeyStore.PrivateKeyEntry checkClientCertificate(KeyStore.PrivateKeyEntry entry) {
        if (entry == null) return null;
        for (Certificate c : entry.getCertificateChain()) {
            if (!(c instanceof X509Certificate)) {
                throw new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                        "CLIENT_CERT_CONTEXT: the certificate chain is not X.509 (" + c.getType() + ")");
            }
        }
        return entry;
    }

    public String host() { return host; }

    /** The SECURITY_FLAG_IGNORE_* bits. */
    public int ignoreFlags() { return ignoreFlags; }

    /** The WINHTTP_FLAG_SECURE_PROTOCOL_* bits. */
    public int protocols() { return protocols; }

    public boolean revocation() { return revocation; }

    /** The client certificate, or null (none set, or WINHTTP_NO_CLIENT_CERT_CONTEXT). */
    public KeyStore.PrivateKeyEntry clientCertificate() { return clientCertificate; }

    /** True once CLIENT_CERT_CONTEXT was set, to a certificate or to WINHTTP_NO_CLIENT_CERT_CONTEXT. */
    public boolean clientCertificateSet() { return clientCertificateSet; }

    public TrustSource trust() { return trust; }

    /** The JDK names of the enabled protocols. */
    String[] protocolNames() { return protocolNames.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsPolicy p && hash == p.hash && host.equals(p.host) && ignoreFlags == p.ignoreFlags
                && protocols == p.protocols && revocation == p.revocation && trust == p.trust
                && clientCertificateSet == p.clientCertificateSet
                && sameCertificate(clientCertificate, p.clientCertificate);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TlsPolicy[" + host + ", ignore=0x" + Integer.toHexString(ignoreFlags)
                + ", protocols=" + String.join("+", protocolNames) + (revocation ? ", revocation" : "")
                + (!clientCertificateSet ? "" : clientCertificate == null ? ", no client certificate" : ", client="
                        + ((X509Certificate) clientCertificate.getCertificate()).getSubjectX500Principal().getName())
                + ", " + trust + "]";
    }

    private static boolean sameCertificate(KeyStore.PrivateKeyEntry a, KeyStore.PrivateKeyEntry b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        return Arrays.equals(a.getCertificateChain(), b.getCertificateChain()) && a.getPrivateKey().equals(b.getPrivateKey());
    }
}
