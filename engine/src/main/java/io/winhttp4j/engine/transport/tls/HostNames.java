package io.winhttp4j.engine.transport.tls;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Does a server certificate name the host the request is for (RFC 6125, RFC 9525)? Written on
 * public JDK APIs only; the rules are those JSSE's own HTTPS check applies:
 * <ul>
 * <li>an IP literal matches only a subjectAltName iPAddress, compared as addresses;</li>
 * <li>a host name matches the subjectAltName dNSName entries; the subject's most specific CN is
 *     consulted only when the certificate has no dNSName at all;</li>
 * <li>comparison is case-insensitive on the ASCII (IDNA) form, a trailing dot ignored;</li>
 * <li>a wildcard is only a whole leftmost label ({@code *.example.com}), matches exactly one
 *     label, and needs two labels after it ({@code *.com} matches nothing). JSSE also refuses
 *     wildcards over public suffixes from its list; without that list the two-label rule is
 *     the stand-in.</li>
 * </ul>
 */
final class HostNames {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]+)?");

    private HostNames() {}

    /** True if the certificate is for {@code host}. */
    static boolean matches(X509Certificate certificate, String host) throws CertificateParsingException {
        String bare = bare(host);
        InetAddress ip = ipLiteral(bare);
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        if (ip != null) {
            return sans != null && sans.stream()
                    .filter(san -> (Integer) san.get(0) == SAN_IP)
                    .anyMatch(san -> ip.equals(ipLiteral((String) san.get(1))));
        }
        String name = ascii(bare);
        boolean anyDns = false;
        if (sans != null) {
            for (List<?> san : sans) {
                if ((Integer) san.get(0) == SAN_DNS) {
                    anyDns = true;
                    if (nameMatches((String) san.get(1), name)) return true;
                }
            }
        }
        if (anyDns) return false;
        String cn = mostSpecificCommonName(certificate);
        return cn != null && nameMatches(cn, name);
    }

    /** True if a presented DNS identifier (maybe a wildcard) names the ASCII host name. */
    static boolean nameMatches(String presented, String asciiHost) {
        String pattern = ascii(trimDot(presented));
        if (pattern.isEmpty() || asciiHost.isEmpty()) return false;
        if (!pattern.startsWith("*.")) {
            return pattern.indexOf('*') < 0 && pattern.equals(asciiHost);
        }
        String rest = pattern.substring(2);
        // two labels after the wildcard, and no further wildcard anywhere
        if (rest.indexOf('.') <= 0 || rest.endsWith(".") || rest.indexOf('*') >= 0) return false;
        int dot = asciiHost.indexOf('.');
        return dot > 0 && asciiHost.substring(dot + 1).equals(rest);
    }

    /** The host without IPv6 brackets and without a trailing dot. */
    static String bare(String host) {
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return trimDot(h);
    }

    /** The address if {@code host} is an IPv4 dotted quad or an IPv6 literal, else null; never a lookup. */
    static InetAddress ipLiteral(String host) {
        if (host == null || host.isEmpty()) return null;
        try {
            if (IPV4.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int b = Integer.parseInt(parts[i]);
                    if (b > 255) return null;
                    bytes[i] = (byte) b;
                }
                return InetAddress.getByAddress(bytes);
            }
            // InetAddress parses (never resolves) a string that starts with a hex digit or ':'
            // and contains ':'; anything else could reach the resolver, so it is refused here
            if (IPV6.matcher(host).matches()) return InetAddress.getByName(host);
            return null;
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    /** Lower-case ASCII (IDNA) form of a name; a name IDNA refuses is compared as written. */
    static String ascii(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        try {
            return IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The CN of the subject's last (most specific) RDN that has one, or null. */
    private static String mostSpecificCommonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            // LdapName lists RDNs in encoding order: the last is the most specific
            for (int i = rdns.size() - 1; i >= 0; i--) {
                // the attributes of an Rdn are looked up case-insensitively
                Attribute cn = rdns.get(i).toAttributes().get("CN");
                if (cn != null && cn.get() instanceof String s) return s;
            }
            return null;
        } catch (NamingException e) {
            return null;
        }
    }
}
