package dev.novalibvirt.libvirt.monitor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs live migrations with at most {@code max_concurrent_live_migrations} at once (Nova's option, default 1,
 * 0 = unlimited); the rest wait in order and can be aborted while they wait (Nova's queued-abort). Mirrors the
 * compute manager's {@code _live_migration_executor}.
 */
public final class LiveMigrationRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveMigrationRunner.class);
    private final ExecutorService executor;
    private final int maxConcurrent;

    /** @param maxConcurrent {@code max_concurrent_live_migrations}; 0 means unlimited */
    public LiveMigrationRunner(int maxConcurrent) {
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("max_concurrent_live_migrations must be >= 0, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        AtomicInteger n = new AtomicInteger();
        int threads = maxConcurrent == 0 ? Integer.MAX_VALUE : maxConcurrent;
        ThreadPoolExecutor tpe = maxConcurrent == 0
                ? new ThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>())
                : new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        tpe.allowCoreThreadTimeOut(maxConcurrent != 0);
        tpe.setThreadFactory(r -> {
            Thread t = new Thread(r, "live-migration-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.executor = tpe;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Queues a migration; it starts when a slot is free. */
    public MigrationHandle submit(MigrationRequest request, Detection detection) {
        MigrationHandle h = new MigrationHandle(request, detection);
        executor.execute(() -> {
            try {
                h.run();
            } catch (RuntimeException e) {
                LOG.error("{}: live migration failed: {}", h.domainName(), e.getMessage());
            }
        });
        return h;
    }

    /** Stops taking migrations and waits up to {@code seconds} for the running ones. */
    public boolean shutdown(long seconds) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
