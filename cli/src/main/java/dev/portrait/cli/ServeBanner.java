package dev.portrait.cli;

import dev.portrait.botapi.BotApi;
import dev.portrait.inspector.Inspector;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.store.Stores;
import dev.portrait.store.blob.BlobStores;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code portrait serve} prints once it listens: everything a person needs to point a client at it, so that
 * nobody has to read the log or the code to find the address, the key or how to sign in.
 */
final class ServeBanner {
    private ServeBanner() {
    }

    /**
     * @param inspector where the inspector is (its address, and whether it wants a token), or null when off
     * @param botApi    where the Bot API is, or null when off
     */
    static List<String> lines(PortraitServer server, ServerConfig config, Path dataDir, Inspector inspector, boolean token,
                              BotApi botApi) {
        String dirOption = dataDir.equals(DataDir.defaultDir()) ? "" : " --data-dir " + dataDir;
        List<String> lines = new ArrayList<>();
        lines.add("portrait: listening on " + config.listenHost() + ":" + server.port());
        lines.add("  clients connect to   " + config.advertiseHost() + ":" + config.advertisePort()
                + " (DC " + config.dcId() + "; every DC 1-5 in help.getConfig points there)");
        lines.add("  server key           fingerprint " + server.keys().getFirst().fingerprint()
                + " (for your client: ./portrait key --json" + dirOption + ")");
        lines.add("  data directory       " + dataDir.toAbsolutePath()
                + (config.storeUrl() == null ? " (SQLite store, RSA key, files)" : " (RSA key)"));
        if (config.storeUrl() != null) lines.add("  store                " + Stores.redact(config.storeUrl()));
        if (config.blobsUrl() != null) lines.add("  files                " + BlobStores.redact(config.blobsUrl()));
        lines.add(config.testMode()
                ? "  test mode            on: phone numbers 99966XYYYY sign in with the code XXXXX (9996612345 -> 11111)"
                : "  test mode            off: sign-in codes are not sent anywhere; read them with ./portrait codes" + dirOption
                        + (inspector != null ? " or in the inspector" : ""));
        if (inspector != null) {
            lines.add("  inspector            " + inspector.url() + (token ? "?token=<your --inspector-token>" : "")
                    + " (web page; REST API at /api/v1, described at /api/openapi.json)");
        }
        if (botApi != null) {
            lines.add("  bot API              " + botApi.url() + " (a bot library's API root; bots sign in with the token "
                    + "./portrait bot add prints)");
        }
        if (config.metricsHost() != null) {
            lines.add("  metrics              http://" + config.metricsHost() + ":" + server.metricsPort() + "/metrics");
        }
        lines.add("  connect a client     " + clientsGuide());
        return lines;
    }

    /** docs/clients.md of the checkout this jar was built in (cli/target/portrait.jar), else where to find it. */
    static String clientsGuide() {
        try {
            Path jar = Path.of(ServeBanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.toAbsolutePath().getParent();
            for (int up = 0; up < 3 && root != null; up++, root = root.getParent()) {
                Path guide = root.resolve("docs").resolve("clients.md");
                if (Files.isRegularFile(guide)) return guide.normalize().toString();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // a jar outside a checkout: fall through to the generic hint
        }
        return "docs/clients.md in Portrait's repository";
    }
}
