package dev.portrait.cli;

import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.ServerKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code portrait key}: the server's RSA public key(s), for registering with clients. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Print the server's RSA public key (created if missing).")
final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "data directory (default: ~/.portrait)")
    Path dataDir = DataDir.defaultDir();

    @Option(names = "--json", description = "print {\"fingerprint\", \"n\", \"e\"} as JSON")
    boolean json;

    @Option(names = "--all", description = "print every configured key, not only the first")
    boolean all;

    @Override
    public Integer call() {
        List<RsaKey> keys = ServerKeys.loadOrCreate(dataDir);
        PrintWriter out = spec.commandLine().getOut();
        for (RsaKey k : all ? keys : keys.subList(0, 1)) {
            if (json) {
                out.printf("{\"fingerprint\": \"%d\", \"n\": \"%s\", \"e\": %s}%n", k.fingerprint(),
                        k.modulus().toString(16), k.exponent());
            } else {
                out.println("fingerprint " + k.fingerprint());
                out.print(k.publicPkcs1Pem());
            }
        }
        out.flush();
        return 0;
    }
}
