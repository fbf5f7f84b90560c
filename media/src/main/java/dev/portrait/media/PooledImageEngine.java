package dev.portrait.media;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an engine on a fixed pool of platform threads. Image work is long native (libvips, libjpeg) or CPU-bound
 * code that would pin the carrier threads of the virtual threads calling it; here the calling virtual thread just
 * waits (unmounted) for the result, and at most {@code threads} pictures are decoded at once, which also bounds memory.
 */
final class PooledImageEngine implements ImageEngine {
    private final ImageEngine engine;
    private final ExecutorService pool;

    PooledImageEngine(ImageEngine engine, int threads) {
        this.engine = engine;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "portrait-media-" + engine.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public ProfilePhotoImages profilePhoto(byte[] source, ImageLimits limits) throws MediaException {
        Future<ProfilePhotoImages> result;
        try {
            result = pool.submit(() -> engine.profilePhoto(source, limits));
        } catch (RejectedExecutionException e) {
            throw new MediaException(MediaException.PROCESS_FAILED, "the image engine is closed");
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MediaException m) {
                throw m;
            }
            throw new MediaException(MediaException.PROCESS_FAILED, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new MediaException(MediaException.PROCESS_FAILED, "interrupted");
        }
    }

    @Override
    public void close() {
        pool.shutdown();
        engine.close();
    }
}
