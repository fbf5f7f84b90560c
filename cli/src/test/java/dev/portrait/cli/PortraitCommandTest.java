package dev.portrait.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

class PortraitCommandTest {
    private static String run(int expectedExit, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            assertThat(PortraitCommand.commandLine().execute(args)).isEqualTo(expectedExit);
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run(0)).contains("Usage: portrait", "tl", "serve", "user", "bot", "codes", "session", "key");
        assertThat(run(0, "--version")).contains("API layer 228");
    }

    @Test
    void encodeAndDecodeInALayer() {
        String hex = run(0, "tl", "encode", "--layer", "158",
                "{\"_\":\"userEmpty\",\"id\":\"5\"}").trim();
        assertThat(hex).isEqualTo("7a4bbcd30500000000000000");
        assertThat(run(0, "tl", "decode", hex)).contains("\"_\" : \"userEmpty\"", "\"id\" : \"5\"");
        assertThat(run(1, "tl", "decode", "01020304")).isEmpty();
    }

    /**
     * `tl check` accepts every layer schema of the reference history (M10): the lines of public clients' files whose id
     * is not the CRC32 of the line as written are named as the known forms they are; a wrong id still fails.
     */
    @Test
    void tlCheckAcceptsEveryHistorySchema(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path reference = java.nio.file.Path.of(System.getProperty("portrait.reference", "../reference")).resolve("tl");
        java.util.List<String> files = new java.util.ArrayList<>(java.util.List.of("tl", "check"));
        for (var e : dev.portrait.tl.compiler.SchemaHistory.read(reference).entrySet()) {
            java.nio.file.Path f = dir.resolve("api.layer" + e.getKey() + ".tl");
            java.nio.file.Files.writeString(f, e.getValue());
            files.add(f.toString());
        }
        assertThat(files).hasSize(2 + 114);
        String out = run(0, files.toArray(String[]::new));
        assertThat(out).contains("api.layer157.tl", "messageActionGiftPremium#c83d6aec: field names spelt in camelCase",
                "inputPeerPhotoFileLocationLegacy#27d69997: TDLib's name for the older inputPeerPhotoFileLocation")
                .doesNotContain("CRC32 of the line is");
        java.nio.file.Path wrong = dir.resolve("wrong.tl");
        java.nio.file.Files.writeString(wrong, "photoEmpty#2331b22e id:long = Photo;\n");
        assertThat(run(1, "tl", "check", wrong.toString())).contains("1 mismatches", "CRC32 of the line is 2331b22d");
    }

    /** A node's settings can live in a file (picocli's @-files), as docs/deployment.md's sample config does. */
    @Test
    void serveReadsItsOptionsFromAConfigFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path conf = dir.resolve("node.conf");
        java.nio.file.Files.writeString(conf, """
                # a node of a Portrait cluster
                --data-dir /var/lib/portrait
                --store postgres://portrait:SECRET@db.internal:5432/portrait?poolSize=20
                --blobs "s3://portrait-media/prod?endpoint=http://minio.internal:9000&region=us-east-1&pathStyle=true"
                --listen 0.0.0.0:2443
                --advertise portrait.example.org:443
                --metrics 10.0.0.5:9464
                """);
        picocli.CommandLine.ParseResult parsed = PortraitCommand.commandLine().parseArgs("serve", "@" + conf);
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(serve.dataDir).isEqualTo(java.nio.file.Path.of("/var/lib/portrait"));
        assertThat(serve.store).isEqualTo("postgres://portrait:SECRET@db.internal:5432/portrait?poolSize=20");
        assertThat(serve.blobs).isEqualTo("s3://portrait-media/prod?endpoint=http://minio.internal:9000&region=us-east-1&pathStyle=true");
        assertThat(serve.listen).isEqualTo(new HostPort("0.0.0.0", 2443));
        assertThat(serve.advertise).isEqualTo(new HostPort("portrait.example.org", 443));
        assertThat(serve.metrics).isEqualTo(new HostPort("10.0.0.5", 9464));
    }
}
