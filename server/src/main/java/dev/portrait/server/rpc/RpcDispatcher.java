package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongPredicate;

/**
 * Finds the handler of an (unwrapped) method, checks who may call it, and runs it, turning every failure into an
 * {@link RpcException}.
 */
public final class RpcDispatcher {
    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);

    private final RpcRegistry registry;
    private final LongPredicate isBot;

    /** @param isBot tells whether a signed-in account is a bot (for methods only people may call) */
    public RpcDispatcher(RpcRegistry registry, LongPredicate isBot) {
        this.registry = registry;
        this.isBot = isBot;
    }

    /** Runs the method; the result is what {@code method.writeResult} accepts. */
    @SuppressWarnings("unchecked")
    public Object dispatch(RpcContext context, TlMethod<?> method) {
        RpcRegistry.Entry entry = registry.find(method);
        if (entry == null) {
            log.debug("no handler for {}", method.tlName());
            throw RpcException.badRequest("INPUT_METHOD_INVALID");
        }
        try {
            if (entry.access() != RpcRegistry.Access.ANYONE && context.userId() == 0) {
                throw RpcException.unauthorized("AUTH_KEY_UNREGISTERED");
            }
            if (entry.access() == RpcRegistry.Access.USERS_ONLY && isBot.test(context.userId())) {
                throw RpcException.badRequest("BOT_METHOD_INVALID");
            }
            Object result = ((RpcHandler<TlMethod<?>>) entry.handler()).handle(context, method);
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
