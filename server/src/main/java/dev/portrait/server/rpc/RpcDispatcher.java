package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the handler of an (unwrapped) method and runs it, turning every failure into an {@link RpcException}. */
public final class RpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);

    private final RpcRegistry registry;

    public RpcDispatcher(RpcRegistry registry) {
        this.registry = registry;
    }

    /** Runs the method; the result is what {@code method.writeResult} accepts. */
    public Object dispatch(RpcContext context, TlMethod<?> method) {
        RpcHandler<TlMethod<?>> handler = registry.find(method);
        if (handler == null) {
            log.debug("no handler for {}", method.tlName());
            throw RpcException.badRequest("INPUT_METHOD_INVALID");
        }
        try {
            Object result = handler.handle(context, method);
            if (result == null) throw new IllegalStateException(method.tlName() + " handler returned null");
            return result;
        } catch (RpcException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{} failed", method.tlName(), e);
            throw RpcException.internal("INTERNAL");
        }
    }
}
