package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.tl.ReferenceSchemas;
import dev.portrait.tl.TlDescriptor;
import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlSchemas;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.mtproto.MtProtoRegistry;
import dev.portrait.tl.testing.TlRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.portrait.tl.compiler.TlCombinator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-checks the codec with a real implementation: gramjs (npm `telegram` 2.26.22, layer 198) through
 * e2e/tl/gramjs-codec.mjs. Objects gramjs builds decode in Java to the same values, and objects Java writes in layer
 * 198 decode in gramjs to the same values and re-encode to the same bytes.
 */
class GramjsCrossCheckTest {
    private static final int GRAMJS_LAYER = 198;
    private static final HexFormat HEX = HexFormat.of();
    private static NodeBridge gramjs;
    /** Names gramjs knows, with the id it knows them by. */
    private static final Map<String, Integer> GRAMJS = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        gramjs = new NodeBridge("tl/gramjs-codec.mjs");
        JsonNode names = gramjs.call("names");
        assertThat(names.get("ok").asBoolean()).as(names.toString()).isTrue();
        for (JsonNode n : names.get("items")) GRAMJS.put(n.get("name").asText(), n.get("id").asInt());
        assertThat(GRAMJS).hasSizeGreaterThan(1500);
    }

    @AfterAll
    static void stop() throws IOException {
        if (gramjs != null) gramjs.close();
    }

    @Test
    void gramjsObjectsDecodeInJavaToTheSameValues() throws IOException {
        JsonNode corpus = gramjs.call("corpus");
        assertThat(corpus.get("ok").asBoolean()).as(corpus.toString()).isTrue();
        int exact = 0;
        List<String> outside = new ArrayList<>();
        for (JsonNode item : corpus.get("items")) {
            // Objects that carry constructors Portrait's schema does not serve (it never reads or sends them) are
            // listed, not decoded; the assertion below keeps them few.
            List<String> unknown = unknownNames(item.get("value"));
            if (!unknown.isEmpty()) {
                outside.add(item.get("label").asText() + " " + unknown);
                continue;
            }
            byte[] bytes = HEX.parseHex(item.get("hex").asText());
            TlReader r = new TlReader(bytes);
            TlObject o = MtProtoRegistry.knows(r.peekInt()) ? MtProtoRegistry.readObject(r) : ApiRegistry.readObject(r);
            assertThat(r.remaining()).as(item.get("label") + ": bytes left").isZero();
            List<String> diffs = new ArrayList<>();
            compare(TlJson.toJson(o), item.get("value"), "$", diffs);
            assertThat(diffs).as(item.get("label") + " decoded in Java vs built in gramjs").isEmpty();
            // written back in gramjs's layer: the same bytes, unless the object carries fields layer 228 dropped
            TlWriter w = new TlWriter().layer(GRAMJS_LAYER);
            o.write(w);
            if (java.util.Arrays.equals(w.toByteArray(), bytes)) exact++;
            else assertThat(droppedFieldsOf(item.get("value"))).as(item.get("label") + " re-encoded differently").isNotEmpty();
        }
        assertThat(corpus.get("items").size()).isGreaterThan(20);
        assertThat(outside).as("corpus objects outside Portrait's schema").hasSizeLessThan(4);
        assertThat(exact).isGreaterThan(corpus.get("items").size() * 3 / 4);
    }

    @Test
    void javaObjectsDecodeInGramjsToTheSameValuesAndBytes() throws IOException {
        int checked = 0;
        TreeSet<String> classes = new TreeSet<>();
        for (Class<? extends TlObject> cls : ApiRegistry.classes()) {
            TlDescriptor d = TlSchemas.descriptorOf(cls);
            if (!GRAMJS.containsKey(d.name())) continue;
            for (int seed = 0; seed < 4; seed++) {
                TlObject o;
                try {
                    o = new TlRandom(seed * 7919L + d.id(), x -> GRAMJS.containsKey(x.name()), 4).telegramLikeIds().object(cls);
                } catch (TlRandom.Impossible e) {
                    continue;
                }
                TlWriter w = new TlWriter().layer(GRAMJS_LAYER);
                o.write(w);
                byte[] bytes = w.toByteArray();
                assertThat(new TlReader(bytes).readInt()).as(d.name() + " id").isEqualTo(GRAMJS.get(d.name()));
                ObjectNode req = TlJson.MAPPER.createObjectNode().put("op", "decode").put("hex", HEX.formatHex(bytes));
                JsonNode answer = gramjs.call(req);
                assertThat(answer.get("ok").asBoolean()).as(d.name() + ": gramjs failed: " + answer + "\nfor " + o).isTrue();
                assertThat(answer.get("reencoded").asText()).as(d.name() + " re-encoded by gramjs").isEqualTo(HEX.formatHex(bytes));
                TlObject javaView = ApiRegistry.readObject(new TlReader(bytes));
                List<String> diffs = new ArrayList<>();
                compare(TlJson.toJson(javaView), answer.get("value"), "$", diffs);
                assertThat(diffs).as(d.name() + " as gramjs reads it").isEmpty();
                checked++;
                classes.add(d.name());
            }
        }
        assertThat(classes).contains("photos.photo", "user", "userFull", "config", "photos.uploadProfilePhoto",
                "photos.updateProfilePhoto", "photos.uploadContactProfilePhoto", "upload.file");
        assertThat(checked).isGreaterThan(1000);
    }

    /** TL names in a canonical object that neither Portrait's schema nor its older-layer forms know. */
    private static List<String> unknownNames(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) for (JsonNode x : v) out.addAll(unknownNames(x));
        if (!v.isObject()) return out;
        if (v.has("_")) {
            String name = v.get("_").asText();
            Integer id = GRAMJS.get(name);
            if (TlSchemas.byName(name) == null || (id != null && id != TlSchemas.byName(name).id()
                    && !ApiRegistry.legacyIds().containsKey(id))) out.add(name);
        }
        v.fields().forEachRemaining(e -> out.addAll(unknownNames(e.getValue())));
        return out;
    }

    /** Fields present in a gramjs object (recursively) that Portrait's layer-228 model lacks or types differently. */
    private static List<String> droppedFieldsOf(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) for (JsonNode x : v) out.addAll(droppedFieldsOf(x));
        if (!v.isObject() || !v.has("_")) return out;
        TlDescriptor d = TlSchemas.byName(v.get("_").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("_")) continue;
            if (d == null || droppedByModel(d.name(), e.getKey())) out.add(e.getKey());
            else out.addAll(droppedFieldsOf(e.getValue()));
        }
        return out;
    }

    /**
     * Compares canonical JSON, Portrait's ({@code a}) with gramjs's ({@code b}). Fields on both sides must be equal.
     * A field only gramjs has is fine when Portrait's model does not have it (the layer adapter drops it); any other
     * one-sided field must hold an empty value (absent, false, 0, "", [], or an object of empty fields).
     */
    static void compare(JsonNode a, JsonNode b, String path, List<String> diffs) {
        if (a.isObject() && b.isObject()) {
            if (!a.path("_").equals(b.path("_"))) {
                diffs.add(path + ": " + a.path("_") + " vs " + b.path("_"));
                return;
            }
            TreeSet<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode x = a.get(k);
                JsonNode y = b.get(k);
                if (x != null && y != null) compare(x, y, path + "." + k, diffs);
                else if (x == null && droppedByModel(a.path("_").asText(), k)) continue;
                else if (!isEmpty(x != null ? x : y)) diffs.add(path + "." + k + " only on one side: " + (x != null ? x : y));
            }
        } else if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                diffs.add(path + ": " + a.size() + " vs " + b.size() + " elements");
                return;
            }
            for (int i = 0; i < a.size(); i++) compare(a.get(i), b.get(i), path + "[" + i + "]", diffs);
        } else if (a.isNumber() && b.isNumber()) {
            if (a.doubleValue() != b.doubleValue()) diffs.add(path + ": " + a + " vs " + b);
        } else if (!a.equals(b)) {
            diffs.add(path + ": " + a + " vs " + b);
        }
    }

    private static boolean droppedByModel(String constructor, String field) {
        TlDescriptor d = TlSchemas.byName(constructor);
        return d != null && (d.fields().stream().noneMatch(f -> f.name().equals(field)) || typeChanged(constructor, field));
    }

    /**
     * Whether the field's type differs between gramjs's layer and Portrait's model (user.stories_max_id: int in 198,
     * RecentStory in 228). The layer adapters drop such fields by design (docs/decisions.md).
     */
    private static boolean typeChanged(String constructor, String field) {
        TlDescriptor d = TlSchemas.byName(constructor);
        TlCombinator old = layer198().get(constructor);
        if (d == null || old == null || old.arg(field) == null) return false;
        return d.fields().stream().anyMatch(f -> f.name().equals(field) && !f.type().equals(old.arg(field).type().toString()));
    }

    /** gramjs's schema (layer 198), vendored in reference/tl. */
    private static Map<String, TlCombinator> layer198() {
        return ReferenceSchemas.layer(198).byName();
    }

    private static boolean isEmpty(JsonNode v) {
        if (v == null || v.isNull()) return true;
        if (v.isBoolean()) return !v.asBoolean();
        if (v.isNumber()) return v.doubleValue() == 0;
        if (v.isTextual()) return v.asText().isEmpty() || v.asText().equals("0");
        if (v.isArray()) return v.isEmpty();
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("_") && !isEmpty(e.getValue())) return false;
            }
            return true;
        }
        return false;
    }
}
