package dev.portrait.tl.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every reference schema in the repository's reference/tl parses, and every official constructor id is the CRC32 of its line. */
class ReferenceSchemasTest {
    /**
     * Lines whose id is not their CRC: TDLib's and tdesktop's own additions (never sent by Telegram's servers) and
     * msg_container, whose official id predates the rule.
     */
    static final Set<String> NOT_OFFICIAL = Set.of("inputPeerPhotoFileLocationLegacy", "inputStickerSetThumbLegacy",
            "ipPortSecret", "accessPointRule", "help.configSimple", "invokeWithBusinessConnectionPrefix",
            "invokeWithGooglePlayIntegrityPrefix", "invokeWithApnsSecretPrefix", "invokeWithReCaptchaPrefix",
            "msg_container");

    /** reference/tl: the root pom passes its place; a test run from the module folder finds it one level up. */
    static Path referenceDir() {
        return Path.of(System.getProperty("portrait.reference", "../reference")).resolve("tl");
    }

    static List<Path> referenceFiles() throws IOException {
        Path dir = referenceDir();
        assertThat(dir).as("the reference schemas (part of the repository)").isDirectory();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tl")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOfficialIdMatchesItsCrc() throws IOException {
        return referenceFiles().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            TlSchema schema = TlParser.parse(p);
            assertThat(schema.combinators()).hasSizeGreaterThan(40);
            List<String> bad = schema.idMismatches().stream().map(TlCombinator::name)
                    .filter(n -> !NOT_OFFICIAL.contains(n)).toList();
            assertThat(bad).as("ids that are not the CRC32 of their line in " + p).isEmpty();
            long checked = schema.combinators().stream().filter(TlCombinator::explicitId).count();
            assertThat(checked).isGreaterThan(40);
        }));
    }

    /** The history rebuilds byte for byte (each layer's SHA-256 is checked) and holds the layers M10 names. */
    @TestFactory
    Stream<DynamicTest> everyHistoricalLayerRebuildsAndItsIdsMatchTheirCrc() throws IOException {
        java.util.Map<Integer, String> history = SchemaHistory.read(referenceDir());
        assertThat(history).hasSize(114).containsKeys(103, 113, 121, 126, 129, 140, 144, 150, 166, 179, 181, 225);
        return history.entrySet().stream().map(e -> DynamicTest.dynamicTest("history layer " + e.getKey(), () -> {
            TlSchema schema = TlParser.parse(e.getValue(), "layer " + e.getKey());
            assertThat(schema.combinators()).hasSizeGreaterThan(500);
            // every line whose id is not its CRC is a known form (what `portrait tl check` accepts), and only those
            for (TlCombinator c : schema.idMismatches()) {
                assertThat(TlCrc.explainMismatch(c)).as(c.name() + " in layer " + e.getKey()).isNotNull();
                assertThat(NOT_OFFICIAL.contains(c.name()) || HISTORY_QUIRKS.contains(e.getKey() + " " + c.name()))
                        .as(c.name() + " in layer " + e.getKey() + " is a known form").isTrue();
            }
        }));
    }

    /** Lines of the history whose id is not the CRC of the line as written (reference/README.md, history quirks). */
    static final Set<String> HISTORY_QUIRKS = Set.of("157 messageActionGiftPremium");

    @Test
    void aWrongIdIsNotAKnownForm() {
        for (String line : List.of("photoEmpty#2331b22e id:long = Photo;", "ipPortLegacy#37982647 ipv4:int port:int = IpPort;",
                "messageActionX#c83d6aec flags:# cryptoCurrency:flags.0?string = MessageAction;")) {
            TlCombinator c = TlParser.parse(line, "t").combinators().getFirst();
            assertThat(c.id()).isNotEqualTo(c.computedId());
            assertThat(TlCrc.explainMismatch(c)).as(line).isNull();
        }
    }

    @Test
    void aDamagedHistoryIsRefused() throws Exception {
        String good = "=== 1 sha256=" + sha("a\nb") + "\n+a\n+b\n=== 2 sha256=" + sha("a\nc") + "\n=1\n-1\n+c\n";
        assertThat(SchemaHistory.rebuild(good, "t")).containsEntry(1, "a\nb").containsEntry(2, "a\nc");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SchemaHistory.rebuild(good.replace("+c", "+d"), "t"))
                .isInstanceOf(TlSchemaException.class).hasMessageContaining("layer 2 rebuilds");
    }

    private static String sha(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void allApiLayersAreThere() throws IOException {
        List<String> names = referenceFiles().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains("api.layer158.tl", "api.layer190.tl", "api.layer198.tl", "api.layer214.tl",
                "api.layer223.tl", "api.layer227.tl", "api.layer228.tl", "mtproto.official.tl", "mtproto.tdesktop.tl");
    }

    @Test
    void aWrongIdIsReported() {
        TlSchema s = TlParser.parse("photoEmpty#2331b22e id:long = Photo;\nphotoEmpty2#2331b22d id:long = Photo;", "t");
        assertThat(s.idMismatches()).extracting(TlCombinator::name).containsExactly("photoEmpty", "photoEmpty2");
        TlSchema ok = TlParser.parse("photoEmpty#2331b22d id:long = Photo;", "t");
        assertThat(ok.idMismatches()).isEmpty();
    }
}
