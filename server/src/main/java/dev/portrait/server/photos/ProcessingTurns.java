package dev.portrait.server.photos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns at decoding and transcoding, shared between accounts rather than first come first served.
 *
 * <p>{@code slots} jobs (one per core) run at once. An account's first job is also let in beyond them, up to twice as
 * many jobs in all: so one account's pile of expensive uploads, or a few accounts' ones, never make another account's
 * ordinary photo wait for a turn; it shares the cores at once. An account's further jobs need a free slot and stay
 * within the account's share of the slots (the slots divided among the accounts that have jobs, at least one).
 * Waiting jobs go in order of how few jobs their account is running, then of arrival.
 */
final class ProcessingTurns {
    private final int slots;
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Jobs running per account. */
    private final Map<Long, Integer> running = new HashMap<>();
    /** Waiting jobs in arrival order. */
    private final List<Waiter> waiting = new ArrayList<>();
    private int busy;

    private record Waiter(long account) {
    }

    ProcessingTurns(int slots) {
        if (slots < 1) throw new IllegalArgumentException("at least one slot");
        this.slots = slots;
        this.limit = limit(slots);
    }

    /** The most jobs that can run at once with {@code slots} slots (what the image and video pools are sized for). */
    static int limit(int slots) {
        return 2 * slots;
    }

    /** Waits for the account's turn; every call must be followed by one {@link #release}. */
    void acquire(long account) {
        lock.lock();
        try {
            Waiter me = new Waiter(account);
            waiting.add(me);
            try {
                while (next() != me) changed.awaitUninterruptibly();
            } finally {
                waiting.remove(me);
            }
            busy++;
            running.merge(account, 1, Integer::sum);
            changed.signalAll(); // the next in line may be allowed too
        } finally {
            lock.unlock();
        }
    }

    void release(long account) {
        lock.lock();
        try {
            busy--;
            running.computeIfPresent(account, (a, n) -> n == 1 ? null : n - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Jobs running now (for metrics and tests). */
    int busy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** The waiter whose turn it is now, or null. */
    private Waiter next() {
        if (busy >= limit) return null;
        int share = share();
        Waiter best = null;
        int bestRunning = Integer.MAX_VALUE;
        for (Waiter w : waiting) {
            int n = running.getOrDefault(w.account(), 0);
            if (n < bestRunning && allowed(n, share)) {
                best = w;
                bestRunning = n;
            }
        }
        return best;
    }

    /** Whether a job of an account running {@code accountRunning} jobs may start now (busy is under the limit). */
    private boolean allowed(int accountRunning, int share) {
        if (accountRunning == 0) return true;
        return busy < slots && accountRunning < share;
    }

    /** The slots divided among the accounts with jobs running or waiting, rounded up. */
    private int share() {
        HashSet<Long> active = new HashSet<>(running.keySet());
        for (Waiter w : waiting) active.add(w.account());
        return Math.max(1, (slots + active.size() - 1) / Math.max(1, active.size()));
    }
}
