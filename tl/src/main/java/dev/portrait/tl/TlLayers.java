package dev.portrait.tl;

/**
 * The API layers Portrait has schemas for. A client announcing any layer is served with the newest schema layer not
 * above it (a client on 200 gets 198's constructors); one below the oldest gets the oldest.
 */
public final class TlLayers {
    public static final int LATEST = 228;
    public static final int OLDEST = 158;
    private static final int[] KNOWN = {158, 190, 198, 214, 223, 227, 228};

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
