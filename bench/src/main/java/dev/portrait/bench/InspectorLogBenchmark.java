package dev.portrait.bench;

import dev.portrait.inspector.Inspector;
import dev.portrait.server.PortraitServer;
import dev.portrait.server.rpc.RpcCall;
import dev.portrait.server.rpc.RpcHooks;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.api.HelpGetNearestDc;
import dev.portrait.tl.api.InputFile;
import dev.portrait.tl.api.NearestDc;
import dev.portrait.tl.api.PhotosUploadProfilePhoto;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the inspector adds to one answered call: {@code RpcHooks.before} (fault rules, none set) and {@code after}
 * (the RPC log entry: parameters and result as TL JSON, the event to no subscriber), for a round trip's
 * help.getNearestDc and for photos.uploadProfilePhoto with its photos.photo result. Compare with a call's whole cost
 * on the server (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class InspectorLogBenchmark {
    private PortraitServer server;
    private Inspector inspector;
    private RpcHooks hooks;
    private RpcCall roundTrip;
    private RpcCall photo;

    @Setup
    public void start() throws Exception {
        server = PortraitServer.start(LoadRuns.loopback(LoadRuns.tempDir("portrait-log-bench")));
        inspector = Inspector.attach(new Inspector.Options("127.0.0.1", 0, null), server);
        hooks = inspector.rpcHooks();
        roundTrip = new RpcCall(System.currentTimeMillis(), 1_000_001, 0x1234_5678_9abc_def0L, 42, 228, "127.0.0.1",
                "intermediate", new HelpGetNearestDc(), new NearestDc("NL", 2, 2), null, 250_000, null);
        TlObject result = TlCodecBenchmark.object("photos.photo");
        photo = new RpcCall(System.currentTimeMillis(), 1_000_001, 0x1234_5678_9abc_def0L, 42, 228, "127.0.0.1",
                "intermediate", PhotosUploadProfilePhoto.builder().file(new InputFile(77, 12, "photo.jpg", "")).build(),
                result, null, 90_000_000, null);
    }

    @TearDown
    public void stop() {
        inspector.close();
        server.close();
    }

    @Benchmark
    public void roundTripCall() {
        hooks.before(null, roundTrip.method());
        hooks.after(roundTrip);
    }

    @Benchmark
    public void photoCall() {
        hooks.before(null, photo.method());
        hooks.after(photo);
    }
}
