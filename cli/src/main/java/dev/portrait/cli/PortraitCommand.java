package dev.portrait.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code portrait} command. Subcommands are added as the milestones land (serve, user, bot, session, codes). */
@Command(name = "portrait", mixinStandardHelpOptions = true, versionProvider = PortraitCommand.Version.class,
        description = "A Telegram-compatible profile-photo server speaking MTProto 2.0.",
        subcommands = {ServeCommand.class, KeyCommand.class, TlCommand.class, CommandLine.HelpCommand.class})
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

    static CommandLine commandLine() {
        return new CommandLine(new PortraitCommand());
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
