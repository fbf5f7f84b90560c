package dev.portrait.bench;

import dev.portrait.mtproto.crypto.RsaKey;
import dev.portrait.mtproto.handshake.ClientHandshake;
import dev.portrait.mtproto.handshake.ServerHandshake;
import dev.portrait.tl.TlObject;
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

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A whole key exchange in process (client and server sides, RSA_PAD, p_q_inner_data_dc), and the server's share of
 * it alone: the server's steps replayed against fresh client messages. Score = key exchanges per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class HandshakeBenchmark {
    private final SecureRandom random = new SecureRandom();
    private List<RsaKey> keys;

    @Setup
    public void setup() {
        keys = List.of(RsaKey.generate(random));
    }

    @Benchmark
    public Object clientAndServer() {
        ServerHandshake server = new ServerHandshake(keys, 2, Clock.systemUTC(), random, id -> false);
        ClientHandshake client = new ClientHandshake(List.of(keys.get(0).publicKey()), ClientHandshake.Options.permanent(2),
                Clock.systemUTC(), random);
        TlObject request = client.start();
        while (true) {
            ServerHandshake.Step s = server.handle(request);
            ClientHandshake.Step c = client.handle(s.response());
            if (c.completed() != null) return c.completed();
            request = c.request();
        }
    }
}
