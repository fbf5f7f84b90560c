package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which store a configured URL opens, and how a PostgreSQL URL becomes a driver URL. */
class StoresTest {
    @TempDir
    Path dir;

    @Test
    void noUrlOrSqliteIsTheEmbeddedStore() {
        try (Store s = Stores.open(null, dir)) {
            assertThat(s).isInstanceOf(SqliteStore.class);
        }
        try (Store s = Stores.open(" ", dir)) {
            assertThat(s).isInstanceOf(SqliteStore.class);
        }
        try (Store s = Stores.open("SQLite", dir)) {
            assertThat(s).isInstanceOf(SqliteStore.class);
        }
    }

    @Test
    void unknownSchemesAreRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Stores.open("mysql://root:hunter2@db:3306/portrait", dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown store 'mysql://root:***@db:3306/portrait'")
                .hasMessageContaining("postgres://")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> Stores.open("/var/lib/portrait", dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postgresUrlsBecomeDriverUrlsWithCredentialsApart() {
        PostgresStore.Location l = PostgresStore.Location.parse("postgres://portrait:p%40ss:w+rd@db.example:5433/photos?sslmode=require&poolSize=4");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/photos?sslmode=require");
        assertThat(l.user()).isEqualTo("portrait");
        assertThat(l.password()).isEqualTo("p@ss:w+rd");
        assertThat(l.poolSize()).isEqualTo(4);
        assertThat(l.toString()).doesNotContain("p@ss");

        PostgresStore.Location bare = PostgresStore.Location.parse("postgresql://db/photos");
        assertThat(bare.jdbcUrl()).isEqualTo("jdbc:postgresql://db/photos");
        assertThat(bare.user()).isNull();
        assertThat(bare.password()).isNull();
        assertThat(bare.poolSize()).isEqualTo(PostgresStore.DEFAULT_POOL_SIZE);

        PostgresStore.Location two = PostgresStore.Location.parse("postgres://u@h1:5432,h2:5432/photos?targetServerType=primary");
        assertThat(two.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5432/photos?targetServerType=primary");
        assertThat(two.user()).isEqualTo("u");

        PostgresStore.Location jdbc = PostgresStore.Location.parse("jdbc:postgresql://h/photos?user=u&password=secret&poolSize=2");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h/photos?user=u&password=secret");
        assertThat(jdbc.poolSize()).isEqualTo(2);

        assertThatThrownBy(() -> PostgresStore.Location.parse("postgres://u:secret@h:5432")).hasMessageContaining("no database name")
                .message().doesNotContain("secret");
        assertThatThrownBy(() -> PostgresStore.Location.parse("postgres://h/db?poolSize=0")).hasMessageContaining("poolSize");
    }

    @Test
    void redactHidesPasswords() {
        assertThat(Stores.redact("postgres://u:pw@h/db")).isEqualTo("postgres://u:***@h/db");
        assertThat(Stores.redact("postgres://u@h/db")).isEqualTo("postgres://u@h/db");
        assertThat(Stores.redact("jdbc:postgresql://h/db?user=u&password=pw&ssl=true")).isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }
}
