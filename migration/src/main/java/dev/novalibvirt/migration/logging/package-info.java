/** Log context of live migrations: the SLF4J MDC keys and their propagation onto the threads a migration uses. */
package dev.novalibvirt.migration.logging;
