package dev.portrait.mtproto.crypto;

import dev.portrait.mtproto.MtprotoException;
import dev.portrait.mtproto.MtprotoException.Reason;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Diffie-Hellman group of the key exchange: Telegram's 2048-bit safe prime with g = 3, which every client
 * accepts (@mtproto/core accepts nothing else), and the checks of core.telegram.org/mtproto/auth_key.
 */
public final class DhGroup {
    public static final BigInteger PRIME = new BigInteger(
            "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac92513"
                    + "9543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc4988"
                    + "0708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4"
                    + "b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
                    + "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b", 16);
    public static final int G = 3;
    /** 2^(2048-64): g_a and g_b must stay this far from 0 and from dh_prime. */
    private static final BigInteger SAFETY = BigInteger.ONE.shiftLeft(2048 - 64);
    private static final byte[] PRIME_BYTES = Bytes.toUnsigned(PRIME, 256);
    /** Primes other than Telegram's that passed the (slow) safe-prime test. */
    private static final Set<BigInteger> CHECKED_PRIMES = ConcurrentHashMap.newKeySet();

    private DhGroup() {
    }

    /** dh_prime as the 256 big-endian bytes server_DH_inner_data carries. */
    public static byte[] primeBytes() {
        return PRIME_BYTES.clone();
    }

    /** A secret exponent (a or b): 2048 random bits, as the docs prescribe. */
    public static BigInteger randomExponent(SecureRandom random) {
        byte[] b = new byte[256];
        random.nextBytes(b);
        return Bytes.fromUnsigned(b);
    }

    /** 1 < x < p − 1 and 2^(2048−64) ≤ x ≤ p − 2^(2048−64): what g_a and g_b must satisfy. */
    public static boolean isValidPublic(BigInteger x, BigInteger p) {
        return x.compareTo(BigInteger.ONE) > 0
                && x.compareTo(p.subtract(BigInteger.ONE)) < 0
                && x.compareTo(SAFETY) >= 0
                && x.compareTo(p.subtract(SAFETY)) <= 0;
    }

    public static boolean isValidPublic(BigInteger x) {
        return isValidPublic(x, PRIME);
    }

    /**
     * Client side: {@code p} must be a 2048-bit safe prime and {@code g} a generator of its order-(p−1)/2 subgroup,
     * by the docs' conditions on p mod small numbers. Telegram's prime passes at once; others are tested once.
     */
    public static void checkGroup(BigInteger p, int g) {
        if (!PRIME.equals(p) && !CHECKED_PRIMES.contains(p)) {
            if (p.bitLength() != 2048) throw bad("dh_prime is not a 2048-bit number");
            if (!isSafePrime(p)) throw bad("dh_prime is not a safe prime");
            CHECKED_PRIMES.add(p);
        }
        boolean ok = switch (g) {
            case 2 -> p.mod(BigInteger.valueOf(8)).intValue() == 7;
            case 3 -> p.mod(BigInteger.valueOf(3)).intValue() == 2;
            case 4 -> true;
            case 5 -> {
                int r = p.mod(BigInteger.valueOf(5)).intValue();
                yield r == 1 || r == 4;
            }
            case 6 -> {
                int r = p.mod(BigInteger.valueOf(24)).intValue();
                yield r == 19 || r == 23;
            }
            case 7 -> {
                int r = p.mod(BigInteger.valueOf(7)).intValue();
                yield r == 3 || r == 5 || r == 6;
            }
            default -> false;
        };
        if (!ok) throw bad("g = " + g + " does not generate the prime-order subgroup of dh_prime");
    }

    /** Whether p and (p − 1) / 2 are both (probably, error below 2^-64) prime. */
    public static boolean isSafePrime(BigInteger p) {
        return p.testBit(0) && p.isProbablePrime(64) && p.shiftRight(1).isProbablePrime(64);
    }

    private static MtprotoException bad(String message) {
        return new MtprotoException(Reason.BAD_DH_PARAMS, message);
    }
}
