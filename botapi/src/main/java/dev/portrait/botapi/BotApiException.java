package dev.portrait.botapi;

/** An answer {"ok":false,"error_code":code,"description":description}, as the official Bot API server words it. */
final class BotApiException extends RuntimeException {
    final int code;
    /** For 429: seconds to wait (the answer's parameters.retry_after and its Retry-After header), else null. */
    final Integer retryAfter;

    BotApiException(int code, String description) {
        this(code, description, null);
    }

    BotApiException(int code, String description, Integer retryAfter) {
        super(description, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * An rpc_error as the official server passes Telegram's on: FLOOD_WAIT_N is 429 "Too Many Requests: retry after N"
     * with retry_after N, others keep their code with its usual words before the message.
     */
    static BotApiException of(int code, String message) {
        if (message.startsWith("FLOOD_WAIT_")) {
            try {
                int seconds = Integer.parseInt(message.substring("FLOOD_WAIT_".length()));
                return new BotApiException(429, "Too Many Requests: retry after " + seconds, seconds);
            } catch (NumberFormatException e) {
                // not a number of seconds: passed on as it is below
            }
        }
        return switch (code) {
            case 401 -> new BotApiException(401, "Unauthorized: " + message);
            case 403 -> new BotApiException(403, "Forbidden: " + message);
            case 500 -> new BotApiException(500, "Internal Server Error: " + message);
            default -> new BotApiException(code >= 500 ? code : 400, (code >= 500 ? "Internal Server Error: " : "Bad Request: ") + message);
        };
    }

    static BotApiException badRequest(String what) {
        return new BotApiException(400, "Bad Request: " + what);
    }

    static BotApiException unauthorized() {
        return new BotApiException(401, "Unauthorized");
    }

    static BotApiException notFound() {
        return new BotApiException(404, "Not Found");
    }
}
