/** Netty codecs for MTProto transports: abridged, intermediate, padded, full, obfuscated2, WebSocket. */
package dev.portrait.transport;
