package dev.portrait.server.api;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.handshake.BindTempAuthKey;
import dev.portrait.server.auth.SignIn;
import dev.portrait.server.rpc.RpcContext;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcRegistry.Access;
import dev.portrait.server.session.AuthKeyState;
import dev.portrait.server.session.AuthKeys;
import dev.portrait.tl.api.*;

/** The {@code auth} namespace: phone sign-in and sign-up, bot tokens, log-out, and binding temporary keys. */
public final class AuthRpc implements RpcNamespace {
    private final AuthKeys keys;
    private final SignIn signIn;

    public AuthRpc(AuthKeys keys, SignIn signIn) {
        this.keys = keys;
        this.signIn = signIn;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(AuthBindTempAuthKey.class, Access.ANYONE, this::bindTempAuthKey);
        registry.on(AuthSendCode.class, Access.ANYONE, (ctx, m) -> signIn.sendCode(m.phoneNumber(), ctx.now()));
        registry.on(AuthResendCode.class, Access.ANYONE, (ctx, m) -> {
            signIn.cancelCode(m.phoneNumber(), m.phoneCodeHash());
            return signIn.sendCode(m.phoneNumber(), ctx.now());
        });
        registry.on(AuthCancelCode.class, Access.ANYONE, (ctx, m) -> signIn.cancelCode(m.phoneNumber(), m.phoneCodeHash()));
        registry.on(AuthSignIn.class, Access.ANYONE,
                (ctx, m) -> {
                    var result = signIn.signIn(key(ctx), m.phoneNumber(), m.phoneCodeHash(), m.phoneCode(), ctx.now());
                    // before layer 104 a new number is an error, and auth.signUp follows it with the same code
                    if (!result.inLayer(ctx.layer())) throw RpcException.badRequest("PHONE_NUMBER_UNOCCUPIED");
                    return result;
                });
        registry.on(AuthSignUp.class, Access.ANYONE,
                (ctx, m) -> signIn.signUp(key(ctx), m.phoneNumber(), m.phoneCodeHash(), m.firstName(), m.lastName(), ctx.now()));
        registry.on(AuthImportBotAuthorization.class, Access.ANYONE,
                (ctx, m) -> signIn.importBotAuthorization(key(ctx), m.botAuthToken(), ctx.now()));
        registry.on(AuthLogOut.class, (ctx, m) -> signIn.logOut(key(ctx)));
    }

    private AuthKeyState key(RpcContext ctx) {
        AuthKeyState k = keys.find(ctx.authKeyId(), ctx.now());
        if (k == null) throw RpcException.unauthorized("AUTH_KEY_INVALID");
        return k;
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
