package dev.portrait.tl;

import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.mtproto.MtProtoRegistry;
import dev.portrait.tl.testing.TlRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

/**
 * Valid messages of every class, mutated (bit flips, overwritten lengths and counts, truncation, spliced bytes):
 * decoding either succeeds or throws {@link TlException}, never another throwable. The property runs in the test
 * command; the long run is {@code ./mvnw -pl tl -am test -Dtest=MutationFuzzTest -Dportrait.fuzz.seconds=600
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MutationFuzzTest {

    @Provide
    Arbitrary<Class<? extends TlObject>> classes() {
        return Arbitraries.of(TlRandom.allClasses());
    }

    @Property(tries = 5000)
    void mutatedMessagesFailOnlyWithTlException(@ForAll("classes") Class<? extends TlObject> cls, @ForAll long seed) {
        Random random = new Random(seed);
        TlObject o = new TlRandom(seed).object(cls);
        TlWriter w = new TlWriter().layer(TlLayers.known()[random.nextInt(TlLayers.known().length)]);
        try {
            o.write(w);
        } catch (TlException notInLayer) {
            net.jqwik.api.Assume.that(false); // it holds a constructor that layer does not have
        }
        byte[] data = mutate(w.toByteArray(), random);
        decodeAll(data);
    }

    /**
     * As many mutated messages from fresh random seeds as fit in portrait.fuzz.seconds: 2 s in the test command (so it
     * is never skipped), minutes in the long run.
     */
    @org.junit.jupiter.api.Test
    void soak() {
        long end = System.nanoTime() + Long.getLong("portrait.fuzz.seconds", 2) * 1_000_000_000L;
        java.util.List<Class<? extends TlObject>> classes = TlRandom.allClasses();
        Random random = new Random();
        long runs = 0;
        while (System.nanoTime() < end) {
            long seed = random.nextLong();
            Random r = new Random(seed);
            TlObject o = new TlRandom(seed).object(classes.get(r.nextInt(classes.size())));
            TlWriter w = new TlWriter().layer(TlLayers.known()[r.nextInt(TlLayers.known().length)]);
            try {
                o.write(w);
            } catch (TlException notInLayer) {
                // a constructor that layer does not have, or one the server never sends (see LayerWireTest)
                continue;
            }
            byte[] data = mutate(w.toByteArray(), r);
            try {
                decodeAll(data);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ": " + java.util.HexFormat.of().formatHex(data), t);
            }
            runs++;
        }
        System.out.println("fuzz: " + runs + " mutated messages decoded, only TlException thrown");
    }

    /** Decodes with every entry point a server uses on untrusted bytes; only TlException may escape. */
    static void decodeAll(byte[] data) {
        try {
            ApiRegistry.readObject(new TlReader(data));
        } catch (TlException expected) {
            // the one documented failure
        }
        try {
            MtProtoRegistry.readObject(new TlReader(data));
        } catch (TlException expected) {
            // the one documented failure
        }
    }

    static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    // a huge or negative length/count at an aligned position
                    int p = at & ~3;
                    if (p + 4 <= b.length) {
                        int v = switch (random.nextInt(4)) {
                            case 0 -> Integer.MAX_VALUE;
                            case 1 -> -1;
                            case 2 -> 0xfeffffff;
                            default -> random.nextInt(1 << 20);
                        };
                        b[p] = (byte) v;
                        b[p + 1] = (byte) (v >> 8);
                        b[p + 2] = (byte) (v >> 16);
                        b[p + 3] = (byte) (v >> 24);
                    }
                }
                case 4 -> {
                    byte[] bigger = new byte[b.length + 4];
                    System.arraycopy(b, 0, bigger, 0, at);
                    System.arraycopy(b, at, bigger, at + 4, b.length - at);
                    b = bigger;
                }
                case 5 -> {
                    int from = random.nextInt(b.length);
                    int len = Math.min(random.nextInt(64), b.length - Math.max(from, at));
                    if (len > 0) System.arraycopy(b, from, b, at, len);
                }
                default -> b[at] = (byte) 0xfe;
            }
        }
        return b;
    }
}
