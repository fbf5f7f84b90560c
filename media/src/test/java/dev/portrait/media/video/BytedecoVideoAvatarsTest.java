package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link VideoAvatars} with the programs of the bytedeco ffmpeg jar: always runs (it comes from Maven Central). */
class BytedecoVideoAvatarsTest extends VideoAvatarsContract {
    @Override
    VideoTools tools() {
        return VideoTools.bytedeco();
    }

    @Test
    void usesOpenH264OrX264FromTheJar() {
        assertThat(tools.origin()).isEqualTo(VideoTools.BYTEDECO);
        assertThat(avatars.h264Encoder()).isIn("libopenh264", "libx264");
    }

    /** Here only: the semaphore does not depend on the tool source, and the bytedeco programs start faster. */
    @Test
    void runsAtMostMaxConcurrentJobsAtOnce() throws Exception {
        byte[] source = videos.small160();
        for (int limit : new int[] {1, 2}) {
            try (VideoAvatars bounded = new VideoAvatars(tools, VideoLimits.defaults(), tempRoot, limit)) {
                AtomicBoolean done = new AtomicBoolean();
                AtomicInteger most = new AtomicInteger();
                Thread watcher = Thread.ofPlatform().start(() -> {
                    while (!done.get()) {
                        long n = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
                        most.accumulateAndGet((int) n, Math::max);
                        try {
                            Thread.sleep(10);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<VideoAvatar>> jobs = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        jobs.add(pool.submit(() -> bounded.process(source, null)));
                    }
                    for (Future<VideoAvatar> f : jobs) {
                        assertThat(f.get().p().width()).isEqualTo(160);
                    }
                } finally {
                    done.set(true);
                    watcher.join();
                }
                assertThat(most.get()).as("child processes at once with maxConcurrent " + limit)
                        .isBetween(1, limit);
            }
        }
    }

}
