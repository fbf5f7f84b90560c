package dev.portrait.mtproto.crypto;

import java.math.BigInteger;
import java.util.Random;

/**
 * The key exchange's proof of work: the server sends pq = p·q with p &lt; q prime, the client factors it. The
 * product stays below 2^63 because gramjs reads it as a signed 64-bit number; p and q have 31 bits, as
 * Telegram's do.
 */
public record Pq(long p, long q) {
    public Pq {
        if (p <= 1 || q <= p) throw new IllegalArgumentException("need 1 < p < q");
        if (Math.multiplyHigh(p, q) != 0 || p * q < 0) throw new IllegalArgumentException("pq must be below 2^63");
    }

    public static Pq generate(Random random) {
        while (true) {
            long a = BigInteger.probablePrime(31, random).longValueExact();
            long b = BigInteger.probablePrime(31, random).longValueExact();
            if (a != b) return new Pq(Math.min(a, b), Math.max(a, b));
        }
    }

    public long pq() {
        return p * q;
    }

    /** pq as resPQ sends it: 8 big-endian bytes. */
    public byte[] pqBytes() {
        return bigEndian(pq());
    }

    /** p as req_DH_params and p_q_inner_data carry it: shortest big-endian bytes (4 here). */
    public byte[] pBytes() {
        return bigEndian(p);
    }

    public byte[] qBytes() {
        return bigEndian(q);
    }

    /** Shortest big-endian bytes of a positive number. */
    public static byte[] bigEndian(long v) {
        int n = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 7) / 8);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[n - 1 - i] = (byte) (v >>> (8 * i));
        return out;
    }

    /**
     * Big-endian unsigned bytes (leading zeros allowed) as a number below 2^63, or −1 when they hold something
     * else. Clients differ in how many bytes they use for p and q, so comparisons go through this.
     */
    public static long fromBigEndian(byte[] b) {
        if (b.length > 16) return -1;
        long v = 0;
        for (byte x : b) {
            if ((v >>> 55) != 0) return -1;
            v = v << 8 | (x & 0xff);
        }
        return v;
    }

    /** Client side: factors a product of two primes below 2^63 (Pollard–Brent, Montgomery arithmetic). */
    public static Pq factorize(long pq) {
        if (pq < 6) throw new IllegalArgumentException("pq too small: " + pq);
        if (BigInteger.valueOf(pq).isProbablePrime(40)) throw new IllegalArgumentException("pq is prime: " + pq);
        long d = (pq & 1) == 0 ? 2 : new Brent(pq).factor();
        long e = pq / d;
        return new Pq(Math.min(d, e), Math.max(d, e));
    }

    /** Pollard's rho with Brent's cycle detection, in Montgomery form so each step is two multiplications. */
    private static final class Brent {
        private final long n;
        private final long nInv; // -n^-1 mod 2^64

        Brent(long n) {
            this.n = n;
            long inv = n; // correct to 3 bits for odd n; each Newton step doubles that
            for (int i = 0; i < 5; i++) inv *= 2 - n * inv;
            this.nInv = -inv;
        }

        /** a·b·2^-64 mod n for a, b &lt; n &lt; 2^63. */
        private long mul(long a, long b) {
            long lo = a * b;
            long hi = Math.unsignedMultiplyHigh(a, b);
            long m = lo * nInv;
            long t = hi + Math.unsignedMultiplyHigh(m, n) + (lo != 0 ? 1 : 0);
            return Long.compareUnsigned(t, n) >= 0 ? t - n : t;
        }

        private long step(long y, long c) {
            long s = mul(y, y) + c;
            return s >= n ? s - n : s;
        }

        long factor() {
            for (long c = 1; c < 1000; c++) {
                long d = attempt(c, 2);
                if (d != 1 && d != n) return d;
            }
            throw new IllegalArgumentException("could not factor " + n);
        }

        private long attempt(long c, long y0) {
            final int m = 128;
            long y = y0, x = y0, ys = y0, q = 1, g = 1;
            for (long r = 1; g == 1 && r < (1L << 40); r <<= 1) {
                x = y;
                for (long i = 0; i < r; i++) y = step(y, c);
                for (long k = 0; k < r && g == 1; k += m) {
                    ys = y;
                    for (long i = 0; i < Math.min(m, r - k); i++) {
                        y = step(y, c);
                        long diff = x > y ? x - y : y - x;
                        q = mul(q, diff);
                    }
                    g = gcd(q, n);
                }
            }
            if (g == n) { // the batch overshot: redo it one step at a time
                do {
                    ys = step(ys, c);
                    g = gcd(x > ys ? x - ys : ys - x, n);
                } while (g == 1);
            }
            return g;
        }

        private static long gcd(long a, long b) {
            while (b != 0) {
                long t = a % b;
                a = b;
                b = t;
            }
            return a;
        }
    }
}
