package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;

/**
 * One call as answered: who made it, on what, the method (unwrapped from invokeWithLayer and the like), its result or
 * rpc_error, how long it took, and whether a fault was injected into it.
 *
 * @param result the handler's result (what {@code method.writeResult} accepts), null when it failed
 * @param error  the rpc_error answered, null when it succeeded
 * @param fault  the fault injected, null for none
 */
public record RpcCall(long startedAtMillis, long userId, long authKeyId, long sessionId, int layer, String clientAddress,
                      String transport, TlMethod<?> method, Object result, RpcException error, long nanos, Fault fault) {
}
