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
