package dev.portrait.client;

/** The server answered a request with rpc_error. */
public final class RpcErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public RpcErrorException(int code, String message) {
        super(code + " " + message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The error text as Telegram sends it ({@code FLOOD_WAIT_30}). */
    public String error() {
        return getMessage().substring(getMessage().indexOf(' ') + 1);
    }
}
