/**
 * Checks for values that arrive from callers, configuration files and peers ({@link
 * dev.novalibvirt.core.validation.Checks}), and the one way values are quoted in exception messages ({@link
 * dev.novalibvirt.core.validation.SafeText}): never a secret, never a control character, never more than a line.
 */
package dev.novalibvirt.core.validation;
