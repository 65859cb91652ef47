package io.winhttp4j.engine.handle;

import io.winhttp4j.ConnectionInfo;
import io.winhttp4j.WinHttpError;
import io.winhttp4j.WinHttpException;
import io.winhttp4j.engine.transport.Connection;
import io.winhttp4j.engine.transport.tls.TlsSession;

import static io.winhttp4j.WinHttpConstants.*;

/**
 * What a request knows of the connection its last send went out on: the addresses
 * (CONNECTION_INFO) and, for a secure one, the TLS session the certificate queries answer from.
 * Kept after the connection went back to the pool, as Windows answers these queries until the
 * next send. proxyConnect: the response came from the proxy, answering the CONNECT of a tunnel
 * (IS_PROXY_CONNECT_RESPONSE).
 */
record Link(ConnectionInfo info, TlsSession tls, boolean proxyConnect) {
    static Link of(Connection c) {
        return new Link(c.info(), c.tls() == null ? null : c.tls().session().orElse(null), c.awaitingTunnel());
    }

    /** True for the options whose answer comes from the connection rather than the handle's values. */
    static boolean answers(int option) {
        return switch (option) {
            case WINHTTP_OPTION_CONNECTION_INFO, WINHTTP_OPTION_SERVER_CERT_CONTEXT, WINHTTP_OPTION_SERVER_CERT_CHAIN_CONTEXT,
                 WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT, WINHTTP_OPTION_SECURITY_KEY_BITNESS,
                 WINHTTP_OPTION_CLIENT_CERT_ISSUER_LIST, WINHTTP_OPTION_SERVER_CBT, WINHTTP_OPTION_SECURITY_FLAGS,
                 WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE -> true;
            default -> false;
        };
    }

    /**
     * The answer to one of those options; link is null before the first send has a connection.
     * SECURITY_FLAGS is the request's own value until a handshake was done, then that value with
     * SECURITY_FLAG_SECURE and the strength bits of the negotiated cipher.
     */
    static Object answer(Link link, int option, OptionValues values) {
        if (option == WINHTTP_OPTION_IS_PROXY_CONNECT_RESPONSE) return link != null && link.proxyConnect();
        if (option == WINHTTP_OPTION_SECURITY_FLAGS) {
            int set = values.dword(WINHTTP_OPTION_SECURITY_FLAGS);
            return link == null || link.tls() == null ? set : link.tls().securityFlags(set);
        }
        if (link == null) throw notYet(option == WINHTTP_OPTION_CONNECTION_INFO ? "no connection before sendRequest"
                : "no secure connection has been made yet");
        if (option == WINHTTP_OPTION_CONNECTION_INFO) return link.info();
        if (link.tls() == null) throw notYet("the request's connection is not secure");
        return switch (option) {
            case WINHTTP_OPTION_SERVER_CERT_CONTEXT, WINHTTP_OPTION_SERVER_CERT_CHAIN_CONTEXT -> link.tls().peerCertificates();
            case WINHTTP_OPTION_SECURITY_CERTIFICATE_STRUCT -> link.tls().peerCertificates()[0];
            case WINHTTP_OPTION_SECURITY_KEY_BITNESS -> link.tls().keyBits();
            // JSSE does not hand these out: the issuers a server named, the channel-binding token
            default -> throw new WinHttpException(WinHttpError.ERROR_NOT_SUPPORTED,
                    (option == WINHTTP_OPTION_SERVER_CBT ? "SERVER_CBT" : "CLIENT_CERT_ISSUER_LIST")
                            + " is not available from the JDK's TLS");
        };
    }

    private static WinHttpException notYet(String why) {
        return new WinHttpException(WinHttpError.ERROR_WINHTTP_INCORRECT_HANDLE_STATE, why);
    }
}
