/**
 * The live-migration monitor as pure logic: Nova's {@code _live_migration_monitor} loop
 * ({@link dev.novalibvirt.migration.monitor.LiveMigrationMonitor}), its downtime steps
 * ({@link dev.novalibvirt.migration.monitor.DowntimeSchedule}), completion timeout, force-complete and abort,
 * the post-copy/auto-converge rules ({@link dev.novalibvirt.migration.monitor.MigrationFeatures}), progress events
 * ({@link dev.novalibvirt.migration.monitor.MigrationListener}) and our opt-in
 * {@link dev.novalibvirt.migration.monitor.ConvergencePolicy}. libvirt is reached only through
 * {@link dev.novalibvirt.migration.monitor.MigrationGuest}; {@code dev.novalibvirt.libvirt.monitor} implements it.
 */
package dev.novalibvirt.migration.monitor;
