package dev.portrait.cli;

import picocli.CommandLine;

import java.nio.file.Path;

/** The default data directory: ~/.portrait. */
final class DataDir {
    private DataDir() {
    }

    static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".portrait");
    }

    /** The {@code --data-dir} option as a mixin, for the admin commands. */
    static final class Option {
        @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default: ~/.portrait)")
        Path dir = defaultDir();
    }
}
