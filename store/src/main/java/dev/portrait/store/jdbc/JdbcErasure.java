package dev.portrait.store.jdbc;

import dev.portrait.store.Db;
import dev.portrait.store.ErasureStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

public final class JdbcErasure implements ErasureStore {
    /** Photos that belong to an account: its own (but suggestions, carried by messages) and personal ones it set. */
    private static final String PHOTOS_OF = "SELECT id FROM photos WHERE (owner_id = ? AND kind <> 'suggested') "
            + "OR (creator_id = ? AND kind = 'personal')";
    /** Suggestions to or by the account that no message carries any more (once its own box is gone). */
    private static final String ORPHANED_SUGGESTIONS = "SELECT id FROM photos WHERE (owner_id = ? OR creator_id = ?) "
            + "AND kind = 'suggested' AND id NOT IN (SELECT photo_id FROM messages WHERE photo_id IS NOT NULL)";
    /** Every table of account data, children first. Kept by wipe: auth_keys (signed out), server_secrets, store_events. */
    static final List<String> ACCOUNT_TABLES = List.of("upload_parts", "uploads", "photo_sizes", "photos", "messages",
            "message_boxes", "contacts", "privacy_rules", "login_codes", "sign_in_failures", "updates_log",
            "updates_state", "users");

    private final Db db;

    public JdbcErasure(Db db) {
        this.db = db;
    }

    @Override
    public Erased eraseAccount(long userId, int now) {
        return db.transaction(c -> {
            String phone = Sql.one(c, rs -> rs.getString(1), "SELECT phone FROM users WHERE id = ?", userId).orElse(null);
            List<Long> keys = Sql.list(c, rs -> rs.getLong(1), "SELECT auth_key_id FROM auth_keys WHERE user_id = ?", userId);
            Sql.update(c, "UPDATE auth_keys SET user_id = 0 WHERE user_id = ?", userId);
            List<String> blobs = new ArrayList<>(Sql.list(c, rs -> rs.getString(1),
                    "SELECT blob_key FROM upload_parts WHERE user_id = ?", userId));
            Sql.update(c, "DELETE FROM upload_parts WHERE user_id = ?", userId);
            Sql.update(c, "DELETE FROM uploads WHERE user_id = ?", userId);
            // the account's box goes; others' copies of its messages stay, no longer linked to a copy
            Sql.update(c, "UPDATE messages SET peer_msg_id = 0 WHERE peer_id = ?", userId);
            Sql.update(c, "DELETE FROM messages WHERE user_id = ?", userId);
            Sql.update(c, "DELETE FROM message_boxes WHERE user_id = ?", userId);
            blobs.addAll(deletePhotos(c, PHOTOS_OF, userId));
            blobs.addAll(deletePhotos(c, ORPHANED_SUGGESTIONS, userId));
            Sql.update(c, "DELETE FROM contacts WHERE owner_id = ? OR user_id = ?", userId, userId);
            Sql.update(c, "DELETE FROM privacy_rules WHERE user_id = ?", userId);
            Sql.update(c, "DELETE FROM updates_log WHERE user_id = ?", userId);
            Sql.update(c, "DELETE FROM updates_state WHERE user_id = ?", userId);
            if (phone != null) {
                Sql.update(c, "DELETE FROM login_codes WHERE phone = ?", phone);
                Sql.update(c, "DELETE FROM sign_in_failures WHERE phone = ?", phone);
            }
            Sql.update(c, "UPDATE users SET phone = NULL, first_name = '', last_name = '', username = NULL, username_key = NULL, "
                    + "about = '', premium = FALSE, bot_secret = NULL, deleted = TRUE, updated_at = ? WHERE id = ?", now, userId);
            return new Erased(blobs, keys);
        });
    }

    private static List<String> deletePhotos(Connection c, String which, long userId) throws SQLException {
        List<String> blobs = Sql.list(c, rs -> rs.getString(1),
                "SELECT blob_key FROM photo_sizes WHERE photo_id IN (" + which + ")", userId, userId);
        Sql.update(c, "DELETE FROM photo_sizes WHERE photo_id IN (" + which + ")", userId, userId);
        Sql.update(c, "DELETE FROM photos WHERE id IN (" + which + ")", userId, userId);
        return blobs;
    }

    @Override
    public Erased wipe() {
        return db.transaction(c -> {
            List<String> blobs = new ArrayList<>(Sql.list(c, rs -> rs.getString(1), "SELECT blob_key FROM photo_sizes"));
            blobs.addAll(Sql.list(c, rs -> rs.getString(1), "SELECT blob_key FROM upload_parts"));
            List<Long> keys = Sql.list(c, rs -> rs.getLong(1), "SELECT auth_key_id FROM auth_keys WHERE user_id <> 0");
            Sql.update(c, "UPDATE auth_keys SET user_id = 0 WHERE user_id <> 0");
            for (String table : ACCOUNT_TABLES) Sql.update(c, "DELETE FROM " + table);
            return new Erased(blobs, keys);
        });
    }
}
