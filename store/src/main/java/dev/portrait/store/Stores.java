package dev.portrait.store;

import dev.portrait.store.blob.BlobStores;

import java.nio.file.Path;
import java.util.Locale;

/** Opens the store a configuration names. */
public final class Stores {
    private Stores() {
    }

    /**
     * Opens the store named by storeUrl:
     * <ul>
     * <li>null, empty or {@code sqlite}: the embedded store, SQLite and blob files in dataDir;</li>
     * <li>{@code postgres://user:password@host:port/database?...}, {@code postgresql://...} or
     * {@code jdbc:postgresql://...}: PostgreSQL (see {@link PostgresStore.Location#parse}), blob files under
     * {@code dataDir/blobs}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the URL names no engine Portrait knows
     */
    public static Store open(String storeUrl, Path dataDir) {
        return open(storeUrl, null, dataDir);
    }

    /**
     * As {@link #open(String, Path)}, with the blobs where blobsUrl says ({@link BlobStores#open}: null or
     * {@code files} for files under dataDir/blobs, {@code s3://bucket/prefix?endpoint=...} for S3-compatible storage).
     */
    public static Store open(String storeUrl, String blobsUrl, Path dataDir) {
        String url = check(storeUrl);
        // the embedded default opens its database first, so an unusable data directory is reported as such
        if (url == null && BlobStores.check(blobsUrl) == null) return SqliteStore.open(dataDir);
        BlobStore blobs = BlobStores.open(blobsUrl, dataDir);
        try {
            if (url == null) return SqliteStore.open(dataDir, blobs);
            return PostgresStore.open(PostgresStore.Location.parse(url), blobs);
        } catch (RuntimeException e) {
            blobs.close();
            throw e;
        }
    }

    /**
     * Checks a store URL without connecting: null for the embedded store, else the (stripped) PostgreSQL URL.
     *
     * @throws IllegalArgumentException when it names no engine Portrait knows or a PostgreSQL URL is malformed
     */
    public static String check(String storeUrl) {
        String url = storeUrl == null ? "" : storeUrl.strip();
        if (url.isEmpty() || url.equalsIgnoreCase("sqlite")) return null;
        if (!isPostgres(url)) {
            throw new IllegalArgumentException("unknown store '" + redact(url) + "': use sqlite (the default) or "
                    + "postgres://user:password@host:port/database (also postgresql:// or jdbc:postgresql://)");
        }
        PostgresStore.Location.parse(url);
        return url;
    }

    static boolean isPostgres(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgres://") || lower.startsWith("postgresql://") || lower.startsWith("jdbc:postgresql://");
    }

    /** The URL without its password (user:password@ and password=... parameters), for messages and logs. */
    public static String redact(String url) {
        if (url == null) return null;
        String s = url.replaceAll("(?i)(password=)[^&]*", "$1***");
        int scheme = s.indexOf("://");
        if (scheme < 0) return s;
        int end = s.length();
        for (char c : new char[]{'/', '?', '#'}) {
            int i = s.indexOf(c, scheme + 3);
            if (i >= 0) end = Math.min(end, i);
        }
        int at = s.lastIndexOf('@', end - 1);
        if (at < scheme + 3) return s;
        int colon = s.indexOf(':', scheme + 3);
        if (colon < 0 || colon > at) return s;
        return s.substring(0, colon + 1) + "***" + s.substring(at);
    }
}
