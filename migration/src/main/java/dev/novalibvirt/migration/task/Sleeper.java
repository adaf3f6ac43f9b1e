package dev.novalibvirt.migration.task;

import java.time.Duration;

/** Waits; injected so that tests need no real time. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
