package dev.portrait.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The SQL engines a store test runs on ({@link OnEveryEngine}); each opens its store the way a server does. */
public enum StoreEngine {
    SQLITE {
        @Override
        public String storeUrl(Path dir) {
            return null;
        }
    },
    POSTGRES {
        @Override
        public String storeUrl(Path dir) {
            // one fresh database per data directory (so per test), the same one when a test reopens its directory
            return DATABASES.computeIfAbsent(dir.toAbsolutePath(), d -> TestPostgres.shared().newDatabase());
        }
    };

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    /** The {@code --store} value for a store whose data (SQLite file, blobs) lives in dir. */
    public abstract String storeUrl(Path dir);

    public Store open(Path dir) {
        return Stores.open(storeUrl(dir), dir);
    }
}
