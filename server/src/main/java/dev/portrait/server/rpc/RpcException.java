package dev.portrait.server.rpc;

/**
 * An RPC failure as Telegram reports it: an error code (400, 401, 403, 406, 420, 500) and a message such as
 * {@code PHOTO_INVALID_DIMENSIONS} or {@code FLOOD_WAIT_30}. Thrown by handlers, answered as rpc_error.
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public RpcException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RpcException badRequest(String message) {
        return new RpcException(400, message);
    }

    public static RpcException unauthorized(String message) {
        return new RpcException(401, message);
    }

    public static RpcException forbidden(String message) {
        return new RpcException(403, message);
    }

    /** 420 FLOOD_WAIT_X: the client waits X seconds before retrying. */
    public static RpcException floodWait(int seconds) {
        return new RpcException(420, "FLOOD_WAIT_" + Math.max(1, seconds));
    }

    public static RpcException internal(String message) {
        return new RpcException(500, message);
    }
}
