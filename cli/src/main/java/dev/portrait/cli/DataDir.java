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

    /** The {@code --data-dir} and {@code --store} options as a mixin, for the admin commands. */
    static final class Option {
        @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default: ~/.portrait)")
        Path dir = defaultDir();

        @CommandLine.Option(names = "--store", paramLabel = "URL", defaultValue = "${env:PORTRAIT_STORE}", converter = StoreUrl.class,
                description = StoreUrl.DESCRIPTION)
        String store;
    }

    /** A {@code --store} value: checked when parsed, so a typo is a usage error rather than a stack trace. */
    static final class StoreUrl implements CommandLine.ITypeConverter<String> {
        static final String DESCRIPTION = "metadata store: sqlite (the default, in the data directory) or "
                + "postgres://user:password@host:port/database (default: $PORTRAIT_STORE)";

        @Override
        public String convert(String value) {
            try {
                return dev.portrait.store.Stores.check(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
