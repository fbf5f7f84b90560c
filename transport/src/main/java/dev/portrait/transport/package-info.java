/**
 * MTProto transports as Netty 4.2 handlers: abridged, intermediate, padded intermediate and full framing,
 * obfuscated2, and WebSocket at {@code /apiws} (core.telegram.org/mtproto/mtproto-transports, /mtproto/transports).
 *
 * <p>Entry points: {@link dev.portrait.transport.ServerTransport#install} (detects the transport of each
 * connection) and {@link dev.portrait.transport.ClientTransport#install} /
 * {@link dev.portrait.transport.ClientTransport#installWebSocket}. Limits are in
 * {@link dev.portrait.transport.TransportConfig}.
 *
 * <p>Messages exchanged with the upper layer: {@link dev.portrait.transport.TransportFrame} (both ways,
 * reference-counted: whoever receives one releases it; written ones are released by the transport),
 * {@link dev.portrait.transport.QuickAck}, {@link dev.portrait.transport.TransportError} and, on the server, the
 * {@link dev.portrait.transport.TransportDetected} user event.
 */
package dev.portrait.transport;
