package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;

import java.util.HashMap;
import java.util.Map;

/**
 * Method class → handler and who may call it. A method without a handler is absent: it answers an rpc_error, never a
 * fake success.
 */
public final class RpcRegistry {
    /** Who may call a method. */
    public enum Access {
        /** Before sign-in too (help.getConfig, auth.sendCode, ...). */
        ANYONE,
        /** Signed-in accounts, people and bots. */
        SIGNED_IN,
        /** Signed-in people; bots get BOT_METHOD_INVALID ("only users can use this method"). */
        USERS_ONLY
    }

    record Entry(RpcHandler<?> handler, Access access) {
    }

    private final Map<Class<?>, Entry> handlers = new HashMap<>();

    /** A method that needs a signed-in account (the common case). */
    public <M extends TlMethod<?>> RpcRegistry on(Class<M> method, RpcHandler<M> handler) {
        return on(method, Access.SIGNED_IN, handler);
    }

    public <M extends TlMethod<?>> RpcRegistry on(Class<M> method, Access access, RpcHandler<M> handler) {
        if (handlers.putIfAbsent(method, new Entry(handler, access)) != null) {
            throw new IllegalStateException(method + " registered twice");
        }
        return this;
    }

    public RpcRegistry add(RpcNamespace namespace) {
        namespace.register(this);
        return this;
    }

    Entry find(TlMethod<?> method) {
        return handlers.get(method.getClass());
    }

    public boolean implemented(Class<?> method) {
        return handlers.containsKey(method);
    }
}
