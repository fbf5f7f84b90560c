package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.admin.Administration;
import dev.portrait.server.admin.SessionStrings;
import dev.portrait.store.EventStore;
import dev.portrait.store.Store;
import dev.portrait.store.StoredAuthKey;
import dev.portrait.store.UserRecord;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code portrait session}: auth keys as sessions. `new` makes a key already signed in as an account and prints it as
 * a client library's session string (no sign-in code needed: scripts, bots, tests); `revoke` deletes keys, and a running
 * server closes their connections within a second (it follows the store's event feed).
 */
@Command(name = "session", mixinStandardHelpOptions = true, description = "Create, list and revoke sessions (auth keys).",
        subcommands = {SessionCommand.New.class, SessionCommand.Listing.class, SessionCommand.Revoke.class})
final class SessionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --phone or --user-id: whose session. */
    static final class Account {
        @Option(names = "--phone", paramLabel = "PHONE", description = "the account with this phone number")
        String phone;

        @Option(names = "--user-id", paramLabel = "ID", description = "the account with this id (bots have no phone)")
        Long userId;

        UserRecord find(Store store) {
            return phone != null ? Admin.userByPhone(store, phone) : Admin.userById(store, userId);
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Create a permanent auth key signed in as an account and print it as a session string.")
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @ArgGroup(multiplicity = "1")
        Account account;

        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "the client library: ${COMPLETION-CANDIDATES}")
        SessionStrings.Format format;

        @Option(names = "--address", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
                description = "server address the client connects to (default: 127.0.0.1:2443)")
        HostPort address = new HostPort("127.0.0.1", ServerConfig.DEFAULT_PORT);

        @Option(names = "--dc", paramLabel = "N", description = "the server's DC id (default: ${DEFAULT-VALUE})")
        int dc = 2;

        @Override
        public Integer call() {
            String host = address.host();
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            try (Store store = Admin.open(dataDir)) {
                UserRecord user = account.find(store);
                String session;
                try {
                    session = new Administration(store).newSession(user, format, host, address.port(), dc);
                } catch (IllegalArgumentException e) {
                    throw new CliException("cannot make a " + format + " session: " + e.getMessage());
                }
                PrintWriter out = spec.commandLine().getOut();
                out.println(session);
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List auth keys: all, or those signed in as an account.")
    static final class Listing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @ArgGroup
        Account account;

        @Option(names = "--json", description = "one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Admin.open(dataDir)) {
                long userId = account == null ? 0 : account.find(store).id();
                List<StoredAuthKey> keys = store.authKeys().list(userId);
                if (!json) out.printf("%-16s  %-12s %-22s %-6s %-40s %s%n", "AUTH_KEY_ID", "USER", "CREATED", "LAYER", "KIND", "CLIENT");
                for (StoredAuthKey k : keys) {
                    if (json) {
                        ObjectNode o = Admin.object();
                        o.put("id", Admin.keyId(k.id()));
                        o.put("userId", k.userId());
                        o.put("createdAt", k.createdAt());
                        o.put("layer", k.layer());
                        o.put("temporary", k.temporary());
                        if (k.temporary()) o.put("expiresAt", k.expiresAt());
                        if (k.permKeyId() != 0) o.put("permKeyId", Admin.keyId(k.permKeyId()));
                        if (k.client() != null) {
                            ObjectNode c = o.putObject("client");
                            c.put("apiId", k.client().apiId());
                            c.put("deviceModel", k.client().deviceModel());
                            c.put("systemVersion", k.client().systemVersion());
                            c.put("appVersion", k.client().appVersion());
                            c.put("langCode", k.client().langCode());
                            c.put("address", k.client().ip());
                            c.put("transport", k.client().transport());
                            c.put("at", k.client().at());
                        }
                        Admin.json(out, o);
                    } else {
                        String kind = !k.temporary() ? "permanent"
                                : "temporary until " + Admin.time(k.expiresAt())
                                + (k.permKeyId() != 0 ? ", bound to " + Admin.keyId(k.permKeyId()) : "");
                        String client = k.client() == null ? "-" : k.client().deviceModel() + " " + k.client().appVersion()
                                + " (" + k.client().ip() + ", " + k.client().transport() + ")";
                        out.printf("%-16s  %-12s %-22s %-6s %-40s %s%n", Admin.keyId(k.id()), k.userId() == 0 ? "-" : k.userId(),
                                Admin.time(k.createdAt()), k.layer() == 0 ? "-" : k.layer(), kind, client);
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Delete auth keys (and the temporary keys bound to them) and print how many.",
                    "A running server on the same data directory closes their connections within a second."})
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Parameters(arity = "0..1", paramLabel = "AUTH_KEY_ID", description = "the key's id in hex, as `session list` prints it")
        String keyId;

        @ArgGroup
        Account account;

        @Option(names = "--all", description = "every key of the account given with --phone or --user-id")
        boolean all;

        @Override
        public Integer call() {
            if ((keyId == null) == (account == null))
                throw new CommandLine.ParameterException(spec.commandLine(), "give either AUTH_KEY_ID or --phone/--user-id with --all");
            if (account != null && !all)
                throw new CommandLine.ParameterException(spec.commandLine(), "--phone/--user-id revoke every key of the account: add --all");
            try (Store store = Admin.open(dataDir)) {
                int n = store.transaction(() -> {
                    List<StoredAuthKey> keys = new ArrayList<>();
                    if (keyId != null) {
                        long id = parseKeyId(keyId);
                        keys.add(store.authKeys().findAuthKey(id)
                                .orElseThrow(() -> new CliException("AUTH_KEY_INVALID: no auth key " + Admin.keyId(id))));
                    } else {
                        keys.addAll(store.authKeys().list(account.find(store).id()));
                    }
                    Set<Long> ids = new HashSet<>();
                    for (StoredAuthKey k : keys) ids.add(k.id());
                    for (StoredAuthKey k : store.authKeys().list(0))
                        if (k.permKeyId() != 0 && ids.contains(k.permKeyId())) ids.add(k.id());
                    int now = Admin.now();
                    for (long id : ids) {
                        store.authKeys().deleteAuthKey(id);
                        store.events().publish(EventStore.AUTH_KEY_REVOKED, id, now);
                    }
                    return ids.size();
                });
                PrintWriter out = spec.commandLine().getOut();
                out.println("revoked " + n + (n == 1 ? " auth key" : " auth keys"));
                out.flush();
                return 0;
            }
        }

        private static long parseKeyId(String hex) {
            String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
            try {
                if (h.isEmpty() || h.length() > 16) throw new NumberFormatException();
                return Long.parseUnsignedLong(h, 16);
            } catch (NumberFormatException e) {
                throw new CliException("AUTH_KEY_INVALID: '" + hex + "' is not an auth key id (up to 16 hex digits)");
            }
        }
    }
}
