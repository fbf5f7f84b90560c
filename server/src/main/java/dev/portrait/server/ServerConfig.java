package dev.portrait.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a server runs.
 *
 * @param dataDir where the store, the RSA keys and files live
 * @param listenHost address to bind
 * @param listenPort port to bind (0 = any free port)
 * @param advertiseHost address put in help.getConfig's dc_options (clients connect there for uploads)
 * @param advertisePort port put in dc_options
 * @param dcId this server's DC id (this_dc, photo.dc_id)
 * @param testMode test-server conventions (phone numbers 99966XYYYY, config.test_mode)
 * @param maxFrameBytes largest transport frame accepted
 * @param maxConnectionsPerAddress connections one address may hold before -429
 * @param resultCacheTtl how long a result is kept to answer a re-sent request without running it again
 * @param accounts sign-in and update-log tuning
 * @param media uploads, photos and downloads
 * @param storeUrl where the metadata lives: null for the embedded SQLite store in dataDir, or a PostgreSQL URL
 *                 ({@code postgres://user:password@host:port/database}); see {@code Stores.open}. Blobs and the RSA
 *                 keys stay in dataDir either way.
 * @param blobsUrl where upload parts and photo files live: null for files under dataDir/blobs, or
 *                 {@code s3://bucket/prefix?endpoint=...} for S3-compatible storage; see {@code BlobStores.open}
 * @param metricsHost address of the Prometheus endpoint ({@code /metrics}); null for none
 * @param metricsPort its port (0 = any free port)
 */
public record ServerConfig(Path dataDir, String listenHost, int listenPort, String advertiseHost, int advertisePort,
                           int dcId, boolean testMode, int maxFrameBytes, int maxConnectionsPerAddress,
                           Duration resultCacheTtl, Accounts accounts, Media media, String storeUrl,
                           String blobsUrl, String metricsHost, int metricsPort) {

    /**
     * @param loginCodeTtlSeconds how long a sign-in code stays valid
     * @param wrongCodesBeforeFlood wrong codes for one phone within floodWindowSeconds before FLOOD_WAIT
     * @param floodWindowSeconds the window, and the longest FLOOD_WAIT
     * @param differenceLimit updates per updates.getDifference answer before it is sliced
     * @param updateLogDays how long an account's update log is kept (older gaps get differenceTooLong)
     * @param codeWebhook where every sign-in code is also POSTed as JSON ({@code CodeWebhook}); null for none
     */
    public record Accounts(int loginCodeTtlSeconds, int wrongCodesBeforeFlood, int floodWindowSeconds,
                           int differenceLimit, int updateLogDays, String codeWebhook) {
        public Accounts(int loginCodeTtlSeconds, int wrongCodesBeforeFlood, int floodWindowSeconds, int differenceLimit,
                        int updateLogDays) {
            this(loginCodeTtlSeconds, wrongCodesBeforeFlood, floodWindowSeconds, differenceLimit, updateLogDays, null);
        }

        public static Accounts defaults() {
            return new Accounts(300, 5, 300, 1000, 7);
        }

        /** Every sign-in code is also POSTed as JSON to this URL (an operator's SMS or e-mail gateway); null for none. */
        public Accounts withCodeWebhook(String url) {
            return new Accounts(loginCodeTtlSeconds, wrongCodesBeforeFlood, floodWindowSeconds, differenceLimit,
                    updateLogDays, url);
        }
    }

    /**
     * @param maxFileParts          parts an upload may have (upload_max_fileparts_default)
     * @param maxFilePartsPremium   the same for premium accounts
     * @param uploadTtlSeconds      how long an upload nobody touched keeps its parts
     * @param maxPhotoBytes         largest file uploadProfilePhoto takes as a photo
     * @param maxPhotoPixels        largest width × height taken, read from the header before decoding
     * @param albumLimit            profile photos an account may keep (ALBUM_PHOTOS_TOO_MANY beyond)
     * @param fileReferenceTtlSeconds how long a file_reference stays valid (FILE_REFERENCE_EXPIRED after)
     * @param imageEngine           "auto" (libvips when installed, else pure Java), "vips" or "java"
     * @param maxVideoBytes         largest MP4 taken as a video avatar
     * @param maxVideoSeconds       longest video avatar (TDLib refuses more than 10 s as well)
     * @param videoTimeoutSeconds   how long ffmpeg may work on one video before it is killed (VIDEO_FILE_INVALID)
     * @param photoCpuMillis        CPU time one picture's decoding may use before its worker process is killed
     *                              (IMAGE_PROCESS_FAILED)
     */
    public record Media(int maxFileParts, int maxFilePartsPremium, int uploadTtlSeconds, int maxPhotoBytes,
                        long maxPhotoPixels, int albumLimit, int fileReferenceTtlSeconds, String imageEngine,
                        int maxVideoBytes, double maxVideoSeconds, int videoTimeoutSeconds, int photoCpuMillis) {
        public static Media defaults() {
            return new Media(4000, 8000, 4 * 3600, 30 << 20, 50_000_000L, 100, 24 * 3600, "auto", 10 << 20, 10.0, 60,
                    5000);
        }

        public Media withAlbumLimit(int limit) {
            return new Media(maxFileParts, maxFilePartsPremium, uploadTtlSeconds, maxPhotoBytes, maxPhotoPixels, limit,
                    fileReferenceTtlSeconds, imageEngine, maxVideoBytes, maxVideoSeconds, videoTimeoutSeconds,
                    photoCpuMillis);
        }

        public Media withImageEngine(String engine) {
            return new Media(maxFileParts, maxFilePartsPremium, uploadTtlSeconds, maxPhotoBytes, maxPhotoPixels, albumLimit,
                    fileReferenceTtlSeconds, engine, maxVideoBytes, maxVideoSeconds, videoTimeoutSeconds, photoCpuMillis);
        }

        public Media withPhotoCpuMillis(int millis) {
            return new Media(maxFileParts, maxFilePartsPremium, uploadTtlSeconds, maxPhotoBytes, maxPhotoPixels, albumLimit,
                    fileReferenceTtlSeconds, imageEngine, maxVideoBytes, maxVideoSeconds, videoTimeoutSeconds, millis);
        }
    }

    public static final int DEFAULT_PORT = 2443;

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", DEFAULT_PORT, "127.0.0.1", DEFAULT_PORT, 2, false,
                4 << 20, 1000, Duration.ofMinutes(5), Accounts.defaults(), Media.defaults(), null, null, null, 0);
    }

    public ServerConfig withListen(String host, int port) {
        return new ServerConfig(dataDir, host, port, advertiseHost, advertisePort, dcId, testMode, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withAdvertise(String host, int port) {
        return new ServerConfig(dataDir, listenHost, listenPort, host, port, dcId, testMode, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withTestMode(boolean on) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, on, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withMaxConnectionsPerAddress(int n) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, n, resultCacheTtl, accounts, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withDcId(int id) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, id, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withAccounts(Accounts a) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, a, media, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    /** null, "" or "files" = blob files under the data directory; else an S3 URL ({@code BlobStores.open}). */
    public ServerConfig withBlobs(String url) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, url, metricsHost, metricsPort);
    }

    /** null, "" or "sqlite" = the embedded store in the data directory; else a PostgreSQL URL. */
    public ServerConfig withStore(String url) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts, media, url, blobsUrl, metricsHost, metricsPort);
    }

    public ServerConfig withMedia(Media m) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts, m, storeUrl, blobsUrl, metricsHost, metricsPort);
    }

    /** Serve Prometheus metrics at http://host:port/metrics (port 0: any free one); host null = no endpoint. */
    public ServerConfig withMetrics(String host, int port) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts, media, storeUrl, blobsUrl, host, port);
    }
}
