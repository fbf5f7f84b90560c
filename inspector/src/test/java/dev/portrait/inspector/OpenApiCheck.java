package dev.portrait.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a real answer against the OpenAPI document the inspector serves: the path and method must be documented, the
 * status must be one of the operation's responses, and the body must match that response's schema (JSON Schema
 * 2020-12, as OpenAPI 3.1 says).
 */
final class OpenApiCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode doc;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    OpenApiCheck(String document) throws Exception {
        this.doc = JSON.readTree(document);
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
    }

    /** The operation of the document that serves {@code method path} (path without query), failing when none does. */
    JsonNode operation(String method, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String regex = Pattern.quote(e.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex) && e.getValue().has(method.toLowerCase())) return e.getValue().get(method.toLowerCase());
        }
        throw new AssertionError(method + " " + path + " is not in the OpenAPI document");
    }

    /** Checks one answer; returns its body. */
    JsonNode check(String method, String pathAndQuery, int status, String body) throws Exception {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        JsonNode response = operation(method, path).path("responses").path(Integer.toString(status));
        assertThat(response.isMissingNode()).as("%s %s answered %d, which the document does not list", method, path, status)
                .isFalse();
        response = resolve(response);
        if (!response.has("content")) {
            assertThat(body).as("%s %s %d has no body", method, path, status).isEmpty();
            return null;
        }
        JsonNode schema = response.path("content").path("application/json").path("schema");
        JsonNode json = JSON.readTree(body);
        List<?> errors = schema(schema).validate(json);
        assertThat(errors).as("%s %s %d: %s", method, path, status, body).isEmpty();
        return json;
    }

    /** Checks a binary answer: its status listed and its content type among the documented ones. */
    void checkBinary(String method, String path, int status, String contentType) {
        JsonNode response = resolve(operation(method, path).path("responses").path(Integer.toString(status)));
        assertThat(response.isMissingNode()).as("%s %s answered %d, not listed", method, path, status).isFalse();
        assertThat(response.path("content").has(contentType)).as("%s %s %d as %s", method, path, status, contentType).isTrue();
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) node = doc.at(node.get("$ref").asText().substring(1));
        return node;
    }

    /** A schema of the document as a standalone JSON Schema: the components become its $defs. */
    private Schema schema(JsonNode schema) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("$defs", doc.path("components").path("schemas"));
        root.set("allOf", JSON.createArrayNode().add(schema));
        String text = JSON.writeValueAsString(root).replace("#/components/schemas/", "#/$defs/");
        return registry.getSchema(text);
    }
}
