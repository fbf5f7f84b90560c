package dev.portrait.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Mp4BoxesTest {
    @Test
    void readsWhatFfprobeReads() throws Exception {
        TestVideos videos = TestVideos.get();
        for (byte[] mp4 : new byte[][] {videos.rgb800(), videos.withAudio1000()}) {
            Mp4Boxes.Info info = Mp4Boxes.read(mp4);
            VideoAvatars.Probe probe = TestVideos.probe(videos.generator, mp4);
            assertThat(info).isNotNull();
            assertThat(info.tracks()).hasSameSizeAs(probe.streams());
            VideoAvatars.Stream v = probe.video().getFirst();
            Mp4Boxes.Track t = info.tracks().stream().filter(x -> x.handler().equals("vide")).findFirst().orElseThrow();
            assertThat(t.codec()).isEqualTo("avc1");
            assertThat(t.width()).isEqualTo(v.width());
            assertThat(t.height()).isEqualTo(v.height());
            assertThat(t.samples()).isEqualTo(v.frames());
            assertThat(t.duration()).isCloseTo(v.duration(), within(0.05));
            assertThat(info.duration()).isCloseTo(probe.duration(), within(0.05));
        }
        assertThat(Mp4Boxes.read(videos.rgb800()).moovFirst()).isTrue();
        assertThat(Mp4Boxes.read(videos.withAudio1000()).tracks()).extracting(Mp4Boxes.Track::handler)
                .containsExactlyInAnyOrder("vide", "soun");
    }

    @Test
    void malformedInputGivesNullNeverAnException() {
        byte[] good = TestVideos.get().rgb800();
        assertThat(Mp4Boxes.read(new byte[0])).isNull();
        assertThat(Mp4Boxes.read(TestVideos.randomBytes())).isNull();
        assertThat(Mp4Boxes.read(TestVideos.jpeg())).isNull();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] b = Arrays.copyOf(good, 1 + random.nextInt(good.length));
            if (i % 2 == 0) {
                b = good.clone();
                for (int k = 0; k < 4; k++) {
                    b[random.nextInt(Math.min(b.length, 4096))] = (byte) random.nextInt();
                }
            }
            Mp4Boxes.read(b); // must not throw
        }
        assertThat(Mp4Boxes.read(Arrays.copyOf(good, good.length / 2))).isNull();
    }
}
