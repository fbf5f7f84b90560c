package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;

/** Handles one TL method; runs on a virtual thread. */
@FunctionalInterface
public interface RpcHandler<M extends TlMethod<?>> {
    Object handle(RpcContext context, M method) throws RpcException;
}
