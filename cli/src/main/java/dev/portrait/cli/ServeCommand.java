package dev.portrait.cli;

import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code portrait serve}: runs the server until SIGTERM/SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server (embedded SQLite store in the data directory, or PostgreSQL with --store).")
final class ServeCommand implements Callable<Integer> {
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
        PortraitServer server = PortraitServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        ServeBanner.lines(server, config, dataDir).forEach(System.out::println);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
