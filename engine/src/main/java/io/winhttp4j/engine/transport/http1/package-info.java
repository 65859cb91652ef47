/**
 * The engine's own HTTP/1.1 codec: the response decoder ({@link
 * io.winhttp4j.engine.transport.http1.ResponseDecoder}), the body framing it decides
 * ({@link io.winhttp4j.engine.transport.http1.Framing}) and the chunk framing of engine-framed
 * request bodies ({@link io.winhttp4j.engine.transport.http1.ChunkEncoder}).
 *
 * <p>Pure and incremental: no Pekko HTTP, no I/O, no threads. Bytes come in as Pekko
 * {@code ByteString}s in whatever splits TCP delivers them, and events go out as
 * {@link io.winhttp4j.engine.transport.http1.ResponsePart}s; the same bytes give the same events
 * however they are split. Errors are {@link io.winhttp4j.WinHttpException}s carrying the
 * WinHttpError Windows reports, so {@code Failures.map} passes them through unchanged.
 */
package io.winhttp4j.engine.transport.http1;
