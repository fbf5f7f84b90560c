package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.Store;
import dev.portrait.store.Stores;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlJson;

import java.io.PrintWriter;
import java.time.Instant;
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
        return Administration.now();
    }

    /** The digits of a typed phone number, or a PHONE_NUMBER_INVALID refusal. */
    static String phone(String typed) {
        return Administration.phone(typed);
    }

    static UserRecord userByPhone(Store store, String typed) {
        return new Administration(store).accountByPhone(typed);
    }

    static UserRecord userById(Store store, long id) {
        return store.users().find(id).orElseThrow(() -> new CliException("USER_ID_INVALID: no account has id " + id));
    }

    /** Every account, in pages. */
    static List<UserRecord> allUsers(Store store) {
        return new Administration(store).accounts();
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
