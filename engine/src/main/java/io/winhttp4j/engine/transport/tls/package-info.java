/**
 * TLS as WinHTTP does it (CONFORMANCE 5.7, 1.9), for the engine's own connection over Pekko
 * Streams {@code Tcp} and {@code TLS}.
 *
 * <h2>How a connection uses it</h2>
 * <ol>
 * <li>At setOption time: {@link io.winhttp4j.engine.transport.tls.SecurityFlags#checkSettable}
 *     (SECURITY_FLAGS), {@link io.winhttp4j.engine.transport.tls.SecureProtocols#check}
 *     (SECURE_PROTOCOLS), {@link io.winhttp4j.engine.transport.tls.TlsPolicy#checkClientCertificate}
 *     (CLIENT_CERT_CONTEXT); each throws the WinHttpException setOption must.</li>
 * <li>At send time the request builds its {@link io.winhttp4j.engine.transport.tls.TlsPolicy}
 *     ({@code forHost(host)} and the {@code with*} of what it and its session set) and puts it
 *     in the pool key, so connections are shared only under equal policies.</li>
 * <li>The pool for that key owns one {@link io.winhttp4j.engine.transport.tls.TlsContext}
 *     (one SSLContext: sessions resume between its connections); each new connection takes a
 *     {@link io.winhttp4j.engine.transport.tls.TlsChannel} from
 *     {@code newChannel(port)} and joins {@code channel.stage(closing)} on top of
 *     {@code Tcp.outgoingConnection}.</li>
 * <li>A failure coming out of the stage's inbound side is already translated: if
 *     {@link io.winhttp4j.engine.transport.tls.TlsFailure#in} finds a TlsFailure, the request
 *     sends SECURE_FAILURE with {@code secureFailureFlags()} when they are not 0, then fails
 *     with its {@code error()} (ERROR_WINHTTP_SECURE_FAILURE or
 *     ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED); anything else maps as any transport failure.</li>
 * <li>After the handshake {@code channel.session()} answers SERVER_CERT_CONTEXT,
 *     SECURITY_KEY_BITNESS, SECURITY_CERTIFICATE_STRUCT and SECURITY_FLAGS.</li>
 * </ol>
 */
package io.winhttp4j.engine.transport.tls;
