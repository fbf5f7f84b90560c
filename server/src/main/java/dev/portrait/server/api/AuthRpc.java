package dev.portrait.server.api;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.handshake.BindTempAuthKey;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.session.AuthKeyState;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.tl.api.AuthBindTempAuthKey;

/** The {@code auth} namespace. M2: binding temporary keys to permanent ones (perfect forward secrecy). */
public final class AuthRpc implements RpcNamespace {
    private final AuthKeys keys;

    public AuthRpc(AuthKeys keys) {
        this.keys = keys;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(AuthBindTempAuthKey.class, this::bindTempAuthKey);
    }

    private Boolean bindTempAuthKey(RpcContext ctx, AuthBindTempAuthKey m) {
        AuthKeyState temp = keys.find(ctx.authKeyId(), ctx.now());
        if (temp == null || temp.expiresAt() == 0) throw RpcException.badRequest("TEMP_AUTH_KEY_EMPTY");
        if (temp.permKeyId() != 0) throw RpcException.badRequest("TEMP_AUTH_KEY_ALREADY_BOUND");
        AuthKeyState perm = keys.find(m.permAuthKeyId(), ctx.now());
        if (perm == null || perm.expiresAt() != 0) throw RpcException.badRequest("PERM_AUTH_KEY_INVALID");
        if (m.expiresAt() <= ctx.now()) throw RpcException.badRequest("EXPIRES_AT_INVALID");
        try {
            BindTempAuthKey.verify(perm.key(), m.encryptedMessage(), ctx.msgId(), temp.id(), ctx.sessionId(),
                    m.nonce(), m.expiresAt());
        } catch (MtprotoException e) {
            throw RpcException.badRequest("ENCRYPTED_MESSAGE_INVALID");
        }
        // The temporary key expires no later than the client asked, and acts for the permanent key's account.
        keys.bindTemp(temp, perm.id(), Math.min(temp.expiresAt(), m.expiresAt()));
        if (perm.userId() != 0) keys.signedIn(temp, perm.userId());
        return Boolean.TRUE;
    }
}
