/**
 * Draining a host: {@link dev.novalibvirt.migration.drain.HostDrain} live-migrates a list of guests off one host,
 * one {@code LiveMigrationTask} each, under a per-source cap (Nova's {@code max_concurrent_live_migrations}), a
 * per-cluster cap (KubeVirt's {@code parallelMigrationsPerCluster}) and an optional per-destination inbound cap,
 * with progress per guest and in all, abort of the whole drain, and a typed result per guest.
 */
package dev.novalibvirt.migration.drain;
