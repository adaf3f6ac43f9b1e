package dev.novalibvirt.migration.monitor;

import java.util.Optional;

/** The migrate call's thread, as the test sets it. */
final class FakeOperation implements MigrationOperation {
    boolean done;
    String failure;

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
