/**
 * The engine's own WebSocket framing, client side (RFC 6455), for the WebSocket handle (issue 12).
 *
 * <p>Pure and incremental, like the HTTP/1.1 codec beside it: no Pekko HTTP, no actors, no I/O,
 * no timers; bytes are Pekko {@code ByteString}s. One connection's owner (the WebSocketActor)
 * drives one of each:
 * <ul>
 *   <li>sending: {@link io.winhttp4j.engine.transport.ws.SendState} turns a webSocketSend's buffer
 *       type into a frame (opcode, FIN) and the next state, or ERROR_INVALID_PARAMETER;
 *       {@link io.winhttp4j.engine.transport.ws.FrameEncoder} writes that frame masked, and the
 *       Pongs, Pings and Closes; {@link io.winhttp4j.engine.transport.ws.CloseCodes#checkSendable}
 *       is the check on a close's status and reason;</li>
 *   <li>receiving: {@link io.winhttp4j.engine.transport.ws.MessageDecoder} is fed the connection's
 *       reads and pulled for {@link io.winhttp4j.engine.transport.ws.Inbound} events at most a
 *       receive buffer's worth at a time: data pieces typed as webSocketReceive reports them,
 *       pings to answer, pongs to skip, the server's close, or the failure to fail the
 *       connection with;</li>
 *   <li>closing: {@link io.winhttp4j.engine.transport.ws.ClosingHandshake} says, for each close,
 *       failure, timeout or end of TCP, which Close to send and what becomes of the connection.</li>
 * </ul>
 * Nothing here is thread-safe; the owner uses it from one place at a time.
 */
package io.winhttp4j.engine.transport.ws;
