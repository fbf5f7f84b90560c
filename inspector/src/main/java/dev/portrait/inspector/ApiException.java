package dev.portrait.inspector;

import dev.portrait.server.admin.AdminException;
import io.javalin.http.Context;

/** An API request refused: its HTTP status and a JSON body {@code {"error": NAME, "message": sentence}}. */
final class ApiException extends RuntimeException {
    record Body(String error, String message) {
    }

    private final int status;
    private final String error;

    ApiException(int status, String error, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
    }

    static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what);
    }

    static ApiException badRequest(String error, String message) {
        return new ApiException(400, error, message);
    }

    static void answer(ApiException e, Context ctx) {
        ctx.status(e.status).json(new Body(e.error, e.getMessage()));
    }

    /** The admin layer's refusals: a collision is 409 Conflict, an unknown account 404, the rest 400. */
    static void answerAdmin(AdminException e, Context ctx) {
        int status = switch (e.kind()) {
            case CONFLICT -> 409;
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case FORBIDDEN -> 403;
        };
        ctx.status(status).json(new Body(e.error(), e.getMessage()));
    }
}
