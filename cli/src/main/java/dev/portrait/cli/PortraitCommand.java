package dev.portrait.cli;

import dev.portrait.server.admin.AdminException;
import dev.portrait.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code portrait} command: the server ({@code serve}), its admin tools (accounts, bots, sign-in codes, sessions) and TL tools. */
@Command(name = "portrait", mixinStandardHelpOptions = true, versionProvider = PortraitCommand.Version.class,
        description = "A Telegram-compatible profile-photo server speaking MTProto 2.0.",
        subcommands = {ServeCommand.class, UserCommand.class, BotCommand.class, CodesCommand.class, SessionCommand.class,
                KeyCommand.class, TlCommand.class, CommandLine.HelpCommand.class})
public final class PortraitCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree, for main and for tests that run commands in-process (set its out/err to capture them). A
     * refusal ({@link CliException}, {@link AdminException}) or a store failure is one line on stderr and exit code 1, not a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PortraitCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException) {
                cmd.getErr().println(e.getMessage());
            } else if (e instanceof AdminException a) {
                cmd.getErr().println(a.error() + ": " + a.getMessage());
            } else if (e instanceof StoreException) {
                cmd.getErr().println("portrait: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
            } else {
                throw e;
            }
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PortraitCommand.class.getPackage().getImplementationVersion();
            return new String[]{"portrait " + (v == null ? "development build" : v) + ", API layer "
                    + dev.portrait.tl.TlLayers.LATEST + " (serves layers " + dev.portrait.tl.TlLayers.OLDEST + "+)"};
        }
    }
}
