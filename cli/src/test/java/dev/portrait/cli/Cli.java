package dev.portrait.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/** Runs a `portrait` command in-process on a data directory and keeps its exit code, stdout and stderr. */
public record Cli(int exit, String out, String err) {
    public static Cli run(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (dataDir != null) all.add("--data-dir=" + dataDir);
        CommandLine cl = PortraitCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Cli(exit, out.toString(), err.toString());
    }

    String line() {
        return out.strip();
    }
}
