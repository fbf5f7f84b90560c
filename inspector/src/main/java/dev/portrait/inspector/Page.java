package dev.portrait.inspector;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The page and the OpenAPI document, served from the jar: nothing is fetched from elsewhere, it works offline. */
final class Page {
    private static final String ROOT = "/dev/portrait/inspector/";

    private Page() {
    }

    static void routes(RoutesConfig routes) {
        routes.get("/", ctx -> resource(ctx, "index.html", "text/html; charset=utf-8"));
        routes.get("/api/openapi.json", ctx -> resource(ctx, "openapi.json", "application/json"));
    }

    private static void resource(Context ctx, String name, String type) {
        ctx.contentType(type).header("Cache-Control", "no-cache").result(bytes(name));
    }

    static byte[] bytes(String name) {
        try (InputStream in = Page.class.getResourceAsStream(ROOT + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
