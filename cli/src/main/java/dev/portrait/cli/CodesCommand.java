package dev.portrait.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portrait.server.admin.Administration;
import dev.portrait.store.LoginCode;
import dev.portrait.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code portrait codes}: Portrait sends no SMS, so the operator reads sign-in codes here and passes them on. */
@Command(name = "codes", mixinStandardHelpOptions = true, description = "Show the sign-in codes not yet expired, newest first.")
final class CodesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataDir.Option dataDir;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "at most this many codes (default: ${DEFAULT-VALUE})")
    int limit = 50;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int now = Admin.now();
        List<LoginCode> codes;
        try (Store store = Admin.open(dataDir)) {
            codes = new Administration(store).codes(limit);
        }
        if (!json) out.printf("%-16s %-8s %-22s %-11s %s%n", "PHONE", "CODE", "CREATED", "EXPIRES IN", "STATE");
        for (LoginCode c : codes) {
            if (json) {
                ObjectNode o = Admin.object();
                o.put("phone", c.phone());
                o.put("code", c.code());
                o.put("createdAt", c.createdAt());
                o.put("expiresAt", c.expiresAt());
                o.put("attempts", c.attempts());
                o.put("verified", c.verified());
                Admin.json(out, o);
            } else {
                out.printf("%-16s %-8s %-22s %-11s %s%n", "+" + c.phone(), c.code(), Admin.time(c.createdAt()),
                        Math.max(0, c.expiresAt() - now) + " s", c.verified() ? "verified, awaiting sign-up" : "waiting");
            }
        }
        out.flush();
        return 0;
    }
}
