package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.MtprotoClient;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.store.ContactRecord;
import dev.portrait.store.NewUser;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.*;

import java.util.List;

import static dev.portrait.client.MtprotoClient.await;

/**
 * How long an account with a big address book waits for it: one signed-in Java client calls contacts.getContacts
 * (hash 0, so the whole list with every user as it sees them) back to back against an in-process server. Its N
 * contacts are made through the store: every other one has the client as a contact too (mutual), every third hides
 * its last-seen time from everybody but its contacts, every fifth shows its phone number to nobody.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.ContactListLoad [contacts] [seconds] [sqlite|postgres]}
 */
public final class ContactListLoad {
    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String backend = args.length > 2 ? args[2] : "sqlite";
        ServerConfig config = LoadRuns.loopback(LoadRuns.tempDir("portrait-contacts-load")).withTestMode(true);
        if (backend.equals("postgres")) config = config.withStore(dev.portrait.store.TestPostgres.shared().newDatabase());
        else if (!backend.equals("sqlite")) throw new IllegalArgumentException("backend: sqlite or postgres");
        try (PortraitServer server = PortraitServer.start(config)) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), server.keys().stream().map(RsaKey::publicKey).toList());
            MtprotoClient client = UploadProfilePhotoLoad.signUp(options, "9996600001");
            long me = ((UserFull) ((UsersUserFull) await(client.invoke(new UsersGetFullUser(new InputUserSelf())))).fullUser()).id();
            fill(server.store(), me, contacts);
            int listed = ((ContactsContacts) await(client.invoke(new ContactsGetContacts(0)))).users().size();
            if (listed != contacts) throw new IllegalStateException("getContacts listed " + listed + " of " + contacts);
            System.out.printf("contacts=%d backend=%s%n", contacts, backend);
            measure(client, 5, false);
            measure(client, seconds, true);
            client.close();
        }
        if (backend.equals("postgres")) dev.portrait.store.TestPostgres.shared().close();
        System.exit(0);
    }

    private static void fill(Store store, long me, int n) {
        int now = (int) (System.currentTimeMillis() / 1000);
        byte[] contactsOnly = rules(List.of(new PrivacyValueAllowContacts(), new PrivacyValueDisallowAll()));
        byte[] nobody = rules(List.of(new PrivacyValueDisallowAll()));
        store.transaction(() -> {
            for (int i = 0; i < n; i++) {
                String phone = String.format("99977%05d", i);
                UserRecord u = store.users().create(NewUser.person(phone, "Contact", String.valueOf(i)), now);
                store.contacts().put(new ContactRecord(me, u.id(), "Saved", String.valueOf(i), phone, now));
                if (i % 2 == 0) store.contacts().put(new ContactRecord(u.id(), me, "Me", "", "", now));
                if (i % 3 == 0) store.privacy().put(u.id(), "status_timestamp", contactsOnly, now);
                if (i % 5 == 0) store.privacy().put(u.id(), "phone_number", nobody, now);
            }
            return null;
        });
    }

    private static byte[] rules(List<TypePrivacyRule> rules) {
        TlWriter w = new TlWriter();
        TypePrivacyRule.writeVector(w, rules);
        return w.toByteArray();
    }

    private static void measure(MtprotoClient client, int seconds, boolean report) throws Exception {
        LoadRuns.Series calls = LoadRuns.run(1, seconds, 1, (c, series) -> {
            long t0 = System.nanoTime();
            await(client.invoke(new ContactsGetContacts(0)));
            series[0].add(System.nanoTime() - t0);
        }).getFirst();
        if (!report) return;
        System.out.printf("calls=%d per_second=%.1f p50_ms=%.2f p99_ms=%.2f%n", calls.count(), calls.perSecond(), calls.ms(0.5), calls.ms(0.99));
    }
}
