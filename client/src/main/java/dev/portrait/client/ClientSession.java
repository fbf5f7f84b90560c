package dev.portrait.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Properties;

/**
 * What a client keeps between runs: the auth key (so it skips the key exchange), the last server salt and the clock
 * offset. Saved as a small properties file.
 */
public record ClientSession(int dcId, byte[] authKey, long serverSalt, int timeOffset) {

    public void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("dc", Integer.toString(dcId));
        p.setProperty("auth_key", Base64.getEncoder().encodeToString(authKey));
        p.setProperty("server_salt", Long.toString(serverSalt));
        p.setProperty("time_offset", Integer.toString(timeOffset));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            p.store(out, "Portrait client session");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static ClientSession load(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return new ClientSession(Integer.parseInt(p.getProperty("dc")), Base64.getDecoder().decode(p.getProperty("auth_key")),
                Long.parseLong(p.getProperty("server_salt", "0")), Integer.parseInt(p.getProperty("time_offset", "0")));
    }
}
