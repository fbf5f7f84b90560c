package dev.portrait.server.api;

import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcException;
import dev.portrait.server.users.UsersManager;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.api.*;

import java.util.ArrayList;
import java.util.List;

/** The {@code users} namespace. */
public final class UsersRpc implements RpcNamespace {
    private final UsersManager users;

    public UsersRpc(UsersManager users) {
        this.users = users;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(UsersGetUsers.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            List<TypeUser> out = new ArrayList<>(m.id().size());
            for (TypeInputUser input : m.id()) {
                // A wrong access_hash is an error; an id the viewer cannot name without one is just not found.
                if (input instanceof InputUser u && u.accessHash() != 0 && users.resolveOrNull(me.id(), input).isEmpty()) {
                    throw RpcException.badRequest("USER_ID_INVALID");
                }
                users.resolveOrNull(me.id(), input).ifPresent(u -> out.add(users.view(me, u, ctx.now())));
            }
            return out;
        });
        registry.on(UsersGetFullUser.class, (ctx, m) -> {
            UserRecord me = users.require(ctx.userId());
            UserRecord target = users.resolve(me.id(), m.id());
            return new UsersUserFull(users.full(me, target, ctx.now()), List.of(), List.of(users.view(me, target, ctx.now())));
        });
    }
}
