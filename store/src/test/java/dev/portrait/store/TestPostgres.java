package dev.portrait.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the PostgreSQL binaries on the machine and
 * stopped when the tests end ({@link Lifecycle}, with a JVM shutdown hook as a backstop). Each test takes a fresh
 * database from {@link #newDatabase()}.
 *
 * <p>The binaries: {@code -Dportrait.postgres.bin=DIR} (or {@code PORTRAIT_POSTGRES_BIN}), else the newest
 * {@code /usr/lib/postgresql/N/bin} (Debian, Ubuntu), else {@code initdb} on the PATH. PostgreSQL refuses to run as
 * root; under root the server runs as the {@code postgres} user (or {@code nobody}) through {@code setpriv}. With
 * {@code -Dportrait.postgres.url=postgres://user:pass@host:port/db} the tests use that server instead and create
 * their databases there.
 */
public final class TestPostgres implements AutoCloseable {
    private static TestPostgres shared;

    private final Process process;
    private final Path root;
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String hostPort;
    private final Connection admin;
    private final AtomicInteger databases = new AtomicInteger();
    private final String prefix = "t" + Long.toString(ProcessHandle.current().pid(), 36) + "_";
    private boolean closed;

    private TestPostgres(Process process, Path root, String hostPort, String user, String password, String adminDb) throws SQLException {
        this.process = process;
        this.root = root;
        this.hostPort = hostPort;
        this.user = user;
        this.password = password;
        this.adminUrl = "jdbc:postgresql://" + hostPort + "/" + adminDb;
        this.admin = connect(adminUrl, user, password);
    }

    /** The server every test of this JVM shares, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null || shared.closed) {
            shared = start();
            TestPostgres s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-postgres-stop"));
        }
        return shared;
    }

    /** Creates an empty database and returns its store URL ({@code postgres://...}), for {@link Stores#open}. */
    public String newDatabase() {
        String name = prefix + databases.incrementAndGet();
        synchronized (this) {
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
        }
        return "postgres://" + user + (password == null ? "" : ":" + password) + "@" + hostPort + "/" + name;
    }

    /** Stops the server (fast shutdown: open sessions are cut) and deletes its files. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            admin.close();
        } catch (SQLException ignored) {
            // stopping anyway
        }
        if (process == null) return;
        try {
            // SIGINT = fast shutdown; SIGTERM (Process.destroy) would wait for every client to disconnect.
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        deleteTree(root);
    }

    /** Registers the shared server's shutdown with the end of the JUnit run: {@code @ExtendWith(TestPostgres.Lifecycle.class)}. */
    public static final class Lifecycle implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.create(TestPostgres.class))
                    .getOrComputeIfAbsent("stopper", k -> (AutoCloseable) () -> {
                        synchronized (TestPostgres.class) {
                            if (shared != null) shared.close();
                        }
                    }, AutoCloseable.class);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static TestPostgres start() {
        String external = setting("portrait.postgres.url", "PORTRAIT_POSTGRES_URL");
        try {
            if (external != null) return external(external);
            return launch(binaries());
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TestPostgres external(String url) throws SQLException {
        PostgresStore.Location where = PostgresStore.Location.parse(url);
        String rest = where.jdbcUrl().substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        return new TestPostgres(null, null, rest.substring(0, slash), where.user(), where.password(), rest.substring(slash + 1));
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? null : v;
    }

    private static Path binaries() throws IOException {
        String given = setting("portrait.postgres.bin", "PORTRAIT_POSTGRES_BIN");
        if (given != null) return Path.of(given);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
                if (newest.isPresent()) return newest.get();
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "postgres"))) {
                return Path.of(dir);
            }
        }
        throw new IOException("no PostgreSQL binaries found: install PostgreSQL (e.g. apt-get install postgresql) or give "
                + "-Dportrait.postgres.bin=DIR, or a running server with -Dportrait.postgres.url=postgres://user:pass@host:port/db");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static TestPostgres launch(Path bin) throws IOException, InterruptedException, SQLException {
        Path root = Files.createTempDirectory("portrait-pg-");
        List<String> asUser = new ArrayList<>();
        if (isRoot()) {
            // PostgreSQL will not run as root: hand the directory to an ordinary user and run the programs as it.
            int[] ids = account("postgres").or(() -> account("nobody"))
                    .orElseThrow(() -> new IOException("running as root and there is no postgres or nobody user to run PostgreSQL as"));
            Files.setAttribute(root, "unix:uid", ids[0]);
            Files.setAttribute(root, "unix:gid", ids[1]);
            asUser.addAll(List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups"));
        }
        Path data = root.resolve("data");
        Path log = root.resolve("postgres.log");
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        Process init = new ProcessBuilder(initdb).redirectErrorStream(true).redirectOutput(root.resolve("initdb.log").toFile()).start();
        if (!init.waitFor(60, TimeUnit.SECONDS) || init.exitValue() != 0) {
            String out = Files.exists(root.resolve("initdb.log")) ? Files.readString(root.resolve("initdb.log")) : "";
            deleteTree(root);
            throw new IOException("initdb failed: " + out);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> postgres = new ArrayList<>(asUser);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + root,
                // a throwaway cluster: durability off, enough connections for pools of many stores
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300", "-c", "shared_buffers=32MB"));
        Process process = new ProcessBuilder(postgres).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String hostPort = "127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new TestPostgres(process, root, hostPort, "postgres", null, "postgres");
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    String out = Files.readString(log);
                    deleteTree(root);
                    throw new IOException("PostgreSQL did not start: " + out, e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The uid and gid of a user in /etc/passwd. */
    private static Optional<int[]> account(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(name)) return Optional.of(new int[]{Integer.parseInt(f[2]), Integer.parseInt(f[3])});
            }
        } catch (IOException | NumberFormatException e) {
            // no such user
        }
        return Optional.empty();
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp directory: best effort
        }
    }
}
