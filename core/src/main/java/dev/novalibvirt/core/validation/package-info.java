/**
 * Checks for values that arrive from callers, configuration files and peers ({@link
 * dev.novalibvirt.core.validation.Checks}), and the one way values are quoted in exception messages ({@link
 * dev.novalibvirt.core.validation.SafeText}): never a secret, never a control character, never more than a line. JSON
 * documents from peers are read by {@link dev.novalibvirt.core.validation.StrictJson}.
 */
package dev.novalibvirt.core.validation;
