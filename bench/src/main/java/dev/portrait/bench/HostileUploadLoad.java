package dev.portrait.bench;

import dev.portrait.client.ClientOptions;
import dev.portrait.client.FileTransfer;
import dev.portrait.client.MtprotoClient;
import dev.portrait.client.RpcErrorException;
import dev.portrait.media.ManyScanJpeg;
import dev.portrait.media.video.VideoTools;
import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.ServerConfig;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import dev.portrait.tl.api.TypeInputFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.portrait.client.MtprotoClient.await;

/**
 * K attacker accounts upload expensive files in a loop while one victim account uploads ordinary 1280 px JPEGs; prints
 * the victim's uploadProfilePhoto p50/p99 alone and under attack, the attackers' throughput, their answers and their
 * longest call. {@code java -cp bench/target/benchmarks.jar dev.portrait.bench.HostileUploadLoad [attackers] [seconds]
 * [kind]}, kind:
 * <ul>
 *   <li>{@code scans}: a valid 170 KB progressive JPEG of 4000×4000 px with 2080 scans (refused from its markers);</li>
 *   <li>{@code fps}: a valid 1280×1280 H.264 video at 1000 fps for 10 s, a flat picture so that it stays small
 *       (refused from ffprobe's frame count);</li>
 *   <li>{@code heavy}: the most expensive still still taken, a 7000×7000 JPEG (49 MP) of 100 scans;</li>
 *   <li>{@code junk}: 350 KB of random bytes, refused before any processing: what the upload traffic alone costs.</li>
 * </ul>
 */
public final class HostileUploadLoad {
    public static void main(String[] args) throws Exception {
        int attackers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String kind = args.length > 2 ? args[2] : "scans";
        Path dir = LoadRuns.tempDir("portrait-hostile-load");
        byte[] hostile = hostile(kind, dir);
        boolean video = kind.equals("fps");
        byte[] ordinary = UploadProfilePhotoLoad.photo(1280);
        ServerConfig.Media media = ServerConfig.Media.defaults().withAlbumLimit(1_000_000);
        try (PortraitServer server = PortraitServer.start(LoadRuns.loopback(dir.resolve("server")).withTestMode(true)
                .withMedia(media))) {
            ClientOptions options = ClientOptions.of("127.0.0.1", server.port(),
                    server.keys().stream().map(RsaKey::publicKey).toList()).withTimeout(java.time.Duration.ofMinutes(5));
            MtprotoClient victim = UploadProfilePhotoLoad.signUp(options, "9996630000");
            List<MtprotoClient> attacking = new ArrayList<>();
            for (int i = 0; i < attackers; i++) {
                attacking.add(UploadProfilePhotoLoad.signUp(options, String.format("99966%05d", 31_000 + i)));
            }
            System.out.printf("kind=%s hostile=%d bytes ordinary=%d bytes attackers=%d cores=%d%n", kind,
                    hostile.length, ordinary.length, attackers, Runtime.getRuntime().availableProcessors());

            uploadOnce(victim, ordinary, false); // warm-up
            LoadRuns.Series alone = LoadRuns.run(1, seconds, 1, (c, s) -> s[0].add(uploadOnce(victim, ordinary, false)))
                    .getFirst();
            System.out.printf("victim alone:        uploads=%d p50_ms=%.1f p99_ms=%.1f%n", alone.count(), alone.ms(0.5),
                    alone.ms(0.99));

            Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
            AtomicLong longest = new AtomicLong();
            List<LoadRuns.Series> attacked = LoadRuns.run(1 + attackers, seconds, 2, (c, s) -> {
                if (c == 0) {
                    s[0].add(uploadOnce(victim, ordinary, false));
                    return;
                }
                long t0 = System.nanoTime();
                String answer;
                try {
                    uploadOnce(attacking.get(c - 1), hostile, video);
                    answer = "ok";
                } catch (RpcErrorException e) {
                    answer = e.getMessage();
                }
                long nanos = System.nanoTime() - t0;
                s[1].add(nanos);
                longest.accumulateAndGet(nanos, Math::max);
                answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
            });
            LoadRuns.Series v = attacked.get(0);
            LoadRuns.Series a = attacked.get(1);
            System.out.printf("victim under attack: uploads=%d p50_ms=%.1f p99_ms=%.1f (p99 %.2fx alone)%n", v.count(),
                    v.ms(0.5), v.ms(0.99), v.ms(0.99) / alone.ms(0.99));
            System.out.printf("attackers: uploads=%d per_second=%.2f p50_ms=%.1f longest_ms=%.1f answers=%s%n",
                    a.count(), a.perSecond(), a.ms(0.5), longest.get() / 1e6, new TreeMap<>(answers));
            victim.close();
            for (MtprotoClient c : attacking) c.close();
        }
        System.exit(0);
    }

    /** Uploads the file and sets it as the profile photo (or video); returns the uploadProfilePhoto call's nanoseconds. */
    private static long uploadOnce(MtprotoClient client, byte[] file, boolean video) throws Exception {
        TypeInputFile input = FileTransfer.upload(client, file, video ? "v.mp4" : "p.jpg");
        long t0 = System.nanoTime();
        await(client.invoke(video ? PhotosUploadProfilePhoto.builder().video(input).build()
                : PhotosUploadProfilePhoto.builder().file(input).build()));
        return System.nanoTime() - t0;
    }

    private static byte[] hostile(String kind, Path dir) throws Exception {
        return switch (kind) {
            case "scans" -> ManyScanJpeg.write(4000, 4000, ManyScanJpeg.MAX_SCANS);
            case "heavy" -> ManyScanJpeg.write(7000, 7000, 100);
            case "fps" -> {
                Path out = dir.resolve("fps1000.mp4");
                Process p = new ProcessBuilder(VideoTools.find().ffmpeg().toString(), "-loglevel", "error", "-f", "lavfi",
                        "-i", "color=c=gray:s=1280x1280:r=1000:d=10", "-c:v", "libx264", "-preset", "ultrafast",
                        "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", out.toString()).inheritIO().start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("ffmpeg failed");
                yield Files.readAllBytes(out);
            }
            case "junk" -> {
                byte[] noise = new byte[350 * 1024];
                new java.util.Random(1).nextBytes(noise);
                yield noise;
            }
            default -> throw new IllegalArgumentException("kind: scans, fps, heavy or junk");
        };
    }
}
