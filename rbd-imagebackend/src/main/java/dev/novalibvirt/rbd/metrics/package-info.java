/**
 * Meters of RBD operations and fencing behind {@link dev.novalibvirt.rbd.metrics.RbdMetrics}: none by default,
 * Micrometer (an optional dependency) when the embedder passes a registry.
 */
package dev.novalibvirt.rbd.metrics;
