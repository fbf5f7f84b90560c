package dev.portrait.server.rpc;

import dev.portrait.tl.TlMethod;

/**
 * What a listener beside the server (the inspector) hears of every call and may change about it: a fault to inject
 * before the handler runs, and the call with its answer afterwards. Both run on the call's own virtual thread, so
 * they must be quick; {@link #NONE} is the default.
 */
public interface RpcHooks {
    RpcHooks NONE = new RpcHooks() {
        @Override
        public Fault before(RpcContext context, TlMethod<?> method) {
            return null;
        }

        @Override
        public void after(RpcCall call) {
        }
    };

    /** A fault to answer with instead of (or before) running the method, or null for none. */
    Fault before(RpcContext context, TlMethod<?> method);

    /** Every call once answered, injected ones included. */
    void after(RpcCall call);

    /**
     * A fault for a Bot API call (method as the bot named it, e.g. "setMyProfilePhoto") by that bot, or null for none.
     * The inspector's fault rules name them {@code bot_api.<method>}.
     */
    default Fault beforeBotApi(long botId, String method) {
        return null;
    }

    /** A service-level event (new key, new session, bad salt, bad msg); a listener that wants none ignores it. */
    default void service(ServiceEvent event) {
    }
}
