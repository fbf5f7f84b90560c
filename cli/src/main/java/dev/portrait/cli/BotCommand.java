package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code portrait bot}: bots and their tokens, the operator's BotFather (M3). */
@Command(name = "bot", mixinStandardHelpOptions = true, description = "Create and list bots.",
        subcommands = {BotCommand.Add.class, BotCommand.Listing.class})
final class BotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a bot owned by an account and print its token.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Option(names = "--owner", required = true, paramLabel = "PHONE", description = "phone number of the owner's account")
        String owner;

        @Option(names = "--username", required = true, paramLabel = "NAME", description = "5-32 letters, digits and _, ending in \"bot\"")
        String username;

        @Option(names = "--first-name", required = true, paramLabel = "NAME", description = "the bot's display name")
        String firstName;

        @Override
        public Integer call() {
            try (Store store = Admin.open(dataDir)) {
                UserRecord bot = new Administration(store).addBot(owner, username, firstName);
                PrintWriter out = spec.commandLine().getOut();
                out.println(bot.botToken());
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List bots with their owners and tokens.")
    static final class Listing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir.Option dataDir;

        @Option(names = "--owner", paramLabel = "PHONE", description = "only the bots of this account")
        String owner;

        @Option(names = "--json", description = "one JSON object per line")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = Admin.open(dataDir)) {
                List<UserRecord> bots = owner != null
                        ? store.users().botsOwnedBy(Admin.userByPhone(store, owner).id())
                        : Admin.allUsers(store).stream().filter(UserRecord::bot).toList();
                if (!json) out.printf("%-12s %-24s %-24s %-12s %s%n", "ID", "USERNAME", "NAME", "OWNER", "TOKEN");
                for (UserRecord b : bots) {
                    if (json) {
                        ObjectNode o = Admin.object();
                        o.put("id", b.id());
                        o.put("username", b.username());
                        o.put("firstName", b.firstName());
                        o.put("ownerId", b.botOwnerId());
                        o.put("token", b.botToken());
                        Admin.json(out, o);
                    } else {
                        out.printf("%-12d %-24s %-24s %-12d %s%n", b.id(), "@" + b.username(), b.firstName(), b.botOwnerId(), b.botToken());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
