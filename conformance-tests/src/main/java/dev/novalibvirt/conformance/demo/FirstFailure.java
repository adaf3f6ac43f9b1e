package dev.novalibvirt.conformance.demo;

import java.util.function.Supplier;

/**
 * A run's steps and its cleanup steps, each run even when an earlier one threw; {@link #rethrow} throws the first
 * failure with every later one added to it as suppressed. A plain {@code try/finally} would let a cleanup's failure
 * replace the run's own, the one that says what went wrong.
 */
final class FirstFailure {
    private Throwable first;

    /** Runs {@code step}; its failure is kept. */
    void run(Runnable step) {
        call(() -> {
            step.run();
            return null;
        });
    }

    /** {@code step}'s value, or null when it threw (its failure is kept). */
    <T> T call(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            failed(e);
            return null;
        }
    }

    /** Keeps {@code e}: the first failure, or suppressed on it. */
    void failed(Throwable e) {
        if (first == null) {
            first = e;
        } else if (first != e) {
            first.addSuppressed(e);
        }
    }

    /** Throws the first failure kept, if any. */
    void rethrow() {
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
