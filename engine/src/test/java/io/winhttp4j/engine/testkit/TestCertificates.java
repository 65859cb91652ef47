package io.winhttp4j.engine.testkit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time with Bouncy Castle, so no key or certificate is checked in and
 * none expires on the build machine. Keys are EC P-256 (fast to make) unless a test asks for RSA.
 * Nothing here registers a JCA provider or touches a JVM-wide setting: the certificates are
 * built with Bouncy Castle's builders and signed and parsed by the JDK's own providers.
 *
 * <p>The usual set is {@link #standard()}: a trusted CA ({@link Standard#ca()}), an unknown CA, and the
 * leaf certificates the TLS tests need, each a {@link KeyStore.PrivateKeyEntry} that
 * {@link #keyStore(KeyStore.PrivateKeyEntry)} turns into a server's key store.
 */
public final class TestCertificates {
    /** The password of every key store made here. */
    public static final char[] PASSWORD = "changeit".toCharArray();
    /** The alias of the key entry in {@link #keyStore(KeyStore.PrivateKeyEntry)}. */
    public static final String KEY_ALIAS = "key";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {}

    /** Key algorithm of a generated key pair. */
    public enum KeyType { EC, RSA }

    /** The certificates most TLS tests use, all made once. */
    public record Standard(Authority ca, Authority unknownCa,
                      KeyStore.PrivateKeyEntry leaf,
                      KeyStore.PrivateKeyEntry unknownCaLeaf,
                      KeyStore.PrivateKeyEntry expiredLeaf,
                      KeyStore.PrivateKeyEntry wrongHostLeaf,
                      KeyStore.PrivateKeyEntry expiredWrongHostLeaf,
                      KeyStore.PrivateKeyEntry clientCertificate) {}

    /**
     * A trusted CA and an unknown one (different names and keys); leaves for 127.0.0.1 and
     * localhost from each; an expired leaf; a leaf for another host; one both expired and for
     * another host; a client certificate (RSA, clientAuth) from the trusted CA.
     */
    public static Standard standard() {
        Authority ca = Authority.create("winhttp4j test CA");
        Authority unknown = Authority.create("winhttp4j unknown CA");
        Instant now = Instant.now();
        Instant lastYear = now.minus(Duration.ofDays(400));
        Instant yesterday = now.minus(Duration.ofDays(1));
        return new Standard(ca, unknown,
                ca.leaf("localhost").dns("localhost").ip("127.0.0.1").issue(),
                unknown.leaf("localhost").dns("localhost").ip("127.0.0.1").issue(),
                ca.leaf("localhost").dns("localhost").ip("127.0.0.1").validity(lastYear, yesterday).issue(),
                ca.leaf("wrong.example").dns("wrong.example").issue(),
                ca.leaf("wrong.example").dns("wrong.example").validity(lastYear, yesterday).issue(),
                ca.leaf("winhttp4j client").clientAuth().keyType(KeyType.RSA).issue());
    }

    /** A PKCS#12 key store (password {@link #PASSWORD}) holding the entry under {@link #KEY_ALIAS}. */
    public static KeyStore keyStore(KeyStore.PrivateKeyEntry entry) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setEntry(KEY_ALIAS, entry, new KeyStore.PasswordProtection(PASSWORD));
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    /** A key store whose only entries are the given certificates, trusted. */
    public static KeyStore trustStore(X509Certificate... trusted) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                ks.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return ks;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** The leaf certificate of an entry. */
    public static X509Certificate certificate(KeyStore.PrivateKeyEntry entry) {
        return (X509Certificate) entry.getCertificate();
    }

    /**
     * A certificate authority: a CA certificate (self-signed for a root, issued by its parent for
     * a subordinate), its key and its chain up to the root; it issues leaves, subordinates and CRLs.
     */
    public static final class Authority {
        private final X500Name name;
        private final KeyPair keys;
        private final List<X509Certificate> chain;

        private Authority(X500Name name, KeyPair keys, List<X509Certificate> chain) {
            this.name = name;
            this.keys = keys;
            this.chain = List.copyOf(chain);
        }

        /** A new root CA named {@code CN=commonName, O=winhttp4j tests}, valid from 800 days ago (before any expired leaf) for ten years. */
        public static Authority create(String commonName) {
            return make(commonName, null, true);
        }

        /**
         * A CA certificate issued by this one. With {@code isCa} false its basic constraints say
         * it is no CA, so whatever it signs has a broken chain.
         */
        public Authority subordinate(String commonName, boolean isCa) {
            return make(commonName, this, isCa);
        }

        private static Authority make(String commonName, Authority parent, boolean isCa) {
            try {
                X500Name name = new X500Name("CN=" + commonName + ", O=winhttp4j tests");
                KeyPair keys = generate(KeyType.EC);
                Instant now = Instant.now();
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(parent == null ? name : parent.name,
                        nextSerial(), Date.from(now.minus(Duration.ofDays(800))), Date.from(now.plus(Duration.ofDays(3650))),
                        name, keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
                if (parent != null) {
                    b.addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(parent.certificate()));
                }
                X509Certificate cert = convert(b, parent == null ? keys.getPrivate() : parent.keys.getPrivate());
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(cert);
                if (parent != null) chain.addAll(parent.chain);
                return new Authority(name, keys, chain);
            } catch (Exception e) {
                throw new IllegalStateException("cannot create a CA", e);
            }
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }

        /** This CA's certificate, then its parents' up to the root. */
        public List<X509Certificate> chain() {
            return chain;
        }

        /** A trust store trusting this CA only. */
        public KeyStore trustStore() {
            return TestCertificates.trustStore(certificate());
        }

        /** Starts a leaf certificate with this subject CN; by default a serverAuth EC leaf valid now. */
        public LeafBuilder leaf(String commonName) {
            return new LeafBuilder(this, commonName);
        }

        /**
         * A CRL from this CA listing {@code revoked} (by serial), valid from an hour ago for a day,
         * DER-encoded as a server would serve it.
         */
        public byte[] crl(X509Certificate... revoked) {
            try {
                Instant now = Instant.now();
                X509v2CRLBuilder b = new X509v2CRLBuilder(name, Date.from(now.minus(Duration.ofHours(1))));
                b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
                for (X509Certificate c : revoked) {
                    b.addCRLEntry(c.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(30))), CRLReason.keyCompromise);
                }
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate()));
                b.addExtension(Extension.cRLNumber, false, new CRLNumber(nextSerial()));
                X509CRLHolder holder = b.build(signer(keys.getPrivate()));
                return holder.getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("cannot create a CRL", e);
            }
        }
    }

    /** One leaf certificate being described; {@link #issue()} makes it. */
    public static final class LeafBuilder {
        private final Authority issuer;
        private final String commonName;
        private final List<GeneralName> names = new ArrayList<>();
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        private KeyPurposeId purpose = KeyPurposeId.id_kp_serverAuth;
        private KeyType keyType = KeyType.EC;
        private String crlUrl;

        private LeafBuilder(Authority issuer, String commonName) {
            this.issuer = issuer;
            this.commonName = commonName;
        }

        /** Adds a subjectAltName dNSName. */
        public LeafBuilder dns(String name) {
            names.add(new GeneralName(GeneralName.dNSName, name));
            return this;
        }

        /** Adds a subjectAltName iPAddress. */
        public LeafBuilder ip(String address) {
            names.add(new GeneralName(GeneralName.iPAddress, address));
            return this;
        }

        public LeafBuilder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** The extended key usage is clientAuth (instead of serverAuth). */
        public LeafBuilder clientAuth() {
            this.purpose = KeyPurposeId.id_kp_clientAuth;
            return this;
        }

        public LeafBuilder keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        /** Adds a CRL distribution point. */
        public LeafBuilder crl(String url) {
            this.crlUrl = url;
            return this;
        }

        /** The key and its chain: the leaf, then its issuer's chain up to the root (as a server sends it). */
        public KeyStore.PrivateKeyEntry issue() {
            try {
                KeyPair keys = generate(keyType);
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                        issuer.name, nextSerial(), Date.from(notBefore), Date.from(notAfter),
                        new X500Name("CN=" + commonName + ", O=winhttp4j tests"), keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(
                                keyType == KeyType.RSA ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                                        : KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                        .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                        .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.certificate()));
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                if (crlUrl != null) {
                    DistributionPointName where = new DistributionPointName(
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl)));
                    b.addExtension(Extension.cRLDistributionPoints, false,
                            new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(where, null, null)}));
                }
                X509Certificate leaf = convert(b, issuer.keys.getPrivate());
                List<Certificate> chain = new ArrayList<>();
                chain.add(leaf);
                chain.addAll(issuer.chain);
                return new KeyStore.PrivateKeyEntry(keys.getPrivate(), chain.toArray(Certificate[]::new));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue a certificate", e);
            }
        }
    }

    private static KeyPair generate(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.RSA) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate convert(X509v3CertificateBuilder b, PrivateKey signingKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(signingKey)));
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private static BigInteger nextSerial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }
}
