package dev.portrait.tl;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/** Value equality for generated records whose fields hold byte arrays (records compare arrays by identity). */
public final class TlValues {
    private TlValues() {
    }

    /** Ids as layers before 133 carry them (int); generated layer adapters narrow today's longs with it. */
    public static List<Integer> ints(List<Long> longs) {
        Integer[] out = new Integer[longs.size()];
        for (int i = 0; i < out.length; i++) out[i] = (int) (long) longs.get(i);
        return List.of(out);
    }

    /** The reverse of {@link #ints}, for what older clients send. */
    public static List<Long> longs(List<Integer> ints) {
        Long[] out = new Long[ints.size()];
        for (int i = 0; i < out.length; i++) out[i] = (long) ints.get(i);
        return List.of(out);
    }

    public static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
            return true;
        }
        return Objects.equals(a, b);
    }

    public static int hash(Object a) {
        if (a instanceof byte[] x) return Arrays.hashCode(x);
        if (a instanceof List<?> x) {
            int h = 1;
            for (Object o : x) h = 31 * h + hash(o);
            return h;
        }
        return Objects.hashCode(a);
    }

    public static String show(Object a) {
        if (a instanceof byte[] x) return "0x" + HexFormat.of().formatHex(x, 0, Math.min(x.length, 64)) + (x.length > 64 ? "...(" + x.length + ")" : "");
        if (a instanceof List<?> x) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < x.size(); i++) sb.append(i == 0 ? "" : ", ").append(show(x.get(i)));
            return sb.append(']').toString();
        }
        return String.valueOf(a);
    }
}
