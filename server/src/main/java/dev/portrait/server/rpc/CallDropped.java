package dev.portrait.server.rpc;

/**
 * An injected {@link Fault.Drop}: the connection was closed instead of answering. The call is forgotten, not
 * answered, so that the client's resend (on its next connection, same msg_id) runs it as if it had never arrived.
 */
public final class CallDropped extends RuntimeException {
    public CallDropped() {
        super("connection dropped by an injected fault", null, false, false);
    }
}
