package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.admin.AccountDeletion;
import dev.portrait.server.admin.AdminException;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code portrait user}: accounts made by the operator, without a sign-in code (M3). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create, list and delete accounts.",
        subcommands = {UserCommand.Add.class, UserCommand.Listing.class, UserCommand.Delete.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a person's account and print its user id.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Option(names = "--phone", required = true, paramLabel = "PHONE", description = "phone number with country code, e.g. +999 66 1 0000")
        String phone;

        @Option(names = "--first-name", required = true, paramLabel = "NAME", description = "first name (1-64 characters)")
        String firstName;

        @Option(names = "--last-name", paramLabel = "NAME", description = "last name (optional)")
        String lastName = "";

        @Option(names = "--username", paramLabel = "NAME", description = "5-32 letters, digits and _, starting with a letter")
        String username;

        @Option(names = "--premium", description = "mark the account premium")
        boolean premium;

        @Override
        public Integer call() {
            try (Store store = Admin.open(dataDir)) {
                UserRecord u = new Administration(store).addUser(phone, firstName, lastName, username, premium);
                PrintWriter out = spec.commandLine().getOut();
                out.println(u.id());
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account as Telegram does: its id "
            + "stays as a deleted account; its photos, contacts, privacy rules, messages and codes go; its sessions are signed out.")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Option(names = "--phone", paramLabel = "PHONE", description = "the account's phone number")
        String phone;

        @Option(names = "--id", paramLabel = "ID", description = "the account's id (bots have no phone)")
        Long id;

        @Override
        public Integer call() {
            if ((phone == null) == (id == null)) throw new AdminException("USER_ID_INVALID", "give --phone or --id");
            try (Store store = Admin.open(dataDir)) {
                long target = id != null ? id : new Administration(store).accountByPhone(phone).id();
                UserRecord u = AccountDeletion.inAdminCommand(store).delete(target);
                PrintWriter out = spec.commandLine().getOut();
                out.println("deleted account " + u.id());
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every account, people and bots.")
    static final class Listing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Option(names = "--json", description = "one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Admin.open(dataDir)) {
                var users = Admin.allUsers(store);
                if (!json) out.printf("%-12s %-16s %-28s %-24s %s%n", "ID", "PHONE", "NAME", "USERNAME", "FLAGS");
                for (UserRecord u : users) {
                    if (json) Admin.json(out, toJson(u));
                    else out.printf("%-12d %-16s %-28s %-24s %s%n", u.id(), u.phone() == null ? "-" : "+" + u.phone(),
                            name(u), u.username() == null ? "-" : "@" + u.username(), flags(u));
                }
            }
            out.flush();
            return 0;
        }

        private static String flags(UserRecord u) {
            StringBuilder b = new StringBuilder();
            if (u.bot()) b.append("bot (owner ").append(u.botOwnerId()).append(")");
            if (u.premium()) b.append(b.isEmpty() ? "" : " ").append("premium");
            return b.isEmpty() ? "-" : b.toString();
        }
    }

    static String name(UserRecord u) {
        return u.lastName() == null || u.lastName().isEmpty() ? u.firstName() : u.firstName() + " " + u.lastName();
    }

    static ObjectNode toJson(UserRecord u) {
        ObjectNode o = Admin.object();
        o.put("id", u.id());
        o.put("phone", u.phone());
        o.put("firstName", u.firstName());
        o.put("lastName", u.lastName());
        o.put("username", u.username());
        o.put("bot", u.bot());
        o.put("premium", u.premium());
        if (u.bot()) o.put("botOwnerId", u.botOwnerId());
        return o;
    }
}
