package dev.portrait.server.api;

import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.updates.UpdatesManager;
import dev.portrait.tl.api.UpdatesGetDifference;
import dev.portrait.tl.api.UpdatesGetState;

/** The {@code updates} namespace: where an account's update sequences stand, and catching up. */
public final class UpdatesRpc implements RpcNamespace {
    private final UpdatesManager updates;

    public UpdatesRpc(UpdatesManager updates) {
        this.updates = updates;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(UpdatesGetState.class, (ctx, m) -> updates.state(ctx.userId(), ctx.now()));
        registry.on(UpdatesGetDifference.class,
                (ctx, m) -> updates.difference(ctx.userId(), m.pts(), m.date(), m.ptsTotalLimit(), ctx.now()));
    }
}
