package dev.portrait.e2e;

import dev.portrait.cli.Cli;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.store.NewUser;
import dev.portrait.store.Store;
import dev.portrait.store.UserRecord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The in-process Portrait server the real-client tests run their scripts against: a temp data directory, a port on
 * 127.0.0.1 that dc_options advertise too, and its RSA key as `portrait key --json` prints it. close() stops the server
 * and deletes the data directory and every directory made with {@link #tempDir}.
 *
 * <p>Starting one also checks that the npm clients are installed and creates target/e2e-logs (scripts' stderr, the
 * server's log).
 */
final class TestServer implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final PortraitServer server;
    private final int port;
    private final Path dataDir;
    private final RsaKey key;
    private final String keyJson;
    private final List<Path> dirs = new ArrayList<>();
    private final String name;

    private TestServer(PortraitServer server, int port, Path dataDir, String name) {
        this.name = name;
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.key = server.keys().get(0);
        this.keyJson = keyJson(key);
        dirs.add(dataDir);
    }

    /** A server on a free port, its data in a new temp directory named dataDirPrefix...; testMode: test phone numbers. */
    static TestServer start(String dataDirPrefix, boolean testMode) throws IOException, InterruptedException {
        return start(dataDirPrefix, freePort(), testMode);
    }

    static TestServer start(String dataDirPrefix, int port, boolean testMode) throws IOException, InterruptedException {
        prepareLogsAndClients();
        Path dataDir = Files.createTempDirectory(dataDirPrefix);
        ServerConfig config = ServerConfig.defaults(dataDir).withListen(HOST, port).withAdvertise(HOST, port);
        if (testMode) config = config.withTestMode(true);
        try {
            return new TestServer(PortraitServer.start(config), port, dataDir, dataDirPrefix);
        } catch (InterruptedException | RuntimeException e) {
            deleteTree(dataDir);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** The server's data directory (what `portrait --data-dir` takes). */
    Path dataDir() {
        return dataDir;
    }

    RsaKey key() {
        return key;
    }

    /** The key as `portrait key --json` prints it, what the scripts take as --key. */
    String keyJson() {
        return keyJson;
    }

    Store store() {
        return server.store();
    }

    /** The server itself (to attach the inspector to). */
    PortraitServer server() {
        return server;
    }

    /** Runs a `portrait` command in-process on the server's data directory; returns stdout, fails unless it exits 0. */
    String cli(String... args) {
        Cli r = Cli.run(dataDir, args);
        if (r.exit() != 0) throw new AssertionError("portrait " + String.join(" ", args) + " exited " + r.exit() + "\nstderr: " + r.err());
        return r.out();
    }

    /** A new temp directory, deleted with the server's data directory on close(). */
    Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        dirs.add(dir);
        return dir;
    }

    @Override
    public void close() throws IOException {
        writeCalls();
        server.close();
        for (Path dir : dirs) deleteTree(dir);
    }

    /**
     * A script signs its account A up itself, so a bot A owns can only be made once A exists: this thread waits (up to
     * timeoutSeconds) for A's phone in the store and creates the bot (the script waits until the username resolves).
     * Interrupt it once the script has exited.
     */
    Thread createBotOnceOwnerExists(String ownerPhone, String username, String firstName, String tokenSecret, int timeoutSeconds) {
        return Thread.ofVirtual().name("bot-maker-" + username).start(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            try {
                while (System.nanoTime() < deadline) {
                    Optional<UserRecord> owner = store().users().findByPhone(ownerPhone);
                    if (owner.isPresent()) {
                        store().users().create(NewUser.bot(owner.get().id(), username, firstName, tokenSecret), now());
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("[bot-maker] could not create bot " + username + " for " + ownerPhone + ": " + e);
            }
        });
    }

    /** The key as `portrait key --json` prints it: {"fingerprint": "<signed decimal>", "n": "<hex>", "e": 65537}. */
    static String keyJson(RsaKey key) {
        return "{\"fingerprint\": \"" + key.fingerprint() + "\", \"n\": \"" + key.modulus().toString(16)
                + "\", \"e\": " + key.exponent() + "}";
    }

    /** Checks that the npm clients are installed and creates target/e2e-logs (what every real-client test needs). */
    static void prepareLogsAndClients() throws IOException {
        NodeBridge.requireNodeModules();
        Files.createDirectories(NodeScript.logDir());
    }

    /**
     * What the clients called and what they were answered (the server's {@code portrait.rpc} meter), one line per
     * method and outcome, in target/e2e-logs/&lt;data dir prefix&gt;&lt;port&gt;-rpc-calls.txt: where to look when a client's call
     * went unanswered or failed.
     */
    private void writeCalls() throws IOException {
        List<String> lines = new ArrayList<>();
        for (var timer : server.metrics().registry().find("portrait.rpc").timers()) {
            lines.add(timer.getId().getTag("method") + " " + timer.getId().getTag("outcome") + " " + timer.count());
        }
        lines.sort(null);
        Files.write(NodeScript.logDir().resolve(name + port + "-rpc-calls.txt"), lines);
    }

    /** Connections whose first bytes named this transport (the server's {@code portrait.connections.transport}). */
    double transportConnections(String framing, boolean obfuscated, boolean webSocket) {
        var counter = server.metrics().registry().find("portrait.connections.transport").tag("framing", framing)
                .tag("obfuscated", String.valueOf(obfuscated)).tag("websocket", String.valueOf(webSocket)).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Now in unix seconds, as the store takes it. */
    static int now() {
        return (int) Instant.now().getEpochSecond();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A free port in 20000..32767 (the gramjs session format cannot hold larger ones). */
    static int freePortBelow32768() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_768);
            try (ServerSocket s = new ServerSocket(candidate, 1, InetAddress.getByName(HOST))) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port in 20000..32767");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
