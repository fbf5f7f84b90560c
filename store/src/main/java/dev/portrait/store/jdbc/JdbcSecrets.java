package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.SecretStore;

import java.util.function.Supplier;

public final class JdbcSecrets implements SecretStore {
    private final Db db;

    public JdbcSecrets(Db db) {
        this.db = db;
    }

    @Override
    public byte[] secret(String name, Supplier<byte[]> create) {
        return db.transaction(c -> {
            // Insert-if-absent then read: two processes racing both end up with the first one's value.
            Sql.update(c, "INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING", name, create.get());
            return Sql.one(c, rs -> rs.getBytes(1), "SELECT value FROM server_secrets WHERE name = ?", name).orElseThrow();
        });
    }
}
