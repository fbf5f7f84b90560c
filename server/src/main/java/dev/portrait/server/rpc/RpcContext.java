package dev.portrait.server.rpc;

import dev.portrait.server.ServerConfig;

/**
 * What a handler knows about the call: the auth key and session it came on, the layer the client speaks, the account
 * signed in on the key (0 before sign-in), and the server's configuration.
 */
public interface RpcContext {
    long authKeyId();

    long sessionId();

    /** The msg_id the request came in (auth.bindTempAuthKey proves possession of both keys with it). */
    long msgId();

    /** The schema layer replies are written in. */
    int layer();

    /** The signed-in user, 0 when the key is not signed in. */
    long userId();

    /** The client's address, for per-address limits. */
    String clientAddress();

    /** How the connection is framed ({@code intermediate}, {@code websocket/obfuscated2/abridged}, ...), "" if unknown. */
    String transport();

    ServerConfig config();

    /** The current unix time (from the server's clock, so tests can move it). */
    int now();

    /** Closes the connection the call came on (an injected fault: the client sees its transport drop). */
    void disconnect();
}
