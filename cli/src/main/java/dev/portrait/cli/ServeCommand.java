package dev.portrait.cli;

import dev.portrait.botapi.BotApi;
import dev.portrait.inspector.Inspector;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code portrait serve}: runs the server until SIGTERM/SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server (embedded SQLite store in the data directory, or PostgreSQL with --store).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--data-dir", description = "data directory (default: ~/.portrait)")
    Path dataDir = DataDir.defaultDir();

    @Option(names = "--store", paramLabel = "URL", defaultValue = "${env:PORTRAIT_STORE}", converter = DataDir.StoreUrl.class,
            description = DataDir.StoreUrl.DESCRIPTION + "; the RSA key stays in the data directory")
    String store;

    @Option(names = "--blobs", paramLabel = "URL", defaultValue = "${env:PORTRAIT_BLOBS}", converter = BlobsUrl.class,
            description = "where upload parts and photo files live: files (the default, under the data directory) or "
                    + "s3://bucket[/prefix]?endpoint=http://host:port&region=R&pathStyle=true[&accessKey=..&secretKey=..] "
                    + "(default: $PORTRAIT_BLOBS)")
    String blobs;

    /** A {@code --blobs} value, checked when parsed so a typo is a usage error. */
    static final class BlobsUrl implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return dev.portrait.store.blob.BlobStores.check(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--listen", converter = HostPort.Converter.class, description = "address to listen on (default: 127.0.0.1:2443)")
    HostPort listen = new HostPort("127.0.0.1", ServerConfig.DEFAULT_PORT);

    @Option(names = "--advertise", converter = HostPort.Converter.class, description = "address given to clients in help.getConfig (default: the listen address)")
    HostPort advertise;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", converter = HostPort.Converter.class, defaultValue = "${env:PORTRAIT_METRICS}",
            description = "serve Prometheus metrics at http://HOST:PORT/metrics (default: $PORTRAIT_METRICS, else none); "
                    + "keep it on a private address")
    HostPort metrics;

    @Option(names = "--inspector", paramLabel = "HOST:PORT|off", defaultValue = "${env:PORTRAIT_INSPECTOR}",
            description = "serve the inspector (web page and REST API) at http://HOST:PORT/ (default: $PORTRAIT_INSPECTOR, "
                    + "else " + DEFAULT_INSPECTOR + "; when that port is taken the server runs without it); off for none")
    String inspector;

    @Option(names = "--inspector-token", paramLabel = "TOKEN", defaultValue = "${env:PORTRAIT_INSPECTOR_TOKEN}",
            description = "what every inspector request must carry (Authorization: Bearer TOKEN, or ?token=TOKEN); needed "
                    + "to listen on anything but loopback (default: $PORTRAIT_INSPECTOR_TOKEN)")
    String inspectorToken;

    static final String DEFAULT_INSPECTOR = "127.0.0.1:2480";
    /** The official Bot API server's port (telegram-bot-api listens on 8081). */
    static final String DEFAULT_BOT_API = "127.0.0.1:8081";

    @Option(names = "--bot-api", paramLabel = "HOST:PORT|off", defaultValue = "${env:PORTRAIT_BOT_API}",
            description = "serve the HTTP Bot API's profile-photo methods at http://HOST:PORT/bot<token>/<method>, a bot "
                    + "library's API root (default: $PORTRAIT_BOT_API, else " + DEFAULT_BOT_API + "; off: none)")
    String botApi;

    /** The RPC log's largest size: each call's JSON is capped, so this caps its memory too. */
    static final int MAX_INSPECTOR_LOG = 100_000;

    @Option(names = "--inspector-log", paramLabel = "CALLS",
            description = "calls the inspector's RPC log keeps, the oldest dropped first (default: 10000, at most 100000)")
    int inspectorLog = Inspector.Options.LOG_CAPACITY;

    @Option(names = "--fault", paramLabel = "RULE",
            description = "inject a fault from the start (repeatable; the inspector's fault rules): METHOD=WHAT[,p=P]"
                    + "[,count=N][,account=ID], WHAT an rpc_error (FLOOD_WAIT_5, 500:INTERNAL), delay:MS or drop; "
                    + "e.g. 'photos.upload*=FLOOD_WAIT_5,count=1'")
    List<String> faults = new ArrayList<>();

    @Option(names = "--code-webhook", paramLabel = "URL", defaultValue = "${env:PORTRAIT_CODE_WEBHOOK}",
            description = "also POST every sign-in code as JSON {phone, code, expiresAt} to this URL (an SMS or e-mail "
                    + "gateway of yours; retried) (default: $PORTRAIT_CODE_WEBHOOK)")
    String codeWebhook;

    @Option(names = "--dc", description = "this server's DC id (default: ${DEFAULT-VALUE})")
    int dc = 2;

    @Option(names = "--test-mode", description = "test-server conventions (phone numbers 99966XYYYY)")
    boolean testMode;

    @Option(names = "--max-connections-per-address", description = "connections one address may hold before -429 (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerAddress = 1000;

    @Override
    public Integer call() throws Exception {
        HostPort adv = advertise != null ? advertise : listen;
        ServerConfig config = ServerConfig.defaults(dataDir).withListen(listen.host(), listen.port())
                .withAdvertise(adv.host(), adv.port()).withDcId(dc).withTestMode(testMode)
                .withMaxConnectionsPerAddress(maxConnectionsPerAddress).withStore(store).withBlobs(blobs);
        if (metrics != null) config = config.withMetrics(metrics.host(), metrics.port());
        if (codeWebhook != null && !codeWebhook.isBlank()) {
            try {
                dev.portrait.server.auth.CodeWebhook.check(codeWebhook.strip());
            } catch (IllegalArgumentException e) {
                throw new CliException("portrait: " + e.getMessage());
            }
            config = config.withAccounts(config.accounts().withCodeWebhook(codeWebhook.strip()));
        }
        PortraitServer server = PortraitServer.start(config);
        Inspector inspecting;
        BotApi botApiServing;
        try {
            inspecting = startInspector(server);
            try {
                botApiServing = startBotApi(server);
            } catch (RuntimeException e) {
                if (inspecting != null) inspecting.close();
                throw e;
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (botApiServing != null) botApiServing.close();
            if (inspecting != null) inspecting.close();
            server.close();
            stopped.countDown();
        }, "shutdown"));
        ServeBanner.lines(server, config, dataDir, inspecting,
                inspectorToken != null && !inspectorToken.isBlank(), botApiServing).forEach(System.out::println);
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The inspector as asked, or null: off, or the default port taken (another server runs here; this one goes on). */
    private Inspector startInspector(PortraitServer server) {
        boolean asked = inspector != null && !inspector.isBlank();
        String where = asked ? inspector.strip() : DEFAULT_INSPECTOR;
        if (where.equalsIgnoreCase("off")) {
            if (!faults.isEmpty()) throw new CliException("portrait: --fault needs the inspector, which is off");
            return null;
        }
        HostPort at = new HostPort.Converter().convert(where);
        if (inspectorLog < 1 || inspectorLog > MAX_INSPECTOR_LOG) {
            throw new CliException("portrait: --inspector-log is 1 to " + MAX_INSPECTOR_LOG + " calls, not " + inspectorLog);
        }
        Inspector.Options options;
        try {
            options = new Inspector.Options(at.host(), at.port(), inspectorToken, inspectorLog).withFaults(faults);
            return Inspector.attach(options, server);
        } catch (IllegalArgumentException e) {
            throw new CliException("portrait: " + e.getMessage());
        } catch (RuntimeException e) {
            if (asked || !bindFailure(e) || !faults.isEmpty()) throw new CliException("portrait: cannot serve the inspector on " + where + ": " + e);
            log.warn("the inspector's port {} is taken (another server?): running without it; give --inspector HOST:PORT",
                    where);
            return null;
        }
    }

    /** The Bot API as asked, or null: off, or the default port taken (another server runs here; this one goes on). */
    private BotApi startBotApi(PortraitServer server) {
        boolean asked = botApi != null && !botApi.isBlank();
        String where = asked ? botApi.strip() : DEFAULT_BOT_API;
        if (where.equalsIgnoreCase("off")) return null;
        HostPort at = new HostPort.Converter().convert(where);
        try {
            return BotApi.attach(new BotApi.Options(at.host(), at.port()), server);
        } catch (IllegalArgumentException e) {
            throw new CliException("portrait: " + e.getMessage());
        } catch (RuntimeException e) {
            if (asked || !bindFailure(e)) throw new CliException("portrait: cannot serve the Bot API on " + where + ": " + e);
            log.warn("the Bot API's port {} is taken (another server?): running without it; give --bot-api HOST:PORT", where);
            return null;
        }
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) return true;
        }
        return false;
    }
}
