package dev.portrait.bench;

import dev.portrait.mtproto.crypto.AesIge;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * AES-256-IGE (MTProto's cipher) on 64 KB buffers beside the JDK's AES-CBC encryption, which is the serial AES limit
 * IGE cannot beat (each block depends on the previous one). Score = buffers per second; MB/s = score × 64 KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CryptoBenchmark {
    static final int SIZE = 64 * 1024;
    private final byte[] key = new byte[32];
    private final byte[] iv = new byte[32];
    private final byte[] data = new byte[SIZE];
    private final byte[] out = new byte[SIZE];
    private Cipher cbc;

    @Setup
    public void setup() throws Exception {
        Random r = new Random(1);
        r.nextBytes(key);
        r.nextBytes(iv);
        r.nextBytes(data);
        cbc = Cipher.getInstance("AES/CBC/NoPadding");
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv, 0, 16));
    }

    @Benchmark
    public byte[] igeEncrypt() {
        AesIge.encrypt(key, iv, data, 0, out, 0, SIZE);
        return out;
    }

    @Benchmark
    public byte[] igeDecrypt() {
        AesIge.decrypt(key, iv, data, 0, out, 0, SIZE);
        return out;
    }

    @Benchmark
    public byte[] jdkCbcEncrypt() throws Exception {
        cbc.update(data, 0, SIZE, out, 0);
        return out;
    }
}
