package dev.portrait.tl;

/**
 * The API layers Portrait has schemas for (generated from the layer files: {@code ApiRegistry.LAYERS}). A client
 * announcing any layer is served with the newest schema layer not above it (a client on 141 gets 140's
 * constructors); one below the oldest gets the oldest.
 */
public final class TlLayers {
    private static final int[] KNOWN = dev.portrait.tl.api.ApiRegistry.LAYERS;
    public static final int LATEST = KNOWN[KNOWN.length - 1];
    public static final int OLDEST = KNOWN[0];

    private TlLayers() {
    }

    public static int[] known() {
        return KNOWN.clone();
    }

    public static int schemaLayerFor(int announced) {
        int best = KNOWN[0];
        for (int k : KNOWN) if (k <= announced) best = k;
        return best;
    }
}
