package dev.novalibvirt.rpc.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.rpc.MalformedMessage;

/**
 * Which of the live-migration callbacks the agent's driver called, and with what: the report of the
 * {@code live_migration} cast. The agent records it with {@link #recorder()} and sends it; the caller
 * {@link #deliver}s it to its own callbacks, so exactly one runs, once, on the thread that called
 * {@code liveMigration}, as the contract says.
 *
 * @param callback {@code post_method} or {@code recover_method}
 * @param status   the recover callback's status, null for post
 */
record MigrationOutcome(String callback, String dest, boolean blockMigration, LibvirtLiveMigrateData migrateData,
                        MigrationStatus status) {
    static final String POST = "post_method";
    static final String RECOVER = "recover_method";

    JsonNode toJson() {
        Args a = Args.build().put("callback", callback).put("dest", dest);
        if (POST.equals(callback)) {
            a.put("block_migration", blockMigration);
        }
        a.put("migrate_data", migrateData);
        if (RECOVER.equals(callback)) {
            a.put("migration_status", status);
        }
        return a.json();
    }

    static MigrationOutcome fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedMessage("the live_migration report has no outcome");
        }
        Args a = Args.read((ObjectNode) node);
        String callback = a.text("callback");
        LibvirtLiveMigrateData md = a.get("migrate_data", LibvirtLiveMigrateData.class);
        return switch (callback) {
            case POST -> new MigrationOutcome(POST, a.text("dest"), a.bool("block_migration"), md, null);
            case RECOVER -> new MigrationOutcome(RECOVER, a.text("dest"), false, md,
                    a.required("migration_status", MigrationStatus.class));
            default -> throw new MalformedMessage("the live_migration report names no known callback");
        };
    }

    void deliver(Instance instance, LiveMigrationCallbacks callbacks) {
        if (POST.equals(callback)) {
            callbacks.postMethod(instance, dest, blockMigration, migrateData);
        } else {
            callbacks.recoverMethod(instance, dest, migrateData, status);
        }
    }

    /** Callbacks for the agent's driver that remember the one call it makes. */
    static final class Recorder implements LiveMigrationCallbacks {
        private MigrationOutcome outcome;

        @Override
        public synchronized void postMethod(Instance instance, String dest, boolean blockMigration,
                                            LibvirtLiveMigrateData migrateData) {
            record(new MigrationOutcome(POST, dest, blockMigration, migrateData, null));
        }

        @Override
        public synchronized void recoverMethod(Instance instance, String dest, LibvirtLiveMigrateData migrateData,
                                               MigrationStatus status) {
            record(new MigrationOutcome(RECOVER, dest, false, migrateData, status));
        }

        private void record(MigrationOutcome o) {
            if (outcome != null) {
                throw new MigrationError("the driver called a second live-migration callback");
            }
            outcome = o;
        }

        /** The outcome; a driver that returned without calling back broke the contract. */
        synchronized MigrationOutcome outcome() {
            if (outcome == null) {
                throw new MigrationError("live_migration returned without calling post_method or recover_method");
            }
            return outcome;
        }
    }

    static Recorder recorder() {
        return new Recorder();
    }
}
