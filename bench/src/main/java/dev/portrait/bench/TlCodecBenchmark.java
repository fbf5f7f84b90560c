package dev.portrait.bench;

import dev.portrait.tl.TlJson;
import dev.portrait.tl.TlObject;
import dev.portrait.tl.TlReader;
import dev.portrait.tl.TlWriter;
import dev.portrait.tl.api.TypeConfig;
import dev.portrait.tl.api.TypePhotosPhoto;
import dev.portrait.tl.api.TypeUsersUserFull;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Encode + decode of the three objects the Node benchmark (e2e/bench/tl-bench.mjs) runs with gramjs and mtcute,
 * loaded from the same canonical JSON files. One operation = write the object into a reused writer, then read it
 * back into new records. Layer 198 is gramjs's layer (older constructors go through the layer adapters).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TlCodecBenchmark {
    @Param({"228", "198"})
    public int layer;

    private final TlWriter writer = new TlWriter(4096);
    private TlObject photosPhoto;
    private TlObject userFull;
    private TlObject config;

    @Setup
    public void load() throws IOException {
        writer.layer(layer);
        photosPhoto = object("photos.photo");
        userFull = object("users.userFull");
        config = object("config");
    }

    static TlObject object(String name) throws IOException {
        try (InputStream in = TlCodecBenchmark.class.getResourceAsStream("/bench-objects/" + name + ".json")) {
            if (in == null) throw new IOException("missing bench object " + name);
            return TlJson.fromJsonString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public TlObject photosPhoto() {
        writer.reset();
        photosPhoto.write(writer);
        return TypePhotosPhoto.read(new TlReader(writer.array(), 0, writer.size()));
    }

    @Benchmark
    public TlObject usersUserFull() {
        writer.reset();
        userFull.write(writer);
        return TypeUsersUserFull.read(new TlReader(writer.array(), 0, writer.size()));
    }

    @Benchmark
    public TlObject config() {
        writer.reset();
        config.write(writer);
        return TypeConfig.read(new TlReader(writer.array(), 0, writer.size()));
    }

    /** Encoding alone: into the reused writer, it should allocate nothing. */
    @Benchmark
    public int photosPhotoEncodeOnly() {
        writer.reset();
        photosPhoto.write(writer);
        return writer.size();
    }

    /** Prints the serialized sizes, to compare with the Node benchmark's. */
    public static void main(String[] args) throws IOException {
        for (String n : new String[]{"photos.photo", "users.userFull", "config"}) {
            TlObject o = object(n);
            for (int l : new int[]{228, 198}) {
                TlWriter w = new TlWriter().layer(l);
                o.write(w);
                System.out.printf("%s layer %d: %d bytes%n", n, l, w.size());
            }
        }
    }
}
