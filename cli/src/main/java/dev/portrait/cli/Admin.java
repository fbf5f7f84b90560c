package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.users.Phones;
import dev.portrait.store.Store;
import dev.portrait.store.Stores;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlJson;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the admin commands share. They open the store of the data directory (or the PostgreSQL database given with
 * --store), write and close it; a server running on the same store sees the change (SQLite WAL and busy timeout, or
 * PostgreSQL), and revoked keys through the store's event feed.
 */
final class Admin {
    private Admin() {
    }

    static Store open(DataDir.Option dataDir) {
        return Stores.open(dataDir.store, dataDir.dir);
    }

    static int now() {
        return (int) (System.currentTimeMillis() / 1000);
    }

    /** The digits of a typed phone number, or a PHONE_NUMBER_INVALID refusal. */
    static String phone(String typed) {
        String p = Phones.normalize(typed);
        if (p == null) throw new CliException("PHONE_NUMBER_INVALID: '" + typed + "' is not a phone number (5 to 15 digits)");
        return p;
    }

    static UserRecord userByPhone(Store store, String typed) {
        String p = phone(typed);
        return store.users().findByPhone(p)
                .orElseThrow(() -> new CliException("PHONE_NUMBER_UNOCCUPIED: no account has phone " + typed));
    }

    static UserRecord userById(Store store, long id) {
        return store.users().find(id).orElseThrow(() -> new CliException("USER_ID_INVALID: no account has id " + id));
    }

    /** Every account, in pages. */
    static List<UserRecord> allUsers(Store store) {
        List<UserRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            List<UserRecord> page = store.users().list(offset, 500);
            all.addAll(page);
            if (page.size() < 500) return all;
        }
    }

    static String time(long unix) {
        return Instant.ofEpochSecond(unix).toString();
    }

    static String keyId(long id) {
        return String.format("%016x", id);
    }

    static ObjectNode object() {
        return TlJson.MAPPER.createObjectNode();
    }

    /** One JSON object on one line (the list commands print JSON Lines). */
    static void json(PrintWriter out, ObjectNode node) {
        out.println(node.toString());
    }
}
