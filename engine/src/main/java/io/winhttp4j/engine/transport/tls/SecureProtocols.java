package io.winhttp4j.engine.transport.tls;

import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * WINHTTP_OPTION_SECURE_PROTOCOLS: the WINHTTP_FLAG_SECURE_PROTOCOL_* bits and the JDK protocol
 * names they select. A bit this JVM cannot negotiate is refused when the option is set
 * (ERROR_INVALID_PARAMETER), not discovered at the first handshake: SSL 2 never exists in the
 * JDK, and SSL 3, TLS 1.0 and TLS 1.1 are off in {@code jdk.tls.disabledAlgorithms} unless the
 * JVM's administrator turned them back on. Which ones this JVM can do is asked of the JDK itself
 * once (a client engine limited to that protocol either starts a handshake or refuses), so the
 * answer follows the JVM's security configuration rather than a list written here.
 */
public final class SecureProtocols {
    /** What a session uses until SECURE_PROTOCOLS is set: TLS 1.2 and 1.3, as current Windows does. */
    public static final int DEFAULT = WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3;

    private static final int[] BITS = {
            WINHTTP_FLAG_SECURE_PROTOCOL_SSL2, WINHTTP_FLAG_SECURE_PROTOCOL_SSL3,
            WINHTTP_FLAG_SECURE_PROTOCOL_TLS1, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1,
            WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2, WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3};
    private static final String[] NAMES = {"SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"};
    private static final int KNOWN = WINHTTP_FLAG_SECURE_PROTOCOL_SSL2 | WINHTTP_FLAG_SECURE_PROTOCOL_SSL3
            | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1
            | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_3;

    private SecureProtocols() {}

    /**
     * The JDK names of the protocols selected by {@code bits}, lowest version first. The check
     * setOption runs: ERROR_INVALID_PARAMETER for no bit, an unknown bit, or a protocol this JVM
     * cannot negotiate.
     */
    public static String[] check(int bits) {
        if (bits == 0) throw refused(bits, "no protocol selected");
        if ((bits & ~KNOWN) != 0) throw refused(bits, "unknown bits 0x" + Integer.toHexString(bits & ~KNOWN));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & BITS[i]) == 0) continue;
            if (!Usable.NAMES.contains(NAMES[i])) throw refused(bits, NAMES[i] + " is not available in this JVM");
            names.add(NAMES[i]);
        }
        return names.toArray(String[]::new);
    }

    private static WinHttpException refused(int bits, String why) {
        return new WinHttpException(WinHttpError.ERROR_INVALID_PARAMETER,
                "SECURE_PROTOCOLS 0x" + Integer.toHexString(bits) + ": " + why);
    }

    /** The protocols this JVM negotiates, found once, on first use. */
    private static final class Usable {
        static final Set<String> NAMES = probe();

        private static Set<String> probe() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                // no trust manager: nothing is verified here, and the default trust store is not loaded
                context.init(null, new TrustManager[0], null);
                List<String> usable = new ArrayList<>();
                for (String name : SecureProtocols.NAMES) {
                    if (starts(context, name)) usable.add(name);
                }
                return Set.copyOf(usable);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }

        /** True if a client engine limited to {@code protocol} produces its first handshake message. */
        private static boolean starts(SSLContext context, String protocol) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            try {
                engine.setEnabledProtocols(new String[] {protocol});
                engine.beginHandshake();
                ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                engine.wrap(ByteBuffer.allocate(0), out);
                return out.position() > 0;
            } catch (IllegalArgumentException | SSLException notAvailable) {
                return false;
            } finally {
                engine.closeOutbound();
            }
        }
    }
}
