package dev.portrait.cli;

import dev.portrait.store.PostgresStore;
import dev.portrait.store.Store;
import dev.portrait.store.Stores;
import dev.portrait.store.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin commands on a PostgreSQL store ({@code --store URL}), and a --store that names no engine. */
@ExtendWith(TestPostgres.Lifecycle.class)
class AdminOnPostgresTest {
    @TempDir
    Path dir;

    @Test
    void userAddAndListWorkOnTheGivenStore() {
        String url = TestPostgres.shared().newDatabase();
        Cli add = Cli.run(dir, "user", "add", "--phone", "9996690001", "--first-name", "Pat", "--store", url);
        assertThat(add.exit()).as(add.err()).isZero();
        long id = Long.parseLong(add.line());
        try (Store store = Stores.open(url, dir)) {
            assertThat(store).isInstanceOf(PostgresStore.class);
            assertThat(store.users().find(id).orElseThrow().firstName()).isEqualTo("Pat");
        }
        Cli list = Cli.run(dir, "user", "list", "--store", url);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("+9996690001", "Pat");
        // nothing went to the SQLite store of the data directory
        Cli local = Cli.run(dir, "user", "list");
        assertThat(local.out()).doesNotContain("Pat");
    }

    @Test
    void anUnknownStoreIsAUsageErrorThatHidesThePassword() {
        Cli r = Cli.run(dir, "user", "list", "--store", "mysql://root:hunter2@db/portrait");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown store").doesNotContain("hunter2").doesNotContain("Exception");
        Cli serve = Cli.run(dir, "serve", "--store", "redis://db");
        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err()).contains("unknown store");
    }
}
