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
}
