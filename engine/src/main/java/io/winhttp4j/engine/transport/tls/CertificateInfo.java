package io.winhttp4j.engine.transport.tls;

import javax.naming.NamingException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT reports: WinHTTP's WINHTTP_CERTIFICATE_INFO
 * for the server's leaf certificate, field for field. API.md names no Java type for this option,
 * so the record stays in the engine until the API gets one.
 *
 * @param expiry            ftExpiry: the end of the certificate's validity
 * @param start             ftStart: its beginning
 * @param subjectInfo       lpszSubjectInfo: the subject's attribute values, one a line (CRLF
 *                          between them), in the order the name encodes them, as Windows'
 *                          CertNameToStr with CERT_SIMPLE_NAME_STR | CERT_NAME_STR_CRLF_FLAG
 * @param issuerInfo        lpszIssuerInfo: the issuer, in the same form
 * @param protocolName      lpszProtocolName: null, as Windows leaves it ("not currently used")
 * @param signatureAlgName  lpszSignatureAlgName: null, as on Windows
 * @param encryptionAlgName lpszEncryptionAlgName: null, as on Windows
 * @param keySize           dwKeySize: the cipher strength, as SECURITY_KEY_BITNESS
 */
public record CertificateInfo(Instant expiry, Instant start, String subjectInfo, String issuerInfo,
                              String protocolName, String signatureAlgName, String encryptionAlgName,
                              int keySize) {

    static CertificateInfo of(X509Certificate leaf, int keyBits) {
        return new CertificateInfo(leaf.getNotAfter().toInstant(), leaf.getNotBefore().toInstant(),
                simpleName(leaf.getSubjectX500Principal()), simpleName(leaf.getIssuerX500Principal()),
                null, null, null, keyBits);
    }

    /** The attribute values of a name, in encoding order, one RDN a line; " + " inside a multi-valued RDN. */
    static String simpleName(X500Principal name) {
        try {
            // LdapName keeps the RDNs in encoding order (its index 0 is the first RDN encoded)
            List<String> lines = new ArrayList<>();
            for (Rdn rdn : new LdapName(name.getName(X500Principal.RFC2253)).getRdns()) {
                List<String> values = new ArrayList<>();
                var all = rdn.toAttributes().getAll();
                while (all.hasMore()) {
                    Object v = all.next().get();
                    values.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v));
                }
                lines.add(String.join(" + ", values));
            }
            return String.join("\r\n", lines);
        } catch (NamingException e) {
            return name.getName(); // not reachable for a name the JDK itself rendered
        }
    }
}
