package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/**
 * The thread running {@code virDomainMigrateToURI3}, as the monitor sees it (Nova's {@code opthread} future).
 * Its error is taken "with a pinch of salt": the job state decides the outcome; the error only explains it.
 */
public interface MigrationOperation {

    /** The migrate call has returned (or thrown). */
    boolean isDone();

    /** The error the migrate call ended with, if any. */
    Optional<String> failure();
}
