package dev.portrait.cli;

import java.nio.file.Path;

/** The default data directory: ~/.portrait. */
final class DataDir {
    private DataDir() {
    }

    static Path defaultDir() {
        return Path.of(System.getProperty("user.home"), ".portrait");
    }
}
