package dev.portrait.server.rpc;

/** One class per TL namespace (help, auth, users, photos, ...) registers the methods it implements. */
public interface RpcNamespace {
    void register(RpcRegistry registry);
}
