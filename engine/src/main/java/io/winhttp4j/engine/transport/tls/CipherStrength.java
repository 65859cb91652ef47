package io.winhttp4j.engine.transport.tls;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * The strength of a negotiated cipher suite as WinHTTP reports it. SECURITY_KEY_BITNESS is
 * Schannel's cipher strength: the key length of the bulk (record) cipher, not of the
 * certificate's key. The JDK does not expose that number, so it is read from the suite's
 * standard name, the bulk cipher being the part after "_WITH_" (TLS 1.2 and older) or after
 * "TLS_" (TLS 1.3 suites name only the bulk cipher and hash):
 *
 * <table>
 * <caption>bulk cipher → bits</caption>
 * <tr><td>AES_128_*, ARIA_128_*, CAMELLIA_128_*, SEED_*, IDEA_*, RC4_128_*</td><td>128</td></tr>
 * <tr><td>AES_256_*, ARIA_256_*, CAMELLIA_256_*, CHACHA20_*</td><td>256</td></tr>
 * <tr><td>3DES_EDE_*</td><td>168 (what Schannel reports, though the effective strength is 112)</td></tr>
 * <tr><td>DES_CBC_* (not DES40 / DES_CBC_40)</td><td>56</td></tr>
 * <tr><td>RC4_40_*, RC2_CBC_40_*, DES40_*, DES_CBC_40_*</td><td>40</td></tr>
 * <tr><td>NULL_*, and anything unrecognised</td><td>0</td></tr>
 * </table>
 *
 * The STRENGTH_* bit follows the bits as Wine's WinHTTP computes it: 128 and more STRONG, 56 and
 * more MEDIUM, anything less WEAK.
 */
final class CipherStrength {
    private CipherStrength() {}

    /** Bits of the bulk cipher's key for a standard cipher suite name; 0 if unknown. */
    static int keyBits(String cipherSuite) {
        if (cipherSuite == null) return 0;
        int with = cipherSuite.indexOf("_WITH_");
        String bulk = with >= 0 ? cipherSuite.substring(with + 6)
                : cipherSuite.startsWith("TLS_") ? cipherSuite.substring(4) : cipherSuite;
        if (startsWithAny(bulk, "AES_256_", "ARIA_256_", "CAMELLIA_256_", "CHACHA20_")) return 256;
        if (startsWithAny(bulk, "AES_128_", "ARIA_128_", "CAMELLIA_128_", "SEED_", "IDEA_", "RC4_128_")) return 128;
        if (bulk.startsWith("3DES_EDE_")) return 168;
        if (startsWithAny(bulk, "RC4_40_", "RC2_CBC_40_", "DES40_", "DES_CBC_40_")) return 40;
        if (bulk.startsWith("DES_CBC_")) return 56;
        return 0;
    }

    /** SECURITY_FLAG_STRENGTH_STRONG, _MEDIUM or _WEAK for a cipher of {@code bits}. */
    static int strengthFlag(int bits) {
        if (bits >= 128) return SECURITY_FLAG_STRENGTH_STRONG;
        if (bits >= 56) return SECURITY_FLAG_STRENGTH_MEDIUM;
        return SECURITY_FLAG_STRENGTH_WEAK;
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) return true;
        }
        return false;
    }
}
