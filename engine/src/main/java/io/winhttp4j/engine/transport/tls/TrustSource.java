package io.winhttp4j.engine.transport.tls;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a secure connection's trust comes from: the JDK's default trust store (what WinHTTP's
 * use of the Windows root store becomes), or a key store of trusted certificates the engine is
 * configured with (tests use it for their own CA). Never a JVM-wide property.
 *
 * <p>A trust source is made once and shared; two are equal only if they are the same object,
 * which is what a pool key needs (one engine has one) and costs nothing to compare.
 */
public final class TrustSource {
    private final Set<TrustAnchor> anchors;
    private final String name;

    private TrustSource(Set<TrustAnchor> anchors, String name) {
        this.anchors = anchors;
        this.name = name;
    }

    /** The JDK's default trust store ({@code cacerts}, or what {@code javax.net.ssl.trustStore} names), read once. */
    public static TrustSource jdkDefault() {
        return Default.INSTANCE;
    }

    /** The certificates a key store holds as trusted: its certificate entries. */
    public static TrustSource of(KeyStore trusted) {
        Objects.requireNonNull(trusted, "trusted");
        return new TrustSource(read(trusted), "key store (" + trusted.getType() + ")");
    }

    /** The trust anchors; empty when the store trusts nothing. */
    Set<TrustAnchor> anchors() {
        return anchors;
    }

    @Override
    public String toString() {
        return "TrustSource[" + name + ", " + anchors.size() + " anchors]";
    }

    private static Set<TrustAnchor> read(KeyStore store) {
        try {
            // the trust manager factory reads the store as JSSE itself would (the default store when null)
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            Set<TrustAnchor> anchors = new HashSet<>();
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) anchors.add(new TrustAnchor(c, null));
                }
            }
            return Set.copyOf(anchors);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store cannot be read: " + e.getMessage(), e);
        }
    }

    private static final class Default {
        static final TrustSource INSTANCE = new TrustSource(read(null), "JDK default");
    }
}
