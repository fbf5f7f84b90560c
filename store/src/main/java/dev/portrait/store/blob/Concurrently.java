package dev.portrait.store.blob;

import dev.portrait.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one blob operation per key at the same time, on virtual threads: a photo's parts and sizes are a dozen
 * round trips to an object store (or fsyncs to a disk) that need not wait for each other. At most
 * {@link #IN_FLIGHT} per call. Every operation has ended when this returns; the first failure is rethrown.
 */
public final class Concurrently {
    public static final int IN_FLIGHT = 16;

    private Concurrently() {
    }

    public static <K, R> List<R> map(List<K> keys, Function<K, R> operation) {
        if (keys.size() <= 1) return keys.stream().map(operation).toList();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<R>> futures = new ArrayList<>(keys.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (K key : keys) {
                futures.add(threads.submit(() -> {
                    slots.acquire();
                    try {
                        return operation.apply(key);
                    } finally {
                        slots.release();
                    }
                }));
            }
        } // close() waits for every task
        List<R> out = new ArrayList<>(keys.size());
        for (Future<R> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new StoreException("blob operation failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted", e);
            }
        }
        return out;
    }
}
