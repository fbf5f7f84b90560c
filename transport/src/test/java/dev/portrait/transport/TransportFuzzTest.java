package dev.portrait.transport;

import dev.portrait.transport.Wire.Recorder;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, in whatever pieces: the server pipeline delivers frames no larger than the limit, or waits,
 * or closes; nothing is thrown past it, nothing is logged as a warning or error, no buffer grows beyond a few times
 * the limit (lengths in the input go up to 2^31), and nothing leaks.
 */
class TransportFuzzTest {
    private static final int LIMIT = 1024;
    private static final TransportConfig CONFIG = TransportConfig.defaults().withMaxFrameLength(LIMIT)
            .withFrameTimeout(Duration.ofSeconds(30));
    private static final byte[][] PREFIXES = {
            {}, {(byte) 0xef}, HexFormat.of().parseHex("eeeeeeee"), HexFormat.of().parseHex("dddddddd"),
            HexFormat.of().parseHex("2000000000000000"), HexFormat.of().parseHex("ffffff7f00000000"),
            ("GET /apiws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: binary\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
            "GET /".getBytes(StandardCharsets.US_ASCII),
    };

    private static ResourceLeakDetector.Level previousLevel;

    @BeforeContainer
    static void trackEveryBuffer() {
        previousLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        CapturedLog.clear();
    }

    @AfterContainer
    static void nothingLeaked() {
        List<String> leaks = CapturedLog.leaks();
        ResourceLeakDetector.setLevel(previousLevel);
        assertThat(leaks).isEmpty();
    }

    @Property(tries = 1000)
    void anyInputClosesOrWaits(@ForAll("inputs") byte[] input, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        CapturedLog.clear();
        TrackingAllocator allocator = new TrackingAllocator();
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.config().setAllocator(allocator);
        ServerTransport.install(ch.pipeline(), CONFIG);
        ch.pipeline().addLast(recorder);

        for (int at = 0; at < input.length && ch.isOpen(); at += chunk) {
            ch.writeInbound(Wire.buf(Arrays.copyOfRange(input, at, Math.min(input.length, at + chunk))));
        }
        ch.advanceTimeBy(1, TimeUnit.HOURS);
        ch.runScheduledPendingTasks();

        net.jqwik.api.statistics.Statistics.collect(ch.isOpen() ? "open" : "closed",
                recorder.events.isEmpty() ? "undetected" : "detected", recorder.frames().isEmpty() ? "no frames" : "frames");
        ch.checkException();
        assertThat(recorder.frames()).allSatisfy(f -> assertThat(f.bytes().length).isLessThanOrEqualTo(LIMIT));
        assertThat(allocator.largest()).as("largest buffer").isLessThanOrEqualTo(4 * LIMIT);
        assertThat(CapturedLog.problems()).isEmpty();
        if (ch.isOpen()) {
            // An hour later only a connection resting between frames of a detected transport may remain.
            assertThat(recorder.events).hasSize(1);
            assertThat(ch.pipeline().toMap().values()).noneMatch(
                    h -> h instanceof IncompleteInput i && i.hasIncompleteInput());
        }
        ch.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(2500);
        Arbitrary<byte[]> prefixed = Combinators.combine(Arbitraries.of(PREFIXES), raw).as(Wire::concat);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, raw),
                net.jqwik.api.Tuple.of(3, prefixed),
                net.jqwik.api.Tuple.of(4, mutatedClientStreams()));
    }

    /** What a real client sends (any framing, plain or obfuscated, frames around the limit), then damaged. */
    private Arbitrary<byte[]> mutatedClientStreams() {
        Arbitrary<Framing> framings = Arbitraries.of(Framing.class);
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(1, LIMIT / 4 + 2).map(w -> w * 4)
                .list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Integer>> damage = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(3);
        return Combinators.combine(framings, Arbitraries.of(true, false), sizes, damage, Arbitraries.longs())
                .as((framing, obfuscated, frameSizes, flips, seed) -> {
                    Random random = new Random(seed);
                    EmbeddedChannel client = new EmbeddedChannel();
                    ClientTransport.install(client.pipeline(), framing, obfuscated && framing.obfuscatable(), CONFIG);
                    for (int size : frameSizes) {
                        client.writeAndFlush(new TransportFrame(Wire.buf(Wire.random(random, size)), random.nextBoolean()));
                    }
                    byte[] stream = Wire.written(client);
                    client.finishAndReleaseAll();
                    for (int flip : flips) stream[flip % stream.length] ^= (byte) (1 + flip % 255);
                    return flips.isEmpty() || random.nextBoolean() ? stream
                            : Arrays.copyOf(stream, random.nextInt(stream.length + 1));
                });
    }
}
