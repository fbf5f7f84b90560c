package dev.portrait.inspector;

import io.javalin.http.Context;

/** Reading a request's parameters and body, with 400 answers instead of exceptions from below. */
final class Params {
    private Params() {
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name.toUpperCase(java.util.Locale.ROOT) + "_INVALID",
                name + " must be a whole number from " + min + " to " + max);
    }

    static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("USER_ID_INVALID", "'" + ctx.pathParam(name) + "' is not an account id");
        }
    }

    static <T> T body(Context ctx, Class<T> type) {
        try {
            T body = Inspector.JSON.readValue(ctx.bodyAsBytes(), type);
            if (body == null) throw new IllegalArgumentException("empty");
            return body;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("BODY_INVALID", "the body must be a JSON object: " + type.getSimpleName()
                    + " (see /api/openapi.json)");
        }
    }
}
