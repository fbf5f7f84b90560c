package dev.portrait.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting an account and wiping everything, checked against the database's own list of tables, so a table added
 * later and forgotten by the erasure fails here.
 */
@OnEveryEngine
class ErasureStoreTest {
    /** Tables a wipe keeps: keys (signed out), the server's secrets, the event feed, and the engines' own. */
    private static final Set<String> KEPT = Set.of("auth_keys", "server_secrets", "store_events", "flyway_schema_history");
    /** Columns that name an account. */
    private static final Set<String> ACCOUNT_COLUMNS = Set.of("user_id", "owner_id", "creator_id", "peer_id", "from_id", "id");

    @Parameter
    StoreEngine engine;

    @TempDir
    Path dir;

    private long a;
    private long b;

    @Test
    void anErasedAccountLeavesOnlyItsIdAndWhatOthersHold() {
        try (Store store = engine.open(dir)) {
            fill(store);
            ErasureStore.Erased erased = store.erasure().eraseAccount(a, 5000);
            // its upload part; its photo, the personal photo it set for B, B's for it, and its suggestion B deleted
            assertThat(erased.blobKeys()).containsExactlyInAnyOrder("part-a", "photo-1", "photo-3", "photo-4", "photo-6");
            assertThat(erased.signedOutKeyIds()).containsExactly(101L);

            UserRecord gone = store.users().find(a).orElseThrow();
            assertThat(gone.deleted()).isTrue();
            assertThat(gone.phone()).isNull();
            assertThat(gone.firstName()).isEmpty();
            assertThat(store.users().findByPhone("9996601001")).isEmpty();
            assertThat(store.users().findByUsername("alice")).isEmpty();
            assertThat(store.users().list(0, 10)).extracting(UserRecord::id).containsExactly(b);
            assertThat(store.authKeys().findAuthKey(101).orElseThrow().userId()).isZero();
            assertThat(store.authKeys().findAuthKey(102).orElseThrow().userId()).isEqualTo(b);

            // no row names A any more but its tombstone and what B holds: B's message to A and the suggestion it carries
            List<String> naming = rowsNaming(store, a);
            assertThat(naming).containsExactlyInAnyOrder("users.id", "messages.peer_id", "photos.owner_id");
            assertThat(count(store, "SELECT count(*) FROM messages WHERE user_id = " + b + " AND peer_msg_id = 0")).isEqualTo(1);
            // B keeps everything of its own
            assertThat(count(store, "SELECT count(*) FROM photos WHERE id = 2")).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM upload_parts WHERE user_id = " + b)).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM privacy_rules WHERE user_id = " + b)).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM login_codes WHERE phone = '9996601002'")).isEqualTo(1);
            // the phone is free again
            assertThat(store.users().create(NewUser.person("9996601001", "Again", ""), 6000).id()).isNotEqualTo(a);
        }
    }

    @Test
    void aWipeEmptiesEveryAccountTableAndSignsKeysOut() {
        try (Store store = engine.open(dir)) {
            fill(store);
            ErasureStore.Erased erased = store.erasure().wipe();
            assertThat(erased.blobKeys()).hasSize(8);
            assertThat(erased.signedOutKeyIds()).containsExactlyInAnyOrder(101L, 102L);
            for (String table : tables(store)) {
                if (KEPT.contains(table)) continue;
                assertThat(count(store, "SELECT count(*) FROM " + table)).as(table).isZero();
            }
            assertThat(store.authKeys().list(0)).extracting(StoredAuthKey::userId).containsExactly(0L, 0L);
            // ids are not reused
            assertThat(store.users().create(NewUser.person("9996601001", "Again", ""), 6000).id()).isGreaterThan(b);
        }
    }

    /** Rows of two accounts in every table of account data. */
    private void fill(Store store) {
        a = store.users().create(new NewUser("9996601001", "Alice", "", "alice", false, false, 0, null), 1000).id();
        b = store.users().create(NewUser.person("9996601002", "Bob", ""), 1000).id();
        store.authKeys().insertAuthKey(new StoredAuthKey(101, new byte[256], 1000, 0, 0, 0, a));
        store.authKeys().insertAuthKey(new StoredAuthKey(102, new byte[256], 1000, 0, 0, 0, b));
        String bytes = engine == StoreEngine.POSTGRES ? "'\\x00'::bytea" : "X'00'";
        sql(store,
                "INSERT INTO contacts (owner_id, user_id, first_name, added_at) VALUES (" + a + ", " + b + ", 'B', 1), (" + b + ", " + a + ", 'A', 1)",
                "INSERT INTO privacy_rules (user_id, privacy_key, rules, updated_at) VALUES (" + a + ", 'phone_number', " + bytes + ", 1), (" + b + ", 'phone_number', " + bytes + ", 1)",
                "INSERT INTO login_codes (phone_code_hash, phone, code, created_at, expires_at) VALUES ('h1', '9996601001', '1', 1, 2), ('h2', '9996601002', '2', 1, 2)",
                "INSERT INTO sign_in_failures (phone, failures, first_at, last_at) VALUES ('9996601001', 1, 1, 1), ('9996601002', 1, 1, 1)",
                "INSERT INTO updates_state (user_id, pts) VALUES (" + a + ", 1), (" + b + ", 1)",
                "INSERT INTO updates_log (user_id, date, pts, pts_count, seq, body) VALUES (" + a + ", 1, 1, 1, 0, " + bytes + "), (" + b + ", 1, 1, 1, 0, " + bytes + ")",
                "INSERT INTO uploads (user_id, file_id, big, part_size, last_part, last_size, total_parts, part_count, updated_at) VALUES "
                        + "(" + a + ", 7, FALSE, 1024, 0, 1, 0, 1, 1), (" + b + ", 7, FALSE, 1024, 0, 1, 0, 1, 1)",
                "INSERT INTO upload_parts (user_id, file_id, part, size, blob_key) VALUES (" + a + ", 7, 0, 1, 'part-a'), (" + b + ", 7, 0, 1, 'part-b')",
                // 1: A's photo, 2: B's, 3: personal by A for B, 4: personal by B for A,
                // 5: B's suggestion to A (B still has the message), 6: A's suggestion to B (B deleted its copy)
                "INSERT INTO photos (id, access_hash, owner_id, creator_id, kind, album_order, date, source_format) VALUES "
                        + "(1, 1, " + a + ", " + a + ", 'profile', 1, 1, 'jpeg'), (2, 1, " + b + ", " + b + ", 'profile', 1, 1, 'jpeg'), "
                        + "(3, 1, " + b + ", " + a + ", 'personal', 1, 1, 'jpeg'), (4, 1, " + a + ", " + b + ", 'personal', 1, 1, 'jpeg'), "
                        + "(5, 1, " + a + ", " + b + ", 'suggested', 1, 1, 'jpeg'), (6, 1, " + b + ", " + a + ", 'suggested', 1, 1, 'jpeg')",
                "INSERT INTO photo_sizes (photo_id, type, video, w, h, size, blob_key) VALUES (1, 'a', FALSE, 1, 1, 1, 'photo-1'), "
                        + "(2, 'a', FALSE, 1, 1, 1, 'photo-2'), (3, 'a', FALSE, 1, 1, 1, 'photo-3'), (4, 'a', FALSE, 1, 1, 1, 'photo-4'), "
                        + "(5, 'a', FALSE, 1, 1, 1, 'photo-5'), (6, 'a', FALSE, 1, 1, 1, 'photo-6')",
                "INSERT INTO message_boxes (user_id, last_id) VALUES (" + a + ", 2), (" + b + ", 1)",
                "INSERT INTO messages (user_id, id, peer_id, peer_msg_id, out, from_id, date, action, photo_id) VALUES "
                        + "(" + a + ", 1, " + b + ", 1, FALSE, " + b + ", 1, 'suggest', 5), "
                        + "(" + b + ", 1, " + a + ", 1, TRUE, " + b + ", 1, 'suggest', 5), "
                        + "(" + a + ", 2, " + b + ", 0, TRUE, " + a + ", 1, 'suggest', 6)");
    }

    private static void sql(Store store, String... statements) {
        ((JdbcStore) store).db().run(c -> {
            try (var st = c.createStatement()) {
                for (String s : statements) st.executeUpdate(s);
            }
            return null;
        });
    }

    private static long count(Store store, String query) {
        return ((JdbcStore) store).db().run(c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<String> tables(Store store) {
        return ((JdbcStore) store).db().run(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!name.startsWith("sqlite_")) out.add(name);
                }
            }
            assertThat(out).contains("users", "photos", "auth_keys");
            return out;
        });
    }

    /** "table.column" for every row of every account table whose account column holds id. */
    private static List<String> rowsNaming(Store store, long id) {
        List<String> found = new ArrayList<>();
        for (String table : tables(store)) {
            if (KEPT.contains(table)) continue;
            for (String column : columns(store, table)) {
                if (!ACCOUNT_COLUMNS.contains(column) || column.equals("id") && !table.equals("users")) continue;
                long n = count(store, "SELECT count(*) FROM " + table + " WHERE " + column + " = " + id);
                for (long i = 0; i < n; i++) found.add(table + "." + column);
            }
        }
        return found;
    }

    private static List<String> columns(Store store, String table) {
        return ((JdbcStore) store).db().run(c -> columnsOf(c, table));
    }

    private static List<String> columnsOf(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
