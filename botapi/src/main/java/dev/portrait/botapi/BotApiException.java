package dev.portrait.botapi;

/** An answer {"ok":false,"error_code":code,"description":description}, as the official Bot API server words it. */
final class BotApiException extends RuntimeException {
    final int code;

    BotApiException(int code, String description) {
        super(description, null, false, false);
        this.code = code;
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
