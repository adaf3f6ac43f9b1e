/**
 * Meters of live migrations behind {@link dev.novalibvirt.migration.metrics.MigrationMetrics}: none by default,
 * Micrometer (an optional dependency) when the embedder passes a registry.
 */
package dev.novalibvirt.migration.metrics;
