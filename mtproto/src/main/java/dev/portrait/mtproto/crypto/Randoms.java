package dev.portrait.mtproto.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Secure random generators for hot paths. The default SecureRandom on Linux (NativePRNG) serialises every caller on
 * one process-wide lock; a DRBG instance per session or client locks only itself.
 */
public final class Randoms {
    private Randoms() {
    }

    /** A new, independently seeded generator for one owner (a session, a client). */
    public static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
