package dev.portrait.server.api;

import dev.portrait.server.messages.MessagesManager;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.users.UsersManager;
import dev.portrait.tl.api.MessagesDeleteMessages;
import dev.portrait.tl.api.MessagesGetHistory;

/** The {@code messages} namespace, as far as profile-photo suggestions need it: private chat history and deletion. */
public final class MessagesRpc implements RpcNamespace {
    private final UsersManager users;
    private final MessagesManager messages;

    public MessagesRpc(UsersManager users, MessagesManager messages) {
        this.users = users;
        this.messages = messages;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(MessagesGetHistory.class, (ctx, m) -> messages.history(users.require(ctx.userId()), m.peer(), m.offsetId(),
                m.offsetDate(), m.addOffset(), m.limit(), m.maxId(), m.minId(), ctx.now()));
        registry.on(MessagesDeleteMessages.class, (ctx, m) ->
                messages.delete(users.require(ctx.userId()), m.revoke(), m.id(), ctx.sessionId(), ctx.now()));
    }
}
