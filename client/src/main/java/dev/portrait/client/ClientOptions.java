package dev.portrait.client;

import dev.portrait.mtproto.crypto.RsaPublicKey;
import dev.portrait.tl.TlLayers;
import dev.portrait.transport.Framing;

import java.time.Duration;
import java.util.List;

/**
 * How the client connects.
 *
 * @param host server address
 * @param port server port
 * @param framing transport framing
 * @param obfuscated wrap the framing in obfuscated2
 * @param serverKeys the server's RSA public keys (for a new auth key)
 * @param dcId DC id (the key exchange's p_q_inner_data_dc, the obfuscation header)
 * @param layer API layer announced with invokeWithLayer
 * @param timeout how long connecting, the key exchange and each request may take
 * @param webSocket carry the transport in WebSocket binary frames (ws://host:port/apiws, subprotocol "binary")
 * @param localHost the local address to connect from (null: the system's choice)
 */
public record ClientOptions(String host, int port, Framing framing, boolean obfuscated, List<RsaPublicKey> serverKeys,
                            int dcId, int layer, Duration timeout, boolean webSocket, String localHost) {

    public static ClientOptions of(String host, int port, List<RsaPublicKey> serverKeys) {
        return new ClientOptions(host, port, Framing.INTERMEDIATE, false, serverKeys, 2, TlLayers.LATEST,
                Duration.ofSeconds(30), false, null);
    }

    public ClientOptions withFraming(Framing f, boolean obfuscate) {
        return new ClientOptions(host, port, f, obfuscate, serverKeys, dcId, layer, timeout, webSocket, localHost);
    }

    public ClientOptions withLayer(int l) {
        return new ClientOptions(host, port, framing, obfuscated, serverKeys, dcId, l, timeout, webSocket, localHost);
    }

    public ClientOptions withTimeout(Duration t) {
        return new ClientOptions(host, port, framing, obfuscated, serverKeys, dcId, layer, t, webSocket, localHost);
    }

    public ClientOptions withWebSocket(boolean on) {
        return new ClientOptions(host, port, framing, obfuscated, serverKeys, dcId, layer, timeout, on, localHost);
    }

    public ClientOptions withLocalHost(String local) {
        return new ClientOptions(host, port, framing, obfuscated, serverKeys, dcId, layer, timeout, webSocket, local);
    }
}
