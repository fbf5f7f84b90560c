package dev.portrait.server.net;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What one client address may use: connections (one over the limit gets -429) and key-exchange CPU. A key-exchange
 * step costs milliseconds of CPU (RSA decryption, 2048-bit modular powers), so one address runs at most
 * {@code keyExchangeSlots} steps at a time however many connections it opens: the others wait their turn (up to
 * {@code keyExchangeWaitMillis}, then -429) and the remaining cores stay with everyone else. An address is forgotten
 * when its last connection closes.
 */
public final class AddressLimits {
    private final int maxConnections;
    private final int keyExchangeSlots;
    private final long keyExchangeWaitMillis;
    private final ConcurrentHashMap<String, Address> byAddress = new ConcurrentHashMap<>();

    /** One address's connections (changed only inside {@code byAddress.compute*}) and its key-exchange turns. */
    private static final class Address {
        int connections;
        final Semaphore keyExchanges;

        Address(int slots) {
            keyExchanges = new Semaphore(slots, true);
        }
    }

    /** A turn for one key-exchange step; closing it lets the address's next step run. */
    public static final class Slot implements AutoCloseable {
        private final Semaphore owner;
        private boolean released;

        private Slot(Semaphore owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (released) return;
            released = true;
            owner.release();
        }
    }

    public AddressLimits(int maxConnections, int keyExchangeSlots, long keyExchangeWaitMillis) {
        if (maxConnections < 1 || keyExchangeSlots < 1 || keyExchangeWaitMillis < 0)
            throw new IllegalArgumentException("limits must be positive");
        this.maxConnections = maxConnections;
        this.keyExchangeSlots = keyExchangeSlots;
        this.keyExchangeWaitMillis = keyExchangeWaitMillis;
    }

    /**
     * Half the cores (at least one) for one address's key exchanges, or the system property
     * {@code portrait.keyExchangeSlotsPerAddress} (the KeyExchangeFlood benchmark compares settings with it).
     */
    public static int defaultKeyExchangeSlots() {
        return Math.max(1, Integer.getInteger("portrait.keyExchangeSlotsPerAddress",
                Runtime.getRuntime().availableProcessors() / 2));
    }

    /** Counts a new connection from the address; false when the address is over its limit. */
    public boolean opened(String address) {
        int[] connections = new int[1];
        byAddress.compute(address, (k, a) -> {
            if (a == null) a = new Address(keyExchangeSlots);
            connections[0] = ++a.connections;
            return a;
        });
        return connections[0] <= maxConnections;
    }

    /** A connection {@link #opened} from the address closed (also one that was refused). */
    public void closed(String address) {
        byAddress.computeIfPresent(address, (k, a) -> --a.connections <= 0 ? null : a);
    }

    /**
     * Waits for a turn of the address to run one key-exchange step; null when none came free in time, or when the
     * address holds no connection (its connection has closed meanwhile).
     */
    public Slot keyExchangeSlot(String address) {
        Address a = byAddress.get(address);
        if (a == null) return null;
        try {
            return a.keyExchanges.tryAcquire(keyExchangeWaitMillis, TimeUnit.MILLISECONDS) ? new Slot(a.keyExchanges) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Addresses holding at least one connection. */
    public int addresses() {
        return byAddress.size();
    }
}
