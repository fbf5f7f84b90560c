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
 */
public record ServerConfig(Path dataDir, String listenHost, int listenPort, String advertiseHost, int advertisePort,
                           int dcId, boolean testMode, int maxFrameBytes, int maxConnectionsPerAddress,
                           Duration resultCacheTtl, Accounts accounts) {

    /**
     * @param loginCodeTtlSeconds how long a sign-in code stays valid
     * @param wrongCodesBeforeFlood wrong codes for one phone within floodWindowSeconds before FLOOD_WAIT
     * @param floodWindowSeconds the window, and the longest FLOOD_WAIT
     * @param differenceLimit updates per updates.getDifference answer before it is sliced
     * @param updateLogDays how long an account's update log is kept (older gaps get differenceTooLong)
     */
    public record Accounts(int loginCodeTtlSeconds, int wrongCodesBeforeFlood, int floodWindowSeconds,
                           int differenceLimit, int updateLogDays) {
        public static Accounts defaults() {
            return new Accounts(300, 5, 300, 1000, 7);
        }
    }

    public static final int DEFAULT_PORT = 2443;

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "127.0.0.1", DEFAULT_PORT, "127.0.0.1", DEFAULT_PORT, 2, false,
                4 << 20, 1000, Duration.ofMinutes(5), Accounts.defaults());
    }

    public ServerConfig withListen(String host, int port) {
        return new ServerConfig(dataDir, host, port, advertiseHost, advertisePort, dcId, testMode, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts);
    }

    public ServerConfig withAdvertise(String host, int port) {
        return new ServerConfig(dataDir, listenHost, listenPort, host, port, dcId, testMode, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts);
    }

    public ServerConfig withTestMode(boolean on) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, on, maxFrameBytes,
                maxConnectionsPerAddress, resultCacheTtl, accounts);
    }

    public ServerConfig withMaxConnectionsPerAddress(int n) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, n, resultCacheTtl, accounts);
    }

    public ServerConfig withDcId(int id) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, id, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, accounts);
    }

    public ServerConfig withAccounts(Accounts a) {
        return new ServerConfig(dataDir, listenHost, listenPort, advertiseHost, advertisePort, dcId, testMode,
                maxFrameBytes, maxConnectionsPerAddress, resultCacheTtl, a);
    }
}
