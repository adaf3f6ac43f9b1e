package dev.novalibvirt.migration.monitor;

/**
 * One step of the allowed-downtime schedule: from {@code afterSeconds} of migration on, the maximum downtime is
 * {@code downtimeMs}. One tuple of Nova's {@code migration.downtime_steps()}.
 */
public record DowntimeStep(long afterSeconds, int downtimeMs) {
}
