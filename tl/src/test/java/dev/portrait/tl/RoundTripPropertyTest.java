package dev.portrait.tl;

import dev.portrait.tl.api.ApiRegistry;
import dev.portrait.tl.mtproto.MtProtoRegistry;
import dev.portrait.tl.testing.TlRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Random objects of every generated constructor and method round-trip byte-exactly, in every layer's form. */
class RoundTripPropertyTest {

    @Provide
    Arbitrary<Class<? extends TlObject>> classes() {
        return Arbitraries.of(TlRandom.allClasses());
    }

    @Provide
    Arbitrary<Integer> layers() {
        return Arbitraries.of(158, 190, 198, 214, 223, 227, 228);
    }

    static TlObject readAny(byte[] bytes, TlObject like) {
        TlReader r = new TlReader(bytes);
        TlObject o = like.getClass().getPackageName().endsWith("mtproto") ? MtProtoRegistry.readObject(r) : ApiRegistry.readObject(r);
        assertThat(r.remaining()).as("bytes left after " + like.tlName()).isZero();
        return o;
    }

    @Property(tries = 3000)
    void everyClassRoundTripsByteExactly(@ForAll("classes") Class<? extends TlObject> cls, @ForAll long seed) {
        TlObject o = new TlRandom(seed).object(cls);
        byte[] bytes = o.toByteArray();
        TlObject back = readAny(bytes, o);
        assertThat(back).isEqualTo(o);
        assertThat(back.toByteArray()).isEqualTo(bytes);
    }

    /** The canonical JSON (streamed, as the RPC log writes it, and the tree made from it) reads back as the object. */
    @Property(tries = 1000)
    void everyClassRoundTripsThroughJson(@ForAll("classes") Class<? extends TlObject> cls, @ForAll long seed) {
        TlObject o = new TlRandom(seed).object(cls);
        assertThat(TlJson.fromJsonString(TlJson.toJsonString(o))).isEqualTo(o);
    }

    @Property(tries = 100)
    void everyClassOnce(@ForAll long seed) {
        for (Class<? extends TlObject> cls : TlRandom.allClasses()) {
            TlObject o = new TlRandom(seed ^ cls.getName().hashCode()).object(cls);
            byte[] bytes = o.toByteArray();
            assertThat(readAny(bytes, o)).isEqualTo(o);
        }
    }

    /**
     * In an older layer's form an object may lose fields that layer lacks; once projected, it must be stable:
     * reading it back and writing it again in that layer gives the same bytes.
     */
    @Property(tries = 3000)
    void olderLayerFormsAreStable(@ForAll("classes") Class<? extends TlObject> cls, @ForAll("layers") int layer, @ForAll long seed) {
        TlObject o = new TlRandom(seed).object(cls);
        TlWriter w = new TlWriter().layer(layer);
        try {
            o.write(w);
        } catch (TlException notInLayer) {
            net.jqwik.api.Assume.that(false); // it holds a constructor that layer does not have
        }
        byte[] bytes = w.toByteArray();
        TlObject back = readAny(bytes, o);
        TlWriter again = new TlWriter().layer(layer);
        back.write(again);
        assertThat(again.toByteArray()).isEqualTo(bytes);
        assertThat(back.getClass()).isEqualTo(o.getClass());
    }
}
