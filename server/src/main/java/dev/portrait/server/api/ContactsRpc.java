package dev.portrait.server.api;

import dev.portrait.server.contacts.ContactsManager;
import dev.portrait.server.rpc.RpcNamespace;
import dev.portrait.server.rpc.RpcRegistry;
import dev.portrait.server.rpc.RpcRegistry.Access;
import dev.portrait.server.users.UsersManager;
import dev.portrait.tl.api.*;

/** The {@code contacts} namespace (people only, as on Telegram). */
public final class ContactsRpc implements RpcNamespace {
    private final ContactsManager contacts;
    private final UsersManager users;

    public ContactsRpc(ContactsManager contacts, UsersManager users) {
        this.contacts = contacts;
        this.users = users;
    }

    @Override
    public void register(RpcRegistry registry) {
        registry.on(ContactsImportContacts.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.importContacts(users.require(ctx.userId()), m.contacts(), ctx.now()));
        registry.on(ContactsAddContact.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.addContact(users.require(ctx.userId()), ctx.sessionId(), m, ctx.now()));
        registry.on(ContactsDeleteContacts.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.deleteContacts(users.require(ctx.userId()), ctx.sessionId(), m.id(), ctx.now()));
        registry.on(ContactsDeleteByPhones.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.deleteByPhones(users.require(ctx.userId()), m.phones(), ctx.now()));
        registry.on(ContactsGetContacts.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.getContacts(users.require(ctx.userId()), m.hash(), ctx.now()));
        registry.on(ContactsGetStatuses.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.statuses(users.require(ctx.userId()), ctx.now()));
        registry.on(ContactsResolveUsername.class,
                (ctx, m) -> contacts.resolveUsername(users.require(ctx.userId()), m.username(), ctx.now()));
        registry.on(ContactsResolvePhone.class, Access.USERS_ONLY,
                (ctx, m) -> contacts.resolvePhone(users.require(ctx.userId()), m.phone(), ctx.now()));
    }
}
