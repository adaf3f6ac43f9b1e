/**
 * Live-migration logic without a daemon: flags and URIs, the destination XML rewriters, the job monitor and the
 * {@code LiveMigrationTask} orchestrator with its journal and recovery.
 */
// "requires-automatic": Guava has no module descriptor, only a stable Automatic-Module-Name (com.google.common).
// "module": the qualified export names libvirt-driver, which is built after this module.
@SuppressWarnings({"requires-automatic", "module"})
module dev.novalibvirt.migration {
    requires transitive dev.novalibvirt.core;
    requires com.google.common;
    // PhaseTimer takes the caller's SLF4J logger, so its lines carry the caller's name and level
    requires transitive org.slf4j;
    // optional: only MigrationMetrics.micrometer(registry) touches it (an embedder passing one has it)
    requires static micrometer.core;

    exports dev.novalibvirt.migration.task;
    exports dev.novalibvirt.migration.drain;
    exports dev.novalibvirt.migration.evacuate;
    exports dev.novalibvirt.migration.task.journal;
    exports dev.novalibvirt.migration.task.truth;
    exports dev.novalibvirt.migration.monitor;
    exports dev.novalibvirt.migration.xml;
    exports dev.novalibvirt.migration.volume;
    exports dev.novalibvirt.migration.uri;
    exports dev.novalibvirt.migration.metrics;
    exports dev.novalibvirt.migration.logging;
    // VIR_MIGRATE_* bits as Nova computes them: what the driver passes to libvirt, not an embedder's concern.
    exports dev.novalibvirt.migration.flags to dev.novalibvirt.libvirt;
}
