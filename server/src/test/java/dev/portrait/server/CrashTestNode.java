package dev.portrait.server;

import java.nio.file.Path;

/**
 * A server node in a process of its own, for {@link CrashTest} to kill with SIGKILL: args are the data directory, the
 * port, and the store and blobs URLs ("-" for the embedded default). Prints "ready" once it listens.
 */
public final class CrashTestNode {
    private CrashTestNode() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.defaults(Path.of(args[0]))
                .withListen("127.0.0.1", Integer.parseInt(args[1])).withAdvertise("127.0.0.1", Integer.parseInt(args[1]))
                .withTestMode(true);
        if (!args[2].equals("-")) config = config.withStore(args[2]);
        if (!args[3].equals("-")) config = config.withBlobs(args[3]);
        PortraitServer.start(config);
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
