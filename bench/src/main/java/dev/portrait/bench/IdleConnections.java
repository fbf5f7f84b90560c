package dev.portrait.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N idle connections to a running server (each sends the intermediate transport's prefix and then nothing) and
 * prints the server process's resident memory before and after, read from /proc/PID/status.
 * {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.IdleConnections HOST PORT SERVER_PID [N]}
 */
public final class IdleConnections {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        long before = rssKb(pid);
        List<SocketChannel> open = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.write(ByteBuffer.wrap(new byte[]{(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}));
            open.add(ch);
        }
        Thread.sleep(3000);
        long after = rssKb(pid);
        System.out.printf("connections=%d rss_before_kb=%d rss_after_kb=%d per_connection_bytes=%d%n", n, before, after,
                (after - before) * 1024 / n);
        for (SocketChannel ch : open) ch.close();
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
