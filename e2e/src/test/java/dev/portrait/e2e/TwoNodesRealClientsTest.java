package dev.portrait.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.server.ServerKeys;
import dev.portrait.store.TestPostgres;
import dev.portrait.store.blob.TestS3;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Several Portrait nodes behind one address, driven by the real, unmodified npm clients (gramjs and mtcute, scripts
 * e2e/clients/&lt;client&gt;-two-nodes.mjs over lib/two-nodes.mjs). Two nodes run in this JVM on one PostgreSQL database
 * ({@link TestPostgres}) and one S3 bucket ({@link TestS3}) with the same keys/ (RSA key and salt secret), both
 * advertising the address of a TCP proxy ({@link RoutingProxy}) with no stickiness: the script tells it where each
 * connection goes — each account's main connection to a node of its own (B to node 0, A to node 1), every later one
 * (gramjs's exported sender, mtcute's UPLOAD / DOWNLOAD pools) to the other node, as a load balancer blind to
 * sessions may do. The clients only know the proxy. (A strict round robin made the spread depend on how many
 * connections the two clients opened between them: a client that redid its handshake on a new connection, as mtcute
 * does after its 255-byte auth key quirk, shifted every later one.)
 *
 * <p>What it proves, per client, with two accounts A and B on two clients of one script:
 * <ul>
 *   <li>a client's connections spread over the nodes: one auth key made on one node is used on the other, by the
 *       connections the clients open next to their main one (gramjs's exported sender, mtcute's UPLOAD / DOWNLOAD
 *       pools) — parts uploaded through one node make a photo on the other, a file made on one is downloaded through
 *       the other (the scripts report each connection's local port, which the proxy sees as the client's port, so
 *       every connection is mapped to its node);</li>
 *   <li>sign-up, contacts.importContacts both ways (mutual contacts), photos.uploadProfilePhoto with sizes a/b/c and
 *       the stripped i, photos.getUserPhotos and photos.deletePhotos work whichever node each call lands on;</li>
 *   <li>live updates across nodes: A's and B's main connections sit on different nodes, and A's new photo reaches B
 *       as updates{updateUser(A)} within seconds, without B asking (the node that made the change logs the update
 *       in PostgreSQL and NOTIFYs; the node holding B's connection LISTENs and pushes it) — and so does the switch
 *       back to the first photo when A deletes the second;</li>
 *   <li>B's own download code fetches A's big photo (decoded here with ImageIO: 640x640 from a 1000x1000 source).</li>
 * </ul>
 * Whether a client fetched updates.getDifference by itself meanwhile (mtcute does on a seq gap) is recorded and
 * printed, not failed. Logs: target/e2e-logs/&lt;client&gt;-two-nodes.stderr.log, both nodes in target/e2e-logs/server.log;
 * B's download in target/e2e-logs/&lt;client&gt;-two-nodes/.
 */
@ExtendWith(TestPostgres.Lifecycle.class)
class TwoNodesRealClientsTest {
    private static final int SCRIPT_TIMEOUT = 60;

    @TempDir
    static Path dir;

    private static RoutingProxy proxy;
    private static final List<PortraitServer> nodes = new ArrayList<>();
    private static String keyJson;
    private static Path images;

    @BeforeAll
    static void startNodes() throws Exception {
        TestServer.prepareLogsAndClients();
        String store = TestPostgres.shared().newDatabase();
        TestS3 s3 = TestS3.shared();
        String blobs = s3.url(s3.newBucket(), "two-nodes");
        int port0 = TestServer.freePort();
        int port1 = TestServer.freePort();
        while (port1 == port0) port1 = TestServer.freePort();
        proxy = new RoutingProxy(List.of(port0, port1));
        nodes.add(PortraitServer.start(node(dir.resolve("node-0"), port0, store, blobs)));
        // both nodes must have the same RSA key and salt secret (docs/deployment.md)
        ServerKeys.copy(dir.resolve("node-0"), dir.resolve("node-1"));
        nodes.add(PortraitServer.start(node(dir.resolve("node-1"), port1, store, blobs)));
        RsaKey key = nodes.get(0).keys().get(0);
        if (nodes.get(1).keys().stream().noneMatch(k -> k.fingerprint() == key.fingerprint()))
            throw new IllegalStateException("node 1 did not load node 0's key");
        keyJson = TestServer.keyJson(key);

        images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("first.jpg"), TestImages.encode(TestImages.picture(1000, 1000, 11), "jpg"));
        Files.write(images.resolve("second.jpg"), TestImages.encode(TestImages.picture(700, 700, 12), "jpg"));
        // over 128 KB, so that mtcute uploads it on an UPLOAD pool connection of its own
        if (Files.size(images.resolve("first.jpg")) <= 128 * 1024) throw new IllegalStateException("first.jpg is too small");
    }

    private static ServerConfig node(Path dataDir, int port, String store, String blobs) throws IOException {
        return ServerConfig.defaults(Files.createDirectories(dataDir)).withListen(TestServer.HOST, port)
                .withAdvertise(TestServer.HOST, proxy.port()).withTestMode(true).withStore(store).withBlobs(blobs);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        try {
            if (proxy != null) proxy.close();
        } finally {
            for (PortraitServer node : nodes.reversed()) node.close();
        }
    }

    @Test
    void gramjsOnTwoNodes() throws Exception {
        check("gramjs", 198, "9996651001", "9996651002");
    }

    @Test
    void mtcuteOnTwoNodes() throws Exception {
        check("mtcute", 227, "9996652001", "9996652002");
    }

    private static void check(String client, int layer, String phoneA, String phoneB) throws Exception {
        String name = client + "-two-nodes";
        Path out = NodeScript.emptyLogSubdir(name);
        int before = proxy.connections().size();
        ScriptRun r = NodeScript.of(client, name).label(name).timeout(SCRIPT_TIMEOUT)
                .args("--phones", phoneA + "," + phoneB, "--images", images.toString(), "--out", out.toString(),
                        "--route", String.valueOf(proxy.controlPort()))
                .start(proxy.port(), keyJson).finish();
        List<RoutingProxy.Connection> conns = List.copyOf(proxy.connections().subList(before, proxy.connections().size()));

        // which node each of the script's connections landed on (the proxy sees the client's local port)
        Map<Integer, Integer> nodeByPort = conns.stream()
                .collect(Collectors.toMap(RoutingProxy.Connection::clientPort, RoutingProxy.Connection::node, (x, y) -> x));
        List<String> where = new ArrayList<>();
        Map<String, Set<Integer>> nodesOf = new LinkedHashMap<>(Map.of("A", new TreeSet<>(), "B", new TreeSet<>()));
        for (JsonNode s : r.at("sockets")) {
            Integer node = nodeByPort.get(s.path("localPort").asInt(-1));
            String owner = s.path("owner").asText("?");
            where.add(owner + ":" + s.path("phase").asText() + "@" + s.path("at").asText() + "s→node" + node);
            if (nodesOf.containsKey(owner) && node != null) nodesOf.get(owner).add(node);
        }
        String connections = "proxy: " + conns + "; script: " + where;
        String calls = "B sent while waiting for the update: " + r.at("upload/bCallsWhileWaiting")
                + "; updates.* calls: " + r.at("updatesCalls");
        System.err.printf("[%s] connections %s%n[%s] update after %s ms (%s ms after the upload's result); %s%n", name,
                connections, name, r.at("upload/live/sinceUploadStartMs"), r.at("upload/live/sinceResultMs"), calls);

        SoftAssertions s = new SoftAssertions();
        s.assertThat(r.at("layer").asInt()).as("layer").isEqualTo(layer);
        String idA = r.id("A");
        s.assertThat(idA).as("account A signed up").isNotNull();
        s.assertThat(r.id("B")).as("account B signed up").isNotNull().isNotEqualTo(idA);
        s.assertThat(r.bool("accounts/A/signedUp") && r.bool("accounts/B/signedUp")).as("both were new numbers").isTrue();
        s.assertThat(r.bool("contacts/aForB/mutualContact")).as("B imported A after A imported B: mutual contacts").isTrue();
        s.assertThat(r.bool("contacts/bForA/contact")).as("A has B as a contact").isTrue();

        // connections: both nodes, each client on both, the two main connections on different nodes
        s.assertThat(conns.stream().filter(c -> c.node() == 0).count()).as("connections to node 0 (" + connections + ")").isPositive();
        s.assertThat(conns.stream().filter(c -> c.node() == 1).count()).as("connections to node 1 (" + connections + ")").isPositive();
        s.assertThat(r.at("sockets").size()).as("every connection the clients opened went through the proxy (" + connections + ")")
                .isEqualTo(conns.size());
        s.assertThat(where).as("every connection the script reported was seen by the proxy").noneMatch(w -> w.endsWith("null"));
        s.assertThat(conns).as("every connection went where the script said").allMatch(RoutingProxy.Connection::directed);
        Integer mainA = nodeByPort.get(r.at("mainPorts/A").asInt(-1));
        Integer mainB = nodeByPort.get(r.at("mainPorts/B").asInt(-1));
        s.assertThat(mainA).as("A's main connection seen by the proxy (" + connections + ")").isNotNull();
        s.assertThat(mainB).as("B's main connection seen by the proxy (" + connections + ")").isNotNull();
        s.assertThat(mainA).as("A's and B's main connections on different nodes (" + connections + ")").isNotEqualTo(mainB);
        s.assertThat(nodesOf.get("A")).as("A's connections (one auth key) on both nodes (" + connections + ")").containsExactly(0, 1);
        // B opens a second connection only if its client downloads on one (gramjs's exported sender does; mtcute
        // downloads profile photos, inputPeerPhotoFileLocation, on its main connection)
        if (r.at("sockets").findValuesAsText("owner").stream().filter("B"::equals).count() > 1)
            s.assertThat(nodesOf.get("B")).as("B's connections (one auth key) on both nodes (" + connections + ")").containsExactly(0, 1);

        // A's first photo: sizes a/b/c and the stripped i
        String first = r.text("upload/photo/id");
        s.assertThat(r.labels("upload/photo")).as("1000x1000 JPEG: sizes").containsExactly("i", "a160x160", "b320x320", "c640x640");
        s.assertThat(r.text("upload/photo/sizes/0/kind")).as("sizes[0]").isEqualTo("photoStrippedSize");
        s.assertThat(r.at("upload/photo/sizes/0/firstByte").asInt()).as("stripped bytes[0]").isEqualTo(1);
        s.assertThat(r.text("upload/users/0/photo/photoId")).as("uploadProfilePhoto: A's user.photo").isEqualTo(first);

        // B hears of it live, across nodes
        s.assertThat(r.bool("upload/bQuietBefore")).as("B's client had no updates.* call in flight when A's upload began")
                .isTrue();
        JsonNode live = r.at("upload/live");
        s.assertThat(live.isObject()).as("B got updateUser(A) live within 10 s (B got: " + r.at("upload/liveSince") + ")").isTrue();
        s.assertThat(live.path("sinceResultMs").asLong(Long.MAX_VALUE)).as("updateUser(A) at most 5 s after the upload's result")
                .isLessThanOrEqualTo(5_000);
        s.assertThat(live.path("photoIds").path(String.valueOf(idA)).asText(null)).as("the update's users: A with the new photo")
                .isEqualTo(first);

        // B downloads A's big photo
        s.assertThat(r.text("download/userPhoto/photoId")).as("B: users.getUsers(A).photo").isEqualTo(first);
        s.assertThat(r.text("download/big/format")).as("B's download of A's big photo: JPEG").isEqualTo("jpeg");
        s.assertThat(TestImages.decodedSize(r.text("download/big/file"))).as("B's download of A's big photo, decoded with ImageIO").isEqualTo("640x640");

        // A's album
        String second = r.text("album/second/id");
        s.assertThat(r.strings("album/afterFirst/ids")).as("getUserPhotos after the first upload").containsExactly(first);
        s.assertThat(r.labels("album/second")).as("700x700 JPEG: sizes").containsExactly("i", "a160x160", "b320x320", "c640x640");
        s.assertThat(r.strings("album/afterSecond/ids")).as("getUserPhotos after the second upload").containsExactly(second, first);
        s.assertThat(r.strings("album/deleted")).as("deletePhotos(second) returns its id").containsExactly(second);
        s.assertThat(r.strings("album/afterDelete/ids")).as("getUserPhotos after deletePhotos: one photo").containsExactly(first);
        s.assertThat(r.text("album/selfPhoto/photoId")).as("A's user.photo after deleting the current photo").isEqualTo(first);
        s.assertThat(r.at("album/liveBackToFirst").isObject()).as("B got updateUser(A) back to the first photo live (B got: "
                + r.at("liveKinds") + ")").isTrue();

        s.assertThat(r.at("stepErrors").toString()).as("steps that threw").isEqualTo("{}");
        s.assertThat(r.strings("errors")).as("errors").isEmpty();
        s.assertThat(r.at("reconnects").asInt(-1)).as("reconnects").isZero();
        s.assertThat(r.bool("ok")).as("ok").isTrue();
        r.assertAll(s);
    }


    /**
     * A TCP proxy on 127.0.0.1 in front of the nodes, with no stickiness of its own: each connection goes to the node
     * the script names for the connection's client port on the control port ({@link #controlPort}: lines
     * "&lt;client port&gt; &lt;node&gt;"), or, when no line names it within {@link #ROUTE_WAIT_MS}, to the next node
     * round-robin. Each accepted connection is routed on a virtual thread of its own (one waiting for its line does not
     * hold up the others), each direction copied by a virtual thread; when either side ends both are closed.
     * {@link #connections} lists what it routed.
     */
    static final class RoutingProxy implements AutoCloseable {
        static final long ROUTE_WAIT_MS = 5_000;

        /** The seq-th connection accepted, from the client's port, sent to target node as the script said (directed). */
        record Connection(int seq, int node, int clientPort, boolean directed) {
            @Override
            public String toString() {
                return "#" + seq + ":" + clientPort + "→node" + node + (directed ? "" : " (round robin)");
            }
        }

        private final List<Integer> targets;
        private final ServerSocket listener;
        private final ServerSocket control;
        private final Map<Integer, CompletableFuture<Integer>> routes = new ConcurrentHashMap<>();
        private final List<Connection> routed = new CopyOnWriteArrayList<>();
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger next = new AtomicInteger();

        RoutingProxy(List<Integer> targetPorts) throws IOException {
            this.targets = List.copyOf(targetPorts);
            this.listener = new ServerSocket(0, 50, InetAddress.getByName(TestServer.HOST));
            this.control = new ServerSocket(0, 50, InetAddress.getByName(TestServer.HOST));
            run("proxy-accept", () -> acceptLoop(listener, this::route));
            run("proxy-control", () -> acceptLoop(control, this::readRoutes));
        }

        int port() {
            return listener.getLocalPort();
        }

        int controlPort() {
            return control.getLocalPort();
        }

        /** Every connection routed so far, in the order they were routed. */
        List<Connection> connections() {
            return routed;
        }

        private void run(String name, Runnable task) {
            threads.add(Thread.ofVirtual().name(name).start(() -> {
                try {
                    task.run();
                } finally {
                    threads.remove(Thread.currentThread());
                }
            }));
        }

        private void acceptLoop(ServerSocket server, Consumer<Socket> handler) {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException closed) {
                    return;
                }
                open.add(s);
                run("proxy-conn-" + s.getPort(), () -> handler.accept(s));
            }
        }

        private CompletableFuture<Integer> routeOf(int clientPort) {
            return routes.computeIfAbsent(clientPort, p -> new CompletableFuture<>());
        }

        /** Lines "&lt;client port&gt; &lt;node&gt;" from a script, until it closes the connection. */
        private void readRoutes(Socket s) {
            try (var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] f = line.trim().split(" ");
                    if (f.length != 2) continue;
                    int node = Integer.parseInt(f[1]);
                    if (node >= 0 && node < targets.size()) routeOf(Integer.parseInt(f[0])).complete(node);
                }
            } catch (IOException | NumberFormatException ended) {
                System.err.println("[proxy] control connection ended: " + ended);
            } finally {
                closeQuietly(s);
            }
        }

        private void route(Socket client) {
            int seq = next.getAndIncrement();
            int port = client.getPort();
            Integer node;
            try {
                node = routeOf(port).get(ROUTE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                node = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(client);
                return;
            } finally {
                routes.remove(port); // a later connection from the same port is a new one
            }
            boolean directed = node != null;
            if (node == null) node = seq % targets.size();
            routed.add(new Connection(seq, node, port, directed));
            try {
                Socket upstream = new Socket(TestServer.HOST, targets.get(node));
                open.add(upstream);
                pump(client, upstream, "proxy-" + seq + "-up");
                pump(upstream, client, "proxy-" + seq + "-down");
            } catch (IOException e) {
                System.err.println("[proxy] cannot reach node " + node + " for connection #" + seq + ": " + e);
                closeQuietly(client);
            }
        }

        private void pump(Socket from, Socket to, String name) {
            run(name, () -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException ended) {
                    // either side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            });
        }

        private void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            open.remove(s);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            listener.close();
            control.close();
            for (Socket s : List.copyOf(open)) closeQuietly(s);
            for (CompletableFuture<Integer> waiting : routes.values()) waiting.cancel(false);
            for (Thread t : List.copyOf(threads)) t.join(5_000);
        }
    }
}
