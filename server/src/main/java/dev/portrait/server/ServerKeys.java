package dev.portrait.server;

import dev.portrait.mtproto.crypto.RsaKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's RSA keys, kept in {@code DATA/keys/}: created on first start, several allowed (rotation: every key
 * is offered in resPQ, so clients that know any one of them can connect). The salt secret lives beside them.
 */
public final class ServerKeys {
    private static final Logger log = LoggerFactory.getLogger(ServerKeys.class);

    private ServerKeys() {
    }

    public static List<RsaKey> loadOrCreate(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            Files.createDirectories(dir);
            List<RsaKey> keys = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".rsa.pem")).sorted().toList())
                    keys.add(RsaKey.load(p));
            }
            if (keys.isEmpty()) {
                RsaKey key = RsaKey.generate(new SecureRandom());
                key.save(dir.resolve("server-1.rsa.pem"));
                log.info("created the server's RSA key in {}", dir);
                keys.add(key);
            }
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the server keys in " + dir, e);
        }
    }

    /**
     * Gives another node's data directory the keys of this one (RSA keys and salt secret), as docs/deployment.md asks
     * of every node that shares a store: clients pin the RSA key, and salts must agree across nodes.
     */
    public static void copy(Path fromDataDir, Path toDataDir) {
        Path to = toDataDir.resolve("keys");
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(fromDataDir.resolve("keys"))) {
                for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the server keys to " + to, e);
        }
    }

    /** 32 random bytes from which server salts are derived; nodes sharing a data store share it. */
    public static byte[] saltSecret(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("salt.secret");
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) return Files.readAllBytes(file);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.write(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
