package dev.portrait.server.cpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where work that grows with upload bytes runs: big frames (upload parts) are decrypted here, and an upload is read
 * back and its MD5 checked here before processing. It runs on a few platform threads at a lower CPU
 * priority ({@link ThreadNice}, nice +10), served round-robin by account. A flood of parts then slows other parts, not
 * the calls and photo processing that run at normal priority beside it (an ordinary photo's worker, a small RPC); and
 * an account with many connections gets one turn per round, like an account with one. With the cores idle the lane
 * runs as fast as before.
 */
public final class BulkLane implements AutoCloseable {
    /** Frames of at least this many bytes are bulk: bigger than any call but an upload part or a container of them. */
    public static final int BULK_BYTES = 16 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    /** Queued tasks per account, and the accounts that have some, in the order of their next turn. */
    private final Map<Long, ArrayDeque<Runnable>> queued = new HashMap<>();
    private final ArrayDeque<Long> rounds = new ArrayDeque<>();
    private final int size;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean lowered;
    private boolean closed;

    public BulkLane(int threads) {
        if (threads < 1) throw new IllegalArgumentException("at least one thread");
        this.size = threads;
    }

    /**
     * Runs {@code task} on the lane in the account's turn and waits for it; its exceptions are thrown here. Tasks of
     * one caller run in the order it calls.
     */
    public void run(long account, Runnable task) {
        call(account, () -> {
            task.run();
            return null;
        });
    }

    /** {@link #run} for a task with a result. */
    public <T> T call(long account, Supplier<T> task) {
        CompletableFuture<T> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the server is stopping");
            if (threads.isEmpty()) { // started with the first upload: a server that never sees one has none
                for (int i = 0; i < size; i++) {
                    Thread t = Thread.ofPlatform().daemon().name("portrait-bulk-" + i).unstarted(this::serve);
                    threads.add(t);
                    t.start();
                }
            }
            queued.computeIfAbsent(account, a -> {
                rounds.add(a);
                return new ArrayDeque<>();
            }).add(() -> {
                try {
                    done.complete(task.get());
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the bulk lane", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Tasks waiting for their turn (for tests). */
    int queued() {
        lock.lock();
        try {
            return queued.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the lane's threads run at the lower priority (false where the OS offers no way). */
    public boolean lowered() {
        return lowered;
    }

    private void serve() {
        lowered = ThreadNice.lower(dev.portrait.media.Nice.INCREMENT);
        while (true) {
            Runnable next;
            lock.lock();
            try {
                while (rounds.isEmpty() && !closed) work.awaitUninterruptibly();
                if (rounds.isEmpty()) return;
                Long account = rounds.poll();
                ArrayDeque<Runnable> tasks = queued.get(account);
                next = tasks.poll();
                if (tasks.isEmpty()) queued.remove(account);
                else rounds.add(account); // its next task waits for the other accounts' turns
            } finally {
                lock.unlock();
            }
            next.run();
        }
    }

    /** Lets queued tasks finish, then stops the threads. */
    @Override
    public void close() {
        List<Thread> started;
        lock.lock();
        try {
            closed = true;
            work.signalAll();
            started = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        for (Thread t : started) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
