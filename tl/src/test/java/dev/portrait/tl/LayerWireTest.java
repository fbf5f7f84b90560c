package dev.portrait.tl;

import dev.portrait.tl.api.*;
import dev.portrait.tl.compiler.TlCombinator;
import dev.portrait.tl.compiler.TlSchema;
import dev.portrait.tl.testing.SchemaInterpreter;
import dev.portrait.tl.testing.TlRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Portrait writes for a client of layer L is what layer L's reference schema describes: for every generated API
 * class that exists in L, random objects written in L's form are read back by an interpreter of L's reference
 * schema (not by generated code), use every byte, and carry the id L knows for that name.
 */
class LayerWireTest {

    @TestFactory
    Stream<DynamicTest> everyConstructorInEveryLayer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (var e : ReferenceSchemas.apiLayers().entrySet()) {
            int layer = e.getKey();
            TlSchema ref = e.getValue();
            tests.add(DynamicTest.dynamicTest("layer " + layer, () -> checkLayer(layer, ref)));
        }
        return tests.stream();
    }

    /** Constructors the server never sends (tl/pom.xml's --unsent): some layers' lines of them cannot be written. */
    static final java.util.Set<String> NEVER_SENT = java.util.Set.of("chatTheme");

    private void checkLayer(int layer, TlSchema ref) {
        Map<String, TlCombinator> names = ref.byName();
        SchemaInterpreter interpreter = new SchemaInterpreter(ref);
        int checked = 0;
        int variants = 0;
        for (Class<? extends TlObject> cls : ApiRegistry.classes()) {
            TlDescriptor d = TlSchemas.descriptorOf(cls);
            TlCombinator refLine = names.get(d.name());
            if (refLine == null) continue;
            if (refLine.id() != d.id()) variants++;
            for (int seed = 0; seed < 12; seed++) {
                TlObject o;
                try {
                    o = new TlRandom(seed * 31L + d.id(), x -> names.containsKey(x.name()) && !NEVER_SENT.contains(x.name()), 4)
                            .object(cls);
                } catch (TlRandom.Impossible impossible) {
                    continue;
                }
                TlWriter w = new TlWriter().layer(layer);
                w.enclosing(enclosingFor(o));
                o.write(w);
                byte[] bytes = w.toByteArray();
                assertThat(new TlReader(bytes).readInt()).as(d.name() + " id in layer " + layer).isEqualTo(refLine.id());
                Map<String, Object> parsed;
                try {
                    parsed = interpreter.readWhole(bytes);
                } catch (TlException ex) {
                    throw new AssertionError("layer " + layer + " cannot read " + o + ": " + ex.getMessage()
                            + "\n" + HexFormat.of().formatHex(bytes), ex);
                }
                assertThat(parsed.get("_")).isEqualTo(d.name());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
        if (layer < TlLayers.LATEST) assertThat(variants).as("constructors whose id differs in " + layer).isGreaterThan(0);
    }

    /**
     * What the server writes such an object inside, where an older layer's form of it needs that: a photo for a photo
     * size (whose FileLocation names the photo before layer 128), the users.userFull for a userFull (which carries
     * its user before layer 135).
     */
    static TlObject enclosingFor(TlObject o) {
        return switch (o) {
            case PhotoSize s -> photoAround();
            case PhotoCachedSize s -> photoAround();
            case PhotoSizeProgressive s -> photoAround();
            case VideoSize s -> photoAround();
            case UserFull f -> new UsersUserFull(f, List.of(), List.of(User.builder().id(f.id()).firstName("Ann").build()));
            default -> null;
        };
    }

    private static Photo photoAround() {
        return new Photo(false, 4242, 1, new byte[0], 1, List.of(), null, 2);
    }

    @Test
    void userIsWrittenAsEachLayerKnowsIt() {
        User user = (User) TlJson.fromJsonString("""
                {"_": "user", "self": true, "id": "777000", "access_hash": "-12345", "first_name": "Ann",
                 "last_name": "Lee", "username": "ann", "phone": "15550001111",
                 "photo": {"_": "userProfilePhoto", "photo_id": "99", "stripped_thumb": "010203", "dc_id": 2},
                 "status": {"_": "userStatusOffline", "was_online": 1700000000}, "lang_code": "en"}""");
        for (int layer : TlLayers.known()) {
            TlWriter w = new TlWriter().layer(layer);
            user.write(w);
            int expected = ReferenceSchemas.layer(layer).byName().get("user").id();
            assertThat(new TlReader(w.toByteArray()).readInt()).isEqualTo(expected);
            User back = (User) TypeUser.read(new TlReader(w.toByteArray()));
            assertThat(back.id()).isEqualTo(777000L);
            assertThat(back.accessHash()).isEqualTo(-12345L);
            assertThat(back.firstName()).isEqualTo("Ann");
            assertThat(back.username()).isEqualTo("ann");
            assertThat(back.self()).isTrue();
            // before 127 a userProfilePhoto has no stripped_thumb
            if (layer >= 127) assertThat(back.photo()).isEqualTo(user.photo());
            else assertThat(((UserProfilePhoto) back.photo()).photoId()).isEqualTo(99);
            assertThat(back.langCode()).isEqualTo("en");
        }
    }

    /** updateUser (layer 151 on) is left out of an updates vector for layer 150, and alone cannot be written there. */
    @Test
    void whatALayerLacksIsNotWrittenToIt() {
        Updates push = new Updates(List.of(new UpdateUser(5), new UpdateUserName(5, "Ann", "", List.of())), List.of(),
                List.of(), 1_700_000_000, 3);
        TlWriter w = new TlWriter().layer(150);
        push.write(w);
        Map<String, Object> read = new SchemaInterpreter(ReferenceSchemas.layer(150)).readWhole(w.toByteArray());
        assertThat(read.get("_")).isEqualTo("updates");
        assertThat((List<?>) read.get("updates")).hasSize(1);
        TlWriter now = new TlWriter().layer(151);
        push.write(now);
        assertThat((List<?>) new SchemaInterpreter(ReferenceSchemas.layer(151)).readWhole(now.toByteArray()).get("updates")).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UpdateUser(5).write(new TlWriter().layer(150)))
                .isInstanceOf(TlException.class).hasMessage("updateUser is not in layer 150");
        assertThat(new UpdateUser(5).inLayer(150)).isFalse();
        assertThat(new UpdateUser(5).inLayer(151)).isTrue();
    }

    @Test
    void olderRequestsAreReadIntoTheNewestModel() {
        // contacts.addContact as a layer-158 client sends it (no note field)
        TlWriter w = new TlWriter();
        w.writeInt(0xe8f463d0);
        w.writeInt(1);
        new InputUser(5, 6).write(w);
        w.writeString("Ann");
        w.writeString("Lee");
        w.writeString("+1555");
        TlObject read = ApiRegistry.readObject(new TlReader(w.toByteArray()));
        assertThat(read).isEqualTo(new ContactsAddContact(true, new InputUser(5, 6), "Ann", "Lee", "+1555", null));
        assertThat(ApiRegistry.legacyIds()).containsEntry(0xe8f463d0, "contacts.addContact");
    }

    @Test
    void clientLayersMapToSchemaLayers() {
        // every layer with a schema is written exactly; one without gets the nearest below it
        assertThat(TlLayers.schemaLayerFor(100)).isEqualTo(TlLayers.OLDEST);
        assertThat(TlLayers.schemaLayerFor(140)).isEqualTo(140);
        assertThat(TlLayers.schemaLayerFor(141)).isEqualTo(140);
        assertThat(TlLayers.schemaLayerFor(166)).isEqualTo(166);
        assertThat(TlLayers.schemaLayerFor(181)).isEqualTo(181);
        assertThat(TlLayers.schemaLayerFor(200)).isEqualTo(200);
        assertThat(TlLayers.schemaLayerFor(215)).isEqualTo(214);
        assertThat(TlLayers.schemaLayerFor(226)).isEqualTo(225);
        assertThat(TlLayers.schemaLayerFor(999)).isEqualTo(228);
        assertThat(TlLayers.schemaLayerFor(103)).isEqualTo(103);
        assertThat(TlLayers.schemaLayerFor(127)).isEqualTo(127);
        assertThat(TlLayers.known()).startsWith(103).endsWith(228).hasSize(121);
    }
}
