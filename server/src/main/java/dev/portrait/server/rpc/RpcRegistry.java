package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;

import java.util.HashMap;
import java.util.Map;

/** Method class → handler. A method without a handler is absent: it answers an rpc_error, never a fake success. */
public final class RpcRegistry {
    private final Map<Class<?>, RpcHandler<?>> handlers = new HashMap<>();

    public <M extends TlMethod<?>> RpcRegistry on(Class<M> method, RpcHandler<M> handler) {
        if (handlers.putIfAbsent(method, handler) != null) throw new IllegalStateException(method + " registered twice");
        return this;
    }

    public RpcRegistry add(RpcNamespace namespace) {
        namespace.register(this);
        return this;
    }

    @SuppressWarnings("unchecked")
    <M extends TlMethod<?>> RpcHandler<M> find(M method) {
        return (RpcHandler<M>) handlers.get(method.getClass());
    }

    public boolean implemented(Class<?> method) {
        return handlers.containsKey(method);
    }
}
