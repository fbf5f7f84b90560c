package dev.portrait.botapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A method's parameters in any of the forms the official server takes: the URL query, an urlencoded or multipart
 * form (files by name, for attach://name), or a JSON object body; a query parameter wins over the body's.
 */
final class BotRequest {
    private final Context ctx;
    private final Map<String, String> params;
    private final boolean multipart;

    private BotRequest(Context ctx, Map<String, String> params, boolean multipart) {
        this.ctx = ctx;
        this.params = params;
        this.multipart = multipart;
    }

    static BotRequest of(Context ctx) {
        Map<String, String> params = new HashMap<>();
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean multipart = type.startsWith("multipart/form-data");
        if (type.startsWith("application/json")) {
            // a JSON object's strings are values, anything else its JSON text; the official server only logs a body
            // it cannot parse, and the parameters it held are then missing
            try {
                JsonNode body = BotApi.JSON.readTree(ctx.bodyAsBytes());
                if (body != null && body.isObject()) {
                    body.properties().forEach(e -> params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
                }
            } catch (IOException e) {
                // missing parameters say the rest
            }
        } else if (multipart || type.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) params.put(k, v.getFirst());
            });
        }
        // the URL's query comes first in the official server: it wins over the body
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) params.put(k, v.getFirst());
        });
        return new BotRequest(ctx, params, multipart);
    }

    /** The parameters as JSON, for the call's log entry (files are named, not included). */
    String describe() {
        var o = BotApi.JSON.createObjectNode();
        params.forEach(o::put);
        if (multipart) ctx.uploadedFileMap().forEach((name, files) -> o.put(name, "<file, " + files.getFirst().size() + " bytes>"));
        return o.toString();
    }

    String string(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An uploaded file of a multipart request, by its part name (what attach://name names); null when absent. */
    byte[] file(String name, long maxBytes) {
        if (!multipart) return null;
        List<UploadedFile> files = ctx.uploadedFiles(name);
        if (files.isEmpty()) return null;
        UploadedFile f = files.getFirst();
        if (f.size() > maxBytes) throw new BotApiException(413, "Request Entity Too Large");
        try (InputStream in = f.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw BotApiException.badRequest("can't read the uploaded file");
        }
    }
}
